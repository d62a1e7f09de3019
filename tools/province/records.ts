/**
 * The province's year beyond posts and referrals (issue 18), each record built by its domain's core
 * rules as the functions would build it, for the generator (generate.ts) to write in bulk:
 *
 * - training sessions and their attendance (第三十五条), written onto each person's training records;
 * - each account's security record, its password-change attestations over the year (some late) and the
 *   reminder stages already sent, and security incidents with their timelines (第三十三条);
 * - linkage directives (第三十四条) from the province desk and the city desks, with their frozen plans,
 *   tallies and one target per account, most answered within the hour, some late, some silent; the
 *   directives of the last hours still open with a step of their clock due now;
 * - the hash-chained audit log of everything the generator did, in time order (core/audit/chain).
 */
import type { Account, Action, AuditEntry, FieldChange, Person, Unit } from '../../typings/org';
import type {
  Directive,
  DirectiveKind,
  DirectivePlanChunk,
  DirectiveTally,
  DirectiveTarget,
  DirectiveTargets,
  LinkageSettings,
  ResponseKind,
} from '../../typings/linkage';
import type { AccountSecurity, Incident, IncidentKind, SecurityAttestation } from '../../typings/security';
import type { TrainingAttendance, TrainingSession } from '../../typings/training';
import { nextAuditEntry } from '../../core/audit/chain';
import type { UnitTree } from '../../core/org/tree';
import {
  DEFAULT_SETTINGS,
  KIND_LABELS,
  RESPONSE_KIND_LABELS,
  afterFanout,
  afterStep,
  dueStep,
  elapsedLabel,
  newDirective,
  respond,
  resolveTargets,
  targetsLabel,
  TARGET_STATE_LABELS,
  type OperatorReach,
} from '../../core/linkage';
import { planChunks, targetDoc } from '../../server/linkage/fanout';
import { DEFAULT_SECURITY_POLICY } from '../../core/security/policy';
import {
  afterReminder,
  attestRotation,
  credentialHolders,
  dueStage,
  enrolSecurity,
  namedPeople,
  type SecurityContext,
} from '../../core/security/rotation';
import { INCIDENT_RULES, STEP_LABELS, closeIncident, recordStep, reportIncident } from '../../core/security/incidents';
import { attendanceOf, countAttendance, newSession, withSessionRecord } from '../../core/training/training';
import { platformLabels } from '../../core/cadence/cadence';
import { toBeijingIso } from '../../core/time';
import { applyConsentReport, emptyConsent, MAX_TEMPLATES_PER_REQUEST } from '../../core/notify/consent';
import { templateCatalog, templatesFor } from '../../core/notify/templates';
import type { ConsentAnswer, ConsentRecord, ConsentReport } from '../../typings/notify';
import type { AccountApplication, AccountEvent, Filing, OpeningFields, TaskInput } from '../../typings/account';
import type { WorkCalendar } from '../../core/calendar/calendar';
import { decideApplication, openApplication, type AuditEffect } from '../../core/account/application';
import { acknowledgeFiling, queryFiling, submitFiling } from '../../core/account/filing';
import { completeTask } from '../../core/account/setup';
import { SETUP_TASKS } from '../../core/account/catalogue';
import { DEFAULT_RULES, namingProblem, namingSubject, placeName } from '../../core/account/rules';
import { nameClaimId, withIndexFields } from '../../core/account/keys';
import { monthOf as accountMonthOf } from '../../core/account/marks';
import type { Bureau, Random, Writer } from './generate';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

// --- the audit log ------------------------------------------------------------------------------------

interface PendingAudit {
  at: number;
  order: number;
  actor: Person;
  action: Action;
  object: { collection: string; id: string };
  summary: string;
  changes: FieldChange[];
  unitPath: string[];
}

/**
 * The audit notes of everything generated, chained in time order once all are known (a real log is
 * written in time order; the generator makes its records domain by domain).
 */
export class AuditCollector {
  private readonly notes: PendingAudit[] = [];
  add(
    at: number,
    actor: Person,
    action: Action,
    object: { collection: string; id: string },
    summary: string,
    unitPath: readonly string[],
    changes: FieldChange[] = [],
  ): void {
    this.notes.push({
      at,
      order: this.notes.length,
      actor,
      action,
      object,
      summary,
      changes,
      unitPath: [...unitPath],
    });
  }
  get size(): number {
    return this.notes.length;
  }
  /** Chains and writes every entry (ids and head as server/uow.ts writes them); the last entry. */
  write(out: Writer): AuditEntry | null {
    this.notes.sort((a, b) => a.at - b.at || a.order - b.order);
    let prev: AuditEntry | null = null;
    let request = 0;
    let lastAt = -1;
    for (const n of this.notes) {
      // Entries of one instant are one request's (a transition's several entries), as runWork writes them.
      if (n.at !== lastAt) request++;
      lastAt = n.at;
      const grant = n.actor.roles[0] ?? null;
      const entry: AuditEntry = nextAuditEntry(prev, {
        actor: { personId: n.actor._id, role: grant?.role ?? null, unitId: grant?.unitId ?? n.actor.unitId },
        action: n.action,
        object: n.object as AuditEntry['object'],
        summary: n.summary,
        changes: n.changes,
        at: toBeijingIso(n.at),
        requestId: `prov-req-${String(request).padStart(8, '0')}`,
        unitPath: n.unitPath,
      });
      out.add('auditLog', { _id: `audit-${String(entry.seq).padStart(12, '0')}`, ...entry });
      prev = entry;
    }
    out.add('counters', { _id: 'auditHead', seq: prev?.seq ?? 0, entry: prev });
    this.notes.length = 0;
    return prev;
  }
}

