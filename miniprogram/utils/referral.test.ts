import { beijingInput, countdown, parseBeijingInput } from './referral';

describe('referral page helpers', () => {
  it('counts down in days, hours and minutes, and counts up once overdue', () => {
    const now = '2026-03-10T20:00:00.000+08:00';
    expect(countdown('2026-03-12T23:59:59.999+08:00', now)).toBe('剩余2天3小时');
    expect(countdown('2026-03-10T20:30:00.000+08:00', now)).toBe('剩余30分钟');
    expect(countdown('2026-03-10T20:00:10.000+08:00', now)).toBe('剩余1分钟');
    expect(countdown('2026-03-09T20:00:00.000+08:00', now)).toBe('已逾期1天');
  });

  it('reads and writes Beijing wall-clock times whatever the phone’s zone', () => {
    expect(beijingInput(Date.parse('2026-03-10T16:30:00Z'))).toBe('2026-03-11 00:30');
    expect(parseBeijingInput(' 2026-03-11 00:30 ')).toBe('2026-03-11T00:30:00+08:00');
    expect(parseBeijingInput('2026-02-30 10:00')).toBeNull();
    expect(parseBeijingInput('2026-3-1 10:00')).toBeNull();
  });
});
