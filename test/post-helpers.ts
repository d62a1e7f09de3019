/** Shared steps of the post integration tests: demo people by role, a draft's fields. */
import type { DraftFields, DraftSaved, PostContent } from '../typings/post';
import { ok } from './support/answers';
import type { TestCloud } from './support/cloud';

/** Demo OPENIDs (core/org/demo.ts). */
export const WHO = {
  opA: 'demo-operator-a',
  opB: 'demo-operator-b',
  reviewer: 'demo-reviewer',
  leader: 'demo-leader',
  cityDesk: 'demo-city-propaganda',
  provinceDesk: 'demo-province-propaganda',
  countyOp: 'demo-county-operator',
  countyReviewer: 'demo-county-reviewer',
  countyLeader: 'demo-county-leader',
  personal: 'demo-personal',
  untrained: 'demo-untrained',
} as const;

export function content(over: Partial<PostContent> = {}): PostContent {
  return {
    title: '反诈提醒',
    text: '近期冒充客服退款的诈骗多发，请勿向陌生账户转账。',
    images: [],
    kind: 'original',
    source: null,
    ...over,
  };
}

export function fields(over: Partial<DraftFields> = {}, contentOver: Partial<PostContent> = {}): DraftFields {
  return {
    content: content(contentOver),
    nature: 'official',
    declaredLevel: 'ordinary',
    sourceVerified: false,
    plannedAt: null,
    ...over,
  };
}

let keys = 0;

/** A new draft for one account, as the editor's first save makes it. */
export function newDraft(
  t: TestCloud,
  openid: string,
  accountId: string,
  over: Partial<DraftFields> = {},
  contentOver: Partial<PostContent> = {},
): Promise<DraftSaved> {
  keys += 1;
  return ok(t.call('post', 'draftSave', { accountId, clientKey: `k${keys}`, ...fields(over, contentOver) }, openid));
}