/** What the record builders share with the generator. */
export interface World {
  rnd: Random;
  out: Writer;
  audit: AuditCollector;
  tree: UnitTree;
  people: readonly Person[];
  personById: ReadonlyMap<string, Person>;
  accounts: readonly Account[];
  bureaus: readonly Bureau[];
  province: Bureau;
  cities: readonly Bureau[];
  scale: number;
  yearStart: number;
  now: number;
}

const bureauOfUnit = (w: World): Map<string, Bureau> => {
  const byUnit = new Map<string, Bureau>();
  for (const b of w.bureaus) {
    byUnit.set(b.unit._id, b);
    byUnit.set(b.desk._id, b);
    for (const d of b.departments) byUnit.set(d._id, b);
  }
  return byUnit;
};

const pathOf = (w: World, unitId: string): string[] => w.tree.byId.get(unitId)?.path ?? [unitId];

/** A working-day morning or afternoon moment of the given day start (Beijing 08:00 + hours). */
const workingMoment = (rnd: Random, dayStart: number): number => dayStart + (1 + rnd.int(8)) * HOUR + rnd.int(60) * MIN;

// --- training (第三十五条) ------------------------------------------------------------------------------

const COURSES = [
  ['公安新媒体运营与信息安全', 6],
  ['网络舆情应对与处置', 6],
] as const;

/**
 * Two sessions a year per bureau, organised by its propaganda desk; every role holder of the bureau
 * attends both (a few do not complete one), so each reaches the yearly hours or falls short for a
 * reason. Returns the people with their training records (written by the caller).
 */
export function generateTraining(w: World): Person[] {
  const byUnit = bureauOfUnit(w);
  const attendeesOf = new Map<string, Person[]>();
  for (const p of w.people) {
    if (p.roles.length === 0) continue;
    const b = byUnit.get(p.unitId);
    if (!b) continue;
    const list = attendeesOf.get(b.unit._id) ?? [];
    list.push(p);
    attendeesOf.set(b.unit._id, list);
  }
  const updated = new Map<string, Person>();
  let seq = 0;
  for (const b of w.bureaus) {
    const organiser = b.deskStaff[0] ?? b.admin;
    const attendees = attendeesOf.get(b.unit._id) ?? [];
    COURSES.forEach(([course, hours], i) => {
      seq++;
      // Spring and autumn sessions, recorded the next working day.
      const dayStart = w.yearStart + (60 + i * 150 + w.rnd.int(60)) * DAY;
      const date = toBeijingIso(dayStart).slice(0, 10);
      const recordedAt = dayStart + DAY + 2 * HOUR;
      let session: TrainingSession = newSession(
        `pts-${String(seq).padStart(5, '0')}`,
        { course, date, issuer: b.desk.name, hours },
        { unitId: b.unit._id, unitPath: b.unit.path },
        organiser._id,
        recordedAt,
      );
      w.audit.add(
        recordedAt,
        organiser,
        'training.sessionCreate',
        { collection: 'trainingSessions', id: session._id },
        `登记培训：${session.course}（${session.date}，${session.hours}学时，${session.issuer}）`,
        session.unitPath,
      );
      for (const p of attendees) {
        const completed = !w.rnd.chance(0.03);
        const attendance: TrainingAttendance = attendanceOf(session, p, completed, organiser._id, recordedAt + HOUR);
        w.out.add('trainingAttendance', attendance);
        const person = updated.get(p._id) ?? p;
        updated.set(p._id, {
          ...withSessionRecord(person, session, completed, recordedAt + HOUR),
          rev: person.rev + 1,
        });
        session = countAttendance(session, null, attendance, recordedAt + HOUR);
        w.audit.add(
          recordedAt + HOUR,
          organiser,
          'training.recordAttendance',
          { collection: 'people', id: p._id },
          `登记培训：${p.name}，${session.course}（${session.date}，${session.hours}学时，${completed ? '已完成' : '未完成'}）`,
          pathOf(w, p.unitId),
        );
      }
      w.out.add('trainingSessions', { ...session, rev: 1 + attendees.length });
    });
  }
  return w.people.map((p) => updated.get(p._id) ?? p);
}

// --- account security (第三十三条) -----------------------------------------------------------------------

export interface SecurityFigures {
  attestations: number;
  late: number;
  incidents: number;
  open: number;
}

/**
 * Every account enrolled when first seen, its password changes attested over the year (every 75–100
 * days, some late), the reminder stages the security timer would have sent up to `remindedUntil` (the
 * stages since are what its next run finds due), and incidents with their timelines.
 */
