import type { Account, Person } from '../../typings/org';
import { DomainError } from '../errors';
import {
  checkAccountUse,
  passwordLikeFields,
  setOperators,
  upsertAccount,
  validateAccount,
  type AccountContext,
  type AccountInput,
} from './accounts';
import { demoOrg } from './demo';
import { ViolationsError } from './errors';
import { buildTree } from './tree';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');

function setup(editPeople: (people: Person[]) => Person[] = (p) => p) {
  const org = demoOrg();
  const people = editPeople(org.people);
  const ctx: AccountContext = { tree: buildTree(org.units), people: new Map(people.map((p) => [p._id, p])) };
  const account = (id: string): Account => {
    const found = org.accounts.find((a) => a._id === id);
    if (!found) throw new Error(`no demo account ${id}`);
    return found;
  };
  return { org, ctx, account };
}

const codes = (violations: { code: string; article: string }[]): string[] =>
  violations.map((v) => `${v.code} ${v.article}`);

describe('validateAccount', () => {
  it('accepts every demo account', () => {
    const { org, ctx } = setup();
    for (const account of org.accounts) expect([account._id, validateAccount(account, ctx)]).toEqual([account._id, []]);
  });

  type Case = [label: string, accountId: string, edit: Partial<Account>, expected: string];
  const cases: Case[] = [
    ['an unknown unit', 'acc-cs-weibo', { unitId: 'u-nowhere' }, 'UNIT_UNKNOWN 第二条'],
    ['a special-work unit', 'acc-cs-weibo', { unitId: 'u-cs-gb' }, 'SPECIAL_WORK_UNIT 第九条'],
    [
      'a special-work unit, even with an approval',
      'acc-cs-weibo',
      { unitId: 'u-cs-gb', exceptionApproval: '批准文号' },
      'SPECIAL_WORK_UNIT 第九条',
    ],
    ['a personal account without owner', 'acc-cs-personal', { ownerId: null }, 'OWNER_REQUIRED 第二条'],
    [
      'a personal account registered in another unit',
      'acc-cs-personal',
      { unitId: 'u-cs' },
      'OWNER_UNIT_MISMATCH 第三十九条',
    ],
    [
      'a personal account run by someone else',
      'acc-cs-personal',
      { operatorA: 'p-cs-operator-a' },
      'PERSONAL_OPERATOR 第三十三条',
    ],
    [
      'a personal account with a B operator',
      'acc-cs-personal',
      { operatorB: 'p-cs-operator-b' },
      'PERSONAL_OPERATOR 第三十三条',
    ],
    [
      'an institutional account owned by a person',
      'acc-cs-weibo',
      { ownerId: 'p-cs-operator-a' },
      'OWNER_ON_INSTITUTIONAL 第三十三条',
    ],
    ['no A operator', 'acc-ly-weibo', { operatorA: null }, 'OPERATOR_A_REQUIRED 第十一条'],
    ['a city account with one operator', 'acc-cs-weibo', { operatorB: null }, 'OPERATOR_B_REQUIRED 第十一条'],
    ['A and B the same person', 'acc-cs-weibo', { operatorB: 'p-cs-operator-a' }, 'SAME_OPERATOR 第十一条'],
    ['an institutional account without reviewer', 'acc-cs-weibo', { reviewerIds: [] }, 'REVIEWER_REQUIRED 第十六条'],
    [
      'the only reviewer is the only operator',
      'acc-ly-weibo',
      { reviewerIds: ['p-ly-operator'] },
      'NO_INDEPENDENT_REVIEWER 第十五条',
    ],
    ['an unknown operator', 'acc-cs-weibo', { operatorB: 'p-nobody' }, 'PERSON_UNKNOWN 第十一条'],
    ['an unknown reviewer', 'acc-cs-weibo', { reviewerIds: ['p-nobody'] }, 'PERSON_UNKNOWN 第十六条'],
    ['an untrained operator', 'acc-cs-weibo', { operatorB: 'p-cs-untrained' }, 'TRAINING_REQUIRED 第三十五条'],
    [
      'a special-work person as reviewer',
      'acc-cs-weibo',
      { reviewerIds: ['p-cs-reviewer', 'p-cs-guobao'] },
      'SPECIAL_WORK_PERSON 第九条',
    ],
    [
      'a classified-post person as reviewer',
      'acc-cs-weibo',
      { reviewerIds: ['p-cs-reviewer', 'p-cs-guobao'] },
      'CLASSIFIED_POST 第三十九条',
    ],
    [
      'an operator without the role in the unit',
      'acc-cs-weibo',
      { operatorB: 'p-ly-operator' },
      'ROLE_MISSING 第十一条',
    ],
    [
      'a reviewer without the role in the unit',
      'acc-cs-weibo',
      { reviewerIds: ['p-ly-reviewer'] },
      'ROLE_MISSING 第十六条',
    ],
  ];
  it.each(cases)('reports %s', (_label, accountId, edit, expected) => {
    const { ctx, account } = setup();
    expect(codes(validateAccount({ ...account(accountId), ...edit }, ctx))).toContain(expected);
  });

  it('does not ask a county account for a B operator (第十一条 names 市州公安局)', () => {
    const { ctx, account } = setup();
    expect(validateAccount({ ...account('acc-ly-weibo'), operatorB: null }, ctx)).toEqual([]);
  });

  it('does not ask a personal account for a reviewer: its sensitive posts go to the desk (第十八条)', () => {
    const { ctx, account } = setup();
    expect(account('acc-cs-personal').reviewerIds).toEqual([]);
    expect(validateAccount(account('acc-cs-personal'), ctx)).toEqual([]);
  });

  it('refuses a deactivated operator', () => {
    const { ctx, account } = setup((people) =>
      people.map((p) => (p._id === 'p-cs-operator-b' ? { ...p, active: false } : p)),
    );
    expect(codes(validateAccount(account('acc-cs-weibo'), ctx))).toEqual(['PERSON_UNKNOWN 第十一条']);
  });

  it("lets the unit's approval admit a classified-post person (第三十九条)", () => {
    const { ctx, account } = setup((people) =>
      people.map((p) => (p._id === 'p-cs-personal' ? { ...p, classifiedPost: true } : p)),
    );
    const personal = account('acc-cs-personal');
    expect(codes(validateAccount(personal, ctx))).toEqual(['CLASSIFIED_POST 第三十九条', 'CLASSIFIED_POST 第三十九条']);
    expect(validateAccount({ ...personal, exceptionApproval: '浏阳政工〔2026〕3号' }, ctx)).toEqual([]);
  });

  it('reports every violation at once, each with its article', () => {
    const { ctx, account } = setup();
    const result = validateAccount(
      { ...account('acc-cs-weibo'), operatorB: null, reviewerIds: [], ownerId: 'p-cs-leader' },
      ctx,
    );
    expect(codes(result).sort()).toEqual([
      'OPERATOR_B_REQUIRED 第十一条',
      'OWNER_ON_INSTITUTIONAL 第三十三条',
      'REVIEWER_REQUIRED 第十六条',
    ]);
    expect(result.every((v) => /[\u4e00-\u9fa5]/.test(v.message))).toBe(true);
  });

  it('exempts a closed account from staffing rules but not from 第九条', () => {
    const { ctx, account } = setup();
    const closed: Account = {
      ...account('acc-cs-weibo'),
      state: 'closed',
      operatorA: null,
      operatorB: null,
      reviewerIds: [],
    };
    expect(validateAccount(closed, ctx)).toEqual([]);
    expect(codes(validateAccount({ ...closed, unitId: 'u-cs-gb' }, ctx))).toEqual(['SPECIAL_WORK_UNIT 第九条']);
  });
});

