/**
 * Shared steps of the account lifecycle tests: one cloud per file with the account calls, notices and
 * documents at hand, demo people, an opening application's fields, answers.
 */
import type { ActionName, ParamsOf, ResultOf } from '../typings/api';
import type { OpeningConditions, OpeningFields } from '../typings/account';
import type { Notification } from '../typings/notify';
import type { Account, Person } from '../typings/org';
import { key, ok, refused } from './support/answers';
import { useTestCloud, type TestCloud, type TestCloudOptions } from './support/cloud';

export const WHO = {
  admin: 'demo-admin', // 长沙市公安局 单位管理员
  cityDesk: 'demo-city-propaganda', // 长沙市公安局政治部宣传处
  provinceDesk: 'demo-province-propaganda', // 省厅政治部宣传处
  countyLeader: 'demo-county-leader', // 浏阳市公安局 分管领导
  opA: 'demo-operator-a',
  opB: 'demo-operator-b',
  personal: 'demo-personal', // 交警 林晓
  reviewer: 'demo-reviewer',
} as const;

/**
 * 长沙交警's own new-media people (the demo has none): an account's staff belong to its unit
 * (第十一条, core/org checkPlacement). Two 民警 operators and a 民警 reviewer, trained, bound.
 */
export const TRAFFIC = { a: 'jj-a', b: 'jj-b', reviewer: 'jj-r' } as const;

export function addTrafficStaff(t: TestCloud): void {
  const base = t.cloud.db.get('people', 'p-cs-operator-a') as unknown as Person;
  const person = (id: string, name: string, openid: string, role: 'operator' | 'reviewer'): Person => ({
    ...base,
    _id: id,
    name,
    badgeNo: `43${id}`,
    unitId: 'u-cs-jj',
    roles: [{ role, unitId: 'u-cs-jj' }],
    openid,
  });
  t.cloud.db.insert('people', [
    person('p-jj-a', '周强', TRAFFIC.a, 'operator'),
    person('p-jj-b', '吴燕', TRAFFIC.b, 'operator'),
    person('p-jj-r', '郑华', TRAFFIC.reviewer, 'reviewer'),
  ] as never[]);
}

export function conditions(over: Partial<OpeningConditions> = {}): OpeningConditions {
  return {
    operatorA: 'p-jj-a',
    operatorB: 'p-jj-b',
    reviewerIds: ['p-jj-r'],
    technicalSupport: '网安支队技术保障组',
    equipment: { attested: true, note: '专用手机2部、笔记本电脑1台' },
    premises: { attested: true, note: '新媒体工作室' },
    funding: { attested: true, note: '纳入年度预算' },
    exceptionApproval: null,
    ...over,
  };
}

/** 长沙交警's Douyin: a city department, so the 长沙 desk decides (第十条 同级). */
export function opening(over: Partial<OpeningFields> = {}): OpeningFields {
  return {
    unitId: 'u-cs-jj',
    platform: 'douyin',
    name: '长沙交警',
    purpose: '交通出行提示与交通安全宣传',
    columnPlan: '路况早知道；交通安全课',
    conditions: conditions(),
    ...over,
  };
}

/** Every document of a collection, for "nothing changed" checks. */
export function snapshot(t: TestCloud, ...collections: string[]): string {
  return JSON.stringify(collections.map((c) => t.cloud.db.find(c, {}, { sort: [['_id', 1]] })));
}

/** An opening application as the form sends it: the fields and a fresh idempotency key. */
export const applying = (over: Partial<OpeningFields> = {}): OpeningFields & { clientKey: string } => ({
  ...opening(over),
  clientKey: key(),
});

type AccountAction = ActionName<'account'>;

/** A test file's cloud with the account tests' own steps. */
export interface AccountCloud extends TestCloud {
  /** account.<action> as `who`: its data; a refusal fails the test with its code and message. */
  ok<A extends AccountAction>(action: A, params: ParamsOf<'account', A>, who: string): Promise<ResultOf<'account', A>>;
  /** account.<action> as `who`, which must be refused: the refusal. */
  refused<A extends AccountAction>(
    action: A,
    params: ParamsOf<'account', A>,
    who: string,
  ): Promise<{ code: string; message: string }>;
  /** The notifications of one kind a person was sent. */
  notices(recipientId: string, kind: string): Notification[];
  accountDoc(id: string): Account;
  /** Changes a person's record as an admin would leave it (moved to a classified post, …). */
  setPerson(id: string, patch: Partial<Person>): void;
}

/**
 * The cloud of one account test file (support/cloud useTestCloud): Monday 2026-11-30 10:00 Beijing
 * unless told, prepared by `setup` (e.g. addTrafficStaff), with the account tests' own steps.
 */
export function useAccountCloud(
  options: TestCloudOptions = {},
  setup: (t: TestCloud) => void = () => undefined,
): AccountCloud {
  const t = useTestCloud({ now: '2026-11-30T10:00:00+08:00', ...options }, setup);
  return Object.assign(t, {
    ok: <A extends AccountAction>(action: A, params: ParamsOf<'account', A>, who: string) =>
      ok(t.call('account', action, params, who)),
    refused: <A extends AccountAction>(action: A, params: ParamsOf<'account', A>, who: string) =>
      refused(t.call('account', action, params, who)),
    notices: (recipientId: string, kind: string) =>
      t.cloud.db.find('notifications', { recipientId, kind }) as unknown as Notification[],
    accountDoc: (id: string) => t.cloud.db.get('accounts', id) as unknown as Account,
    setPerson: (id: string, patch: Partial<Person>) => {
      t.cloud.db.update('people', { _id: id }, { $set: patch }, { multi: false, upsert: false, replace: false });
    },
  });
}
