import type { AccountSecurity, SecuritySettings } from '../../typings/security';
import { toBeijingIso } from '../time';
import { DEFAULT_SECURITY_POLICY, policyProblem } from './policy';
import {
  afterReminder,
  attestRotation,
  credentialHolders,
  daysLeft,
  declareSettings,
  dueStage,
  enrolSecurity,
  nextStage,
  rotationStatus,
  setRotationDays,
  syncSecurity,
  type SecurityContext,
} from './rotation';

const at = (iso: string): number => Date.parse(iso);
const ctx = (iso: string): SecurityContext => ({ now: at(iso), policy: DEFAULT_SECURITY_POLICY, policyRev: 0 });
const account = {
  _id: 'acc',
  unitId: 'u-cs',
  state: 'active' as const,
  kind: 'institutional' as const,
  operatorA: 'a',
  operatorB: 'b',
  ownerId: null,
};
const people = (holders: string[]) => ({ holders, named: holders });
const enrolled = (): AccountSecurity => ({
  ...enrolSecurity(account, ['u-hn', 'u-cs'], people(['a', 'b']), ctx('2026-11-28T09:00:00+08:00')),
  rev: 1,
});
const settings = (over: Partial<SecuritySettings> = {}): SecuritySettings => ({
  boundPhone: 'unitPhone',
  boundPhoneHolderId: null,
  boundPhoneTail: '0731',
  twoStepVerification: true,
  loginProtection: true,
  adminWechatHolderId: null,
  ...over,
});

describe('rotation due dates (第三十三条)', () => {
  it('a first-seen account is due at the end of the day firstRecordDays later; an attestation restarts the period', () => {
    const s = enrolled();
    expect(s).toMatchObject({ dueAt: '2026-12-05T23:59:59.999+08:00', dueReason: 'firstRecord', holders: ['a', 'b'] });
    // The first reminder: 7 days before due.
    expect(s.remindAt).toBe('2026-11-28T23:59:59.999+08:00');
    const done = attestRotation(
      s,
      '2026-11-28T08:00:00+08:00',
      people(['a', 'b']),
      'att-1',
      ctx('2026-11-28T09:00:00+08:00'),
    );
    if (!('next' in done)) throw done;
    expect(done.next).toMatchObject({
      dueAt: '2027-02-26T23:59:59.999+08:00',
      dueReason: 'routine',
      lastRotatedAt: '2026-11-28T08:00:00.000+08:00',
    });
    expect(done).toMatchObject({ reason: 'firstRecord', late: false });
  });

  it('refuses a change in the future, before the last one, or before the people changed', () => {
    const s = enrolled();
    const future = attestRotation(
      s,
      '2026-11-29T08:00:00+08:00',
      people(['a', 'b']),
      'x',
      ctx('2026-11-28T09:00:00+08:00'),
    );
    expect(future).toMatchObject({ code: 'TIME_IN_FUTURE' });
    const first = attestRotation(
      s,
      '2026-11-28T08:00:00+08:00',
      people(['a', 'b']),
      'x',
      ctx('2026-11-28T09:00:00+08:00'),
    );
    if (!('next' in first)) throw first;
    expect(
      attestRotation(
        first.next,
        '2026-11-28T07:00:00+08:00',
        people(['a', 'b']),
        'y',
        ctx('2026-11-28T09:00:00+08:00'),
      ),
    ).toMatchObject({
      code: 'CHANGE_BEFORE_LAST',
    });
    const changed = syncSecurity(
      first.next,
      account,
      ['u-hn', 'u-cs'],
      people(['a', 'c']),
      ctx('2026-12-01T10:00:00+08:00'),
    );
    if (!changed) throw new Error('no change');
    expect(changed.holderChange).toMatchObject({
      left: ['b'],
      joined: ['c'],
      since: '2026-12-01T10:00:00.000+08:00',
      dueAt: '2026-12-04T23:59:59.999+08:00',
    });
    expect(changed).toMatchObject({ dueReason: 'holdersChanged', dueAt: '2026-12-04T23:59:59.999+08:00' });
    expect(
      attestRotation(changed, '2026-12-01T09:00:00+08:00', people(['a', 'c']), 'z', ctx('2026-12-01T11:00:00+08:00')),
    ).toMatchObject({
      code: 'CHANGE_BEFORE_HOLDER_CHANGE',
    });
    const after = attestRotation(
      changed,
      '2026-12-01T10:30:00+08:00',
      people(['a', 'c']),
      'z',
      ctx('2026-12-01T11:00:00+08:00'),
    );
    expect(after).toMatchObject({
      next: { holderChange: null, holders: ['a', 'c'], dueReason: 'routine' },
      reason: 'holdersChanged',
    });
  });

  it('a change back does not undo a holder change; a sync with nothing new writes nothing', () => {
    const s = enrolled();
    const away = syncSecurity(s, account, ['u-hn', 'u-cs'], people(['a']), ctx('2026-12-01T10:00:00+08:00'));
    if (!away) throw new Error('no change');
    const back = syncSecurity(away, account, ['u-hn', 'u-cs'], people(['a', 'b']), ctx('2026-12-01T11:00:00+08:00'));
    // b was gone meanwhile: the change stands (the record itself is unchanged, so nothing is written).
    expect(back).toBeNull();
    expect(syncSecurity(s, account, ['u-hn', 'u-cs'], people(['a', 'b']), ctx('2026-12-01T10:00:00+08:00'))).toBeNull();
    const closed = syncSecurity(
      s,
      { ...account, state: 'closed' },
      ['u-hn', 'u-cs'],
      people(['a', 'b']),
      ctx('2026-12-01T10:00:00+08:00'),
    );
    expect(closed).toMatchObject({ tracked: false, remindAt: null });
  });

  it('holders are the active A, B, owner and the people whose phone and WeChat administer the account', () => {
    const active = (id: string): boolean => id !== 'gone';
    expect(
      credentialHolders(
        account,
        settings({ boundPhone: 'personalPhone', boundPhoneHolderId: 'p', adminWechatHolderId: 'gone' }),
        active,
      ),
    ).toEqual(['a', 'b', 'p']);
    expect(
      declareSettings(
        enrolled(),
        settings({ boundPhone: 'personalPhone' }),
        people(['a', 'b']),
        ctx('2026-11-28T10:00:00+08:00'),
      ),
    ).toMatchObject({
      code: 'SETTINGS_INVALID',
    });
    expect(
      declareSettings(
        enrolled(),
        settings({ boundPhoneTail: '12345' }),
        people(['a', 'b']),
        ctx('2026-11-28T10:00:00+08:00'),
      ),
    ).toMatchObject({
      code: 'SETTINGS_INVALID',
    });
    const withAdmin = declareSettings(
      enrolled(),
      settings({ adminWechatHolderId: 'w' }),
      people(['a', 'b', 'w']),
      ctx('2026-11-28T10:00:00+08:00'),
    );
    expect(withAdmin).toMatchObject({ holderChange: { joined: ['w'] } });
  });

  it('an account period of its own, within bounds', () => {
    expect(setRotationDays(enrolled(), 3, ctx('2026-11-28T10:00:00+08:00'))).toMatchObject({
      code: 'ROTATION_DAYS_INVALID',
    });
    const first = attestRotation(
      enrolled(),
      '2026-11-28T08:00:00+08:00',
      people(['a', 'b']),
      'x',
      ctx('2026-11-28T09:00:00+08:00'),
    );
    if (!('next' in first)) throw first;
    expect(setRotationDays(first.next, 30, ctx('2026-11-28T10:00:00+08:00'))).toMatchObject({
      dueAt: '2026-12-28T23:59:59.999+08:00',
    });
  });
});

