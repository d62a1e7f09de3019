/**
 * The scheme the product ships with (第三十六条: 省厅制定评估办法): every indicator and every automatic
 * deduction traced to its article. It is data: the province desk saves its own versions from a later
 * month on (evaluation.schemeSave); this one applies to every month before the first saved version.
 */
import type { EvaluationScheme, SchemeData } from '../../typings/evaluation';

export const DEFAULT_SCHEME_DATA: SchemeData = {
  indicators: [
    { key: 'cadence', label: '更新频次', article: '第十九条', weight: 25, params: {} },
    { key: 'messagesAnswered', label: '网民留言回应', article: '第二十三条', weight: 15, params: {} },
    { key: 'referralsOnTime', label: '转办按时反馈', article: '第二十七条', weight: 15, params: {} },
    {
      key: 'linkageResponses',
      label: '联动指令响应',
      article: '第三十四条',
      weight: 20,
      // 第三十四条: 1小时内响应; a later response earns half.
      params: { lateCredit: 0.5 },
    },
    {
      key: 'reviewDiscipline',
      label: '审核发布纪律',
      article: '第十五条',
      weight: 15,
      params: { perRefusedAttempt: 5, perSentBack: 1 },
    },
    {
      key: 'security',
      label: '账号安全',
      article: '第三十三条',
      weight: 10,
      // 第三十三条: an incident takes the whole indicator; a password changed after its due time, 2 points.
      params: { perIncident: 10, perLateRotation: 2 },
    },
  ],
  autoDeductions: [
    { key: 'referralOverdue', label: '转办事项逾期反馈', article: '第二十七条', points: 1 },
    { key: 'publishRefused', label: '未经审核试图发布', article: '第十五条', points: 2 },
    { key: 'silence', label: '重大舆情期间失声失语', article: '第三十六条', points: 5 },
    { key: 'securityIncident', label: '发生账号安全事故', article: '第三十三条', points: 5 },
    { key: 'linkageMissed', label: '未响应联动指令', article: '第三十四条', points: 2 },
    { key: 'filingLate', label: '开设关闭注销未按期备案', article: '第十四条', points: 1 },
  ],
  deductionCap: 30,
  bonusCap: 5,
  manualMaxPoints: 10,
  objectionWorkingDays: 3,
  grades: [
    { label: '优秀', min: 90 },
    { label: '良好', min: 80 },
    { label: '合格', min: 60 },
    { label: '不合格', min: 0 },
  ],
  commendTop: 10,
  criticiseBelow: 60,
  requirements: [
    '各单位要对照本通报逐项整改，内容长期不更新、互动回应不及时的账号要明确责任人限期改正（第三十六条）。',
    '严格落实信息发布审核制度，信息未经审核不得发布（第十五条）。',
    '转办事项要按期办理反馈，当日内、5个工作日内、7个工作日内的时限不得突破（第二十七条）。',
    '加强账号及密码管理，发生信息安全问题立即报告（第三十三条）；联动指令下达后1小时内响应（第三十四条）。',
  ],
};

/** Version 0: what applies before the desk has saved any version. */
export function defaultScheme(): EvaluationScheme {
  return {
    _id: 'scheme-v0',
    version: 0,
    fromMonth: '2000-01',
    createdBy: null,
    createdAt: '2026-01-01T00:00:00.000+08:00',
    ...(JSON.parse(JSON.stringify(DEFAULT_SCHEME_DATA)) as SchemeData),
  };
}
