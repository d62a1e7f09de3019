import type { AccountApplication, OpeningFields } from '../../typings/account';
import type { Account, Person } from '../../typings/org';
import { createWorkCalendar } from '../calendar/calendar';
import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import {
  closeApplication,
  decideApplication,
  openApplication,
  openingRefusal,
  registerPersonal,
  withdrawApplication,
  type DecideContext,
} from './application';
import { acknowledgeFiling, queryFiling, submitFiling } from './filing';
import { accountClosedError, accountNotOpenReason } from './guards';
import { markAccount } from './marks';
import { DEFAULT_RULES } from './rules';
import { completeTask } from './setup';

const org = demoOrg();
const tree = buildTree(org.units);
/** 长沙交警's own people: staff of an account belong to its unit (第十一条, core/org checkPlacement). */
const traffic = (id: string, name: string, role: 'operator' | 'reviewer'): Person => ({
  ...(org.people.find((p) => p._id === 'p-cs-operator-a') as Person),
  _id: id,
  name,
  badgeNo: id,
  unitId: 'u-cs-jj',
  roles: [{ role, unitId: 'u-cs-jj' }],
  openid: null,
});
const people = new Map(
  [
    ...org.people,
    traffic('p-jj-a', '交警甲', 'operator'),
    traffic('p-jj-b', '交警乙', 'operator'),
    traffic('p-jj-r', '交警丙', 'reviewer'),
  ].map((p) => [p._id, p]),
);
const person = (id: string): Person => {
  const p = people.get(id);
  if (!p) throw new Error(id);
  return p;
};
// Monday 2026-11-30, 10:00 Beijing.
const NOW = Date.parse('2026-11-30T10:00:00+08:00');
const calendar = createWorkCalendar();

const fields = (over: Partial<OpeningFields> = {}): OpeningFields => ({
  unitId: 'u-cs-jj',
  platform: 'douyin',
  name: '长沙交警',
  purpose: '交通出行提示',
  columnPlan: '路况早知道',
  conditions: {
    operatorA: 'p-jj-a',
    operatorB: 'p-jj-b',
    reviewerIds: ['p-jj-r'],
    technicalSupport: '技术组',
    equipment: { attested: true, note: '手机' },
    premises: { attested: true, note: '工作室' },
    funding: { attested: true, note: '预算' },
    exceptionApproval: null,
  },
  ...over,
});

function open(over: Partial<OpeningFields> = {}): AccountApplication {
  const result = openApplication(
    { id: 'app-1', clientKey: 'k1', fields: fields(over) },
    { now: NOW, actor: person('p-cs-admin'), tree, people },
  );
  if (!result.ok) throw result.error;
  return result.value.next;
}

let ids = 0;
const decideCtx = (actorId: string, over: Partial<DecideContext> = {}): DecideContext => ({
  now: NOW,
  actor: person(actorId),
  tree,
  newId: () => `id-${++ids}`,
  rules: DEFAULT_RULES,
  calendar,
  people,
  account: null,
  openItems: 0,
  deskName: (id) => tree.byId.get(id)?.name ?? id,
  ...over,
});

describe('opening applications (第十条, 第十一条)', () => {
  it('lists every unmet condition at once, each with its article', () => {
    const refused = openingRefusal(
      fields({
        purpose: '',
        conditions: {
          ...fields().conditions,
          operatorB: null,
          technicalSupport: ' ',
          premises: { attested: true, note: '' },
        },
      }),
      { tree, people, applicantUnitId: 'u-cs' },
    );
    expect(refused?.code).toBe('CONDITIONS_UNMET');
    for (const part of [
      'AB角）负责（第十一条）',
      '开设目的与定位（第十条）',
      '技术保障人员（第十一条）',
      '工作场所（第十一条）',
    ]) {
      expect(refused?.message).toContain(part);
    }
  });

  it('refuses special work outright (第九条), whoever applies or is named', () => {
    expect(openingRefusal(fields({ unitId: 'u-cs-gb' }), { tree, people, applicantUnitId: 'u-cs' })?.code).toBe(
      'SPECIAL_WORK',
    );
    expect(openingRefusal(fields(), { tree, people, applicantUnitId: 'u-cs-gb' })?.code).toBe('SPECIAL_WORK');
    const named = openingRefusal(fields({ conditions: { ...fields().conditions, reviewerIds: ['p-cs-guobao'] } }), {
      tree,
      people,
      applicantUnitId: 'u-cs',
    });
    expect(named?.message).toContain('罗斌所在部门从事特殊工作');
  });

  it('goes to the desk the article names, pending, with its first step', () => {
    const app = open();
    expect(app).toMatchObject({
      state: 'pending',
      deciderId: 'u-cs-xcc',
      applicantId: 'p-cs-admin',
      log: [{ step: 'submit', article: '第十条', personName: '吴刚', at: '2026-11-30T10:00:00.000+08:00' }],
    });
  });
});