describe('rotation reminder stages', () => {
  const due = at('2026-12-05T23:59:59.999+08:00');
  const p = DEFAULT_SECURITY_POLICY;
  it('dueSoon, overdue, escalated, then escalated every repeat', () => {
    const stages: string[] = [];
    let after: number | null = null;
    for (let i = 0; i < 5; i++) {
      const s = nextStage(due, p, after);
      stages.push(`${s.stage}@${toBeijingIso(s.at).slice(0, 10)}`);
      after = s.at;
    }
    expect(stages).toEqual([
      'dueSoon@2026-11-28',
      'overdue@2026-12-05',
      'escalated@2026-12-08',
      'escalated@2026-12-15',
      'escalated@2026-12-22',
    ]);
    // Far behind: jumps to the repeat after, never replays the missed ones.
    expect(toBeijingIso(nextStage(due, p, at('2027-06-01T00:00:00+08:00')).at).slice(0, 10)).toBe('2027-06-01');
  });

  it('only the latest missed stage is due; after it, the next is planned', () => {
    expect(dueStage(due, p, null, at('2026-11-27T00:00:00+08:00'))).toBeNull();
    const late = dueStage(due, p, null, at('2026-12-10T00:00:00+08:00'));
    expect(late?.stage).toBe('escalated');
    const s = { ...enrolled(), dueAt: toBeijingIso(due) };
    if (!late) throw new Error('none');
    const next = afterReminder(s, late, p);
    expect(next.remindAt?.slice(0, 10)).toBe('2026-12-15');
    expect(dueStage(due, p, late.at, at('2026-12-10T00:00:00+08:00'))).toBeNull();
  });

  it('status and days left, in Beijing days', () => {
    expect(rotationStatus('2026-12-05T23:59:59.999+08:00', p, at('2026-11-20T10:00:00+08:00'))).toBe('ok');
    expect(rotationStatus('2026-12-05T23:59:59.999+08:00', p, at('2026-11-30T10:00:00+08:00'))).toBe('dueSoon');
    expect(rotationStatus('2026-12-05T23:59:59.999+08:00', p, at('2026-12-06T00:00:00+08:00'))).toBe('overdue');
    expect(daysLeft('2026-12-05T23:59:59.999+08:00', at('2026-12-01T23:30:00+08:00'))).toBe(4);
    expect(daysLeft('2026-12-05T23:59:59.999+08:00', at('2026-12-07T01:00:00+08:00'))).toBe(-2);
  });
});

describe('the province policy', () => {
  it('refuses what cannot work, in one message', () => {
    expect(policyProblem(DEFAULT_SECURITY_POLICY)).toBeNull();
    const bad = policyProblem({
      ...DEFAULT_SECURITY_POLICY,
      rotationDays: 5,
      trainingReminderDays: ['13-01'],
      trainingHoursPerYear: 1.3,
    });
    expect(bad?.code).toBe('POLICY_INVALID');
    expect(bad?.message).toContain('密码更换周期须为 7 至 365 天');
    expect(bad?.message).toContain('培训提醒日期格式为 MM-DD');
  });
});
