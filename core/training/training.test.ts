import type { Person } from '../../typings/org';
import {
  accountStaff,
  attendanceOf,
  countAttendance,
  hoursInYear,
  newSession,
  sessionProblem,
  withSessionRecord,
} from './training';

const NOW = Date.parse('2026-09-30T10:00:00+08:00');
const input = { course: '新媒体运营', date: '2026-09-29', issuer: '长沙市公安局政治部宣传处', hours: 8 };
const person = { _id: 'p', unitId: 'u', trainings: [], updatedAt: '', rev: 1 } as unknown as Person;

describe('training (第三十五条)', () => {
  it('a session is recorded once held, with whole or half hours', () => {
    expect(sessionProblem(input, NOW)).toBeNull();
    expect(sessionProblem({ ...input, date: '2026-10-01' }, NOW)?.code).toBe('SESSION_INVALID');
    expect(sessionProblem({ ...input, hours: 0.3 }, NOW)?.code).toBe('SESSION_INVALID');
    expect(sessionProblem({ ...input, course: ' ' }, NOW)?.code).toBe('SESSION_INVALID');
  });

  it('attendance writes one record per session onto the person, counted towards the year', () => {
    const s = newSession('s1', input, { unitId: 'u', unitPath: ['u'] }, 'org', NOW);
    const first = withSessionRecord(person, s, false, NOW);
    const corrected = withSessionRecord(first, s, true, NOW);
    expect(corrected.trainings).toEqual([
      {
        course: '新媒体运营',
        date: '2026-09-29',
        issuer: '长沙市公安局政治部宣传处',
        completed: true,
        hours: 8,
        sessionId: 's1',
      },
    ]);
    expect(hoursInYear(corrected, 2026)).toBe(8);
    expect(hoursInYear(first, 2026)).toBe(0);
    expect(hoursInYear(corrected, 2025)).toBe(0);
    const a1 = attendanceOf(s, person, false, 'org', NOW);
    const c1 = countAttendance(s, null, a1, NOW);
    const c2 = countAttendance(c1, a1, { ...a1, completed: true }, NOW);
    expect([c1.attended, c1.completed, c2.attended, c2.completed]).toEqual([1, 0, 1, 1]);
  });

  it('the staff an account requirement covers', () => {
    expect(
      accountStaff({ operatorA: 'a', operatorB: null, ownerId: 'a', kind: 'personal', reviewerIds: ['r', 'a'] }),
    ).toEqual(['a', 'r']);
  });
});
