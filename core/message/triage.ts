/**
 * The handling each kind of message requires (第二十二条 – 第二十八条), as data. The server enforces
 * these through the checks in message.ts; pages read the same tables for labels and templates.
 */
import type { DepartmentFunction } from '../../typings/org';
import type { MessageOutcome, Triage } from '../../typings/referral';
import type { ScreeningCategoryId } from '../../typings/screening';

/** A step an outcome needs before the message may be closed. */
export type Step = 'reply' | 'notice' | 'cleanUp' | 'answeredReferral' | 'replyAfterReferral';

export interface NoticeRule {
  /** Functions that satisfy the rule; 'any' for "the relevant department" (第二十二条). */
  functions: readonly DepartmentFunction[] | 'any';
  /** What the operator reads when it is missing. */
  label: string;
}

export interface TriageRule {
  label: string;
  article: string;
  /** allowed; forbidden; ifProblem: only when an abusive message also raises a real problem. */
  reply: 'allowed' | 'forbidden' | 'ifProblem';
  /** A ready reply the operator may post as is or adapt. */
  replyTemplate: string | null;
  /** A reply must mention at least one of these (empty: no constraint). */
  replyMustMention: readonly string[];
  replyMustMentionMessage: string | null;
  /** The notice this kind requires, if any. */
  notice: NoticeRule | null;
  /** The reply must wait for the notice (第二十八条: the reply is coordinated with the desk). */
  noticeBeforeReply: boolean;
  cleanUp: 'required' | 'allowed' | 'no';
  /** May be referred to a department (第二十六条, 第二十七条). */
  referable: boolean;
  /** May be deferred for verification with an internal reply target (第二十三条). */
  deferrable: boolean;
  /** A closed message may get a later reply with the result of the check (第二十五条). */
  followUp: boolean;
  outcomes: readonly MessageOutcome[];
}

export const TRIAGE_RULES: { readonly [T in Triage]: TriageRule } = {
  // 第二十二条: not taken as a report; guide to 110 and notify the relevant department.
  policeReport: {
    label: '报警求助',
    article: '第二十二条',
    reply: 'allowed',
    replyTemplate: '您好！公安新媒体不受理报警。如遇警情，请立即拨打110报警电话，我们已将情况通报有关部门。',
    replyMustMention: ['110'],
    replyMustMentionMessage: '报警类留言的回复须引导拨打110报警电话（第二十二条）',
    notice: { functions: 'any', label: '通报有关部门（第二十二条）' },
    noticeBeforeReply: false,
    cleanUp: 'no',
    referable: false,
    deferrable: false,
    followUp: false,
    outcomes: ['guidedTo110'],
  },
  // 第二十三条第一款: answer now, or verify and answer soon.
  general: {
    label: '一般留言、意见建议',
    article: '第二十三条',
    reply: 'allowed',
    replyTemplate: null,
    replyMustMention: [],
    replyMustMentionMessage: null,
    notice: null,
    noticeBeforeReply: false,
    cleanUp: 'no',
    referable: true,
    deferrable: true,
    followUp: false,
    outcomes: ['replied'],
  },
  // 第二十三条第二款: no reply to abuse; a reasoned reply to a real problem mixed in; no flame wars.
  abusive: {
    label: '谩骂性言论',
    article: '第二十三条',
    reply: 'ifProblem',
    replyTemplate: null,
    replyMustMention: [],
    replyMustMentionMessage: null,
    notice: null,
    noticeBeforeReply: false,
    cleanUp: 'allowed',
    referable: false,
    deferrable: false,
    followUp: false,
    outcomes: ['ignored', 'problemAnswered'],
  },
  // 第二十四条 notice to 网安; 第二十六条 clean it up at once. Not engaged with.
  unlawful: {
    label: '违法违规信息',
    article: '第二十四条、第二十六条',
    reply: 'forbidden',
    replyTemplate: null,
    replyMustMention: [],
    replyMustMentionMessage: null,
    notice: { functions: ['cyberSecurity'], label: '通报网安部门（第二十四条）' },
    noticeBeforeReply: false,
    cleanUp: 'required',
    referable: false,
    deferrable: false,
    followUp: false,
    outcomes: ['reportedAndCleaned'],
  },
  // 第二十五条: guide to 纪检 / 督察, notify them; their finding may be replied later.
  complaint: {
    label: '投诉举报',
    article: '第二十五条',
    reply: 'allowed',
    replyTemplate: '您好！您反映的问题，请向公安机关纪检、督察部门反映，我们已将情况通报有关部门。',
    replyMustMention: ['纪检', '督察'],
    replyMustMentionMessage: '投诉举报的回复须引导向纪检、督察等部门反映（第二十五条）',
    notice: { functions: ['discipline', 'inspection'], label: '通报纪检或督察部门（第二十五条）' },
    noticeBeforeReply: false,
    cleanUp: 'no',
    referable: false,
    deferrable: false,
    followUp: true,
    outcomes: ['guidedToDiscipline'],
  },
  // 第二十六条: answer now, or refer to the department (deadlines of 第二十七条).
  consultation: {
    label: '咨询求助（职权范围内）',
    article: '第二十六条、第二十七条',
    reply: 'allowed',
    replyTemplate: null,
    replyMustMention: [],
    replyMustMentionMessage: null,
    notice: null,
    noticeBeforeReply: false,
    cleanUp: 'no',
    referable: true,
    deferrable: false,
    followUp: false,
    outcomes: ['answered', 'answeredAfterReferral'],
  },
  // 第二十六条: outside police powers, tell the proper channel (a notice to that body is optional).
  outsidePowers: {
    label: '职权范围外诉求',
    article: '第二十六条',
    reply: 'allowed',
    replyTemplate: '您好！您反映的事项不属于公安机关职权范围，建议您向（有关部门及联系方式）依法反映诉求。',
    replyMustMention: [],
    replyMustMentionMessage: null,
    notice: null,
    noticeBeforeReply: false,
    cleanUp: 'no',
    referable: false,
    deferrable: false,
    followUp: false,
    outcomes: ['channelGiven'],
  },
  // 第二十八条: notify the public-opinion desk; reply in step with its plan.
  negative: {
    label: '涉警负面信息',
    article: '第二十八条',
    reply: 'allowed',
    replyTemplate: null,
    replyMustMention: [],
    replyMustMentionMessage: null,
    notice: { functions: ['publicOpinion'], label: '通报舆情处置部门（第二十八条）' },
    noticeBeforeReply: true,
    cleanUp: 'no',
    referable: false,
    deferrable: false,
    followUp: false,
    outcomes: ['coordinatedReply'],
  },
};

