/**
 * The unit's registry of personal accounts (第三十九条): every officer's and 辅警's registered account,
 * its real-name status and the unit's latest mark. The desk or a leader marks an account for
 * protection and support (优秀) or for a reminder, with a note (第四十二条); the marks feed the
 * monthly evaluation. Registrations of classified-post officers waiting for the unit are counted.
 */
import type { MarkKind, RegistryItem } from '../../../../../typings/account';
import type { Role } from '../../../../../typings/org';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import { openPage } from '../../../../services/navigation';
import { homeUnitFor } from '../../../../services/scope';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { PAGES, ACCOUNT_STATE_TAGS, toast, when } from '../../utils/accounts';

const PAGE_SIZE = 20;
const VIEWERS: readonly Role[] = ['propagandaStaff', 'leader', 'unitAdmin'];

interface RegistryRow {
  id: string;
  rev: number;
  title: string;
  owner: string;
  state: string;
  stateTag: string;
  realName: string;
  mark: string;
  markTag: string;
}

interface Query {
  unitId: string;
}

interface RegistryData extends ListData<RegistryRow, Query> {
  awaiting: number;
  marking: RegistryRow | null;
  markKind: MarkKind;
  markNote: string;
  markError: string;
  busy: boolean;
}

interface RegistryCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<RegistryRow, number>>;
  onMarkTap(event: DatasetEvent<{ id: string }>): void;
  onMarkKind(event: ValueEvent<MarkKind>): void;
  onMarkNote(event: ValueEvent<string>): void;
  onMarkCancel(): void;
  onMarkSave(event: ValueEvent<{ dialog?: VantDialog }>): Promise<void>;
  onAwaiting(): void;
}

/** What van-dialog (async-close) hands its confirm handler. */
interface VantDialog {
  stopLoading(): void;
}

const MARK_LABELS: Readonly<Record<MarkKind, string>> = { support: '优秀·保护支持', reminder: '提醒' };

function toRow(i: RegistryItem): RegistryRow {
  const owner = i.owner
    ? `${i.owner.name}${i.ownerAuxiliary ? '（辅警）' : ''}${i.ownerClassified ? '（涉密岗位）' : ''}`
    : '未关联';
  return {
    id: i.accountId,
    rev: i.rev,
    title: `${i.name}（${i.platformLabel}）`,
    owner: `${owner} · ${i.unitName} · ${i.platformId}`,
    state: i.stateLabel,
    stateTag: ACCOUNT_STATE_TAGS[i.state],
    realName: i.realNameVerified ? '已实名' : '未实名',
    mark: i.mark ? `${MARK_LABELS[i.mark.kind]}：${i.mark.note}（${i.mark.byName} ${when(i.mark.at)}）` : '',
    markTag: i.mark?.kind === 'support' ? 'success' : 'warning',
  };
}

Page<RegistryData, RegistryCustom>({
  data: {
    ...listData<RegistryRow, Query>({ unitId: '' }),
    awaiting: 0,
    marking: null,
    markKind: 'support',
    markNote: '',
    markError: '',
    busy: false,
  },
  ...listBehaviour<RegistryRow, Query, number>({ key: (row) => row.id }),

  onLoad(query: Record<string, string | undefined>) {
    if (query.unitId) this.setData({ 'query.unitId': query.unitId });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(query, next) {
    let { unitId } = query;
    if (!unitId) {
      const home = await homeUnitFor(VIEWERS);
      if (!home.ok) return home;
      unitId = home.data;
      this.setData({ 'query.unitId': unitId });
    }
    const res = await call('account', 'registry', { unitId, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({
      rows: page.items.map(toRow),
      next: page.nextOffset,
      extra: { awaiting: page.awaiting },
    }));
  },

  onMarkTap(event) {
    const row = this.data.list.items.find((r) => r.id === event.currentTarget.dataset.id) ?? null;
    this.setData({ marking: row, markKind: 'support', markNote: '', markError: '' });
  },

  onMarkKind(event) {
    this.setData({ markKind: event.detail });
  },

  onMarkNote(event) {
    this.setData({ markNote: event.detail, markError: '' });
  },

  onMarkCancel() {
    this.setData({ marking: null });
  },

  async onMarkSave(event) {
    const row = this.data.marking;
    // The dialog waits (async-close): it stays open with what is missing.
    const stay = (): void => event.detail?.dialog?.stopLoading();
    if (!row || this.data.busy) return;
    const note = this.data.markNote.trim();
    if (!note) {
      this.setData({ markError: '请写明标记的理由' });
      stay();
      return;
    }
    this.setData({ busy: true });
    const res = await call('account', 'mark', {
      accountId: row.id,
      expectedRev: row.rev,
      kind: this.data.markKind,
      note,
    });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ markError: res.error.message });
      stay();
      return;
    }
    const i = this.data.list.items.findIndex((r) => r.id === row.id);
    this.setData({ marking: null, ...(i >= 0 ? { [`list.items[${i}]`]: toRow(res.data) } : {}) });
    toast('已标记');
  },

  onAwaiting() {
    openPage(`${PAGES.applications}?box=toDecide`);
  },
});