export function generateSecurity(w: World, remindedUntil: number): SecurityFigures {
  const policy = DEFAULT_SECURITY_POLICY;
  const figures: SecurityFigures = { attestations: 0, late: 0, incidents: 0, open: 0 };
  let attSeq = 0;
  for (const a of w.accounts) {
    const unitPath = pathOf(w, a.unitId);
    const holders = credentialHolders(a, null, (id) => w.personById.get(id)?.active === true);
    const people = { holders, named: namedPeople(a, null) };
    const ctx = (now: number): SecurityContext => ({ now, policy, policyRev: 0 });
    const enrolledAt = Date.parse(a.createdAt) + DAY;
    let s: AccountSecurity = { ...enrolSecurity(a, unitPath, people, ctx(enrolledAt)), rev: 1 };
    const operator = w.personById.get(a.operatorA ?? a.ownerId ?? '');
    let changedAt = enrolledAt + w.rnd.int(9) * DAY + w.rnd.int(8) * HOUR;
    while (operator) {
      const recordedAt = changedAt + (1 + w.rnd.int(20)) * HOUR;
      if (recordedAt >= remindedUntil) break;
      attSeq++;
      const attId = `pat-${String(attSeq).padStart(6, '0')}`;
      const r = attestRotation(s, toBeijingIso(changedAt), people, attId, ctx(recordedAt));
      if ('code' in r) break;
      const attestation: SecurityAttestation = {
        _id: attId,
        accountId: a._id,
        unitId: a.unitId,
        unitPath,
        kind: 'passwordChanged',
        changedAt: r.changedAt,
        recordedAt: toBeijingIso(recordedAt),
        recordedBy: operator._id,
        settings: r.next.settings,
        rotationDays: r.next.rotationDays,
        reason: r.reason,
        dueAt: r.dueAt,
        late: r.late,
        note: '',
      };
      w.out.add('securityAttestations', attestation);
      figures.attestations++;
      if (r.late) figures.late++;
      w.audit.add(
        recordedAt,
        operator,
        'security.attest',
        { collection: 'accountSecurity', id: a._id },
        `登记${a.name}密码已于 ${r.changedAt.slice(0, 16).replace('T', ' ')} 更换${r.late ? '（逾期）' : ''}`,
        unitPath,
      );
      s = { ...r.next, rev: s.rev + 1 };
      // Most change on time; some let it run past the 90 days.
      changedAt += (w.rnd.chance(0.85) ? 70 + w.rnd.int(19) : 92 + w.rnd.int(30)) * DAY + w.rnd.int(6) * HOUR;
    }
    // The reminder stages the timer sent while it ran (each moves remindAt on).
    for (let guard = 0; guard < 60; guard++) {
      const stage = dueStage(
        Date.parse(s.dueAt),
        policy,
        s.remindedThrough ? Date.parse(s.remindedThrough) : null,
        remindedUntil,
      );
      if (!stage) break;
      s = { ...afterReminder(s, stage, policy), rev: s.rev + 1 };
    }
    w.out.add('accountSecurity', s);
  }
  // Incidents: a few a month over the province, a handful still being handled.
  const KINDS: IncidentKind[] = [
    'abnormalLogin',
    'abnormalLogin',
    'wrongPost',
    'wrongPost',
    'dataLeak',
    'passwordLeaked',
    'accountStolen',
    'other',
  ];
  const byUnit = bureauOfUnit(w);
  const n = Math.max(3, Math.round(60 * w.scale));
  for (let i = 0; i < n; i++) {
    const a = w.rnd.pick(w.accounts);
    const reporter = w.personById.get(a.operatorA ?? a.ownerId ?? '');
    const b = byUnit.get(a.unitId);
    const deskPerson =
      b?.deskStaff[0] ?? (b ? w.cities.find((c) => b.unit.path.includes(c.unit._id))?.deskStaff[0] : undefined);
    if (!reporter || !deskPerson) continue;
    const open = i < Math.max(2, Math.round(n / 10));
    const reportedAt = open
      ? w.now - (2 + w.rnd.int(200)) * HOUR
      : w.yearStart + w.rnd.int(Math.floor((w.now - w.yearStart - 20 * DAY) / DAY)) * DAY + 3 * HOUR;
    // An open incident here is one that does not stop posting (the posts above went out meanwhile).
    const kind: IncidentKind = open ? w.rnd.pick<IncidentKind>(['wrongPost', 'dataLeak', 'other']) : w.rnd.pick(KINDS);
    const unitPath = pathOf(w, a.unitId);
    let incident = reportIncident({
      id: `pin-${String(i + 1).padStart(5, '0')}`,
      account: a,
      unitPath,
      kind,
      happenedAt: toBeijingIso(reportedAt - (1 + w.rnd.int(5)) * HOUR),
      description: `${INCIDENT_RULES[kind].label}：${a.name}运营中发现异常，已先行处置`,
      reportedBy: reporter._id,
      now: reportedAt,
    });
    if ('code' in incident) continue;
    let rev = 1;
    w.audit.add(
      reportedAt,
      reporter,
      'security.incidentReport',
      { collection: 'incidents', id: incident._id },
      `报告安全事件：${a.name}（${INCIDENT_RULES[kind].label}）${incident.suspended ? '，账号暂停发布' : ''}`,
      unitPath,
    );
    let t = reportedAt;
    const step = (input: Parameters<typeof recordStep>[1], who: Person): void => {
      t += (1 + w.rnd.int(6)) * HOUR;
      if (t > w.now) return;
      const next: Incident | { code: string } = recordStep(
        incident as Incident,
        { ...input, at: toBeijingIso(t - 30 * MIN) } as Parameters<typeof recordStep>[1],
        who._id,
        t,
      );
      if ('code' in next) return;
      incident = next;
      rev++;
      w.audit.add(
        t,
        who,
        'security.incidentStep',
        { collection: 'incidents', id: next._id },
        `安全事件处置：${a.name}（${STEP_LABELS[input.kind]}）`,
        unitPath,
      );
    };
    for (const k of INCIDENT_RULES[kind].beforeClose) {
      if (open && w.rnd.chance(0.5)) break;
      if (k === 'platformContacted')
        step(
          {
            kind: k,
            at: '',
            platformContact: `${platformLabels[a.platform]}客服`,
            ticket: `T${i + 1000}`,
            note: '已提交工单',
          },
          reporter,
        );
      else if (k === 'secured') step({ kind: k, at: '', note: '已找回账号并更换密码' }, reporter);
      else if (k === 'contentHandled') step({ kind: k, at: '', note: '已删除并核查转载情况' }, reporter);
    }
    if (!open && !('code' in incident)) {
      t += (2 + w.rnd.int(48)) * HOUR;
      const closed = closeIncident(incident, '已处置完毕，相关人员已作说明', deskPerson._id, t);
      if (!('code' in closed)) {
        incident = closed;
        rev++;
        w.audit.add(
          t,
          deskPerson,
          'security.incidentClose',
          { collection: 'incidents', id: closed._id },
          `安全事件结案：${a.name}（${INCIDENT_RULES[kind].label}）`,
          unitPath,
        );
      }
    }
    if ('code' in incident) continue;
    figures.incidents++;
    if (incident.state === 'open') figures.open++;
    w.out.add('incidents', { ...incident, rev });
  }
  return figures;
}

