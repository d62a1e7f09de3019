import type { Role, UnitLevel } from '../../../typings/org';
import type { PendingWork, RoleView } from '../../services/contract';
import { INBOX_PAGE } from '../../services/navigation';

interface EntryDef {
  key: string;
  title: string;
  /** A Vant icon name. */
  icon: string;
  url: string;
  /** Shown to anyone holding one of these roles. */
  roles: readonly Role[];
  /** Only where the role reaches from this level (the server refuses the others anyway). */
  level?: UnitLevel;
  pending?: keyof PendingWork;
  /** How this entry's waiting work reads in the 待办 list. */
  pendingLabel?: string;
}

/** The workbench's entries; later features add their page here. */
export const ENTRY_DEFS: readonly EntryDef[] = [
  // 第十五条、第十六条: nothing is published unreviewed; reviewers and leaders approve.
  {
    key: 'approvals',
    title: '审核审批',
    icon: 'passed',
    url: '/pages/approvals/index',
    roles: ['reviewer', 'leader', 'propagandaStaff'],
    pending: 'approvals',
    pendingLabel: '待我审核审批的稿件',
  },
  {
    key: 'drafts',
    title: '我的稿件',
    icon: 'edit',
    url: '/pages/drafts/index',
    roles: ['operator'],
    pending: 'drafts',
    pendingLabel: '未提交草稿',
  },
  // 第十九条: each account's posting cadence, watched by its operators, leaders and desks.
  {
    key: 'cadence',
    title: '更新频次',
    icon: 'chart-trending-o',
    url: '/pages/cadence/index',
    roles: ['operator', 'leader', 'propagandaStaff'],
  },
  // 第三十四条: a linkage directive is answered within the hour; the operators see theirs counting down,
  // the desks and responsible leaders watch who has answered.
  {
    key: 'linkage',
    title: '联动响应',
    icon: 'bullhorn-o',
    url: '/packages/linkage/pages/mine/index',
    roles: ['operator'],
    pending: 'linkage',
    pendingLabel: '待响应联动指令',
  },
  {
    key: 'linkageBoard',
    title: '联动调度',
    icon: 'fire-o',
    url: '/packages/linkage/pages/directives/index',
    roles: ['propagandaStaff', 'leader'],
  },
  // 第二十二条至第二十八条: every netizen message is triaged and ends in a recorded outcome.
  {
    key: 'messages',
    title: '网民留言',
    icon: 'chat-o',
    url: '/pages/messages/index',
    roles: ['operator', 'propagandaStaff', 'leader'],
  },
  // 第二十六条、第二十七条: consultations handed to departments, to be answered within set days.
  {
    key: 'referrals',
    title: '流转事项',
    icon: 'exchange',
    url: '/pages/referrals/index',
    roles: ['operator', 'departmentHandler'],
    pending: 'referrals',
    pendingLabel: '待办流转',
  },
  // 第二十七条、第七条: deadlines count working days; 省厅政治部宣传处 enters a year's arrangement.
  {
    key: 'calendar',
    title: '节假日安排',
    icon: 'calendar-o',
    url: '/pages/calendar/index',
    roles: ['propagandaStaff'],
    level: 'province',
  },
  // 第十条至第十四条: opening, closing and filing accounts go through approval.
  {
    key: 'accounts',
    title: '账号管理',
    icon: 'manager-o',
    url: '/pages/accounts/index',
    roles: ['unitAdmin', 'propagandaStaff'],
  },
  // --- accounts lifecycle (第九条—第十四条, 第三十九条—第四十二条): applications and decisions, the setup
  // tasks after approval, filings with the desk one level up, the matrix with its gaps, personal accounts.
  {
    key: 'accountApplications',
    title: '账号申请',
    icon: 'todo-list-o',
    url: '/packages/accounts/pages/applications/index',
    roles: ['unitAdmin', 'leader'],
  },
  {
    key: 'accountDecisions',
    title: '账号审批',
    icon: 'certificate',
    url: '/packages/accounts/pages/applications/index?box=toDecide',
    roles: ['propagandaStaff'],
    pending: 'accountDecisions',
    pendingLabel: '待审批账号申请',
  },
  {
    key: 'accountSetups',
    title: '开设任务',
    icon: 'completed',
    url: '/packages/accounts/pages/setups/index',
    roles: ['unitAdmin', 'leader', 'operator'],
    pending: 'accountSetups',
    pendingLabel: '待完成开设任务',
  },
  {
    key: 'filings',
    title: '账号备案',
    icon: 'description',
    url: '/packages/accounts/pages/filings/index',
    roles: ['propagandaStaff'],
    pending: 'filings',
    pendingLabel: '待办备案',
  },
  {
    key: 'matrix',
    title: '账号矩阵',
    icon: 'apps-o',
    url: '/packages/accounts/pages/matrix/index',
    roles: ['propagandaStaff', 'leader'],
  },
  {
    key: 'registry',
    title: '个人账号报备',
    icon: 'contact',
    url: '/packages/accounts/pages/registry/index',
    roles: ['propagandaStaff', 'leader', 'unitAdmin'],
  },
  {
    key: 'people',
    title: '人员管理',
    icon: 'friends-o',
    url: '/pages/people/index',
    roles: ['unitAdmin', 'propagandaStaff', 'leader'],
  },
  // 第二十九条: each unit names who answers for its new media.
  {
    key: 'unit',
    title: '单位责任',
    icon: 'cluster-o',
    url: '/pages/unit/index',
    roles: ['unitAdmin'],
  },
  // 第十七条、第十八条、第四十条: what screening looks for; 省厅政治部宣传处 keeps it (第七条).
  {
    key: 'lexicon',
    title: '敏感词库',
    icon: 'shield-o',
    url: '/pages/lexicon/index',
    roles: ['reviewer', 'leader', 'propagandaStaff'],
  },
  // 第十七条: the model as a second reader beside the rules; 省厅政治部宣传处 runs it (第七条).
  {
    key: 'reader',
    title: '大模型审读',
    icon: 'bulb-o',
    url: '/packages/reader/pages/settings/index',
    roles: ['propagandaStaff'],
    level: 'province',
  },
  // 第三十三条: password rotation, security settings and incidents; 第三十五条 training; 第三十二条 archives.
  {
    key: 'security',
    title: '账号安全',
    icon: 'lock',
    url: '/packages/security/pages/rotations/index',
    roles: ['operator', 'unitAdmin', 'propagandaStaff', 'leader'],
  },
  {
    key: 'incidents',
    title: '安全事件',
    icon: 'warning-o',
    url: '/packages/security/pages/incidents/index',
    roles: ['operator', 'reviewer', 'unitAdmin', 'propagandaStaff', 'leader'],
  },
  {
    key: 'training',
    title: '教育培训',
    icon: 'certificate',
    url: '/packages/security/pages/sessions/index',
    roles: ['unitAdmin', 'propagandaStaff'],
  },
  {
    key: 'archives',
    title: '数据归档',
    icon: 'description',
    url: '/packages/security/pages/archives/index',
    roles: ['unitAdmin', 'propagandaStaff', 'leader'],
  },
  // 第三十六条至第三十八条 (issue 14): the monthly evaluation, each unit's and account's month, the year.
  {
    key: 'evaluation',
    title: '月度评估',
    icon: 'medal-o',
    url: '/packages/evaluation/pages/month/index',
    roles: ['propagandaStaff', 'leader', 'unitAdmin', 'operator'],
  },
  {
    key: 'audit',
    title: '审计日志',
    icon: 'records',
    url: '/pages/audit/index',
    roles: ['unitAdmin', 'propagandaStaff', 'leader'],
  },
];

