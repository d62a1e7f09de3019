/**
 * The authorization matrix through the real path: every org action of the catalogue, called over
 * HTTP by every demo person (and a stranger) on a target at the province, in the city (长沙) and in
 * the county (浏阳). Identity comes from the OPENID header only; the handler loads the target and
 * core/auth decides. Each request, once allowed, changes nothing: writes carry a stale rev and end in
 * CONFLICT, which comes after the authorization check.
 */
import type { ApiResult } from '../typings/common';
import type { OrgApi, PersonFields } from '../typings/org';
import { ACTIONS } from '../core/auth/actions';
import { RULES } from '../core/auth/catalogue';
import { demoOrg } from '../core/org/demo';
import { startTestCloud, type TestCloud } from './support/cloud';

type OrgActionName = keyof OrgApi;
type Level = 'province' | 'city' | 'county';
const LEVELS: readonly Level[] = ['province', 'city', 'county'];

const org = demoOrg();
const UNIT: Record<Level, string> = { province: 'u-hn', city: 'u-cs', county: 'u-ly' };
const PERSON: Record<Level, string> = { province: 'p-hn-leader', city: 'p-cs-handler-cyber', county: 'p-ly-operator' };
const ACCOUNT: Record<Level, string> = { province: 'acc-hn-weibo', city: 'acc-cs-weibo', county: 'acc-ly-weibo' };
const STALE = 999;

function fieldsOf(personId: string): PersonFields {
  const p = org.people.find((x) => x._id === personId);
  if (!p) throw new Error(`no demo person ${personId}`);
  return {
    name: p.name,
    badgeNo: p.badgeNo,
    unitId: p.unitId,
    phone: p.phone,
    auxiliary: p.auxiliary,
    classifiedPost: p.classifiedPost,
    active: p.active,
  };
}

interface Case<A extends OrgActionName> {
  params(level: Level, caller: string): OrgApi[A]['params'];
  /** The answer of an allowed call: 'ok', or the code that follows authorization. */
  allowed: 'ok' | 'CONFLICT' | 'INVITE_UNKNOWN';
}

/** One request per org action. A new action in the catalogue without a case here fails the first test. */
const CASES: { [A in OrgActionName]: Case<A> } = {
  me: { params: () => ({}), allowed: 'ok' },
  bind: { params: () => ({ inviteCode: 'NOPE2345' }), allowed: 'INVITE_UNKNOWN' },
  bindingNotice: { params: () => ({}), allowed: 'ok' },
  createInvite: {
    params: (level, caller) => ({ personId: PERSON[level], requestKey: `matrix-${caller}-${level}` }),
    allowed: 'ok',
  },
  listPeople: { params: (level) => ({ unitId: UNIT[level], limit: 1 }), allowed: 'ok' },
  upsertPerson: {
    params: (level) => ({ id: PERSON[level], expectedRev: STALE, person: fieldsOf(PERSON[level]) }),
    allowed: 'CONFLICT',
  },
  setRoles: { params: (level) => ({ personId: PERSON[level], expectedRev: STALE, roles: [] }), allowed: 'CONFLICT' },
  addTraining: {
    params: (level) => ({
      personId: PERSON[level],
      expectedRev: STALE,
      training: { course: '公安新媒体业务培训', date: '2026-11-20', issuer: '省厅政治部宣传处', completed: true },
    }),
    allowed: 'CONFLICT',
  },
  listAccounts: { params: (level) => ({ unitId: UNIT[level], limit: 1 }), allowed: 'ok' },
  // An edit of an existing account (a new one is the lifecycle's: account.*, tested in account-*.test.ts).
  upsertAccount: {
    params: (level) => ({
      id: ACCOUNT[level],
      expectedRev: STALE,
      account: {
        platform: 'weibo',
        name: '矩阵测试',
        platformId: 'matrix',
        unitId: UNIT[level],
        kind: 'institutional',
        ownerId: null,
        realNameVerified: true,
        operatorA: null,
        operatorB: null,
        reviewerIds: [],
        state: 'active',
        exceptionApproval: null,
      },
    }),
    allowed: 'CONFLICT',
  },
  setOperators: {
    params: (level) => ({ accountId: ACCOUNT[level], expectedRev: STALE, operatorA: null, operatorB: null }),
    allowed: 'CONFLICT',
  },
  setResponsibility: {
    params: (level) => ({
      unitId: UNIT[level],
      expectedRev: STALE,
      responsibility: { leaderId: null, departmentId: null, personId: null },
    }),
    allowed: 'CONFLICT',
  },
  auditLog: { params: (level) => ({ unitId: UNIT[level], limit: 1 }), allowed: 'ok' },
  auditVerify: { params: () => ({}), allowed: 'ok' },
};

// ---- who may, written out by hand from the demo organisation's roles ----

const P_ADMIN = 'demo-province-admin';
const P_STAFF = 'demo-province-propaganda';
const P_LEADER = 'demo-province-leader';
const C_ADMIN = 'demo-admin';
const C_STAFF = 'demo-city-propaganda';
const C_LEADER = 'demo-leader';
const C_OPERATORS = ['demo-operator-a', 'demo-operator-b', 'demo-untrained'];
const C_REVIEWER = 'demo-reviewer';
const Y_LEADER = 'demo-county-leader';
const Y_STAFF = ['demo-county-operator', 'demo-county-reviewer'];

