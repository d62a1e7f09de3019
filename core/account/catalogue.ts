/**
 * The platform catalogue and the words every account page shows, as data: the pages read them from
 * `account.catalogue` and the views, so a kind is added here once. 第九条 asks every 市州 and 县区 bureau
 * for a Weibo and a WeChat public platform; `requiredFamily` says which of the two a kind fills.
 */
import type {
  ApplicationState,
  ApplicationType,
  FilingEvent,
  FilingState,
  MarkKind,
  PlatformEntry,
  PlatformFamily,
  SetupTaskKey,
} from '../../typings/account';
import type { AccountKind, AccountState, Platform } from '../../typings/org';

export const PLATFORM_CATALOGUE: readonly PlatformEntry[] = [
  { platform: 'weibo', label: '微博', family: 'weibo', requiredFamily: 'weibo' },
  { platform: 'wechatSubscription', label: '微信订阅号', family: 'wechat', requiredFamily: 'wechat' },
  { platform: 'wechatService', label: '微信服务号', family: 'wechat', requiredFamily: 'wechat' },
  { platform: 'douyin', label: '抖音', family: 'video', requiredFamily: null },
  { platform: 'kuaishou', label: '快手', family: 'video', requiredFamily: null },
  { platform: 'toutiao', label: '头条号', family: 'news', requiredFamily: null },
  { platform: 'other', label: '其他平台', family: 'other', requiredFamily: null },
];

const BY_PLATFORM = new Map(PLATFORM_CATALOGUE.map((e) => [e.platform, e]));

export function platformEntry(platform: Platform): PlatformEntry {
  return BY_PLATFORM.get(platform) ?? { platform, label: platform, family: 'other', requiredFamily: null };
}

export const platformLabel = (platform: Platform): string => platformEntry(platform).label;

export const FAMILY_LABELS: Readonly<Record<PlatformFamily, string>> = {
  weibo: '微博',
  wechat: '微信公众平台',
  video: '短视频',
  news: '资讯',
  other: '其他',
};

/** 第九条: what a bureau must hold. */
export const REQUIRED_FAMILIES = ['weibo', 'wechat'] as const;
export type RequiredFamily = (typeof REQUIRED_FAMILIES)[number];

export const ACCOUNT_STATE_LABELS: Readonly<Record<AccountState, string>> = {
  approved: '待完成开设',
  active: '正常运营',
  suspended: '暂停更新',
  closed: '已关闭',
  cancelled: '已注销',
};

/** States in which an account exists on its platform (it counts for 第九条 and for duplicates). */
export const OPEN_STATES: readonly AccountState[] = ['approved', 'active', 'suspended'];
export const isOpenState = (state: AccountState): boolean => OPEN_STATES.includes(state);

export const ACCOUNT_KIND_LABELS: Readonly<Record<AccountKind, string>> = {
  institutional: '机构账号',
  personal: '个人账号',
};

export const APPLICATION_TYPE_LABELS: Readonly<Record<ApplicationType, string>> = {
  open: '开设申请',
  close: '关闭申请',
  cancel: '注销申请',
  register: '个人账号报备',
};

export const APPLICATION_STATE_LABELS: Readonly<Record<ApplicationState, string>> = {
  pending: '待审批',
  returned: '退回修改',
  approved: '已同意',
  refused: '不同意',
  withdrawn: '已撤回',
};

export const STEP_LABELS = {
  submit: '提交申请',
  resubmit: '修改后重新提交',
  approve: '同意',
  refuse: '不同意',
  return: '退回修改',
  withdraw: '撤回',
} as const;

export const SETUP_TASK_LABELS: Readonly<Record<SetupTaskKey, string>> = {
  standardName: '规范命名',
  realName: '实名认证',
  avatar: '头像',
  background: '版面背景',
  columnPlan: '栏目内容规划设计',
};

/** 第十二条 names all five. */
export const SETUP_TASKS: readonly SetupTaskKey[] = ['standardName', 'realName', 'avatar', 'background', 'columnPlan'];

export const FILING_EVENT_LABELS: Readonly<Record<FilingEvent, string>> = {
  open: '开设备案',
  close: '关闭备案',
  cancel: '注销备案',
};

export const FILING_STATE_LABELS: Readonly<Record<FilingState, string>> = {
  due: '待报备',
  filed: '待确认',
  queried: '已质询',
  acknowledged: '已确认',
};

export const MARK_LABELS: Readonly<Record<MarkKind, string>> = {
  support: '保护支持（优秀）',
  reminder: '提醒帮助',
};
