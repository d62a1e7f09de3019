/**
 * Anyone on an account reports a security incident at once (第三十三条 "发生安全事件，应立即报告上级
 * 主管部门"): what happened and when. The desk above and the unit's responsible leader are told by the
 * function; a kind that compromises the account suspends its posting until the desk lifts it. A double
 * tap sends the same request key and gets the one incident back.
 */
import type { IncidentKind } from '../../../../../typings/security';
import { call } from '../../../../services/api';
import type { ValueEvent } from '../../../../utils/events';
import { INCIDENT_KIND_LABELS, PAGES, beijingPickers, newRequestKey, pickersToIso } from '../../utils/security';

interface KindOption {
  value: IncidentKind;
  label: string;
  suspends: boolean;
}

/** 第三十三条: these kinds mean someone else may hold the account; posting stops until it is secured. */
const SUSPENDING: readonly IncidentKind[] = ['accountStolen', 'passwordLeaked', 'abnormalLogin'];

interface ReportData {
  accountId: string;
  kinds: KindOption[];
  kind: IncidentKind;
  date: string;
  time: string;
  description: string;
  descriptionError: string;
  busy: boolean;
  refusal: string;
  suspends: boolean;
}

interface ReportCustom {
  requestKey: string;
  onKind(event: ValueEvent<IncidentKind>): void;
  onDate(event: { detail: { value: string } }): void;
  onTime(event: { detail: { value: string } }): void;
  onDescription(event: ValueEvent<string>): void;
  onSubmit(): Promise<void>;
}

Page<ReportData, ReportCustom>({
  data: {
    accountId: '',
    kinds: (Object.keys(INCIDENT_KIND_LABELS) as IncidentKind[]).map((value) => ({
      value,
      label: INCIDENT_KIND_LABELS[value],
      suspends: SUSPENDING.includes(value),
    })),
    kind: 'accountStolen',
    date: '',
    time: '',
    description: '',
    descriptionError: '',
    busy: false,
    refusal: '',
    suspends: true,
  },
  requestKey: '',

  onLoad(query: Record<string, string | undefined>) {
    const now = beijingPickers(Date.now());
    this.requestKey = newRequestKey();
    this.setData({ accountId: decodeURIComponent(query.accountId ?? ''), date: now.date, time: now.time });
  },

  onKind(event) {
    this.setData({ kind: event.detail, suspends: SUSPENDING.includes(event.detail) });
  },

  onDate(event) {
    this.setData({ date: event.detail.value });
  },

  onTime(event) {
    this.setData({ time: event.detail.value });
  },

  onDescription(event) {
    this.setData({ description: event.detail, descriptionError: '' });
  },

  async onSubmit() {
    if (this.data.busy) return;
    const description = this.data.description.trim();
    if (!description) {
      this.setData({ descriptionError: '请说明发生了什么' });
      return;
    }
    this.setData({ busy: true, refusal: '' });
    const res = await call('security', 'incidentReport', {
      accountId: this.data.accountId,
      requestKey: this.requestKey,
      kind: this.data.kind,
      happenedAt: pickersToIso(this.data.date, this.data.time),
      description,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    void wx.showToast({ title: '已报告', icon: 'success' });
    void wx.redirectTo({ url: `${PAGES.incident}?id=${encodeURIComponent(res.data.id)}` });
  },
});
