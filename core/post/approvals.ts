/**
 * The approvals page's rules, free of the platform (issue 16): what a transition copies to whom
 * (抄送, 第二十九条), who may nudge a waiting step and how often (催办), who may comment, and the
 * timeline a post shows. Plain functions over plain data.
 */
import type { ScreeningHit } from '../../typings/screening';
import type {
  ApprovalItem,
  ApprovalRecord,
  ChainStep,
  CopyOccasion,
  CopyRule,
  CopyTarget,
  Decision,
  NudgeCounter,
  Post,
  PostError,
  PostNote,
  PostScreening,
  PostVersion,
  TimelineEntry,
} from '../../typings/post';
import { postError } from './errors';

/** 第二十九条: until a bureau saves its own, the responsible person learns every approved post. */
export const DEFAULT_COPY_RULES: readonly CopyRule[] = [{ on: 'approved', to: ['responsiblePerson'] }];

export const COPY_OCCASIONS: readonly CopyOccasion[] = ['reviewer', 'leader', 'propagandaDesk', 'approved', 'returned'];
export const COPY_TARGETS: readonly CopyTarget[] = ['responsibleLeader', 'responsiblePerson', 'propagandaStaff'];

export const COPY_OCCASION_LABELS: { readonly [K in CopyOccasion]: string } = {
  reviewer: '审核民警审核后',
  leader: '分管领导审批后',
  propagandaDesk: '宣传部门审批后',
  approved: '审批通过时',
  returned: '退回修改时',
};

export const COPY_TARGET_LABELS: { readonly [K in CopyTarget]: string } = {
  responsibleLeader: '责任领导',
  responsiblePerson: '责任人员',
  propagandaStaff: '宣传干事',
};

/** One rule per occasion, known targets, no empty rule. */
export function checkCopyRules(rules: readonly CopyRule[]): PostError | null {
  const seen = new Set<CopyOccasion>();
  for (const rule of rules) {
    if (!COPY_OCCASIONS.includes(rule.on) || seen.has(rule.on))
      return postError('COPY_RULES_INVALID', `抄送时机重复或无效：${rule.on}`);
    seen.add(rule.on);
    if (rule.to.length === 0 || rule.to.some((t) => !COPY_TARGETS.includes(t)))
      return postError('COPY_RULES_INVALID', `${COPY_OCCASION_LABELS[rule.on]}的抄送对象为空或无效`);
    if (new Set(rule.to).size !== rule.to.length)
      return postError('COPY_RULES_INVALID', `${COPY_OCCASION_LABELS[rule.on]}的抄送对象重复`);
  }
  return null;
}

/** What a transition decided: the new decision, with its step, and whether the chain ended. */
export interface DecisionMade {
  decision: Decision;
  step: ChainStep;
  occasions: CopyOccasion[];
}

/** The decision a transition added (approve or send back), and the copy occasions it opens. */
export function decisionMade(before: Post, after: Post): DecisionMade | null {
  if (after.decisions.length <= before.decisions.length) return null;
  const decision = after.decisions[after.decisions.length - 1];
  if (!decision) return null;
  const step = before.chain.find((s) => s.key === decision.stepKey);
  if (!step) return null;
  const occasions: CopyOccasion[] = [step.kind];
  if (after.state === 'approved' && before.state !== 'approved') occasions.push('approved');
  if (after.state === 'returned' && before.state !== 'returned') occasions.push('returned');
  return { decision, step, occasions };
}

/** The targets the rules name for these occasions, each once. */
export function copyTargets(rules: readonly CopyRule[], occasions: readonly CopyOccasion[]): CopyTarget[] {
  const out = new Set<CopyTarget>();
  for (const rule of rules) if (occasions.includes(rule.on)) for (const t of rule.to) out.add(t);
  return [...out];
}

export const NUDGE_INTERVAL_MS = 60 * 60 * 1000;

/** The counter of a step's nudges. */
export const nudgeCounterId = (post: Pick<Post, '_id' | 'round'>, stepKey: string): string =>
  `nudge|${post._id}|${post.round}|${stepKey}`;

/** The step a post waits at, or null. */
export function waitingStep(post: Post): ChainStep | null {
  if (post.state !== 'inReview' || post.stepIndex === null) return null;
  return post.chain[post.stepIndex] ?? null;
}

/**
 * 催办: the submitter nudges the step the post waits at, at most once an hour per step. Answers the
 * step, or why not.
 */
