/**
 * The issue page's preview (linkage.preview) answers from maintained counters (issue 18): after every
 * change that moves them — a consent to the linkage template reported or spent, an operator rebound,
 * an account suspended or reopened, a person deactivated — and after changes racing each other, the
 * preview equals a brute-force count over the stored accounts, people and consents. A consent call
 * whose counter update fails saves neither (one transaction through the uow).
 */
import type { TargetPreview } from '../typings/linkage';
import type { ConsentRecord } from '../typings/notify';
import type { Account, AccountFields, AccountView, Person, PersonView, Platform } from '../typings/org';
import { hasConsent } from '../core/notify/consent';
import { operatorsOf } from '../core/linkage';
import { startTestCloud, type TestCloud } from './support/cloud';
import { issue, timer, WHO } from './linkage-helpers';
import { ok, refused } from './support/answers';

const TEMPLATE = 'local-tpl-linkage';
const ADMIN = 'demo-admin';

interface Counts {
  targetCount: number;
  operatorPlaces: number;
  reachableAccounts: number;
  reachableOperators: number;
}

/** What the preview must say, counted from every stored account, person and consent. */
function bruteForce(t: TestCloud, platforms: string[] = []): Counts {
  const people = new Map((t.cloud.db.find('people', {}) as unknown as Person[]).map((p) => [p._id, p]));
  const consents = new Map((t.cloud.db.find('consents', {}) as unknown as ConsentRecord[]).map((c) => [c._id, c]));
  const reachable = (id: string): boolean => {
    const p = people.get(id);
    return p !== undefined && p.active && p.openid !== null && hasConsent(consents.get(id) ?? null, TEMPLATE);
  };
  const called = (t.cloud.db.find('accounts', {}) as unknown as Account[]).filter(
    (a) =>
      a.state === 'active' && a.kind === 'institutional' && (platforms.length === 0 || platforms.includes(a.platform)),
  );
  const out: Counts = { targetCount: 0, operatorPlaces: 0, reachableAccounts: 0, reachableOperators: 0 };
  for (const a of called) {
    const ops = operatorsOf(a);
    const r = ops.filter(reachable).length;
    out.targetCount += 1;
    out.operatorPlaces += ops.length;
    out.reachableOperators += r;
    if (r > 0) out.reachableAccounts += 1;
  }
  return out;
}

async function preview(t: TestCloud, platforms: Platform[] = [], unitIds: string[] = []): Promise<TargetPreview> {
  return ok(t.call('linkage', 'preview', { targets: { mode: 'filter', unitIds, platforms } }, WHO.provinceDesk));
}

async function expectExact(t: TestCloud): Promise<Counts> {
  const expected = bruteForce(t);
  const whole = await preview(t);
  expect(whole).toMatchObject(expected);
  // The rows add up to the whole, and a platform or a bureau alone agrees too.
  expect(whole.units.reduce((n, u) => n + u.targets, 0)).toBe(expected.targetCount);
  expect(whole.units.reduce((n, u) => n + u.reachable, 0)).toBe(expected.reachableAccounts);
  expect(await preview(t, ['weibo'])).toMatchObject(bruteForce(t, ['weibo']));
  expect(await preview(t, [], ['u-cs'])).toMatchObject(expected);
  return expected;
}

const consent = (t: TestCloud, openid: string, answer: 'accept' | 'ban') =>
  ok(t.call('notify', 'reportConsent', { answers: { [TEMPLATE]: answer } }, openid));

async function accountFields(t: TestCloud, id: string): Promise<{ view: AccountView; fields: AccountFields }> {
  const stored = t.cloud.db.find('accounts', { _id: id })[0] as unknown as Account;
  const view = { id, rev: stored.rev } as AccountView;
  const { _id, createdAt, updatedAt, rev, lifecycle, unitPath, facets, nameKey, mark, ...fields } = stored;
  void [_id, createdAt, updatedAt, rev, lifecycle, unitPath, facets, nameKey, mark];
  return { view, fields };
}