export interface OutcomeRule {
  label: string;
  needs: readonly Step[];
}

export const OUTCOME_RULES: { readonly [O in MessageOutcome]: OutcomeRule } = {
  guidedTo110: { label: '已引导拨打110并通报', needs: ['reply', 'notice'] },
  replied: { label: '已回复', needs: ['reply'] },
  ignored: { label: '谩骂性言论，不予回复', needs: [] },
  problemAnswered: { label: '已对所反映问题理性回应', needs: ['reply'] },
  reportedAndCleaned: { label: '已通报网安并清理', needs: ['notice', 'cleanUp'] },
  guidedToDiscipline: { label: '已引导向纪检、督察反映并通报', needs: ['reply', 'notice'] },
  answered: { label: '已答复', needs: ['reply'] },
  answeredAfterReferral: { label: '经流转办理后答复', needs: ['answeredReferral', 'replyAfterReferral'] },
  channelGiven: { label: '已告知反映渠道', needs: ['reply'] },
  coordinatedReply: { label: '已通报舆情部门并配合回应', needs: ['notice', 'reply'] },
};

/** Most serious first: when screening finds several categories, the first that applies wins. */
export const TRIAGE_PRIORITY: readonly Triage[] = [
  'unlawful',
  'policeReport',
  'complaint',
  'negative',
  'abusive',
  'consultation',
  'outsidePowers',
  'general',
];

/**
 * Screening's triage categories (typings/screening.ts) → triage. Categories with no triage of their
 * own (a platform verdict, a 第十七条 topic) suggest nothing: the operator decides.
 */
export const TRIAGE_BY_CATEGORY: { readonly [C in ScreeningCategoryId]?: Triage } = {
  policeReport: 'policeReport',
  abusive: 'abusive',
  unlawful: 'unlawful',
  complaint: 'complaint',
  helpRequest: 'consultation',
  negativePolice: 'negative',
};

/** A suggested triage from screening's categories, the most serious first, or null. */
export function suggestTriage(categories: readonly ScreeningCategoryId[]): Triage | null {
  const found = new Set(categories.map((c) => TRIAGE_BY_CATEGORY[c]));
  return TRIAGE_PRIORITY.find((t) => found.has(t)) ?? null;
}