describe('upsertAccount / setOperators', () => {
  const input = (account: Account): AccountInput => {
    const { _id: _omitId, createdAt: _c, updatedAt: _u, rev: _r, ...rest } = account;
    return rest;
  };

  it('registers a new account at rev 1 with an audit entry', () => {
    const { ctx, account } = setup();
    const result = upsertAccount(
      null,
      { ...input(account('acc-cs-weibo')), platform: 'douyin', name: '长沙警事抖音' },
      {
        ...ctx,
        now: NOW,
        expectedRev: 0,
        newId: () => 'acc-new',
      },
    );
    if (!result.ok) throw result.error;
    expect(result.next).toMatchObject({
      _id: 'acc-new',
      rev: 1,
      createdAt: '2026-03-02T10:00:00.000+08:00',
      platform: 'douyin',
    });
    expect(result.effects).toEqual([
      expect.objectContaining({
        kind: 'audit',
        action: 'org.upsertAccount',
        object: { collection: 'accounts', id: 'acc-new' },
        unitPath: ['u-hn', 'u-cs'],
        changes: expect.arrayContaining([{ field: 'name', from: null, to: '长沙警事抖音' }]),
      }),
    ]);
  });

  it('refuses an account without a reviewer, listing why', () => {
    const { ctx, account } = setup();
    const current = account('acc-cs-weibo');
    const result = upsertAccount(
      current,
      { ...input(current), reviewerIds: [] },
      { ...ctx, now: NOW, expectedRev: 1, newId: () => 'x' },
    );
    if (result.ok) throw new Error('expected a refusal');
    expect(result.error).toBeInstanceOf(ViolationsError);
    expect(result.error.code).toBe('ACCOUNT_INVALID');
    expect(result.error.message).toContain('机构公安新媒体应至少确定一名审核民警（第十六条）');
    expect(result.error instanceof ViolationsError && result.error.violations.map((v) => v.code)).toEqual([
      'REVIEWER_REQUIRED',
    ]);
  });

  it('records only the fields that changed', () => {
    const { ctx, account } = setup();
    const current = account('acc-cs-weibo');
    const result = upsertAccount(
      current,
      { ...input(current), name: '长沙警事2' },
      { ...ctx, now: NOW, expectedRev: 1, newId: () => 'x' },
    );
    if (!result.ok) throw result.error;
    expect(result.next).toMatchObject({ _id: 'acc-cs-weibo', rev: 2, createdAt: current.createdAt });
    expect(result.effects[0]).toMatchObject({ changes: [{ field: 'name', from: '长沙警事', to: '长沙警事2' }] });
  });

  it('two admins editing the same account: one wins, the other gets CONFLICT, nothing is lost silently', () => {
    const { ctx, account } = setup();
    const loaded = account('acc-cs-weibo');
    const first = setOperators(
      loaded,
      { operatorA: 'p-cs-operator-b', operatorB: 'p-cs-operator-a' },
      { ...ctx, now: NOW, expectedRev: loaded.rev },
    );
    if (!first.ok) throw first.error;
    // The second admin edited the copy loaded at rev 1; the store now holds rev 2.
    const second = upsertAccount(
      first.next,
      { ...input(loaded), name: '改名' },
      { ...ctx, now: NOW, expectedRev: loaded.rev, newId: () => 'x' },
    );
    expect(second.ok).toBe(false);
    expect(!second.ok && second.error.code).toBe('CONFLICT');
    // Reloaded, the second edit applies on top of the first.
    const retried = upsertAccount(
      first.next,
      { ...input(first.next), name: '改名' },
      { ...ctx, now: NOW, expectedRev: 2, newId: () => 'x' },
    );
    if (!retried.ok) throw retried.error;
    expect(retried.next).toMatchObject({
      rev: 3,
      name: '改名',
      operatorA: 'p-cs-operator-b',
      operatorB: 'p-cs-operator-a',
    });
  });

  it('a swap racing another swap gets CONFLICT', () => {
    const { ctx, account } = setup();
    const loaded = account('acc-cs-weibo');
    const saved = { ...loaded, rev: 2 };
    const late = setOperators(
      saved,
      { operatorA: 'p-cs-operator-a', operatorB: 'p-cs-untrained' },
      { ...ctx, now: NOW, expectedRev: 1 },
    );
    expect(!late.ok && late.error.code).toBe('CONFLICT');
  });

  it('refuses a swap that breaks a rule', () => {
    const { ctx, account } = setup();
    const result = setOperators(
      account('acc-cs-weibo'),
      { operatorA: 'p-cs-operator-a', operatorB: 'p-cs-untrained' },
      {
        ...ctx,
        now: NOW,
        expectedRev: 1,
      },
    );
    expect(!result.ok && result.error.message).toContain('未完成新媒体业务培训');
  });
});

