import { monthOfTime, monthText, shiftMonth, timeText } from './labels';

describe('evaluation page words', () => {
  it('takes the Beijing month whatever the phone’s zone', () => {
    expect(monthOfTime(Date.parse('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthText('2026-03')).toBe('2026年3月');
    expect(timeText('2026-04-07T23:59:59.999+08:00')).toBe('2026-04-07 23:59');
  });
});
