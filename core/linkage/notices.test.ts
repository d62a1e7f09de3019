import type { Directive } from '../../typings/linkage';
import { enqueue } from '../notify/outbox';
import { templatesFor, templateConfigProblems } from '../notify/templates';
import { beijingAt, toBeijingIso } from '../time';
import { clockOf } from './directive';
import { accountsText, closedNotice, issuedNotice, lateNotice, reminderNotice, withdrawnNotice } from './notices';
import { elapsedLabel, remainderRow, sortRows, sumRows, tallyRow } from './views';

const ISSUED = beijingAt('2026-12-01', 9, 0);
const d: Directive = {
  _id: 'd1',
  kind: 'publicity',
  title: '转发全省禁毒宣传月启动仪式',
  content: '请转发',
  link: null,
  wording: '',
  responseKinds: ['repost'],
  targets: { mode: 'filter', unitIds: [], platforms: [] },
  targetsLabel: '全部账号',
  windowMinutes: 60,
  graceMinutes: 30,
  issuerId: 'p-hn-propaganda',
  issuerName: '周芳',
  deskId: 'u-hn-xcc',
  deskName: '湖南省公安厅政治部宣传处',
  scopeUnitId: 'u-hn',
  scopeUnitName: '湖南省公安厅',
  reach: ['u-hn'],
  correctionOf: null,
  correctionOfTitle: null,
  issuedAt: toBeijingIso(ISSUED),
  ...clockOf(ISSUED, 60, 30),
  month: '2026-12',
  planId: 'p',
  planChunks: 1,
  targetCount: 3,
  operatorCount: 2,
  reachableAccounts: 1,
  reachableOperators: 1,
  state: 'open',
  open: true,
  nextStepAt: null,
  steps: { reminders: 0, lateReported: false },
  fanout: {
    purpose: 'issue',
    phase: 'done',
    leaseOwner: null,
    leaseUntil: null,
    startedAt: toBeijingIso(ISSUED),
    doneAt: null,
    notices: 0,
  },
  withdrawal: null,
  closedAt: null,
  createdAt: toBeijingIso(ISSUED),
  updatedAt: toBeijingIso(ISSUED),
  rev: 1,
};
const me = {
  personId: 'p1',
  accounts: [
    { accountId: 'a1', accountName: '长沙警事', platform: 'weibo' as const },
    { accountId: 'a2', accountName: '长沙警事', platform: 'wechatSubscription' as const },
    { accountId: 'a3', accountName: '长沙公安服务', platform: 'wechatService' as const },
  ],
};

describe('linkage notices', () => {
  it('tell each operator the window, the deadline and their accounts, opening the directive', () => {
    const n = issuedNotice(d, me);
    expect(n).toMatchObject({
      kind: 'linkageIssued',
      recipientId: 'p1',
      link: '/packages/linkage/pages/directive/index?id=d1',
      dedupeKey: 'linkageIssued:directives/d1:issue:p1',
    });
    expect(n.text).toBe(
      '重大正面宣传，请在 60 分钟内（10:00 前）以长沙警事（微博）、长沙警事（微信订阅号）等 3 个账号响应',
    );
  });

  it('fit the linkage subscribe template (a one-time template of its own) within WeChat’s field rules', () => {
    const env = templatesFor('local');
    expect(templateConfigProblems(env)).toEqual([]);
    const { outbox } = enqueue(issuedNotice(d, me), { env, now: ISSUED, newId: () => 'x' });
    expect(outbox.message?.templateId).toBe('local-tpl-linkage');
    expect(outbox.message?.subscription).toBe('oneTime');
    expect(outbox.message?.page).toBe('packages/linkage/pages/directive/index?id=d1');
    expect(outbox.message?.data).toEqual({
      thing1: { value: '转发全省禁毒宣传月启动仪式' },
      phrase2: { value: '待响应' },
      time3: { value: '2026年12月1日 10:00' },
      thing4: { value: '60分钟内响应，10:00截止' },
    });
    // The late report to leaders and desks is a 督办提醒; the closing summary stays in the inbox.
    expect(env.kinds.linkageLate?.templateId).toBe('local-tpl-escalation');
    expect(env.kinds.linkageClosed).toBeNull();
  });

  it('key every occasion apart, so a run done twice stores each once', () => {
    const now = ISSUED + 30 * 60_000;
    const keys = [
      issuedNotice(d, me).dedupeKey,
      reminderNotice(d, 0, me, now).dedupeKey,
      reminderNotice(d, 1, me, now).dedupeKey,
      withdrawnNotice({ ...d, withdrawal: { reason: '有误', byId: 'x', byName: 'x', at: d.issuedAt } }, me).dedupeKey,
      lateNotice(d, { personId: 'p1', unitId: 'u-cs', unitName: '长沙市公安局', accounts: me.accounts }).dedupeKey,
      closedNotice(d, { onTime: 1, late: 1, silent: 1 }).dedupeKey,
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(reminderNotice(d, 0, me, now).text).toContain('还有 30 分钟');
  });

  it('name the late accounts to the leader, opening the board of their bureau', () => {
    const n = lateNotice(d, { personId: 'p9', unitId: 'u-cs', unitName: '长沙市公安局', accounts: me.accounts });
    expect(n.link).toBe('/packages/linkage/pages/board/index?id=d1&unitId=u-cs');
    expect(n.text).toContain('长沙市公安局长沙警事（微博）、长沙警事（微信订阅号）、长沙公安服务（微信服务号）未响应');
    expect(accountsText(me.accounts, 1)).toBe('长沙警事（微博）等 3 个账号');
  });
});

describe('linkage views', () => {
  it('show response times from issue', () => {
    expect(elapsedLabel(0)).toBe('0 分 00 秒');
    expect(elapsedLabel(12 * 60_000 + 5_000)).toBe('12 分 05 秒');
    expect(elapsedLabel(75 * 60_000)).toBe('1 小时 15 分');
  });

  it('sum rows, show a bureau’s own accounts as the rest, and put the most silent first', () => {
    const t = (unitId: string, targets: number, onTime: number, late: number) =>
      tallyRow({ unitId, unitName: unitId, targets, reachable: 0, onTime, late, afterClose: 0 }, false);
    const city = t('cs', 10, 4, 2);
    const counties = [t('ly', 3, 1, 0), t('nx', 2, 2, 0)];
    expect(remainderRow('cs', '本级', city, counties)).toMatchObject({ targets: 5, onTime: 1, late: 2, silent: 2 });
    expect(remainderRow('cs', '本级', t('x', 3, 1, 0), [t('y', 3, 1, 0)])).toBeNull();
    expect(sumRows('all', '全部', [city, ...counties])).toMatchObject({ targets: 15, silent: 6 });
    expect(sortRows([counties[1], city, counties[0]]).map((r) => r.unitId)).toEqual(['cs', 'ly', 'nx']);
  });
});
