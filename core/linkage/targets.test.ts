import type { Account, Unit } from '../../typings/org';
import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import {
  checkTargets,
  directKey,
  recipientsOf,
  resolveTargets,
  talliesOf,
  tallyKeysOf,
  unitsToRead,
  type OperatorReach,
} from './targets';

// The demo tree (省厅 → 长沙 → 浏阳) plus a second city with a department account and a closed one.
const org = demoOrg();
const extraUnits: Unit[] = [
  { ...org.units[0], _id: 'u-zz', name: '株洲市公安局', level: 'city', parentId: 'u-hn', path: ['u-hn', 'u-zz'] },
  {
    ...org.units[0],
    _id: 'u-zz-xcc',
    name: '株洲市公安局政治部宣传处',
    kind: 'propagandaDesk',
    level: 'city',
    parentId: 'u-zz',
    path: ['u-hn', 'u-zz', 'u-zz-xcc'],
  },
];
const tree = buildTree([...org.units, ...extraUnits]);
const unit = (id: string): Unit => {
  const u = tree.byId.get(id);
  if (!u) throw new Error(id);
  return u;
};
const acc = (id: string, over: Partial<Account>): Account => ({ ...org.accounts[0], _id: id, ...over });
const accounts: Account[] = [
  ...org.accounts,
  acc('acc-zz-weibo', { name: '株洲公安', unitId: 'u-zz', operatorA: 'p-zz-a', operatorB: 'p-zz-b' }),
  acc('acc-zz-closed', { name: '株洲旧号', unitId: 'u-zz', state: 'closed' }),
  acc('acc-hn-weibo', { name: '湖南公安', unitId: 'u-hn-xcc', operatorA: 'p-hn-a', operatorB: null }),
  acc('acc-cs-jj', {
    name: '长沙交警',
    unitId: 'u-cs-jj',
    platform: 'douyin',
    operatorA: 'p-cs-operator-a',
    operatorB: null,
  }),
];
const reach = (ids: string[]): Map<string, OperatorReach> => new Map(ids.map((id) => [id, { reachable: true }]));

describe('the targets of a directive', () => {
  it('all accounts: every active institutional account under the scope, in id order', () => {
    const r = resolveTargets({
      targets: { mode: 'filter', unitIds: [], platforms: [] },
      scope: unit('u-hn'),
      tree,
      accounts,
      operators: reach(['p-cs-operator-a']),
    });
    if (!r.ok) throw r.error;
    expect(r.targets.map((t) => t.accountId)).toEqual([
      'acc-cs-jj',
      'acc-cs-wechat-service',
      'acc-cs-wechat-sub',
      'acc-cs-weibo',
      'acc-hn-weibo',
      'acc-ly-weibo',
      'acc-zz-weibo',
    ]);
    // Personal accounts are not the matrix; closed accounts are not called.
    expect(r.targets.find((t) => t.accountId === 'acc-cs-personal')).toBeUndefined();
    const weibo = r.targets.find((t) => t.accountId === 'acc-cs-weibo');
    expect(weibo).toMatchObject({
      operatorIds: ['p-cs-operator-a', 'p-cs-operator-b'],
      reachable: true,
      reachableOperators: 1,
      tallyIds: ['u-cs'],
      unitPath: ['u-hn', 'u-cs'],
    });
    expect(r.targets.find((t) => t.accountId === 'acc-ly-weibo')).toMatchObject({
      reachable: false,
      tallyIds: ['u-cs', 'u-ly'],
    });
    expect(r.targets.find((t) => t.accountId === 'acc-hn-weibo')?.tallyIds).toEqual([directKey('u-hn')]);
  });

  it('narrows by city and by platform', () => {
    const r = resolveTargets({
      targets: { mode: 'filter', unitIds: ['u-cs'], platforms: ['weibo'] },
      scope: unit('u-hn'),
      tree,
      accounts,
      operators: new Map(),
    });
    if (!r.ok) throw r.error;
    expect(r.targets.map((t) => t.accountId)).toEqual(['acc-cs-weibo', 'acc-ly-weibo']);
    expect(unitsToRead({ mode: 'filter', unitIds: ['u-zz'], platforms: [] }, unit('u-hn'), tree)).toEqual([
      'u-zz',
      'u-zz-xcc',
    ]);
  });

  it('a city desk calls its own matrix: its accounts and its counties', () => {
    const r = resolveTargets({
      targets: { mode: 'filter', unitIds: [], platforms: [] },
      scope: unit('u-cs'),
      tree,
      accounts,
      operators: new Map(),
    });
    if (!r.ok) throw r.error;
    expect(r.targets.map((t) => t.accountId)).not.toContain('acc-zz-weibo');
    expect(r.targets.find((t) => t.accountId === 'acc-ly-weibo')?.tallyIds).toEqual(['u-ly']);
    expect(r.targets.find((t) => t.accountId === 'acc-cs-weibo')?.tallyIds).toEqual([directKey('u-cs')]);
  });

  it('refuses bureaus outside the scope and hand-picked accounts that are closed, unknown or elsewhere', () => {
    expect(checkTargets({ mode: 'filter', unitIds: ['u-cs'], platforms: [] }, unit('u-hn'), tree)).toBeNull();
    expect(checkTargets({ mode: 'filter', unitIds: ['u-zz'], platforms: [] }, unit('u-cs'), tree)?.code).toBe(
      'UNIT_NOT_UNDER_SCOPE',
    );
    expect(checkTargets({ mode: 'filter', unitIds: ['u-cs-jj'], platforms: [] }, unit('u-hn'), tree)?.code).toBe(
      'UNIT_NOT_UNDER_SCOPE',
    );
    expect(checkTargets({ mode: 'accounts', accountIds: [] }, unit('u-hn'), tree)?.code).toBe('TARGETS_EMPTY');
    const picked = (ids: string[], scope = 'u-hn') =>
      resolveTargets({
        targets: { mode: 'accounts', accountIds: ids },
        scope: unit(scope),
        tree,
        accounts,
        operators: new Map(),
      });
    const ok = picked(['acc-cs-personal', 'acc-zz-weibo', 'acc-zz-weibo']);
    expect(ok.ok && ok.targets.map((t) => t.accountId)).toEqual(['acc-cs-personal', 'acc-zz-weibo']);
    // A personal account is operated by its owner.
    expect(ok.ok && ok.targets[0]?.operatorIds).toEqual(['p-cs-personal']);
    const closed = picked(['acc-zz-closed']);
    expect(!closed.ok && closed.error.message).toContain('株洲旧号');
    expect(!picked(['nope']).ok).toBe(true);
    const elsewhere = picked(['acc-zz-weibo'], 'u-cs');
    expect(!elsewhere.ok && elsewhere.error.code).toBe('ACCOUNT_UNAVAILABLE');
  });

  it('refuses a call that reaches no account', () => {
    const r = resolveTargets({
      targets: { mode: 'filter', unitIds: [], platforms: ['kuaishou'] },
      scope: unit('u-hn'),
      tree,
      accounts,
      operators: new Map(),
    });
    expect(!r.ok && r.error.code).toBe('TARGETS_EMPTY');
  });
});

