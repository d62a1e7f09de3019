import type { AccountSecurity, SecurityAttestation } from '../typings/security';
import type { AuditEntry } from '../typings/org';
import { startTestCloud, type TestCloud } from './support/cloud';
import { WHO, fire, notices } from './security-helpers';
import { key, ok, refusal } from './support/answers';

jest.setTimeout(60_000);

const DAY = 24 * 60 * 60 * 1000;
const stored = (t: TestCloud, id: string): AccountSecurity =>
  t.cloud.db.get('accountSecurity', id) as unknown as AccountSecurity;
const attestations = (t: TestCloud, accountId: string): SecurityAttestation[] =>
  t.cloud.db.find('securityAttestations', { accountId }) as unknown as SecurityAttestation[];

describe('password rotation kept as attested facts (第三十三条)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('an account first seen is due within the first-record days; the operator attests and the clock restarts', async () => {
    const before = await ok(t.call('security', 'status', { accountId: 'acc-cs-weibo' }, WHO.opA));
    expect(before).toMatchObject({
      accountName: '长沙警事',
      dueReason: 'firstRecord',
      dueAt: '2026-12-05T23:59:59.999+08:00',
      status: 'ok',
      rotationDays: 90,
      lastRotatedAt: null,
      canAttest: true,
      canSetPeriod: false,
      rev: 0,
    });
    expect(before.holders.map((h) => h.name).sort()).toEqual(['李娜', '王明'].sort());

    const after = await ok(
      t.call(
        'security',
        'attest',
        { accountId: 'acc-cs-weibo', expectedRev: 0, requestKey: key(), changedAt: '2026-11-28T08:30:00+08:00' },
        WHO.opA,
      ),
    );
    expect(after).toMatchObject({
      dueReason: 'routine',
      lastRotatedAt: '2026-11-28T08:30:00.000+08:00',
      dueAt: '2027-02-26T23:59:59.999+08:00',
      status: 'ok',
      rev: 1,
    });
    const history = await ok(t.call('security', 'history', { accountId: 'acc-cs-weibo' }, WHO.reviewer));
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ kind: 'passwordChanged', recordedBy: { name: '王明' }, late: false });
    const audit = t.cloud.db.find('auditLog', { action: 'security.attest' }) as unknown as AuditEntry[];
    expect(audit).toHaveLength(1);
  });

  it('two attestations at once make one record; a retried request gives back the same', async () => {
    const accountId = 'acc-cs-wechat-sub';
    const requestKey = key();
    const body = { accountId, expectedRev: 0, requestKey, changedAt: '2026-11-28T08:00:00+08:00' };
    const [a, b] = await Promise.all([
      t.call('security', 'attest', body, WHO.opA),
      t.call('security', 'attest', { ...body, requestKey: key() }, WHO.opB),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const lost = a.ok ? b : a;
    expect(lost).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(attestations(t, accountId)).toHaveLength(1);

    const retried = await t.call('security', 'attest', body, WHO.opA);
    expect(retried.ok).toBe(true);
    expect(attestations(t, accountId)).toHaveLength(1);
  });

  it('refuses an attestation for an account the caller does not operate, in the future, or before the last one', async () => {
    const body = {
      accountId: 'acc-cs-weibo',
      expectedRev: 1,
      requestKey: key(),
      changedAt: '2026-11-28T08:45:00+08:00',
    };
    // An operator of the unit who is not this account's A or B; a reviewer; another bureau's operator.
    expect(await refusal(t.call('security', 'attest', body, WHO.untrained))).toBe('NOT_ACCOUNT_OPERATOR');
    expect(await refusal(t.call('security', 'attest', body, WHO.reviewer))).toBe('ROLE_REQUIRED');
    expect(await refusal(t.call('security', 'attest', body, WHO.countyOp))).toBe('OUT_OF_SCOPE');
    expect(
      await refusal(t.call('security', 'attest', { ...body, changedAt: '2026-11-29T08:00:00+08:00' }, WHO.opA)),
    ).toBe('TIME_IN_FUTURE');
    expect(
      await refusal(t.call('security', 'attest', { ...body, changedAt: '2026-11-28T08:00:00+08:00' }, WHO.opA)),
    ).toBe('CHANGE_BEFORE_LAST');
    expect(await refusal(t.call('security', 'attest', { ...body, changedAt: '昨天' }, WHO.opA))).toBe('TIME_INVALID');
    expect(attestations(t, 'acc-cs-weibo')).toHaveLength(1);
    expect(stored(t, 'acc-cs-weibo').rev).toBe(1);
  });

  it('refuses anything that looks like a password, at any depth of any function, and changes nothing', async () => {
    const settings = {
      boundPhone: 'unitPhone',
      boundPhoneHolderId: null,
      boundPhoneTail: '1234',
      twoStepVerification: true,
      loginProtection: true,
      adminWechatHolderId: 'p-cs-operator-a',
    };
    const keyed = await t.post(
      'security',
      {
        action: 'declareSettings',
        accountId: 'acc-cs-weibo',
        expectedRev: 1,
        settings: { ...settings, loginPwd: 'x' },
      },
      WHO.opA,
    );
    expect(keyed.body).toEqual({
      ok: false,
      error: {
        code: 'PASSWORD_FORBIDDEN',
        message: '系统不保存新媒体平台账号密码，请删除字段：settings.loginPwd（第三十三条）',
      },
    });
    const stated = await t.post(
      'security',
      {
        action: 'attest',
        accountId: 'acc-cs-weibo',
        expectedRev: 1,
        requestKey: key(),
        changedAt: '2026-11-28T08:50:00+08:00',
        note: '新密码：Abc@12345',
      },
      WHO.opA,
    );
    expect(stated.body).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_FORBIDDEN', message: expect.stringContaining('note') },
    });
    // Every other function's edge too: a post, a message.
    const inPost = await t.post(
      'post',
      {
        action: 'draftSave',
        accountId: 'acc-cs-weibo',
        clientKey: key(),
        content: { title: 't', text: '账号 password=hunter2x', images: [], kind: 'original', source: null },
        nature: 'official',
        declaredLevel: 'ordinary',
        sourceVerified: false,
        plannedAt: null,
      },
      WHO.opA,
    );
    expect(inPost.body).toMatchObject({ ok: false, error: { code: 'PASSWORD_FORBIDDEN' } });
    const inMessage = await t.post(
      'referral',
      { action: 'messageRecord', accountId: 'acc-cs-weibo', pasted: '网友：x', secret: 'y' },
      WHO.opA,
    );
    expect(inMessage.body).toMatchObject({ ok: false, error: { code: 'PASSWORD_FORBIDDEN' } });
    // Words about passwords are not passwords.
    const fine = await ok(
      t.call(
        'security',
        'declareSettings',
        {
          accountId: 'acc-cs-weibo',
          expectedRev: 1,
          settings: settings as never,
          note: '已开启登录保护，密码是否过弱已自查',
        },
        WHO.opA,
      ),
    );
    expect(fine.settings).toMatchObject({
      boundPhone: 'unitPhone',
      boundPhoneTail: '1234',
      adminWechatHolderName: '王明',
    });
    expect(stored(t, 'acc-cs-weibo').rev).toBe(2);
  });

  it('the timer enrols every account once, then follows the audit log: an A/B change starts a short rotation', async () => {
    const first = await fire<{ sync: { enrolled: number } }>(t, 'securityMinute');
    // Two accounts already had records from the actions above; the others are enrolled now.
    expect(first.sync.enrolled).toBe(3);
    expect(t.cloud.db.find('accountSecurity', {})).toHaveLength(5);
    const again = await fire<{ sync: { enrolled: number; written: number } }>(t, 'securityMinute');
    expect(again.sync).toMatchObject({ enrolled: 0, written: 0 });

    // 第十一条 A/B change: 李娜 leaves the B role of 长沙警事 (weibo) to 马超, once trained.
    const person = t.cloud.db.get('people', 'p-cs-untrained') as unknown as { rev: number };
    await ok(
      t.call(
        'org',
        'addTraining',
        {
          personId: 'p-cs-untrained',
          expectedRev: person.rev,
          training: {
            course: '公安新媒体业务培训',
            date: '2026-11-20',
            issuer: '长沙市公安局政治部宣传处',
            completed: true,
          },
        },
        'demo-admin',
      ),
    );
    const account = t.cloud.db.get('accounts', 'acc-cs-weibo') as unknown as { rev: number };
    await ok(
      t.call(
        'org',
        'setOperators',
        {
          accountId: 'acc-cs-weibo',
          expectedRev: account.rev,
          operatorA: 'p-cs-operator-a',
          operatorB: 'p-cs-untrained',
        },
        'demo-admin',
      ),
    );
    const synced = await fire<{ sync: { auditEntries: number; written: number }; rotation: { reminded: number } }>(
      t,
      'securityMinute',
    );
    expect(synced.sync.written).toBe(1);
    const record = stored(t, 'acc-cs-weibo');
    expect(record.holderChange).toMatchObject({
      left: ['p-cs-operator-b'],
      joined: ['p-cs-untrained'],
      dueAt: '2026-12-01T23:59:59.999+08:00',
    });
    expect(record).toMatchObject({ dueReason: 'holdersChanged', dueAt: '2026-12-01T23:59:59.999+08:00' });
    // The short deadline is already within the lead days: the operators hear of it in the same run.
    expect(synced.rotation.reminded).toBeGreaterThanOrEqual(1);
    expect(notices(t, 'rotationReminder', 'p-cs-operator-a').map((n) => n.title)).toContain('密码即将到期：长沙警事');

    // A change made before the people changed does not answer it.
    const view = await ok(t.call('security', 'status', { accountId: 'acc-cs-weibo' }, WHO.opA));
    expect(
      await refusal(
        t.call(
          'security',
          'attest',
          {
            accountId: 'acc-cs-weibo',
            expectedRev: view.rev,
            requestKey: key(),
            changedAt: '2026-11-28T08:55:00+08:00',
          },
          WHO.opA,
        ),
      ),
    ).toBe('CHANGE_BEFORE_HOLDER_CHANGE');
  });

  it('reminds before due, when overdue, then the unit responsible person, each once; the sweep reads only what is due', async () => {
    // The accounts first seen on 11-28 are due 12-05: within the 7 lead days, their operators hear once.
    await t.setNow('2026-11-30T09:00:00+08:00');
    const dueSoon = await fire<{ rotation: { read: number; reminded: number } }>(t, 'securityMinute');
    expect(dueSoon.rotation.read).toBe(dueSoon.rotation.reminded);
    expect(notices(t, 'rotationReminder', 'p-ly-operator').map((n) => n.title)).toEqual(['密码即将到期：浏阳公安']);
    const quiet = await fire<{ rotation: { read: number } }>(t, 'securityMinute');
    expect(quiet.rotation.read).toBe(0);

    await t.setNow('2026-12-02T09:00:00+08:00');
    const overdue = await fire<{ rotation: { read: number; reminded: number } }>(t, 'securityMinute');
    expect(overdue.rotation.reminded).toBeGreaterThanOrEqual(1);
    expect(notices(t, 'rotationReminder', 'p-cs-operator-a').map((n) => n.title)).toContain(
      '密码已逾期未更换：长沙警事',
    );
    const repeat = await fire<{ rotation: { read: number } }>(t, 'securityMinute');
    expect(repeat.rotation.read).toBe(0);

    await t.advance(4 * DAY);
    await fire(t, 'securityMinute');
    // 第二十九条: 长沙市公安局's responsible person (陈静, the city desk) hears of the overdue account.
    const toResponsible = notices(t, 'rotationReminder', 'p-cs-propaganda');
    expect(toResponsible.map((n) => n.title)).toContain('账号密码逾期未更换：长沙警事');
    const count = t.cloud.db.find('notifications', { kind: 'rotationReminder' }).length;
    await fire(t, 'securityMinute');
    expect(t.cloud.db.find('notifications', { kind: 'rotationReminder' })).toHaveLength(count);

    const list = await ok(t.call('security', 'rotations', { unitId: 'u-cs', filter: 'overdue' }, WHO.cityDesk));
    expect(list.items.map((i) => i.accountId)).toContain('acc-cs-weibo');
    expect(list.items.every((i) => i.status === 'overdue')).toBe(true);
    // The province desk sees the city's overdue accounts too; 浏阳 sees only its own.
    const province = await ok(t.call('security', 'rotations', { unitId: 'u-hn', filter: 'overdue' }, WHO.provinceDesk));
    expect(province.items.length).toBeGreaterThanOrEqual(list.items.length);
    const county = await ok(t.call('security', 'rotations', { unitId: 'u-ly', filter: 'all' }, WHO.countyOp));
    expect(county.items.map((i) => i.accountId)).toEqual(['acc-ly-weibo']);
  });
});
