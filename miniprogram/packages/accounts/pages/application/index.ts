/**
 * One application (第十条—第十三条, 第三十九条): what was asked, the conditions attested, every step with
 * its article, time and person. The deciding desk approves (after a confirm), sends back or refuses
 * with a reason; the applicant withdraws or amends. A closure lists what is still open on the account
 * and hands it over to another account of the unit before it can be approved (第十三条).
 */
import type { ApplicationDetail, Decision } from '../../../../../typings/account';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import { openPage } from '../../../../services/navigation';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { PAGES, STATE_TAGS, toast, when } from '../../utils/accounts';

interface Line {
  label: string;
  value: string;
}

interface StepRow {
  key: string;
  text: string;
  meta: string;
}

interface Target {
  id: string;
  name: string;
}

interface ApplicationData extends LoadState {
  id: string;
  rev: number;
  title: string;
  typeLabel: string;
  stateLabel: string;
  stateTag: string;
  decider: string;
  lines: Line[];
  purpose: string;
  columnPlan: string;
  reason: string;
  namingAdvice: string;
  steps: StepRow[];
  openItems: { id: string; text: string }[];
  openTotal: number;
  targets: Target[];
  showTargets: boolean;
  accountId: string;
  unitId: string;
  setupLink: boolean;
  canDecide: boolean;
  canWithdraw: boolean;
  canAmend: boolean;
  note: string;
  noteError: string;
  confirming: boolean;
  busy: boolean;
  refusal: string;
}

interface ApplicationCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
  onNote(event: ValueEvent<string>): void;
  onDecide(event: DatasetEvent<{ decision: Decision }>): void;
  onCancel(): void;
  onConfirm(): Promise<void>;
  send(decision: Decision): Promise<void>;
  onWithdraw(): Promise<void>;
  onAmend(): void;
  onSetup(): void;
  onHandover(): Promise<void>;
  onCloseTargets(): void;
  onTarget(event: DatasetEvent<{ id: string }>): Promise<void>;
}

const yesNo = (attested: boolean, note: string): string => (attested ? `已落实：${note || '（未说明）'}` : '未落实');

function linesOf(d: ApplicationDetail): Line[] {
  const lines: Line[] = [
    { label: '申请单位', value: d.unitName },
    { label: '申请人', value: d.applicantName },
    { label: '平台', value: d.platformLabel },
  ];
  if (d.owner) lines.push({ label: '账号所属', value: d.owner.name });
  const o = d.opening;
  if (o) {
    lines.push(
      { label: 'A角编辑', value: d.staff.operatorA?.name ?? '未指定' },
      { label: 'B角编辑', value: d.staff.operatorB?.name ?? '未指定' },
      { label: '审核人员', value: d.staff.reviewers.map((r) => r.name).join('、') || '未指定' },
      { label: '技术保障', value: o.conditions.technicalSupport || '未填写' },
      { label: '设备', value: yesNo(o.conditions.equipment.attested, o.conditions.equipment.note) },
      { label: '场地', value: yesNo(o.conditions.premises.attested, o.conditions.premises.note) },
      { label: '经费', value: yesNo(o.conditions.funding.attested, o.conditions.funding.note) },
    );
    if (o.conditions.exceptionApproval) lines.push({ label: '本单位批准', value: o.conditions.exceptionApproval });
  }
  const r = d.registration;
  if (r) {
    lines.push(
      { label: '平台账号ID', value: r.platformId },
      { label: '实名认证', value: r.realNameVerified ? '已实名认证' : '未实名认证' },
    );
  }
  return lines;
}