describe('deciding', () => {
  it('refuses anyone but the named desk, the applicant, a missing reason and a second decision', () => {
    const app = open();
    const province = decideApplication(app, 'approve', null, decideCtx('p-hn-propaganda'));
    expect(province).toMatchObject({
      ok: false,
      error: { code: 'NOT_DECIDER', message: '该申请应由长沙市公安局政治部宣传处审批（第十条）' },
    });
    const self = decideApplication(
      { ...app, applicantId: 'p-cs-propaganda' },
      'approve',
      null,
      decideCtx('p-cs-propaganda'),
    );
    expect(self).toMatchObject({ ok: false, error: { code: 'SELF_DECISION' } });
    expect(decideApplication(app, 'return', '  ', decideCtx('p-cs-propaganda'))).toMatchObject({
      ok: false,
      error: { code: 'REASON_REQUIRED' },
    });
    expect(
      decideApplication({ ...app, state: 'refused' }, 'approve', null, decideCtx('p-cs-propaganda')),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_PENDING' },
    });
  });

  it('approves an opening into an approved account with its tasks and a filing due in 5 working days', () => {
    const result = decideApplication(open(), 'approve', null, decideCtx('p-cs-propaganda'));
    if (!result.ok) throw result.error;
    const { account, filing, notices } = result.value;
    expect(account?.after).toMatchObject({
      state: 'approved',
      name: '长沙交警',
      lifecycle: { origin: 'application', approvingDeskId: 'u-cs-xcc', approvedAt: '2026-11-30T10:00:00.000+08:00' },
    });
    expect(account?.after.lifecycle?.tasks.filter((t) => !t.done)).toHaveLength(5);
    expect(filing).toMatchObject({
      event: 'open',
      state: 'due',
      filerDeskId: 'u-cs-xcc',
      receiverDeskId: 'u-hn-xcc',
      dueAt: '2026-12-07T23:59:59.999+08:00',
    });
    expect(notices.map((n) => n.kind)).toEqual(['accountApplicationDecided', 'filingDue']);
    expect(notices[0]?.to).toEqual([{ person: 'p-cs-admin' }, { person: 'p-jj-a' }, { person: 'p-jj-b' }]);
  });

  it('counts the filing period on the working-day calendar: the National Day week does not count', () => {
    const result = decideApplication(
      open(),
      'approve',
      null,
      decideCtx('p-cs-propaganda', { now: Date.parse('2026-09-30T16:00:00+08:00') }),
    );
    if (!result.ok) throw result.error;
    // 2026: 10-01..10-07 off, 10-10 (Saturday) a make-up working day.
    expect(result.value.filing?.dueAt).toBe('2026-10-13T23:59:59.999+08:00');
  });

  it('re-checks the people when approving: someone untrained since is refused', () => {
    const untrained = new Map(people);
    untrained.set('p-jj-b', { ...person('p-jj-b'), trainings: [] });
    const result = decideApplication(open(), 'approve', null, decideCtx('p-cs-propaganda', { people: untrained }));
    expect(result).toMatchObject({ ok: false, error: { code: 'CONDITIONS_UNMET' } });
  });
});

