/**
 * Accounts (第九条, 第十一条, 第十六条, 第三十三条, 第三十九条) and the audit log through the local cloud:
 * every rule an account breaks, two editors at once, and tampering found by auditVerify.
 */
import type { ApiResult } from '../typings/common';
import type { AccountFields, AccountView, AuditEntry } from '../typings/org';
import { nextAuditEntry } from '../core/audit/chain';
import { demoOrg } from '../core/org/demo';
import { startTestCloud, type TestCloud } from './support/cloud';

const CITY_STAFF = 'demo-city-propaganda';
const ADMIN = 'demo-admin';
/**
 * 第十条 (issue 12): a new roster entry is an account opened before the system, brought in by the desk
 * that would have approved it — for the 长沙 bureau's own accounts, the province's.
 */
const CREATOR = 'demo-province-propaganda';

function data<T>(answer: ApiResult<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

function refusal(answer: ApiResult<unknown>): { code: string; message: string } {
  if (answer.ok) throw new Error('expected a refusal');
  return answer.error;
}

/** The fields of a demo account, as the account page sends them back. */
function fieldsOf(id: string, over: Partial<AccountFields> = {}): AccountFields {
  const found = demoOrg().accounts.find((a) => a._id === id);
  if (!found) throw new Error(`no demo account ${id}`);
  const { _id, createdAt, updatedAt, rev, ...fields } = found;
  void [_id, createdAt, updatedAt, rev];
  return { ...fields, ...over };
}

const cityAccount = (over: Partial<AccountFields> = {}): AccountFields =>
  fieldsOf('acc-cs-weibo', { name: '长沙交警', platform: 'douyin', platformId: 'cs-jj-douyin', ...over });

describe('accounts and the audit log through the local cloud', () => {
  let t: TestCloud;
  const log = (): AuditEntry[] => t.cloud.db.find('auditLog', {}, { sort: [['seq', 1]] }) as unknown as AuditEntry[];
  const account = async (id: string): Promise<AccountView> => {
    const page = data(await t.call('org', 'listAccounts', { unitId: 'u-hn', accountId: id }, 'demo-province-admin'));
    if (!page.items[0]) throw new Error(`no account ${id}`);
    return page.items[0];
  };

  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('lists the accounts in scope with their staff by name, and nothing wrong with them', async () => {
    const city = data(await t.call('org', 'listAccounts', { unitId: 'u-cs' }, 'demo-operator-a'));
    expect(city.items.map((a) => a.id).sort()).toEqual([
      'acc-cs-personal',
      'acc-cs-wechat-service',
      'acc-cs-wechat-sub',
      'acc-cs-weibo',
      'acc-ly-weibo',
    ]);
    expect(city.items.find((a) => a.id === 'acc-cs-weibo')).toMatchObject({
      unitName: '长沙市公安局',
      operatorA: { id: 'p-cs-operator-a', name: '王明' },
      operatorB: { id: 'p-cs-operator-b', name: '李娜' },
      reviewers: [{ id: 'p-cs-reviewer', name: '张伟' }],
      violations: [],
    });
    const county = data(await t.call('org', 'listAccounts', { unitId: 'u-ly' }, 'demo-county-operator'));
    expect(county.items.map((a) => a.name)).toEqual(['浏阳公安']);
    const own = data(
      await t.call('org', 'listAccounts', { unitId: 'u-cs', scope: 'unit', limit: 2 }, 'demo-operator-a'),
    );
    expect(own.nextOffset).toBe(2);
    expect(own).not.toHaveProperty('total'); // no total: counting would read every account of the scope
    const rest = data(
      await t.call('org', 'listAccounts', { unitId: 'u-cs', scope: 'unit', offset: 2, limit: 2 }, 'demo-operator-a'),
    );
    expect(rest.items).toHaveLength(1);
    expect(rest.nextOffset).toBeNull();
  });

  it('registers an account that meets the rules, audited', async () => {
    const made = data(
      await t.call('org', 'upsertAccount', { id: null, expectedRev: 0, account: cityAccount() }, CREATOR),
    );
    expect(made).toMatchObject({ name: '长沙交警', rev: 1, violations: [] });
    expect(log().at(-1)).toMatchObject({
      action: 'org.upsertAccount',
      actor: { personId: 'p-hn-propaganda', role: 'propagandaStaff', unitId: 'u-hn-xcc' },
      object: { collection: 'accounts', id: made.id },
    });
  });

  it('refuses an account without a reviewer (第十六条) or, for a city bureau, without a B角 (第十一条)', async () => {
    const noReviewer = refusal(
      await t.call(
        'org',
        'upsertAccount',
        { id: null, expectedRev: 0, account: cityAccount({ reviewerIds: [] }) },
        CREATOR,
      ),
    );
    expect(noReviewer.code).toBe('ACCOUNT_INVALID');
    expect(noReviewer.message).toContain('机构公安新媒体应至少确定一名审核民警（第十六条）');

    const oneOperator = refusal(
      await t.call(
        'org',
        'upsertAccount',
        { id: null, expectedRev: 0, account: cityAccount({ operatorB: null }) },
        CREATOR,
      ),
    );
    expect(oneOperator.message).toContain('市州公安局新媒体须由两名以上民警（AB角）负责（第十一条）');
    // A county bureau's account may run with one operator.
    const county = cityAccount({
      name: '浏阳交警',
      unitId: 'u-ly',
      operatorA: 'p-ly-operator',
      operatorB: null,
      reviewerIds: ['p-ly-reviewer'],
    });
    expect(
      await t.call('org', 'upsertAccount', { id: null, expectedRev: 0, account: county }, CITY_STAFF),
    ).toMatchObject({ ok: true });
  });

  it('lists every rule an account breaks at once, each with its article', async () => {
    const bad = cityAccount({
      unitId: 'u-cs-gb',
      operatorA: 'p-cs-untrained',
      operatorB: 'p-cs-untrained',
      reviewerIds: [],
    });
    const { code, message } = refusal(
      await t.call('org', 'upsertAccount', { id: null, expectedRev: 0, account: bad }, CITY_STAFF),
    );
    expect(code).toBe('ACCOUNT_INVALID');
    for (const part of [
      '长沙市公安局国保支队从事特殊工作，不得开设公安新媒体（第九条）',
      'A角和B角不能是同一人（第十一条）',
      '机构公安新媒体应至少确定一名审核民警（第十六条）',
      'A角运营民警马超未完成新媒体业务培训，不能上岗（第三十五条）',
    ]) {
      expect(message).toContain(part);
    }
    expect(t.cloud.db.find('accounts', { unitId: 'u-cs-gb' })).toHaveLength(0);
  });

  it('needs the unit approval for a classified-post operator (第三十九条)', async () => {
    const person = data(
      await t.call(
        'org',
        'upsertPerson',
        {
          id: null,
          expectedRev: 0,
          person: {
            name: '涉密岗位民警',
            badgeNo: '432001',
            unitId: 'u-cs-xcc',
            phone: '1',
            auxiliary: false,
            classifiedPost: true,
            active: true,
          },
        },
        ADMIN,
      ),
    );
    const withRole = data(
      await t.call(
        'org',
        'setRoles',
        { personId: person.id, expectedRev: 1, roles: [{ role: 'operator', unitId: 'u-cs' }] },
        ADMIN,
      ),
    );
    const training = {
      course: '公安新媒体业务培训',
      date: '2026-11-01',
      issuer: '长沙市公安局政治部宣传处',
      completed: true,
    };
    data(await t.call('org', 'addTraining', { personId: person.id, expectedRev: withRole.rev, training }, ADMIN));

    const current = await account('acc-cs-wechat-service');
    const swap = {
      accountId: current.id,
      expectedRev: current.rev,
      operatorA: 'p-cs-operator-a',
      operatorB: person.id,
    };
    const refused = refusal(await t.call('org', 'setOperators', swap, CITY_STAFF));
    expect(refused).toMatchObject({ code: 'ACCOUNT_INVALID' });
    expect(refused.message).toContain('B角运营民警涉密岗位民警为涉密岗位民警，须经本单位批准（第三十九条）');

    const approved = fieldsOf('acc-cs-wechat-service', {
      operatorB: person.id,
      exceptionApproval: '长沙市公安局政治部批复〔2026〕3号',
    });
    const saved = data(
      await t.call('org', 'upsertAccount', { id: current.id, expectedRev: current.rev, account: approved }, CITY_STAFF),
    );
    expect(saved).toMatchObject({
      operatorB: { id: person.id, name: '涉密岗位民警' },
      violations: [],
      rev: current.rev + 1,
    });
  });

  it('refuses any field named like a password, wherever it is (第三十三条)', async () => {
    const nested = await t.post(
      'org',
      { action: 'upsertAccount', id: null, expectedRev: 0, account: { ...cityAccount(), loginPassword: 'x' } },
      CITY_STAFF,
    );
    expect(nested.body).toEqual({
      ok: false,
      error: {
        code: 'PASSWORD_FORBIDDEN',
        message: '系统不保存新媒体平台账号密码，请删除字段：account.loginPassword（第三十三条）',
      },
    });
    const top = await t.post(
      'org',
      { action: 'upsertAccount', id: null, expectedRev: 0, account: cityAccount(), 密码: 'x' },
      CITY_STAFF,
    );
    expect(top.body).toMatchObject({ ok: false, error: { code: 'PASSWORD_FORBIDDEN' } });
    expect(t.cloud.db.find('accounts', { name: '长沙交警' })).toHaveLength(1);
  });

  it('refuses unknown accounts and people', async () => {
    expect(
      await t.call(
        'org',
        'setOperators',
        { accountId: 'acc-nowhere', expectedRev: 1, operatorA: null, operatorB: null },
        CITY_STAFF,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_UNKNOWN', message: '账号不存在' },
    });
    const weibo = await account('acc-cs-weibo');
    const ghost = refusal(
      await t.call(
        'org',
        'setOperators',
        { accountId: weibo.id, expectedRev: weibo.rev, operatorA: 'p-cs-operator-a', operatorB: 'p-ghost' },
        CITY_STAFF,
      ),
    );
    expect(ghost.message).toContain('B角运营民警不存在或已停用（第十一条）');
  });

  it('lets one of two editors of the same account win; the other gets CONFLICT and loses nothing on retry', async () => {
    const before = await account('acc-cs-wechat-sub');
    const renamed = fieldsOf('acc-cs-wechat-sub', { name: '长沙警事订阅号' });
    const suspended = fieldsOf('acc-cs-wechat-sub', { state: 'suspended' });
    const answers = await Promise.all([
      t.call('org', 'upsertAccount', { id: before.id, expectedRev: before.rev, account: renamed }, ADMIN),
      t.call('org', 'upsertAccount', { id: before.id, expectedRev: before.rev, account: suspended }, CITY_STAFF),
    ]);
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const won = await account(before.id);
    expect(won.rev).toBe(before.rev + 1);
    expect(log().filter((e) => e.object.id === before.id)).toHaveLength(1);

    // The loser reloads and applies their change to what the winner saved.
    const [loserChange, loser] = answers[0].ok
      ? [{ state: 'suspended' as const }, CITY_STAFF]
      : [{ name: '长沙警事订阅号' }, ADMIN];
    const { id, rev, unitName, owner, operatorA, operatorB, reviewers, violations, ...rest } = won;
    void [unitName, violations];
    const reloaded: AccountFields = {
      ...rest,
      ownerId: owner?.id ?? null,
      operatorA: operatorA?.id ?? null,
      operatorB: operatorB?.id ?? null,
      reviewerIds: reviewers.map((r) => r.id),
      ...loserChange,
    };
    data(await t.call('org', 'upsertAccount', { id, expectedRev: rev, account: reloaded }, loser));
    expect(await account(id)).toMatchObject({ name: '长沙警事订阅号', state: 'suspended', rev: before.rev + 2 });
  });

  it('lets one of two racing A/B swaps through; the other gets CONFLICT', async () => {
    const before = await account('acc-cs-wechat-service');
    const classified = before.operatorB?.id ?? '';
    const swaps = [
      { who: ADMIN, operatorA: classified, operatorB: 'p-cs-operator-a' },
      { who: CITY_STAFF, operatorA: 'p-cs-operator-b', operatorB: 'p-cs-operator-a' },
    ];
    const answers = await Promise.all(
      swaps.map(({ who, operatorA, operatorB }) =>
        t.call('org', 'setOperators', { accountId: before.id, expectedRev: before.rev, operatorA, operatorB }, who),
      ),
    );
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    const winner = swaps[answers.findIndex((a) => a.ok)];
    expect(await account(before.id)).toMatchObject({
      operatorA: { id: winner.operatorA },
      operatorB: { id: winner.operatorB },
      rev: before.rev + 1,
    });
    expect(log().filter((e) => e.action === 'org.setOperators' && e.object.id === before.id)).toHaveLength(1);
  });

  it('shows a superior the log of their scope, newest first, paged by seq', async () => {
    const all = log();
    const underCity = all.filter((e) => e.unitPath.includes('u-cs')).reverse();
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = data(
        await t.call('org', 'auditLog', { unitId: 'u-cs', limit: 3, ...(before ? { before } : {}) }, 'demo-leader'),
      );
      seen.push(...page.items.map((e) => e.seq));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(underCity.map((e) => e.seq));

    const county = data(await t.call('org', 'auditLog', { unitId: 'u-ly', limit: 50 }, 'demo-county-leader'));
    expect(county.items.length).toBeGreaterThan(0);
    expect(county.items.every((e) => all.find((x) => x.seq === e.seq)?.unitPath.includes('u-ly'))).toBe(true);
    expect(county.items[0]).toMatchObject({
      action: 'org.upsertAccount',
      actor: { name: '陈静', unitName: '长沙市公安局政治部宣传处', role: 'propagandaStaff' },
    });
    expect(await t.call('org', 'auditLog', { unitId: 'u-cs' }, 'demo-county-leader')).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SCOPE' },
    });
  });

  describe('auditVerify', () => {
    const VERIFIER = 'demo-province-propaganda';
    const head = (): AuditEntry => {
      const doc = t.cloud.db.get('counters', 'auditHead') as unknown as { entry: AuditEntry };
      return doc.entry;
    };
    const verify = async () => data(await t.call('org', 'auditVerify', {}, VERIFIER));
    const entryAt = (seq: number) => t.cloud.db.find('auditLog', { seq })[0];

    it('walks a chain longer than one page against the recorded head', async () => {
      // Entries appended as the function would, so the log spans three pages of 1000.
      let prev = head();
      const extra = [];
      for (let n = 0; n < 2100; n += 1) {
        prev = nextAuditEntry(prev, { ...prev, summary: `批量第${n}条`, requestId: `bulk-${n}` });
        extra.push({ _id: `audit-${String(prev.seq).padStart(12, '0')}`, ...prev });
      }
      t.cloud.db.insert('auditLog', extra as never[]);
      t.cloud.db.update(
        'counters',
        { _id: 'auditHead' },
        { $set: { seq: prev.seq, entry: prev } },
        { multi: false, replace: false, upsert: false },
      );
      expect(await verify()).toEqual({ ok: true, checked: prev.seq, headSeq: prev.seq });
    });

    it('finds an entry altered in the database, at its seq', async () => {
      const victim = entryAt(1500);
      t.cloud.db.update(
        'auditLog',
        { seq: 1500 },
        { $set: { summary: '改写过的摘要' } },
        { multi: false, replace: false, upsert: false },
      );
      expect(await verify()).toEqual({
        ok: false,
        checked: 1499,
        badSeq: 1500,
        reason: 'HASH_MISMATCH',
        message: '审计日志记录内容被篡改',
      });
      t.cloud.db.update(
        'auditLog',
        { seq: 1500 },
        { $set: { summary: victim.summary } },
        { multi: false, replace: false, upsert: false },
      );
      expect(await verify()).toMatchObject({ ok: true });
    });

    it('finds a removed entry, and removed newest entries', async () => {
      const middle = entryAt(7);
      t.cloud.db.remove('auditLog', { seq: 7 }, false);
      expect(await verify()).toMatchObject({ ok: false, badSeq: 7, reason: 'SEQ_GAP' });
      t.cloud.db.insert('auditLog', [middle]);

      const last = head();
      const newest = entryAt(last.seq);
      t.cloud.db.remove('auditLog', { seq: last.seq }, false);
      expect(await verify()).toMatchObject({ ok: false, badSeq: last.seq, reason: 'TRUNCATED' });
      t.cloud.db.insert('auditLog', [newest]);
      expect(await verify()).toMatchObject({ ok: true });
    });

    it("is the province desks' to run", async () => {
      expect(await t.call('org', 'auditVerify', {}, 'demo-leader')).toMatchObject({
        ok: false,
        error: { code: 'ROLE_REQUIRED' },
      });
      expect(await t.call('org', 'auditVerify', {}, ADMIN)).toMatchObject({
        ok: false,
        error: { code: 'OUT_OF_SCOPE' },
      });
    });
  });
});