Page<ApplicationData, ApplicationCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    id: '',
    rev: 0,
    title: '',
    typeLabel: '',
    stateLabel: '',
    stateTag: 'default',
    decider: '',
    lines: [],
    purpose: '',
    columnPlan: '',
    reason: '',
    namingAdvice: '',
    steps: [],
    openItems: [],
    openTotal: 0,
    targets: [],
    showTargets: false,
    accountId: '',
    unitId: '',
    setupLink: false,
    canDecide: false,
    canWithdraw: false,
    canAmend: false,
    note: '',
    noteError: '',
    confirming: false,
    busy: false,
    refusal: '',
  },
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: query.id ?? '' });
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const d = await latestData(this, call('account', 'application', { applicationId: this.data.id }));
    if (!d) return;
    this.setData({
      status: 'ready',
      rev: d.rev,
      title: `${d.name}（${d.platformLabel}）`,
      typeLabel: d.typeLabel,
      stateLabel: d.stateLabel,
      stateTag: STATE_TAGS[d.state] ?? 'default',
      decider: `${d.deciderName}（${d.deciderArticle}）`,
      lines: linesOf(d),
      purpose: d.opening?.purpose ?? '',
      columnPlan: d.opening?.columnPlan ?? '',
      reason: d.reason ?? '',
      namingAdvice: d.namingAdvice ?? '',
      steps: d.log.map((s, i) => ({
        key: `${i}`,
        text: `${s.label}${s.note ? `：${s.note}` : ''}`,
        meta: `${when(s.at)} · ${s.personName} · ${s.article}`,
      })),
      openItems: (d.openItems?.items ?? []).map((i) => ({
        id: i.id,
        text: `${i.collection === 'messages' ? '留言' : '转办'}：${i.summary}（${when(i.at)}）`,
      })),
      openTotal: d.openItems?.total ?? 0,
      accountId: d.accountId ?? '',
      unitId: d.unitId,
      setupLink: d.type === 'open' && d.state === 'approved' && d.accountId !== null,
      canDecide: d.can.decide,
      canWithdraw: d.can.withdraw,
      canAmend: d.can.amend,
    });
  },

  onNote(event) {
    this.setData({ note: event.detail, noteError: '' });
  },

  onDecide(event) {
    const { decision } = event.currentTarget.dataset;
    if (this.data.busy) return;
    if (decision !== 'approve' && !this.data.note.trim()) {
      this.setData({ noteError: decision === 'return' ? '请写明需修改的内容' : '请写明不予同意的理由' });
      return;
    }
    if (decision === 'approve') {
      this.setData({ confirming: true });
      return;
    }
    void this.send(decision);
  },

  onCancel() {
    this.setData({ confirming: false });
  },

  async onConfirm() {
    this.setData({ confirming: false });
    await this.send('approve');
  },

  async send(decision) {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const note = this.data.note.trim();
    const res = await call('account', 'decide', {
      applicationId: this.data.id,
      expectedRev: this.data.rev,
      decision,
      ...(note ? { reason: note } : {}),
    });
    this.setData({ busy: false });
    if (!res.ok) {
      // Decided meanwhile by another member of the desk, or items still open: say so and show it as it is.
      this.setData({ refusal: res.error.message });
      await this.load();
      return;
    }
    this.setData({ note: '' });
    toast(decision === 'approve' ? '已同意' : decision === 'return' ? '已退回修改' : '已不予同意');
    await this.load();
  },

  async onWithdraw() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('account', 'withdraw', { applicationId: this.data.id, expectedRev: this.data.rev });
    this.setData({ busy: false });
    if (!res.ok) this.setData({ refusal: res.error.message });
    else toast('已撤回');
    await this.load();
  },

  onAmend() {
    openPage(`${PAGES.apply}?applicationId=${this.data.id}`);
  },

  onSetup() {
    openPage(`${PAGES.setup}?accountId=${this.data.accountId}`);
  },

  async onHandover() {
    // The unit's other active accounts take the open items (第十三条).
    const res = await call('org', 'listAccounts', { unitId: this.data.unitId, limit: 50 });
    if (!res.ok) {
      toast(res.error.message);
      return;
    }
    const targets = res.data.items
      .filter((a) => a.id !== this.data.accountId && a.state === 'active')
      .map((a) => ({ id: a.id, name: `${a.name}（${a.unitName}）` }));
    if (targets.length === 0) {
      toast('本单位没有其他正常运营的账号可接收');
      return;
    }
    this.setData({ targets, showTargets: true });
  },

  onCloseTargets() {
    this.setData({ showTargets: false });
  },

  async onTarget(event) {
    this.setData({ showTargets: false, busy: true, refusal: '' });
    const res = await call('account', 'handover', {
      accountId: this.data.accountId,
      toAccountId: event.currentTarget.dataset.id,
    });
    this.setData({ busy: false });
    if (!res.ok) this.setData({ refusal: res.error.message });
    else
      toast(
        res.data.remaining ? `已移交${res.data.moved}项，尚余${res.data.remaining}项` : `已移交${res.data.moved}项`,
      );
    await this.load();
  },
});
