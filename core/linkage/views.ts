/**
 * How directives, targets and tallies are shown (board, lists, the operator's page): labels in Chinese,
 * response times from the moment of issue, and the board's order — the silent first, then the slowest.
 */
import type {
  Directive,
  DirectiveDetail,
  DirectiveSummary,
  DirectiveTally,
  DirectiveTarget,
  LinkageRecord,
  ResponseView,
  TallyRow,
  TargetRow,
} from '../../typings/linkage';
import { platformLabels } from '../cadence/cadence';
import { DIRECTIVE_STATE_LABELS, KIND_LABELS, RESPONSE_KIND_LABELS, TARGET_STATE_LABELS } from './directive';

/** 用时 8 分 05 秒 / 1 小时 12 分 */
export function elapsedLabel(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h} 小时 ${String(m).padStart(2, '0')} 分`;
  return `${m} 分 ${String(s).padStart(2, '0')} 秒`;
}

export function summaryOf(d: Directive): DirectiveSummary {
  return {
    id: d._id,
    rev: d.rev,
    kind: d.kind,
    kindLabel: KIND_LABELS[d.kind],
    title: d.title,
    state: d.state,
    stateLabel: DIRECTIVE_STATE_LABELS[d.state],
    issuerName: d.issuerName,
    deskName: d.deskName,
    scopeUnitName: d.scopeUnitName,
    targetsLabel: d.targetsLabel,
    issuedAt: d.issuedAt,
    dueAt: d.dueAt,
    closesAt: d.closesAt,
    windowMinutes: d.windowMinutes,
    targetCount: d.targetCount,
    reachableAccounts: d.reachableAccounts,
    correctionOf: d.correctionOf,
    correctionOfTitle: d.correctionOfTitle,
    fanout: { phase: d.fanout.phase, notices: d.fanout.notices, doneAt: d.fanout.doneAt },
  };
}

export function detailOf(d: Directive, corrections: readonly Directive[]): DirectiveDetail {
  return {
    ...summaryOf(d),
    content: d.content,
    link: d.link,
    wording: d.wording,
    responseKinds: [...d.responseKinds],
    graceMinutes: d.graceMinutes,
    reminderAts: [...d.reminderAts],
    withdrawal: d.withdrawal,
    closedAt: d.closedAt,
    corrections: corrections.map((c) => ({ id: c._id, title: c.title, issuedAt: c.issuedAt })),
  };
}

export function responseView(t: DirectiveTarget): ResponseView | null {
  const r = t.response;
  if (!r) return null;
  return {
    kind: r.kind,
    kindLabel: RESPONSE_KIND_LABELS[r.kind],
    link: r.link,
    screenshot: r.screenshot,
    note: r.note,
    postId: r.postId,
    byName: r.byName,
    at: r.at,
    elapsedMs: r.elapsedMs,
    elapsedLabel: elapsedLabel(r.elapsedMs),
    late: r.late,
    afterClose: r.afterClose,
  };
}

export function targetRow(t: DirectiveTarget): TargetRow {
  const response = responseView(t);
  return {
    directiveId: t.directiveId,
    accountId: t.accountId,
    accountName: t.accountName,
    platform: t.platform,
    platformLabel: platformLabels[t.platform],
    unitName: t.unitName,
    state: t.state,
    stateLabel: response?.afterClose ? '关闭后补报' : TARGET_STATE_LABELS[t.state],
    reachable: t.reachable,
    response,
  };
}

export function tallyRow(
  t: Pick<DirectiveTally, 'unitId' | 'unitName' | 'targets' | 'reachable' | 'onTime' | 'late' | 'afterClose'>,
  drillable: boolean,
): TallyRow {
  return {
    unitId: t.unitId,
    unitName: t.unitName,
    drillable,
    targets: t.targets,
    reachable: t.reachable,
    onTime: t.onTime,
    late: t.late,
    silent: Math.max(0, t.targets - t.onTime - t.late),
    afterClose: t.afterClose,
  };
}

export function sumRows(unitId: string, unitName: string, rows: readonly TallyRow[]): TallyRow {
  const total: TallyRow = {
    unitId,
    unitName,
    drillable: false,
    targets: 0,
    reachable: 0,
    onTime: 0,
    late: 0,
    silent: 0,
    afterClose: 0,
  };
  for (const r of rows) {
    total.targets += r.targets;
    total.reachable += r.reachable;
    total.onTime += r.onTime;
    total.late += r.late;
    total.silent += r.silent;
    total.afterClose += r.afterClose;
  }
  return total;
}

/** What is left of a bureau after its sub-bureaus (its own accounts): total − Σ children. */
export function remainderRow(
  unitId: string,
  unitName: string,
  total: TallyRow,
  children: readonly TallyRow[],
): TallyRow | null {
  const sum = sumRows(unitId, unitName, children);
  const rest: TallyRow = {
    unitId,
    unitName,
    drillable: false,
    targets: total.targets - sum.targets,
    reachable: total.reachable - sum.reachable,
    onTime: total.onTime - sum.onTime,
    late: total.late - sum.late,
    silent: total.silent - sum.silent,
    afterClose: total.afterClose - sum.afterClose,
  };
  return rest.targets > 0 ? rest : null;
}

/** The board's rows: the most silent first, then the most late, then by name. */
export function sortRows(rows: TallyRow[]): TallyRow[] {
  return rows.sort(
    (a, b) => b.silent - a.silent || b.late - a.late || a.unitName.localeCompare(b.unitName, 'zh-Hans-CN'),
  );
}

/** A record is final once the account responded or the directive ended (a late one may still come after closing). */
export function recordOf(t: DirectiveTarget): LinkageRecord {
  return {
    directiveId: t.directiveId,
    directiveTitle: t.directiveTitle,
    directiveKind: t.directiveKind,
    accountId: t.accountId,
    accountName: t.accountName,
    unitId: t.unitId,
    issuedAt: t.issuedAt,
    dueAt: t.dueAt,
    state: t.state,
    elapsedMs: t.elapsedMs,
    respondedAt: t.response?.at ?? null,
    final: t.state !== 'pending',
  };
}