const BOUND = org.people.map((p) => p.openid).filter((o): o is string => o !== null);
const CALLERS = [...BOUND, 'stranger'];

const byLevel = (province: string[], city: string[], county: string[] = city): Record<Level, string[]> => ({
  province,
  city,
  county,
});
const everywhere = (who: string[]): Record<Level, string[]> => byLevel(who, who, who);

const admins = byLevel([P_ADMIN], [P_ADMIN, C_ADMIN]);
const overseers = byLevel([P_ADMIN, P_STAFF, P_LEADER], [P_ADMIN, P_STAFF, P_LEADER, C_ADMIN, C_STAFF, C_LEADER]);
const desks = byLevel([P_ADMIN, P_STAFF], [P_ADMIN, P_STAFF, C_ADMIN, C_STAFF]);

const WHO: { [A in OrgActionName]: Record<Level, string[]> } = {
  me: everywhere(BOUND),
  bind: everywhere(CALLERS),
  bindingNotice: everywhere(CALLERS),
  createInvite: admins,
  listPeople: { ...overseers, county: [...overseers.county, Y_LEADER] },
  upsertPerson: admins,
  setRoles: admins,
  addTraining: desks,
  listAccounts: {
    province: overseers.province,
    city: [...overseers.city, C_REVIEWER, ...C_OPERATORS],
    county: [...overseers.city, C_REVIEWER, ...C_OPERATORS, Y_LEADER, ...Y_STAFF],
  },
  upsertAccount: desks,
  setOperators: desks,
  setResponsibility: admins,
  auditLog: { ...overseers, county: [...overseers.county, Y_LEADER] },
  auditVerify: everywhere([P_ADMIN, P_STAFF]),
};

/** Refusals that are authorization's, as opposed to what an allowed call meets next. */
const REFUSALS = ['NOT_BOUND', 'ROLE_REQUIRED', 'OUT_OF_SCOPE'];

const outcome = (answer: ApiResult<unknown>): string => (answer.ok ? 'ok' : answer.error.code);

describe('org authorization matrix through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
    const cityWeibo = org.accounts.find((a) => a._id === 'acc-cs-weibo');
    t.cloud.db.insert('accounts', [{ ...cityWeibo, _id: 'acc-hn-weibo', name: '湖南公安', unitId: 'u-hn' } as never]);
  });
  afterAll(() => t.close());

  it('has a case for exactly the org actions of the catalogue', () => {
    const catalogue = ACTIONS.filter((a) => a.startsWith('org.')).map((a) => a.slice('org.'.length));
    expect(Object.keys(CASES).sort()).toEqual([...catalogue].sort());
    expect(Object.keys(WHO).sort()).toEqual([...catalogue].sort());
  });

  it.each(Object.keys(CASES) as OrgActionName[])(
    'org.%s: every demo person, inside and outside scope',
    async (name) => {
      const spec = CASES[name] as Case<OrgActionName>;
      const actual: Record<string, string> = {};
      const expected: Record<string, string> = {};
      // A target without a unit is the same target at every level: asked once.
      const levels = RULES[`org.${name}`].target === 'none' ? LEVELS.slice(0, 1) : LEVELS;
      for (const level of levels) {
        const answers = await Promise.all(
          CALLERS.map((caller) =>
            t.post(
              'org',
              { action: name, ...spec.params(level, caller) },
              caller === 'stranger' ? 'stranger-openid' : caller,
            ),
          ),
        );
        CALLERS.forEach((caller, i) => {
          const got = outcome(answers[i].body as ApiResult<unknown>);
          const allowed = WHO[name][level].includes(caller);
          actual[`${caller}@${level}`] = allowed || !REFUSALS.includes(got) ? got : 'refused';
          expected[`${caller}@${level}`] = allowed ? spec.allowed : 'refused';
        });
      }
      expect(actual).toEqual(expected);
    },
    // Cold starts of the function instances land in the first rows; a loaded machine needs the room.
    60_000,
  );

  it('names the refusal: no such role, or the role does not reach the target', async () => {
    expect(await t.call('org', 'setRoles', CASES.setRoles.params('city', ''), 'demo-reviewer')).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED', message: '当前角色无权进行此操作' },
    });
    expect(await t.call('org', 'setRoles', CASES.setRoles.params('province', ''), 'demo-admin')).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SCOPE', message: '超出本人管辖范围，无权操作' },
    });
    expect(await t.call('org', 'listPeople', { unitId: 'u-cs' }, 'stranger-openid')).toMatchObject({
      ok: false,
      error: { code: 'NOT_BOUND' },
    });
  });

  it('changed nothing but the invites made by those allowed', () => {
    const invites = t.cloud.db.find('invites', {}).length;
    const allowedInvites = LEVELS.reduce((n, level) => n + WHO.createInvite[level].length, 0);
    expect(invites).toBe(allowedInvites);
    const log = t.cloud.db.find('auditLog', {});
    expect(log.map((e) => e.action)).toEqual(Array(allowedInvites).fill('org.createInvite'));
  });
});