describe('the linkage preview’s counters stay exact', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  }, 60_000);
  afterAll(() => t.close());

  it('reads the counters of the bureaus it shows, not the accounts', async () => {
    const before = t.cloud.stats().readsByCollection.accounts ?? 0;
    await preview(t);
    expect(t.cloud.stats().readsByCollection.accounts ?? 0).toBe(before);
    const start = await expectExact(t);
    expect(start).toMatchObject({ targetCount: 4, operatorPlaces: 7, reachableAccounts: 0 });
  }, 30_000);

  it('follows consents to the linkage template: reported, reported at once by two operators, banned', async () => {
    await consent(t, WHO.opA, 'accept');
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 3, reachableOperators: 3 });
    // Two operators of the same accounts at once: both land, neither is lost.
    await Promise.all([consent(t, WHO.opB, 'accept'), consent(t, WHO.countyOp, 'accept')]);
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 4, reachableOperators: 7 });
    await consent(t, WHO.opA, 'ban');
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 4, reachableOperators: 4 });
  }, 30_000);

  it('follows accounts suspended and reopened, and operators rebound, also racing each other', async () => {
    const sub = await accountFields(t, 'acc-cs-wechat-sub');
    await ok(
      t.call(
        'org',
        'upsertAccount',
        { id: sub.view.id, expectedRev: sub.view.rev, account: { ...sub.fields, state: 'suspended' } },
        WHO.cityDesk,
      ),
    );
    expect(await expectExact(t)).toMatchObject({ targetCount: 3 });

    // 马超 completes the training (第三十五条) and takes 长沙公安服务's B角 while the suspended account
    // is reopened, at the same moment.
    const mc = t.cloud.db.find('people', { _id: 'p-cs-untrained' })[0] as unknown as Person;
    const training = { course: '新媒体运营业务培训', date: '2026-03-01', issuer: '湖南省公安厅', completed: true };
    await ok(t.call('org', 'addTraining', { personId: mc._id, expectedRev: mc.rev, training }, ADMIN));
    const service = await accountFields(t, 'acc-cs-wechat-service');
    const again = await accountFields(t, 'acc-cs-wechat-sub');
    const answers = await Promise.all([
      t.call(
        'org',
        'setOperators',
        {
          accountId: service.view.id,
          expectedRev: service.view.rev,
          operatorA: 'p-cs-operator-a',
          operatorB: 'p-cs-untrained',
        },
        ADMIN,
      ),
      t.call(
        'org',
        'upsertAccount',
        { id: again.view.id, expectedRev: again.view.rev, account: { ...again.fields, state: 'active' } },
        WHO.cityDesk,
      ),
    ]);
    expect(answers.map((a) => (a.ok ? 'ok' : a.error.message))).toEqual(['ok', 'ok']);
    expect(t.cloud.db.find('accounts', { _id: service.view.id })[0]).toMatchObject({ operatorB: 'p-cs-untrained' });
    await expectExact(t);
    // 马超 accepts: the account he took now counts him.
    await consent(t, WHO.untrained, 'accept');
    expect(await expectExact(t)).toMatchObject({ targetCount: 4 });
  }, 30_000);

  it('follows a person deactivated and reactivated', async () => {
    const stored = t.cloud.db.find('people', { _id: 'p-cs-operator-b' })[0] as unknown as Person;
    const fields = {
      name: stored.name,
      badgeNo: stored.badgeNo,
      unitId: stored.unitId,
      phone: stored.phone,
      auxiliary: stored.auxiliary,
      classifiedPost: stored.classifiedPost,
      active: false,
    };
    const off: PersonView = await ok(
      t.call('org', 'upsertPerson', { id: stored._id, expectedRev: stored.rev, person: fields }, ADMIN),
    );
    const was = bruteForce(t);
    void was;
    const lowered = await expectExact(t);
    const on = { ...fields, active: true };
    await ok(t.call('org', 'upsertPerson', { id: stored._id, expectedRev: off.rev, person: on }, ADMIN));
    await expectExact(t);
    void lowered;
  }, 30_000);
});

describe('a database written before the counters', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  }, 60_000);
  afterAll(() => t.close());

  it('gets them built by account.adoptExisting, with the consents held then', async () => {
    await consent(t, WHO.opB, 'accept');
    // An account written straight into the store, and no counters at all: what an older deployment has.
    const ly = t.cloud.db.find('accounts', { _id: 'acc-ly-weibo' })[0] as unknown as Account;
    const { lifecycle, facets, unitPath, nameKey, mark, ...legacy } = ly;
    void [lifecycle, facets, unitPath, nameKey, mark];
    t.cloud.db.insert('accounts', [{ ...legacy, _id: 'acc-legacy', name: '浏阳警方', platform: 'wechatService' }]);
    t.cloud.db.remove('linkageReach', {}, true);
    t.cloud.db.remove('linkageOperators', {}, true);
    let cursor: string | null = null;
    do {
      const res: { nextCursor: string | null } = await ok(
        t.call('account', 'adoptExisting', cursor === null ? {} : { cursor }, WHO.provinceDesk),
      );
      cursor = res.nextCursor;
    } while (cursor !== null);
    expect(await expectExact(t)).toMatchObject({ targetCount: 5, reachableAccounts: 3 });
  }, 30_000);
});

