/**
 * What the security pages share (第三十二条、第三十三条、第三十五条): page paths, the Chinese words for
 * kinds and states, and the Beijing date and time a form's pickers give.
 */
import type { ArchiveKind, ArchiveView } from '../../../../typings/archive';
import type { IncidentKind, IncidentStepKind, RotationReason, RotationStatus } from '../../../../typings/security';

export const PAGES = {
  account: '/packages/security/pages/account/index',
  rotations: '/packages/security/pages/rotations/index',
  report: '/packages/security/pages/report/index',
  incident: '/packages/security/pages/incident/index',
  incidents: '/packages/security/pages/incidents/index',
  sessions: '/packages/security/pages/sessions/index',
  session: '/packages/security/pages/session/index',
  shortfall: '/packages/security/pages/shortfall/index',
  archives: '/packages/security/pages/archives/index',
  archive: '/packages/security/pages/archive/index',
} as const;

export const INCIDENT_KIND_LABELS: Readonly<Record<IncidentKind, string>> = {
  accountStolen: '账号被盗',
  passwordLeaked: '密码泄露',
  abnormalLogin: '异常登录',
  dataLeak: '信息泄露',
  wrongPost: '误发布',
  other: '其他',
};

export const STEP_LABELS: Readonly<Record<IncidentStepKind, string>> = {
  reported: '报告',
  platformContacted: '已联系平台',
  secured: '已恢复安全',
  contentHandled: '内容已处置',
  note: '补充说明',
  suspensionLifted: '解除暂停发布',
  closed: '结案',
};

export const ROTATION_STATUS_LABELS: Readonly<Record<RotationStatus, string>> = {
  ok: '正常',
  dueSoon: '即将到期',
  overdue: '已逾期',
};

export const ROTATION_TAGS: Readonly<Record<RotationStatus, string>> = {
  ok: 'success',
  dueSoon: 'warning',
  overdue: 'danger',
};

export const DUE_REASON_LABELS: Readonly<Record<RotationReason, string>> = {
  firstRecord: '首次登记',
  routine: '定期更换',
  holdersChanged: '人员变动后更换',
};

export const ARCHIVE_KIND_LABELS: Readonly<Record<ArchiveKind, string>> = {
  posts: '发布信息',
  messages: '网民留言',
  directives: '联动指令',
  incidents: '安全事件',
  attestations: '安全登记',
};

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Beijing "YYYY-MM-DD" and "HH:mm" of an instant, as the date and time pickers show them. */
export function beijingPickers(ms: number): { date: string; time: string } {
  const iso = new Date(ms + BEIJING_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The instant a date and time picker name, Beijing time, as the functions take it. */
export const pickersToIso = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** "YYYY-MM-DD HH:mm" in Beijing time. */
export function formatBeijing(iso: string | null): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A fresh key per form: a double tap or a retry sends the same one and gets the same record. */
export const newRequestKey = (): string => `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export function archiveTitle(a: ArchiveView): string {
  return a.type === 'monthly' ? `${a.month ?? ''} 月度归档｜${a.unitName}` : `导出 ${a.from} 至 ${a.to}｜${a.unitName}`;
}

export function recordsLabel(a: ArchiveView): string {
  return (Object.keys(ARCHIVE_KIND_LABELS) as Array<ArchiveKind>)
    .map((k) => `${ARCHIVE_KIND_LABELS[k]} ${a.records[k]}`)
    .join(' · ');
}
