/** Shared steps of the post integration tests: demo people by role, a draft's fields, unwrapping answers. */
import type { ApiResult } from '../typings/common';
import type { DraftFields, DraftSaved, PostContent } from '../typings/post';
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

export async function ok<T>(answer: Promise<ApiResult<T>>): Promise<T> {
  const res = await answer;
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}

export async function refusal<T>(answer: Promise<ApiResult<T>>): Promise<string> {
  const res = await answer;
  if (res.ok) throw new Error(`expected a refusal, got ${JSON.stringify(res.data)}`);
  return res.error.code;
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