// --- linkage directives (第三十四条) -----------------------------------------------------------------------

export interface LinkageFigures {
  directives: number;
  targets: number;
  onTime: number;
  late: number;
  silent: number;
  /** Directives with a step of their clock due at the province's now. */
  dueNow: number;
}

const TOPICS: readonly (readonly [DirectiveKind, string])[] = [
  ['publicity', '转发全省禁毒宣传月启动仪式'],
  ['publicity', '转发“110宣传日”系列海报'],
  ['publicity', '转发全省公安机关“打击电信网络诈骗”成果发布'],
  ['publicity', '转发“中国人民警察节”主题宣传视频'],
  ['opinion', '澄清网传“某地发生恶性案件”不实信息'],
  ['opinion', '转发警情通报，回应网民关切'],
  ['publicity', '转发夏季治安打击整治行动阶段成果'],
  ['publicity', '转发春运交通安全出行提示'],
];

interface IssueSpec {
  desk: Bureau;
  issuer: Person;
  targets: DirectiveTargets;
  at: number;
  windowMinutes: number;
}

/**
 * Directives over the year: the province desk's (about three a month, all accounts or some cities or
 * platforms) and each city desk's for its own matrix (about one a month; the province's settings allow
 * city desks). Each account answers through core/linkage respond: most within the hour, some late
 * (before or after closing), some never; the timer's steps (reminders, late report, closing) are done
 * up to two minutes before now, so the latest directives each have one step due now.
 */