describe('tallies', () => {
  it('one per bureau under the scope (its whole subtree) and one for the scope’s own accounts', () => {
    const r = resolveTargets({
      targets: { mode: 'filter', unitIds: [], platforms: [] },
      scope: unit('u-hn'),
      tree,
      accounts,
      operators: reach(['p-cs-operator-a', 'p-zz-a']),
    });
    if (!r.ok) throw r.error;
    const tallies = talliesOf('d1', r.targets, unit('u-hn'), tree);
    const by = new Map(tallies.map((t) => [t.key, t]));
    expect(by.get('u-cs')).toMatchObject({
      _id: 'd1|u-cs',
      parentId: 'u-hn',
      targets: 5,
      reachable: 4,
      hasChildren: true,
    });
    expect(by.get('u-ly')).toMatchObject({ parentId: 'u-cs', targets: 1, reachable: 0, hasChildren: false });
    expect(by.get('u-zz')).toMatchObject({ parentId: 'u-hn', targets: 1, reachable: 1 });
    expect(by.get('u-hn#direct')).toMatchObject({
      unitId: 'u-hn',
      unitName: '湖南省公安厅本级',
      parentId: 'u-hn',
      targets: 1,
    });
    // The scope's totals are the sum of its children: every account counted once among them.
    const top = tallies.filter((t) => t.parentId === 'u-hn');
    expect(top.reduce((n, t) => n + t.targets, 0)).toBe(r.targets.length);
    expect(tallyKeysOf(['u-hn', 'u-cs', 'u-ly', 'u-ly-xz'], unit('u-hn'), tree)).toEqual(['u-cs', 'u-ly']);
  });
});

describe('recipients', () => {
  it('one per person, naming every account they operate', () => {
    const rs = recipientsOf([
      { accountId: 'a1', accountName: '长沙警事', platform: 'weibo', operatorIds: ['p1', 'p2'] },
      { accountId: 'a2', accountName: '长沙警事', platform: 'wechatSubscription', operatorIds: ['p1'] },
    ]);
    expect(rs).toEqual([
      {
        personId: 'p1',
        accounts: [
          { accountId: 'a1', accountName: '长沙警事', platform: 'weibo' },
          { accountId: 'a2', accountName: '长沙警事', platform: 'wechatSubscription' },
        ],
      },
      { personId: 'p2', accounts: [{ accountId: 'a1', accountName: '长沙警事', platform: 'weibo' }] },
    ]);
  });
});