export function checkNudge(
  post: Post,
  personId: string,
  counter: NudgeCounter | null,
  now: number,
): { ok: true; step: ChainStep } | { ok: false; error: PostError } {
  const step = waitingStep(post);
  if (!step) return { ok: false, error: postError('NOTHING_TO_NUDGE') };
  if (post.authorId !== personId && !post.contributorIds.includes(personId))
    return { ok: false, error: postError('NOT_SUBMITTER') };
  if (counter) {
    const next = Date.parse(counter.lastAt) + NUDGE_INTERVAL_MS;
    if (now < next) {
      const minutes = Math.ceil((next - now) / 60_000);
      return { ok: false, error: postError('NUDGE_TOO_SOON', `请 ${minutes} 分钟后再催办`) };
    }
  }
  return { ok: true, step };
}

/** When the author may nudge next; null when nothing waits. */
export function nudgeAvailableAt(post: Post, counter: NudgeCounter | null, now: number): number | null {
  if (!waitingStep(post)) return null;
  return counter ? Math.max(now, Date.parse(counter.lastAt) + NUDGE_INTERVAL_MS) : now;
}

export const COMMENT_MAX_CHARS = 500;

// --- timeline -------------------------------------------------------------------------------------

/** Category label of a hit, e.g. 第十七条（二）4 涉及未成年人 — what the reviewer saw marked. */
export function markLabels(hits: readonly ScreeningHit[]): string[] {
  const counts = new Map<string, number>();
  for (const hit of hits) {
    const label = `${hit.ref} ${hit.title}`.trim();
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, n]) => (n > 1 ? `${label}×${n}` : label));
}

/** What an approvals line says of a version's screening: its marks, and how many hits 语义复核 set aside. */
export function screeningDigest(screening: PostScreening): Pick<ApprovalItem, 'marks' | 'setAside'> {
  return { marks: markLabels(screening.hits), setAside: screening.setAside?.length ?? 0 };
}

const HISTORY_LABELS: { readonly [action: string]: string } = {
  'post.submit': '提交',
  'post.approve': '同意',
  'post.sendBack': '退回修改',
  'post.withdraw': '撤回',
  'post.raiseLevel': '提高敏感等级',
  'post.setPlannedTime': '修改计划发布时间',
  'post.publish': '登记发布',
};

export interface TimelineInput {
  post: Post;
  versions: readonly PostVersion[];
  notes: readonly PostNote[];
  copies: readonly ApprovalRecord[];
  names: ReadonlyMap<string, string>;
}

/**
 * Every step with the person, the full time, the comment and, for a submission, the screening marks
 * of the version submitted; nudges, copies and comments in between. Oldest first.
 */
export function timelineOf({ post, versions, notes, copies, names }: TimelineInput): TimelineEntry[] {
  const name = (id: string): string => names.get(id) ?? '';
  const entries: TimelineEntry[] = [];
  const decisionAt = new Map(post.decisions.map((d) => [`${d.at}|${d.personId}`, d]));
  for (const h of post.history) {
    if (h.action === 'post.draftSave') continue;
    const decision = decisionAt.get(`${h.at}|${h.personId}`);
    const version = versions.find((v) => v.version === h.version);
    entries.push({
      at: h.at,
      personName: name(h.personId),
      action: HISTORY_LABELS[h.action] ?? h.summary,
      stepLabel: decision?.stepLabel ?? '',
      comment: decision?.comment ?? (decision ? '' : h.action === 'post.submit' ? '' : h.summary),
      marks: h.action === 'post.submit' && version ? markLabels(version.screening.hits) : [],
      setAside: h.action === 'post.submit' && version ? markLabels(version.screening.setAside ?? []) : [],
    });
  }
  // One line per copy occasion, naming everyone copied then.
  const byOccasion = new Map<string, ApprovalRecord[]>();
  for (const c of copies) {
    const key = `${c.at}|${c.stepKey}`;
    byOccasion.set(key, [...(byOccasion.get(key) ?? []), c]);
  }
  for (const group of byOccasion.values()) {
    const first = group[0];
    if (!first) continue;
    entries.push({
      at: first.at,
      personName: '',
      action: '抄送',
      stepLabel: first.stepLabel,
      comment: group.map((c) => name(c.personId)).join('、'),
      marks: [],
      setAside: [],
    });
  }
  for (const note of notes) {
    entries.push({
      at: note.at,
      personName: name(note.personId),
      action: note.kind === 'nudge' ? '催办' : '意见',
      stepLabel: note.stepLabel,
      comment: note.text,
      marks: [],
      setAside: [],
    });
  }
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
