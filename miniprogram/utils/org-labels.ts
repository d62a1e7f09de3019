import type { AccountKind, AccountState, Action, Platform } from '../../typings/org';

export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  weibo: '微博',
  wechatSubscription: '微信订阅号',
  wechatService: '微信服务号',
  douyin: '抖音',
  kuaishou: '快手',
  toutiao: '今日头条',
  other: '其他平台',
};

/** 第二条: 机构公安新媒体 and 个人公安新媒体. */
export const ACCOUNT_KIND_LABELS: Readonly<Record<AccountKind, string>> = {
  institutional: '机构账号',
  personal: '个人账号',
};

export const ACCOUNT_STATE_LABELS: Readonly<Record<AccountState, string>> = {
  approved: '待完成开设',
  active: '正常运营',
  suspended: '暂停更新',
  closed: '已关闭',
  cancelled: '已注销',
};

/** What the audit log shows for an action; an action without a label shows its name. */
const ACTION_LABELS: Partial<Record<Action, string>> = {
  'org.bind': '绑定微信',
  'org.createInvite': '生成邀请码',
  'org.upsertPerson': '登记人员',
  'org.setRoles': '调整角色',
  'org.addTraining': '登记培训',
  'org.upsertAccount': '登记账号',
  'org.setOperators': '调整AB角',
  'org.setResponsibility': '明确责任',
};

export function actionLabel(action: Action): string {
  return ACTION_LABELS[action] ?? action;
}