describe('closing (第十三条)', () => {
  const weibo = org.accounts.find((a) => a._id === 'acc-cs-weibo') as Account;

  it('goes to the approver of record, and is refused while items are open', () => {
    const applied = closeApplication(
      { id: 'c1', clientKey: 'c1', account: weibo, type: 'close', reason: '整合账号', owner: null },
      { now: NOW, actor: person('p-cs-admin'), tree },
    );
    if (!applied.ok) throw applied.error;
    expect(applied.value.next).toMatchObject({ deciderId: 'u-hn-xcc', deciderArticle: '第十三条', type: 'close' });
    const blocked = decideApplication(
      applied.value.next,
      'approve',
      null,
      decideCtx('p-hn-propaganda', { account: weibo, openItems: 3 }),
    );
    expect(blocked).toMatchObject({ ok: false, error: { code: 'OPEN_ITEMS' } });
    if (!blocked.ok) expect(blocked.error.message).toContain('3项');
    const closed = decideApplication(
      applied.value.next,
      'approve',
      null,
      decideCtx('p-hn-propaganda', { account: weibo }),
    );
    if (!closed.ok) throw closed.error;
    expect(closed.value.account?.after).toMatchObject({
      state: 'closed',
      lifecycle: { origin: 'preSystem', closedAt: '2026-11-30T10:00:00.000+08:00' },
    });
    expect(closed.value.filing).toMatchObject({ event: 'close', receiverDeskId: 'u-hn-xcc' });
    expect(accountNotOpenReason({ state: 'closed' })).toContain('第十三条');
    expect(accountClosedError({ state: 'cancelled' })?.code).toBe('ACCOUNT_NOT_OPEN');
    expect(accountClosedError({ state: 'suspended' })).toBeNull();
  });

  it('closes nothing twice and withdraws only what is still open', () => {
    const closedAccount = { ...weibo, state: 'closed' as const };
    expect(
      closeApplication(
        { id: 'c2', clientKey: 'c2', account: closedAccount, type: 'cancel', reason: 'x', owner: null },
        { now: NOW, actor: person('p-cs-admin'), tree },
      ),
    ).toMatchObject({ ok: false, error: { code: 'ACCOUNT_NOT_OPEN' } });
    const app = open();
    expect(withdrawApplication(app, null, { now: NOW, actor: person('p-cs-propaganda'), tree })).toMatchObject({
      ok: false,
      error: { code: 'NOT_APPLICANT' },
    });
    expect(
      withdrawApplication({ ...app, state: 'approved' }, null, { now: NOW, actor: person('p-cs-admin'), tree }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_WITHDRAWABLE' },
    });
  });
});

describe('personal accounts (第三十九条, 第四十二条)', () => {
  const reg = { platform: 'weibo' as const, name: '交警林晓', platformId: 'lx', realNameVerified: false };

  it('registers at once; a classified post waits for the unit; special work never', () => {
    const now = registerPersonal(
      { id: 'r1', clientKey: 'r1', accountId: 'a1', fields: reg },
      { now: NOW, actor: person('p-cs-personal'), tree },
    );
    expect(now).toMatchObject({
      ok: true,
      value: {
        kind: 'registered',
        account: { state: 'active', kind: 'personal', ownerId: 'p-cs-personal', operatorA: 'p-cs-personal' },
      },
    });
    const auxiliary = registerPersonal(
      { id: 'r2', clientKey: 'r2', accountId: 'a2', fields: reg },
      { now: NOW, actor: { ...person('p-cs-personal'), auxiliary: true }, tree },
    );
    expect(auxiliary).toMatchObject({ ok: true, value: { kind: 'registered' } });
    const classified = registerPersonal(
      { id: 'r3', clientKey: 'r3', accountId: 'a3', fields: reg },
      { now: NOW, actor: { ...person('p-cs-personal'), classifiedPost: true }, tree },
    );
    expect(classified).toMatchObject({
      ok: true,
      value: {
        kind: 'awaiting',
        outcome: { next: { type: 'register', deciderId: 'u-cs-xcc', deciderArticle: '第三十九条' } },
      },
    });
    const special = registerPersonal(
      { id: 'r4', clientKey: 'r4', accountId: 'a4', fields: reg },
      { now: NOW, actor: person('p-cs-guobao'), tree },
    );
    expect(special).toMatchObject({ ok: false, error: { code: 'SPECIAL_WORK' } });
  });

  it('approves a classified officer’s registration with the unit’s approval written on the account', () => {
    const officer = { ...person('p-cs-personal'), classifiedPost: true };
    const awaiting = registerPersonal(
      { id: 'r5', clientKey: 'r5', accountId: 'a5', fields: reg },
      { now: NOW, actor: officer, tree },
    );
    if (!awaiting.ok || awaiting.value.kind !== 'awaiting') throw new Error('expected awaiting');
    const decided = decideApplication(
      awaiting.value.outcome.next,
      'approve',
      '工作需要',
      decideCtx('p-cs-propaganda', { people: new Map([[officer._id, officer]]) }),
    );
    if (!decided.ok) throw decided.error;
    expect(decided.value.account?.after).toMatchObject({
      state: 'active',
      exceptionApproval: '长沙市公安局政治部宣传处陈静于2026-11-30批准：工作需要',
    });
    expect(decided.value.filing).toBeNull();
  });

  it('marks personal accounts only, with a note, by month', () => {
    const personal = org.accounts.find((a) => a._id === 'acc-cs-personal') as Account;
    const marked = markAccount(
      personal,
      { id: 'm1', kind: 'support', note: '传播正能量' },
      { now: NOW, actor: person('p-cs-propaganda'), tree },
    );
    expect(marked).toMatchObject({
      ok: true,
      mark: { month: '2026-11', kind: 'support' },
      account: { mark: { kind: 'support', byName: '陈静' } },
    });
    expect(
      markAccount(
        personal,
        { id: 'm2', kind: 'reminder', note: ' ' },
        { now: NOW, actor: person('p-cs-propaganda'), tree },
      ),
    ).toMatchObject({ ok: false });
    const institutional = org.accounts.find((a) => a._id === 'acc-cs-weibo') as Account;
    expect(
      markAccount(
        institutional,
        { id: 'm3', kind: 'support', note: 'x' },
        { now: NOW, actor: person('p-cs-propaganda'), tree },
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_PERSONAL' },
    });
  });
});