export function generateLinkage(w: World, steppedUntil: number): LinkageFigures {
  const figures: LinkageFigures = { directives: 0, targets: 0, onTime: 0, late: 0, silent: 0, dueNow: 0 };
  const provinceDesk = w.province.deskStaff[0];
  if (!provinceDesk) return figures;
  const settings: LinkageSettings = {
    ...DEFAULT_SETTINGS,
    cityDesks: 'all',
    updatedAt: toBeijingIso(w.yearStart - 20 * DAY),
    updatedBy: provinceDesk._id,
    rev: 1,
  };
  w.out.add('linkageSettings', settings);
  // Everyone reachable (bound, consent held at issue) except a few.
  const reach = new Map<string, OperatorReach>(
    w.people.map((p) => [p._id, { reachable: p.openid !== null && !p._id.endsWith('7') }]),
  );
  const accountById = new Map(w.accounts.map((a) => [a._id, a]));
  const accountsByUnit = new Map<string, Account[]>();
  for (const a of w.accounts) {
    const list = accountsByUnit.get(a.unitId) ?? [];
    list.push(a);
    accountsByUnit.set(a.unitId, list);
  }
  const specs: IssueSpec[] = [];
  const months = Math.ceil((w.now - w.yearStart) / (30.4 * DAY));
  for (let m = 0; m < months; m++) {
    const monthStart = w.yearStart + Math.floor(m * 30.4) * DAY;
    const mean = 3 * w.scale;
    const provinceCount = Math.floor(mean) + (w.rnd.chance(mean - Math.floor(mean)) ? 1 : 0);
    for (let i = 0; i < provinceCount; i++) {
      const r = w.rnd.next();
      const targets: DirectiveTargets =
        r < 0.6
          ? { mode: 'filter', unitIds: [], platforms: [] }
          : r < 0.8
            ? { mode: 'filter', unitIds: [], platforms: ['weibo'] }
            : {
                mode: 'filter',
                unitIds: [w.rnd.pick(w.cities).unit._id, w.rnd.pick(w.cities).unit._id]
                  .filter((x, k, all) => all.indexOf(x) === k)
                  .sort(),
                platforms: [],
              };
      specs.push({
        desk: w.province,
        issuer: provinceDesk,
        targets,
        at: workingMoment(w.rnd, monthStart + w.rnd.int(28) * DAY),
        windowMinutes: 60,
      });
    }
    for (const city of w.cities) {
      const issuer = city.deskStaff[0];
      if (!issuer || !w.rnd.chance(Math.min(1, w.scale))) continue;
      specs.push({
        desk: city,
        issuer,
        targets: { mode: 'filter', unitIds: [], platforms: [] },
        at: workingMoment(w.rnd, monthStart + w.rnd.int(28) * DAY),
        windowMinutes: 60,
      });
    }
  }
  // The latest: one step of each clock falls due now (+30 reminder, +50 reminder, +60 late report, closing).
  for (const minutesAgo of [31, 51, 61, 91]) {
    specs.push({
      desk: w.province,
      issuer: provinceDesk,
      targets: { mode: 'filter', unitIds: [], platforms: minutesAgo === 91 ? [] : ['weibo'] },
      at: w.now - minutesAgo * MIN,
      windowMinutes: 60,
    });
  }
  specs.sort((a, b) => a.at - b.at);

  let seq = 0;
  for (const spec of specs) {
    if (spec.at >= w.now) continue;
    seq++;
    const id = `pdir-${String(seq).padStart(5, '0')}`;
    const scope = spec.desk.unit;
    const unitIds = new Set<string>();
    const roots =
      spec.targets.mode === 'filter' && spec.targets.unitIds.length > 0 ? spec.targets.unitIds : [scope._id];
    for (const u of w.tree.byId.values()) if (roots.some((r) => u.path.includes(r))) unitIds.add(u._id);
    // Accounts active by the moment of issue (those the last months' applications opened came later).
    const candidates = [...unitIds]
      .flatMap((u) => accountsByUnit.get(u) ?? [])
      .filter((a) => Date.parse(a.lifecycle?.activatedAt ?? a.createdAt) <= spec.at);
    const resolved = resolveTargets({
      targets: spec.targets,
      scope,
      tree: w.tree,
      accounts: candidates,
      operators: reach,
    });
    if (!resolved.ok) continue;
    const planned = resolved.targets;
    const planId = `plan-${id}`;
    const chunks: DirectivePlanChunk[] = planChunks(planId, id, planned);
    const [kind, title] = w.rnd.pick(TOPICS);
    const label = targetsLabel(spec.targets, {
      scope: scope.name,
      units: new Map(
        [...(spec.targets.mode === 'filter' ? spec.targets.unitIds : [])].map((u) => [
          u,
          w.tree.byId.get(u)?.name ?? u,
        ]),
      ),
      platforms: new Map(Object.entries(platformLabels)),
    });
    // The issuing call's document (core/linkage newDirective, as linkage.issue builds it).
    const { directive: draft, tallies } = newDirective({
      id,
      params: {
        kind,
        title: `${title}（${seq}）`,
        content: `请${title}，并结合本地工作配发动态。`,
        link: `https://weibo.com/hngaj/linkage-${seq}`,
        wording: kind === 'opinion' ? '以警方通报为准，不信谣、不传谣。' : '',
        responseKinds: ['repost', 'original', 'comment'],
        targets: spec.targets,
        windowMinutes: spec.windowMinutes,
      },
      targetsLabel: label,
      graceMinutes: settings.graceMinutes,
      issuer: { id: spec.issuer._id, name: spec.issuer.name },
      desk: spec.desk.desk,
      scope,
      tree: w.tree,
      planId,
      planChunks: chunks.length,
      planned,
      correctionOfTitle: null,
      lease: null,
      now: spec.at,
    });
    w.audit.add(
      spec.at,
      spec.issuer,
      'linkage.issue',
      { collection: 'directives', id },
      `下发联动指令《${draft.title}》（${KIND_LABELS[kind]}，${label}，${planned.length} 个账号，${spec.windowMinutes} 分钟内响应）`,
      scope.path,
    );
    // The issuing call's fan-out: tallies, targets, notices (one per operator), done within seconds.
    let d: Directive = draft;
    let rev = 1;
    const notices = new Set(planned.flatMap((t) => t.operatorIds)).size;
    d = afterFanout(
      afterFanout(afterFanout(d, 'targets', 0, spec.at + 2_000), 'notices', 0, spec.at + 4_000),
      'done',
      notices,
      spec.at + 6_000,
    );
    rev += 3;
    const targets = new Map<string, DirectiveTarget>(planned.map((t) => [t.accountId, targetDoc(d, t)]));
    const tallyById = new Map<string, DirectiveTally>(tallies.map((t) => [t._id, t]));
    // When each account answers (ms after issue), or never.
    const answers: { accountId: string; at: number }[] = [];
    for (const t of planned) {
      const r = w.rnd.next();
      const window = spec.windowMinutes * MIN;
      const after =
        r < 0.8
          ? 3 * MIN + w.rnd.int(window - 4 * MIN)
          : r < 0.88
            ? window + w.rnd.int(25 * MIN)
            : r < 0.9
              ? window + 40 * MIN + w.rnd.int(3 * HOUR)
              : -1;
      if (after >= 0) answers.push({ accountId: t.accountId, at: spec.at + after });
    }
    answers.sort((a, b) => a.at - b.at);
    const closesAt = Date.parse(d.closesAt);
    const answer = (x: { accountId: string; at: number }): void => {
      const target = targets.get(x.accountId);
      const account = accountById.get(x.accountId);
      const by = w.personById.get(target?.operatorIds[0] ?? '');
      if (!target || !by || !account) return;
      const kindOf: ResponseKind = w.rnd.chance(0.8) ? 'repost' : 'comment';
      const r = respond(
        target,
        d,
        {
          kind: kindOf,
          link: `https://weibo.com/${account.platformId}/r-${id}`,
          screenshot: null,
          note: '',
          postId: null,
          byId: by._id,
          byName: by.name,
          at: x.at,
        },
        x.at + MIN,
      );
      if (!r.ok || r.repeat) return;
      targets.set(x.accountId, r.next);
      for (const tallyId of target.tallyIds) {
        const tally = tallyById.get(tallyId);
        if (!tally) continue;
        tally.onTime += r.delta.onTime;
        tally.late += r.delta.late;
        tally.afterClose += r.delta.afterClose;
      }
      const state = r.next.response?.afterClose ? '关闭后补报' : TARGET_STATE_LABELS[r.next.state];
      w.audit.add(
        x.at + MIN,
        by,
        'linkage.respond',
        { collection: 'directiveTargets', id: target._id },
        `${account.name}响应联动指令《${d.title}》：${RESPONSE_KIND_LABELS[kindOf]}，用时 ${elapsedLabel(r.next.elapsedMs ?? 0)}，${state}`,
        target.unitPath,
        [{ field: 'state', from: target.state, to: r.next.state }],
      );
    };
    // The clock's steps in time order, the answers between them; nothing at or after `steppedUntil`.
    let k = 0;
    for (let guard = 0; guard < 10; guard++) {
      const when = d.nextStepAt === null ? null : Date.parse(d.nextStepAt);
      const limit = when === null ? w.now : Math.min(when, w.now);
      while (k < answers.length && (answers[k]?.at ?? Infinity) + MIN <= limit)
        answer(answers[k++] as { accountId: string; at: number });
      if (when === null || when >= steppedUntil) break;
      const step = dueStep(d, when);
      if (!step) break;
      if (step.kind === 'close') {
        for (const [accountId, t] of targets)
          if (t.state === 'pending')
            targets.set(accountId, { ...t, state: 'none', updatedAt: toBeijingIso(when), rev: t.rev + 1 });
      }
      d = afterStep(d, step, when);
      rev++;
    }
    while (k < answers.length && (answers[k]?.at ?? Infinity) + MIN <= w.now)
      answer(answers[k++] as { accountId: string; at: number });
    if (d.nextStepAt !== null && Date.parse(d.nextStepAt) <= w.now) figures.dueNow++;
    void closesAt;
    for (const c of chunks) w.out.add('linkagePlans', c);
    for (const t of tallyById.values()) w.out.add('directiveTallies', t);
    for (const t of targets.values()) {
      w.out.add('directiveTargets', t);
      figures.targets++;
      if (t.state === 'onTime') figures.onTime++;
      else if (t.state === 'late') figures.late++;
      else if (t.state === 'none') figures.silent++;
    }
    w.out.add('directives', { ...d, rev });
    figures.directives++;
  }
  return figures;
}