describe('a consent spent by a delivery', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  }, 60_000);
  afterAll(() => t.close());

  it('no longer counts the operator once their one accept carried a directive’s notice', async () => {
    await consent(t, WHO.opA, 'accept');
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 3 });
    await issue(t);
    await timer(t);
    const spent = t.cloud.db.get('consents', 'p-cs-operator-a') as unknown as ConsentRecord;
    expect(hasConsent(spent, TEMPLATE)).toBe(false);
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 0 });
  }, 30_000);
});

// province (issue 18): the outbox spends one-time accepts in bulk; a spent last linkage accept still moves the counters.
describe('the linkage preview’s counters after the outbox spends the last linkage accept', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  }, 60_000);
  afterAll(() => t.close());

  it('counts an operator unreachable once delivery sent their last linkage notice', async () => {
    await consent(t, WHO.opA, 'accept');
    expect(await expectExact(t)).toMatchObject({ reachableOperators: 3 });
    await ok(
      t.call(
        'linkage',
        'issue',
        {
          clientKey: 'spend-last-accept',
          kind: 'publicity',
          title: '转发冬季防火提示',
          content: '请一小时内转发。',
          link: null,
          wording: '',
          responseKinds: ['repost'],
          targets: { mode: 'filter', unitIds: [], platforms: [] },
        },
        WHO.provinceDesk,
      ),
    );
    const [fired] = await t.cloud.timers.fire('timer');
    expect(fired?.outcome.ok).toBe(true);
    const stored = t.cloud.db.get('consents', 'p-cs-operator-a') as unknown as ConsentRecord;
    expect(hasConsent(stored, TEMPLATE)).toBe(false);
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 0, reachableOperators: 0 });
  });
});

// province (issue 18's leftover): a consent and the counters it moves are one transaction (第三十四条).
describe('a consent and its counter update commit together or not at all', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  }, 60_000);
  afterAll(() => t.close());

  it('saves neither when the counter update fails after the consent is written', async () => {
    await expectExact(t);
    const marker = t.cloud.db.get('linkageOperators', 'p-cs-operator-a') as { accountIds: string[] };
    // A counter document the update cannot read: the update throws after the consent was put.
    const corrupt = (accountIds: unknown): void =>
      void t.cloud.db.update(
        'linkageOperators',
        { _id: 'p-cs-operator-a' },
        { $set: { accountIds } },
        { multi: false, upsert: false, replace: false },
      );
    corrupt(null);
    const before = t.cloud.db.get('consents', 'p-cs-operator-a');
    const failed = await refused(t.call('notify', 'reportConsent', { answers: { [TEMPLATE]: 'accept' } }, WHO.opA));
    expect(failed.code).toBe('INTERNAL');
    expect(t.cloud.db.get('consents', 'p-cs-operator-a')).toEqual(before);
    corrupt(marker.accountIds);
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 0, reachableOperators: 0 });
    // Once the counters can be read again the same call saves both.
    await consent(t, WHO.opA, 'accept');
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 3, reachableOperators: 3 });
  }, 30_000);

  it('stays exact when one person’s accept and ban race each other', async () => {
    for (let round = 0; round < 4; round++) {
      await Promise.all([consent(t, WHO.opB, 'accept'), consent(t, WHO.opB, 'ban')]);
      await expectExact(t);
      await Promise.all([consent(t, WHO.opA, 'ban'), consent(t, WHO.opA, 'accept'), consent(t, WHO.opB, 'accept')]);
      await expectExact(t);
    }
  }, 60_000);
});

describe('a consent WeChat revoked (43101) while a directive’s notice was sent', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud();
  }, 60_000);
  afterAll(() => t.close());

  it('no longer counts the operator: the revoke and the counters are saved together', async () => {
    await consent(t, WHO.opA, 'accept');
    await consent(t, WHO.opA, 'accept');
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 3 });
    t.cloud.openapi.failSendsTo(WHO.opA, 'refused');
    await issue(t);
    await timer(t);
    const revoked = t.cloud.db.get('consents', 'p-cs-operator-a') as unknown as ConsentRecord;
    expect(revoked.templates[TEMPLATE]).toMatchObject({ remaining: 0, lastAnswer: 'revoked' });
    expect(await expectExact(t)).toMatchObject({ reachableAccounts: 0 });
  }, 30_000);
});