describe('setup tasks and filings', () => {
  function approved(): Account {
    const result = decideApplication(open(), 'approve', null, decideCtx('p-cs-propaganda'));
    if (!result.ok || !result.value.account) throw new Error('not approved');
    return result.value.account.after;
  }

  it('activates the account when the last task is done, by its people only', () => {
    let account = approved();
    const ctx = (id: string) => ({ now: NOW, actor: person(id), tree, rules: DEFAULT_RULES });
    expect(completeTask(account, { key: 'realName', platformId: 'x' }, ctx('p-cs-reviewer'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_SETUP_PERSON' },
    });
    const steps = [
      { key: 'standardName' as const, name: '长沙交警' },
      { key: 'realName' as const, platformId: 'dy-1' },
      { key: 'avatar' as const, fileID: 'cloud://e/a.png' },
      { key: 'background' as const, fileID: 'cloud://e/b.png' },
      { key: 'columnPlan' as const, fileID: 'cloud://e/c.png' },
    ];
    for (const task of steps) {
      const result = completeTask(account, task, ctx('p-jj-a'));
      if (!result.ok) throw result.error;
      account = result.value.next;
    }
    expect(account).toMatchObject({
      state: 'active',
      realNameVerified: true,
      platformId: 'dy-1',
      lifecycle: { activatedAt: '2026-11-30T10:00:00.000+08:00' },
    });
    expect(completeTask(account, { key: 'realName', platformId: 'y' }, ctx('p-jj-a'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_IN_SETUP' },
    });
  });

  it('files, queries and acknowledges at the right desks only', () => {
    const result = decideApplication(open(), 'approve', null, decideCtx('p-cs-propaganda'));
    if (!result.ok || !result.value.filing) throw new Error('no filing');
    const f = result.value.filing;
    const at = (id: string) => ({ now: NOW, actor: person(id), tree, rules: DEFAULT_RULES, calendar });
    expect(submitFiling(f, { note: '报备', documents: [] }, at('p-hn-propaganda'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FILER' },
    });
    expect(acknowledgeFiling(f, null, at('p-hn-propaganda'))).toMatchObject({
      ok: false,
      error: { code: 'FILING_STATE' },
    });
    const filed = submitFiling(f, { note: '报备', documents: ['cloud://e/x.pdf'] }, at('p-cs-propaganda'));
    if (!filed.ok) throw filed.error;
    // Three working days after Monday: Thursday's end.
    expect(filed.value.next).toMatchObject({ state: 'filed', acknowledgeDueAt: '2026-12-03T23:59:59.999+08:00' });
    expect(queryFiling(filed.value.next, '补充材料', at('p-cs-propaganda'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_RECEIVER' },
    });
    const ack = acknowledgeFiling(filed.value.next, null, at('p-hn-propaganda'));
    expect(ack).toMatchObject({ ok: true, value: { next: { state: 'acknowledged' } } });
  });
});