export type { Unit };

// --- subscribe-message consents (issue 18: the outbox really delivers) ----------------------------------

export interface ConsentFigures {
  people: number;
  oneTimeAccepts: number;
  /** Each person's consent record as written. */
  byPerson: Map<string, ConsentRecord>;
}

/**
 * What the bound role holders answered to the subscribe dialogs over the year, through the consent core
 * (applyConsentReport, as notify.reportConsent applies each tap's answers): most accepted every
 * template they were asked for, the one-time ones at several taps (each accept is one send), the
 * long-term ones once; some never answered or refused, so the outbox still skips and escalates for
 * them (第二十九条). Template ids are the local cloud's environment's (DEFAULT_ENV_ID `local-dev`).
 */
export function generateConsents(w: World, envId = 'local-dev'): ConsentFigures {
  const env = templatesFor(envId);
  const catalog = templateCatalog(env);
  const byType = { oneTime: [] as string[], longTerm: [] as string[] };
  for (const [id, type] of catalog) byType[type].push(id);
  const figures: ConsentFigures = { people: 0, oneTimeAccepts: 0, byPerson: new Map() };
  for (const p of w.people) {
    if (p.openid === null || p.roles.length === 0) continue;
    const r = w.rnd.next();
    // One in ten never answered a dialog; one in twenty refused them all.
    if (r < 0.1) continue;
    const answer: ConsentAnswer = r < 0.15 ? 'reject' : 'accept';
    let consent = emptyConsent(p._id, w.yearStart);
    const taps = 3 + w.rnd.int(8);
    for (let tap = 0; tap < taps; tap++) {
      const at = w.yearStart + Math.floor(((tap + w.rnd.next()) / taps) * (w.now - w.yearStart - DAY));
      // A dialog asks at most three ids of one subscription type (planConsentRequests).
      const ids = tap === 0 && byType.longTerm.length > 0 ? byType.longTerm : byType.oneTime;
      for (let i = 0; i < ids.length; i += MAX_TEMPLATES_PER_REQUEST) {
        const report: ConsentReport = Object.fromEntries(
          ids.slice(i, i + MAX_TEMPLATES_PER_REQUEST).map((id) => [id, answer]),
        );
        consent = applyConsentReport(consent, report, catalog, at);
        if (answer === 'accept' && ids === byType.oneTime) figures.oneTimeAccepts += Object.keys(report).length;
      }
    }
    w.out.add('consents', consent);
    figures.byPerson.set(p._id, consent);
    figures.people++;
  }
  return figures;
}

