import { formatBeijingShort } from './time';

describe('formatBeijingShort', () => {
  it('shows the Beijing wall clock for an instant given in UTC', () => {
    expect(formatBeijingShort('2026-11-28T17:05:00.000Z')).toBe('11-29 01:05');
  });

  it('keeps an instant already written in +08:00', () => {
    expect(formatBeijingShort('2026-03-01T09:30:00.000+08:00')).toBe('03-01 09:30');
  });

  it('shows nothing for an unreadable time', () => {
    expect(formatBeijingShort('not a time')).toBe('');
  });
});