describe('checkAccountUse (第三十三条)', () => {
  it('keeps official and personal content on their own kind of account', () => {
    const { account } = setup();
    expect(checkAccountUse(account('acc-cs-weibo'), 'official')).toBeNull();
    expect(checkAccountUse(account('acc-cs-personal'), 'personal')).toBeNull();
    const official = checkAccountUse(account('acc-cs-personal'), 'official');
    const personal = checkAccountUse(account('acc-cs-weibo'), 'personal');
    expect(official).toBeInstanceOf(DomainError);
    expect([official?.code, official?.message]).toEqual([
      'ACCOUNT_USE_MISMATCH',
      '严禁用个人账号发布官方信息（第三十三条）',
    ]);
    expect(personal?.message).toBe('严禁用官方账号发布个人信息（第三十三条）');
  });
});

describe('passwordLikeFields', () => {
  it('finds password-like fields at any depth', () => {
    const request = {
      name: '长沙警事',
      password: 'x',
      platform: { loginPwd: 'y', passport: 'fine' },
      extra: [{ 密码: 'z' }, { note: 'ok' }],
      clientSecret: 's',
    };
    expect(passwordLikeFields(request)).toEqual(['password', 'platform.loginPwd', 'extra.0.密码', 'clientSecret']);
  });

  it('passes a clean request', () => {
    expect(passwordLikeFields({ name: '长沙警事', platformId: 'cs', passed: true })).toEqual([]);
    expect(passwordLikeFields('password')).toEqual([]);
  });
});