// --- account applications and filings (第十条, 第十二条, 第十四条) --------------------------------------------

export interface ApplicationFigures {
  applications: number;
  byState: { [state: string]: number };
  /** Accounts opened by an approved application (in setup or active). */
  opened: Account[];
  inSetup: number;
  filings: number;
  filingsByState: { [state: string]: number };
}

type Fate = 'pending' | 'returned' | 'refused' | 'setup' | 'active';
const SUFFIXES = ['视频号', '服务', '在线', '发布', '之声', '快讯'];

/**
 * Opening applications over the last months, each through the account core as the actions apply them:
 * a bureau's unit admin applies for a new account of the bureau (openApplication: the desk one level up
 * decides, 第十条), the deciding desk approves, refuses or sends it back (decideApplication); an
 * approved one creates the account in setup with its 第十四条 filing due, whose five setup tasks the
 * operator attests (completeTask, 第十二条; the last one makes it active), and the bureau's desk files
 * it with the desk above (submitFiling), which acknowledges it or asks a question (acknowledgeFiling,
 * queryFiling). The latest are still pending, in setup, or waiting for filing. Each written as the
 * actions' shells write (server/account/sync.ts saveAccount): the account with its index fields, its
 * name claim, its state events for the monthly evaluation, and the audit entries.
 *
 * The first city's and its first county's applications take each fate once, so the bench has a record
 * of every page (account.application, account.setup, account.filing) to open as that city's people.
 */