export interface HomeEntry {
  key: string;
  title: string;
  icon: string;
  url: string;
  /** Something waits behind the entry: a dot on its icon (the workbench does not count, issue 18). */
  waiting: boolean;
}

export interface PendingItem {
  key: string;
  label: string;
  url: string;
}

export function entriesFor(roles: readonly RoleView[], pending: PendingWork): HomeEntry[] {
  const holds = (def: EntryDef): boolean =>
    roles.some((grant) => def.roles.includes(grant.role) && (!def.level || grant.scopeLevel === def.level));
  return ENTRY_DEFS.filter(holds).map((def) => ({
    key: def.key,
    title: def.title,
    icon: def.icon,
    url: def.url,
    waiting: def.pending ? pending[def.pending] : false,
  }));
}

export function pendingItemsFor(entries: readonly HomeEntry[], pending: PendingWork): PendingItem[] {
  const items: PendingItem[] = entries
    .filter((entry) => entry.waiting)
    .map((entry) => ({
      key: entry.key,
      label: ENTRY_DEFS.find((def) => def.key === entry.key)?.pendingLabel ?? entry.title,
      url: entry.url,
    }));
  if (pending.unreadNotifications) items.push({ key: 'unread', label: '未读消息', url: INBOX_PAGE });
  return items;
}
