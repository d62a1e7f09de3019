/**
 * Issue 11, 第十一条 / 第十六条 / 第三十九条: who may run and review an account. A 市州 institutional
 * account's A and B are two 民警, every institutional account has at least one 民警 reviewer, and the
 * people an account names belong to its unit — checked wherever a person is placed, and shown again
 * whenever the person changes (the rule reads the person as they are now).
 */
import type { Account, Person } from '../../typings/org';
import {
  belongsToAccountUnit,
  checkPlacement,
  OPERATOR_B,
  placementRefusal,
  setOperators,
  validateAccount,
  type AccountContext,
} from './accounts';
import { demoOrg } from './demo';
import { buildTree } from './tree';

const NOW = Date.parse('2026-03-02T10:00:00+08:00');

function setup(edit: Partial<Record<string, Partial<Person>>> = {}) {
  const org = demoOrg();
  const people = org.people.map((p) => ({ ...p, ...(edit[p._id] ?? {}) }));
  const ctx: AccountContext = { tree: buildTree(org.units), people: new Map(people.map((p) => [p._id, p])) };
  const account = (id: string): Account => org.accounts.find((a) => a._id === id) as Account;
  return { ctx, account, people };
}

const codes = (violations: { code: string; article: string }[]): string[] =>
  violations.map((v) => `${v.code} ${v.article}`);

describe('第十一条: a 市州 account’s A and B are two 民警', () => {
  it('shows a violation on every account naming an operator once they are flagged auxiliary', () => {
    const { ctx, account } = setup({ 'p-cs-operator-b': { auxiliary: true } });
    for (const id of ['acc-cs-weibo', 'acc-cs-wechat-sub', 'acc-cs-wechat-service']) {
      const found = validateAccount(account(id), ctx);
      expect(codes(found)).toEqual(['AUXILIARY_OPERATOR 第十一条']);
      expect(found[0]).toMatchObject({
        personId: 'p-cs-operator-b',
        message: 'B角运营民警李娜为警务辅助人员，市州公安局新媒体的AB角须由民警担任',
      });
    }
  });

  it('refuses placing an auxiliary as A or B of a 市州 account', () => {
    const { ctx, account } = setup({ 'p-cs-untrained': { auxiliary: true, trainings: demoOrg().people[0].trainings } });
    const result = setOperators(
      account('acc-cs-weibo'),
      { operatorA: 'p-cs-operator-a', operatorB: 'p-cs-untrained' },
      { ...ctx, now: NOW, expectedRev: 1 },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('ACCOUNT_INVALID');
      expect(result.error.message).toContain('市州公安局新媒体的AB角须由民警担任（第十一条）');
    }
  });

  it('leaves a county account’s operators and an auxiliary’s personal account alone (第三十九条 参照管理)', () => {
    const { ctx, account } = setup({ 'p-ly-operator': { auxiliary: true }, 'p-cs-personal': { auxiliary: true } });
    expect(validateAccount(account('acc-ly-weibo'), ctx)).toEqual([]);
    expect(validateAccount(account('acc-cs-personal'), ctx)).toEqual([]);
  });
});

describe('第十六条: every institutional account has at least one 民警 reviewer', () => {
  it('flags an account whose reviewers are all auxiliaries, and accepts an auxiliary beside a 民警', () => {
    const { ctx, account } = setup({ 'p-cs-reviewer': { auxiliary: true }, 'p-ly-reviewer': { auxiliary: true } });
    expect(codes(validateAccount(account('acc-ly-weibo'), ctx))).toEqual(['POLICE_REVIEWER_REQUIRED 第十六条']);
    const withPolice = { ...account('acc-cs-weibo'), reviewerIds: ['p-cs-reviewer', 'p-cs-leader'] };
    const leaderAsReviewer = setup({
      'p-cs-reviewer': { auxiliary: true },
      'p-cs-leader': { roles: [{ role: 'reviewer', unitId: 'u-cs' }] },
    });
    expect(validateAccount(withPolice, leaderAsReviewer.ctx)).toEqual([]);
  });
});

describe('the people an account names belong to its unit', () => {
  it('shows a violation when an operator is moved to another bureau, even keeping the role grant', () => {
    const { ctx, account } = setup({ 'p-cs-operator-a': { unitId: 'u-ly-xz' } });
    const found = validateAccount(account('acc-cs-weibo'), ctx);
    expect(codes(found)).toEqual(['STAFF_OUTSIDE_UNIT 第十一条']);
    expect(found[0].message).toBe(
      'A角运营民警王明现属浏阳市公安局刑侦大队，已不在长沙市公安局，不能担任该账号的运营民警',
    );
  });

  it('accepts people anywhere inside the account’s own bureau, and no one from another', () => {
    const { ctx } = setup();
    const cityAccount = { unitId: 'u-cs' };
    expect(belongsToAccountUnit({ unitId: 'u-cs-xcc' }, cityAccount, ctx.tree)).toBe(true);
    expect(belongsToAccountUnit({ unitId: 'u-cs-xz' }, cityAccount, ctx.tree)).toBe(true);
    expect(belongsToAccountUnit({ unitId: 'u-ly' }, cityAccount, ctx.tree)).toBe(false);
    expect(belongsToAccountUnit({ unitId: 'u-hn-xcc' }, cityAccount, ctx.tree)).toBe(false);
    // A department's account is that department's.
    expect(belongsToAccountUnit({ unitId: 'u-cs-xcc' }, { unitId: 'u-cs-jj' }, ctx.tree)).toBe(false);
  });

  it('stops an operator whose placement no longer holds from running the account', () => {
    const moved = setup({ 'p-cs-operator-a': { unitId: 'u-ly-xz' } });
    const operatorA = moved.people.find((p) => p._id === 'p-cs-operator-a') as Person;
    expect(placementRefusal(moved.account('acc-cs-weibo'), operatorA, moved.ctx.tree)?.code).toBe('STAFF_OUTSIDE_UNIT');
    const aux = setup({ 'p-cs-operator-b': { auxiliary: true } });
    const operatorB = aux.people.find((p) => p._id === 'p-cs-operator-b') as Person;
    expect(placementRefusal(aux.account('acc-cs-weibo'), operatorB, aux.ctx.tree)?.message).toContain('（第十一条）');
    const owner = setup({ 'p-cs-personal': { unitId: 'u-cs-xz' } });
    const officer = owner.people.find((p) => p._id === 'p-cs-personal') as Person;
    expect(placementRefusal(owner.account('acc-cs-personal'), officer, owner.ctx.tree)?.code).toBe(
      'OWNER_UNIT_MISMATCH',
    );
    const fine = setup();
    const a = fine.people.find((p) => p._id === 'p-cs-operator-a') as Person;
    expect(placementRefusal(fine.account('acc-cs-weibo'), a, fine.ctx.tree)).toBeNull();
  });

  it('is the one rule a single placement is checked with', () => {
    const { ctx, account } = setup({ 'p-cs-operator-b': { auxiliary: true, unitId: 'u-hn' } });
    expect(codes(checkPlacement(account('acc-cs-weibo'), 'p-cs-operator-b', OPERATOR_B, ctx))).toEqual([
      'STAFF_OUTSIDE_UNIT 第十一条',
      'AUXILIARY_OPERATOR 第十一条',
    ]);
  });
});
