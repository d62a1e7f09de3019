import type { Person } from '../typings/org';
import { startTestCloud, type TestCloud } from './support/cloud';
import { newDraft } from './post-helpers';
import { WHO, fire, notices } from './security-helpers';
import { key, ok, refusal } from './support/answers';

jest.setTimeout(60_000);

const person = (t: TestCloud, id: string): Person => t.cloud.db.get('people', id) as unknown as Person;

describe('training sessions and the yearly requirement (第三十五条)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-09-30T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('a newcomer is refused until a session records them as trained; then they may run their account', async () => {
    // Before: the newcomer may not screen drafts, nor be made an account's operator (第三十五条).
    const check = { text: '测试', accountKind: 'institutional' as const };
    expect(await refusal(t.call('screen', 'check', check as never, WHO.untrained))).toBe('TRAINING_REQUIRED');
    const account = t.cloud.db.get('accounts', 'acc-cs-weibo') as unknown as { rev: number };
    const assign = {
      accountId: 'acc-cs-weibo',
      expectedRev: account.rev,
      operatorA: 'p-cs-operator-a',
      operatorB: 'p-cs-untrained',
    };
    expect(await refusal(t.call('org', 'setOperators', assign, 'demo-admin'))).toBe('ACCOUNT_INVALID');

    const session = await ok(
      t.call(
        'training',
        'sessionCreate',
        {
          unitId: 'u-cs',
          requestKey: key(),
          course: '新媒体运营与信息安全',
          date: '2026-09-29',
          issuer: '长沙市公安局政治部宣传处',
          hours: 8,
        },
        'demo-city-propaganda',
      ),
    );
    expect(session).toMatchObject({ course: '新媒体运营与信息安全', hours: 8, attended: 0, unitName: '长沙市公安局' });

    // One bulk record: the newcomer passed, the B operator attended without passing.
    const recorded = await ok(
      t.call(
        'training',
        'recordAttendance',
        {
          sessionId: session.id,
          entries: [
            { personId: 'p-cs-untrained', completed: true },
            { personId: 'p-cs-operator-b', completed: false },
            { personId: 'p-ly-operator', completed: true },
          ],
        },
        'demo-city-propaganda',
      ),
    );
    expect(recorded).toMatchObject({ recorded: 3, session: { attended: 3, completed: 2 } });
    const newcomer = person(t, 'p-cs-untrained');
    expect(newcomer.trainings.find((r) => r.sessionId === session.id)).toMatchObject({ completed: true, hours: 8 });

    // Re-recording corrects and never doubles.
    const again = await ok(
      t.call(
        'training',
        'recordAttendance',
        { sessionId: session.id, entries: [{ personId: 'p-cs-operator-b', completed: true }] },
        'demo-city-propaganda',
      ),
    );
    expect(again.session).toMatchObject({ attended: 3, completed: 3 });
    expect(person(t, 'p-cs-operator-b').trainings.filter((r) => r.sessionId === session.id)).toHaveLength(1);

    const detail = await ok(t.call('training', 'session', { sessionId: session.id }, WHO.leader));
    expect(detail.attendance.map((a) => [a.name, a.completed])).toEqual(
      expect.arrayContaining([
        ['马超', true],
        ['李娜', true],
        ['郑洁', true],
      ]),
    );
    expect(detail.canRecord).toBe(false);

    // 第三十五条 rule, now fed by the session: 马超 is trained.
    const me = await ok(t.call('org', 'me', {}, WHO.untrained));
    expect(me.person.trained).toBe(true);
    expect((await t.call('screen', 'check', check as never, WHO.untrained)).ok).toBe(true);
    await ok(t.call('org', 'setOperators', assign, 'demo-admin'));
    const draft = await newDraft(t, WHO.untrained, 'acc-cs-weibo');
    expect(draft.state).toBe('draft');
  });

  it('refuses bad attendance without changing anything: a person out of reach, a duplicate, an unknown person', async () => {
    const session = await ok(
      t.call(
        'training',
        'sessionCreate',
        {
          unitId: 'u-ly',
          requestKey: key(),
          course: '浏阳新媒体培训',
          date: '2026-09-28',
          issuer: '浏阳市公安局政工宣传室',
          hours: 4,
        },
        'demo-city-propaganda',
      ),
    );
    // A county admin is not there: the city desk reaches 浏阳, not the other way round.
    const before = person(t, 'p-cs-reviewer').rev;
    const out = await t.call(
      'training',
      'recordAttendance',
      {
        sessionId: session.id,
        entries: [
          { personId: 'p-ly-reviewer', completed: true },
          { personId: 'p-hn-leader', completed: true },
        ],
      },
      'demo-city-propaganda',
    );
    expect(out).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    expect(person(t, 'p-ly-reviewer').trainings.some((r) => r.sessionId === session.id)).toBe(false);
    const dup = await t.call(
      'training',
      'recordAttendance',
      {
        sessionId: session.id,
        entries: [
          { personId: 'p-ly-reviewer', completed: true },
          { personId: 'p-ly-reviewer', completed: false },
        ],
      },
      'demo-city-propaganda',
    );
    expect(dup).toMatchObject({ ok: false, error: { code: 'ATTENDANCE_INVALID' } });
    expect(
      await refusal(
        t.call(
          'training',
          'recordAttendance',
          { sessionId: session.id, entries: [{ personId: 'nobody', completed: true }] },
          'demo-city-propaganda',
        ),
      ),
    ).toBe('ATTENDANCE_INVALID');
    expect(person(t, 'p-cs-reviewer').rev).toBe(before);
    // A session in the future is not a held session.
    expect(
      await refusal(
        t.call(
          'training',
          'sessionCreate',
          { unitId: 'u-cs', requestKey: key(), course: 'x', date: '2026-10-09', issuer: 'y', hours: 2 },
          'demo-city-propaganda',
        ),
      ),
    ).toBe('SESSION_INVALID');
    // An operator does not organise training.
    expect(
      await refusal(
        t.call(
          'training',
          'sessionCreate',
          { unitId: 'u-cs', requestKey: key(), course: 'x', date: '2026-09-01', issuer: 'y', hours: 2 },
          WHO.opA,
        ),
      ),
    ).toBe('ROLE_REQUIRED');
  });

  it('a person sees their own history; the yearly shortfall lists accounts and people, and they are reminded on the set days', async () => {
    const mine = await ok(t.call('training', 'history', { personId: 'p-cs-untrained' }, WHO.untrained));
    expect(mine).toMatchObject({ trained: true, year: 2026, hoursThisYear: 8, requiredHours: 12 });
    expect(await refusal(t.call('training', 'history', { personId: 'p-cs-operator-a' }, WHO.untrained))).toBe(
      'NOT_SELF',
    );

    const short = await ok(t.call('training', 'shortfall', { unitId: 'u-cs' }, 'demo-city-propaganda'));
    const weibo = short.items.find((a) => a.accountId === 'acc-cs-weibo');
    expect(weibo?.short.map((p) => [p.name, p.hours])).toEqual(
      expect.arrayContaining([
        ['王明', 0],
        ['马超', 8],
        ['张伟', 0],
      ]),
    );

    // 10-01 is a reminder day of the default policy: each short person once, their units' responsible person once.
    await t.setNow('2026-10-01T08:00:00+08:00');
    const run = await fire<{ training: { done: boolean; reminded: number } }>(t, 'securityMinute');
    expect(run.training.done).toBe(true);
    expect(notices(t, 'trainingReminder', 'p-cs-operator-a').map((n) => n.title)).toEqual(['2026年度培训学时不足']);
    expect(notices(t, 'trainingReminder', 'p-cs-propaganda').map((n) => n.title)).toContain('2026年度培训学时不足人员');
    const count = t.cloud.db.find('notifications', { kind: 'trainingReminder' }).length;
    await fire(t, 'securityMinute');
    expect(t.cloud.db.find('notifications', { kind: 'trainingReminder' })).toHaveLength(count);
  });
});
