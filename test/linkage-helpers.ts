/** Shared steps of the linkage integration tests: issuing, reading stored records, firing the timer. */
import type { Directive, DirectiveTally, DirectiveTarget, DirectiveView, IssueParams } from '../typings/linkage';
import type { Notification, OutboxRecord } from '../typings/notify';
import type { TimerAnswer } from '../server/notify/timer';
import type { TestCloud } from './support/cloud';
import { ok } from './support/answers';

export { WHO } from './post-helpers';

let keys = 0;

export function issueParams(over: Partial<IssueParams> = {}): IssueParams {
  keys += 1;
  return {
    clientKey: `issue-${keys}`,
    kind: 'opinion',
    title: '澄清网传“某地发生恶性案件”不实信息',
    content: '请转发省厅官方微博发布的警情通报，正面回应网民关切。',
    link: 'https://weibo.com/hngaj/123456',
    wording: '以警方通报为准，不信谣、不传谣。',
    responseKinds: ['repost', 'original', 'comment'],
    targets: { mode: 'filter', unitIds: [], platforms: [] },
    ...over,
  };
}

export const issue = (
  t: TestCloud,
  over: Partial<IssueParams> = {},
  openid = 'demo-province-propaganda',
): Promise<DirectiveView> => ok(t.call('linkage', 'issue', issueParams(over), openid));

export const directives = (t: TestCloud): Directive[] => t.cloud.db.find('directives', {}) as unknown as Directive[];
export const targetsOf = (t: TestCloud, directiveId: string): DirectiveTarget[] =>
  t.cloud.db.find('directiveTargets', { directiveId }) as unknown as DirectiveTarget[];
export const talliesOf = (t: TestCloud, directiveId: string): DirectiveTally[] =>
  t.cloud.db.find('directiveTallies', { directiveId }) as unknown as DirectiveTally[];
export const notices = (t: TestCloud, kind?: string): Notification[] =>
  (t.cloud.db.find('notifications', kind ? { kind } : {}) as unknown as Notification[]).sort((a, b) =>
    a.recipientId.localeCompare(b.recipientId),
  );
export const outbox = (t: TestCloud, kind: string): OutboxRecord[] =>
  t.cloud.db.find('outbox', { kind }) as unknown as OutboxRecord[];

/** Fires the every-minute timer and answers its report. */
export async function timer(t: TestCloud): Promise<Extract<TimerAnswer, { ok: true }>['data']> {
  const [record] = await t.cloud.timers.fire('timer');
  if (!record?.outcome.ok) throw new Error(`timer failed: ${JSON.stringify(record?.outcome)}`);
  const answer = record.outcome.result as TimerAnswer;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** The stored documents of every collection a refusal must leave alone, to compare before and after. */
export function snapshot(t: TestCloud): string {
  const names = [
    'directives',
    'directiveTargets',
    'directiveTallies',
    'linkagePlans',
    'notifications',
    'outbox',
    'auditLog',
  ];
  return JSON.stringify(names.map((n) => t.cloud.db.find(n, {})));
}