export function generateApplications(w: World, calendar: WorkCalendar): ApplicationFigures {
  const figures: ApplicationFigures = {
    applications: 0,
    byState: {},
    opened: [],
    inSetup: 0,
    filings: 0,
    filingsByState: {},
  };
  const rules = DEFAULT_RULES;
  const staffOf = new Map<string, Person[]>();
  for (const b of w.bureaus) staffOf.set(b.desk._id, b.deskStaff);
  const deskName = (deskId: string): string => w.tree.byId.get(deskId)?.name ?? deskId;
  let seq = 0;
  let eventSeq = 0;
  const event = (before: Account | null, after: Account, article: string, at: number, by: Person, appId: string) => {
    eventSeq++;
    const e: AccountEvent = {
      _id: `pae-${String(eventSeq).padStart(6, '0')}`,
      accountId: after._id,
      accountName: after.name,
      unitId: after.unitId,
      unitPath: after.unitPath ?? pathOf(w, after.unitId),
      kind: after.kind,
      platform: after.platform,
      from: before?.state ?? null,
      to: after.state,
      article,
      applicationId: appId,
      personId: by._id,
      at: toBeijingIso(at),
      month: accountMonthOf(at),
    };
    w.out.add('accountEvents', e);
  };
  const audited = (audits: readonly AuditEffect[], at: number, by: Person): void => {
    for (const a of audits) w.audit.add(at, by, a.action, a.object, a.summary, a.unitPath, a.changes);
  };
  const FORCED: Fate[] = ['setup', 'active', 'pending', 'returned', 'refused'];
  const bureaus = w.bureaus.filter((b) => b.unit.level !== 'province');
  // The first city (its applications decided by the province desk) and its first county (decided by the city's desk).
  const firstCity = w.cities[0];
  const firstCounty = bureaus.find((b) => b.unit.parentId === firstCity?.unit._id);
  for (const b of bureaus) {
    const forced = b === firstCity || b === firstCounty;
    const n = forced ? FORCED.length : w.rnd.about((b.unit.level === 'city' ? 3 : 1.2) * Math.max(w.scale, 0.1));
    const applicant = b.admin;
    const place = placeName(b.unit.name);
    const subject = namingSubject(b.unit, w.tree);
    for (let i = 0; i < n; i++) {
      const name = `${place}公安${SUFFIXES[i % SUFFIXES.length] ?? '服务'}`;
      if (namingProblem(name, rules.naming, subject)) continue;
      const r = w.rnd.next();
      const fate: Fate = forced
        ? FORCED[i]
        : r < 0.12
          ? 'pending'
          : r < 0.2
            ? 'returned'
            : r < 0.28
              ? 'refused'
              : r < 0.4
                ? 'setup'
                : 'active';
      // Submitted within the last 75 days; a pending one within the last 5 working days.
      let t =
        fate === 'pending'
          ? w.now - (1 + w.rnd.int(4 * 24)) * HOUR
          : workingMoment(w.rnd, w.now - (20 + w.rnd.int(55)) * DAY);
      seq++;
      const appId = `papp-${String(seq).padStart(5, '0')}`;
      const [opA, opB] = b.operators;
      const fields: OpeningFields = {
        unitId: b.unit._id,
        platform: 'other',
        name,
        purpose: `发布${place}公安工作动态，回应群众关切`,
        columnPlan: '警情通报、防范提示、便民服务、警营风采',
        conditions: {
          operatorA: opA?._id ?? null,
          operatorB: opB?._id ?? null,
          reviewerIds: b.reviewers.slice(0, 1).map((p) => p._id),
          technicalSupport: `${b.desk.name}技术保障组`,
          equipment: { attested: true, note: '专用手机两部、电脑一台、专线网络' },
          premises: { attested: true, note: `${b.desk.name}办公室` },
          funding: { attested: true, note: '列入年度宣传经费' },
          exceptionApproval: null,
        },
      };
      const opened = openApplication(
        { id: appId, clientKey: `prov-${seq}`, fields },
        { now: t, actor: applicant, tree: w.tree, people: w.personById },
      );
      if (!opened.ok) continue;
      let app: AccountApplication = opened.value.next;
      audited(opened.value.audits, t, applicant);
      const deciders = staffOf.get(app.deciderId) ?? [];
      const decider = deciders[0];
      let account: Account | null = null;
      let filing: Filing | null = null;
      let claimHolder: { collection: 'accountApplications' | 'accounts'; id: string } = {
        collection: 'accountApplications',
        id: app._id,
      };
      if (fate !== 'pending' && decider) {
        t += (4 + w.rnd.int(40)) * HOUR;
        const decision = fate === 'returned' ? 'return' : fate === 'refused' ? 'refuse' : 'approve';
        const reason =
          fate === 'returned'
            ? '请补充栏目内容规划的更新频次'
            : fate === 'refused'
              ? '本单位同类账号已覆盖，请整合运营'
              : null;
        const decided = decideApplication(app, decision, reason, {
          now: t,
          actor: decider,
          tree: w.tree,
          newId: () => `pacc-${String(seq).padStart(5, '0')}`,
          rules,
          calendar,
          people: w.personById,
          account: null,
          openItems: 0,
          deskName,
        });
        if (decided.ok) {
          app = decided.value.next;
          audited(decided.value.audits, t, decider);
          filing = decided.value.filing
            ? { ...decided.value.filing, _id: `pfil-${String(seq).padStart(5, '0')}` }
            : null;
          const change = decided.value.account;
          if (change) {
            account = withIndexFields(change.after, w.tree);
            event(null, account, change.article, t, decider, app._id);
            claimHolder = { collection: 'accounts', id: account._id };
          }
        }
      }
      const ctx = (now: number, actor: Person) => ({ now, actor, tree: w.tree, rules, calendar });
      // 第十二条: the operator attests the setup tasks over the following days; `setup` stops before the last.
      if (account && opA) {
        const tasks = fate === 'setup' ? 1 + w.rnd.int(3) : 5;
        let at = t;
        for (const key of SETUP_TASKS.slice(0, tasks)) {
          at += (2 + w.rnd.int(30)) * HOUR;
          if (at >= w.now - HOUR) break;
          const input: TaskInput =
            key === 'standardName'
              ? { key, name: account.name }
              : key === 'realName'
                ? { key, platformId: `prov-new-${seq}` }
                : { key, fileID: `cloud://local-dev/account/${account._id}/${key}.png` };
          const done = completeTask(account, input, ctx(at, opA));
          if (!done.ok) break;
          const before = account;
          account = withIndexFields(done.value.next, w.tree);
          audited(done.value.audits, at, opA);
          if (before.state !== account.state) event(before, account, '第十二条', at, opA, app._id);
        }
      }
      // 第十四条: the bureau's desk files; the desk above acknowledges (or asks first, now and then).
      if (filing) {
        const filer = staffOf.get(filing.filerDeskId)?.[0];
        const receiver = staffOf.get(filing.receiverDeskId)?.[0];
        let at = Date.parse(filing.createdAt) + (20 + w.rnd.int(60)) * HOUR;
        const late = fate === 'setup' && w.rnd.chance(0.5);
        if (filer && !late && at < w.now) {
          const filed = submitFiling(
            filing,
            { note: '已按要求报送开设审批表及账号信息', documents: [`cloud://local-dev/filing/${filing._id}.pdf`] },
            ctx(at, filer),
          );
          if (filed.ok) {
            filing = filed.value.next;
            audited(filed.value.audits, at, filer);
            at += (6 + w.rnd.int(60)) * HOUR;
            if (receiver && at < w.now) {
              const asked = w.rnd.chance(0.1);
              const answer = asked
                ? queryFiling(filing, '请补充账号实名认证材料', ctx(at, receiver))
                : acknowledgeFiling(filing, '已备案', ctx(at, receiver));
              if (answer.ok) {
                filing = answer.value.next;
                audited(answer.value.audits, at, receiver);
              }
            }
          }
        }
        w.out.add('filings', filing);
        figures.filings++;
        figures.filingsByState[filing.state] = (figures.filingsByState[filing.state] ?? 0) + 1;
      }
      w.out.add('accountApplications', app);
      w.out.add('accountNames', {
        _id: nameClaimId(app.unitId, app.platform, app.nameKey),
        holder: app.state === 'refused' ? null : claimHolder,
        updatedAt: app.updatedAt,
      });
      figures.applications++;
      figures.byState[app.state] = (figures.byState[app.state] ?? 0) + 1;
      if (account) {
        figures.opened.push(account);
        if (account.state === 'approved') figures.inSetup++;
      }
    }
  }
  return figures;
}
