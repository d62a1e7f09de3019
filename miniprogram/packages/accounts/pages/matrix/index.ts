/**
 * The matrix below a unit (第九条, 第三十四条): the counts from the unit's maintained totals, then a page
 * of its child units (tap to go down), of the bureaus lacking the Weibo or WeChat account 第九条 asks
 * for (remind them), or of the accounts by platform and state. 导出 writes the .xlsx workbook in the
 * export function and opens it from its temporary link.
 */
import type { MatrixPage, MatrixView, PlatformFamily } from '../../../../../typings/account';
import type { AccountState, Platform, Role } from '../../../../../typings/org';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import { homeUnitFor } from '../../../../services/scope';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { ACCOUNT_STATE_LABELS, PLATFORM_LABELS } from '../../../../utils/org-labels';
import { ACCOUNT_STATE_TAGS, toast } from '../../utils/accounts';

const PAGE_SIZE = 20;
/** Who may see a matrix (account.matrix). */
const VIEWERS: readonly Role[] = ['propagandaStaff', 'leader', 'unitAdmin'];

interface MatrixRow {
  id: string;
  unitId: string;
  title: string;
  label: string;
  value: string;
  tag: string;
  tagType: string;
  drill: boolean;
}

interface Query {
  unitId: string;
  view: MatrixView;
  platform: Platform | '';
  state: AccountState | '';
}

interface Summary {
  unitName: string;
  parentId: string;
  total: number;
  open: number;
  gapBureaus: number;
  platforms: { key: string; label: string; text: string }[];
}

interface MatrixData extends ListData<MatrixRow, Query> {
  summary: Summary | null;
  viewOptions: { text: string; value: MatrixView }[];
  platformOptions: { text: string; value: Platform | '' }[];
  stateOptions: { text: string; value: AccountState | '' }[];
  exporting: boolean;
  reminding: boolean;
}

interface MatrixCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<MatrixRow, number>>;
  onView(event: ValueEvent<MatrixView>): void;
  onPlatform(event: ValueEvent<Platform | ''>): void;
  onState(event: ValueEvent<AccountState | ''>): void;
  onRowTap(event: DatasetEvent<{ unit: string; drill: boolean }>): void;
  onUp(): void;
  onRemind(): Promise<void>;
  onExport(): Promise<void>;
}

const FAMILY_LABELS = { weibo: '微博', wechat: '微信' } as const;
const FAMILY_NAMES: Readonly<Record<PlatformFamily, string>> = {
  weibo: '微博',
  wechat: '微信',
  video: '短视频',
  news: '资讯',
  other: '其他',
};
const FAMILIES = Object.keys(FAMILY_NAMES) as PlatformFamily[];

function rowsOf(page: MatrixPage): MatrixRow[] {
  if (page.view === 'units') {
    return page.units.map((u) => {
      const fam = FAMILIES.filter((f) => (u.byFamily[f] ?? 0) > 0)
        // A no-break space: 短视频 2 never splits across lines; the line breaks between families.
        .map((f) => `${FAMILY_NAMES[f]}\u00a0${u.byFamily[f] ?? 0}`)
        .join(' · ');
      return {
        id: `${u.unitId}-${u.hasChildren ? 'tree' : 'own'}`,
        unitId: u.unitId,
        title: u.unitName,
        label: fam || '暂无账号',
        value: `${u.open} 个`,
        tag: u.gaps.length ? `缺${u.gaps.map((g) => FAMILY_LABELS[g]).join('、')}` : '',
        tagType: 'danger',
        drill: u.hasChildren,
      };
    });
  }
  if (page.view === 'gaps') {
    return page.gaps.map((g) => ({
      id: g.unitId,
      unitId: g.unitId,
      title: g.unitName,
      label: '第九条：市州、县市区公安机关应开设微博、微信公众号',
      value: '',
      tag: g.missingLabel,
      tagType: 'danger',
      drill: false,
    }));
  }
  return page.accounts.map((a) => ({
    id: a.id,
    unitId: '',
    title: a.name,
    label: `${a.platformLabel} · ${a.unitName}${a.kind === 'personal' ? ' · 个人账号' : ''}`,
    value: '',
    tag: a.stateLabel,
    tagType: ACCOUNT_STATE_TAGS[a.state],
    drill: false,
  }));
}

function summaryOf(page: MatrixPage): Summary {
  return {
    unitName: page.unit.name,
    parentId: page.unit.parentId ?? '',
    total: page.summary.total,
    open: page.summary.open,
    gapBureaus: page.summary.gapBureaus,
    platforms: page.summary.byPlatform.map((p) => ({
      key: p.platform,
      label: p.platformLabel,
      text: `${p.total}`,
    })),
  };
}

const STATES: AccountState[] = ['approved', 'active', 'suspended', 'closed', 'cancelled'];

Page<MatrixData, MatrixCustom>({
  data: {
    ...listData<MatrixRow, Query>({ unitId: '', view: 'units', platform: '', state: '' }),
    summary: null,
    viewOptions: [
      { text: '下级单位', value: 'units' },
      { text: '第九条缺口', value: 'gaps' },
      { text: '账号清单', value: 'accounts' },
    ],
    platformOptions: [
      { text: '全部平台', value: '' },
      ...(Object.keys(PLATFORM_LABELS) as Platform[]).map((p) => ({ text: PLATFORM_LABELS[p], value: p })),
    ],
    stateOptions: [
      { text: '全部状态', value: '' },
      ...STATES.map((s) => ({ text: ACCOUNT_STATE_LABELS[s], value: s })),
    ],
    exporting: false,
    reminding: false,
  },
  ...listBehaviour<MatrixRow, Query, number>({ key: (row) => row.id }),

  onLoad(query: Record<string, string | undefined>) {
    if (query.unitId) this.setData({ 'query.unitId': query.unitId });
    if (query.view === 'gaps' || query.view === 'accounts') this.setData({ 'query.view': query.view });
    void this.reloadList();
  },

  async fetchPage(query, next) {
    let { unitId } = query;
    if (!unitId) {
      const home = await homeUnitFor(VIEWERS);
      if (!home.ok) return home;
      unitId = home.data;
      this.setData({ 'query.unitId': unitId });
    }
    const res = await call('account', 'matrix', {
      unitId,
      view: query.view,
      ...(query.view === 'accounts' && query.platform ? { platform: query.platform } : {}),
      ...(query.view === 'accounts' && query.state ? { state: query.state } : {}),
      offset: next ?? 0,
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => ({
      rows: rowsOf(page),
      next: page.nextOffset,
      extra: { summary: summaryOf(page) },
    }));
  },

  onView(event) {
    void this.setQuery({ view: event.detail });
  },

  onPlatform(event) {
    void this.setQuery({ platform: event.detail });
  },

  onState(event) {
    void this.setQuery({ state: event.detail });
  },

  onRowTap(event) {
    const { unit, drill } = event.currentTarget.dataset;
    if (!unit || unit === this.data.query.unitId) return;
    // A unit with units below opens its own matrix; a leaf unit opens its accounts.
    void this.setQuery({ unitId: unit, view: drill ? 'units' : 'accounts' });
  },

  onUp() {
    const parent = this.data.summary?.parentId;
    if (parent) void this.setQuery({ unitId: parent, view: 'units' });
  },

  async onRemind() {
    if (this.data.reminding) return;
    this.setData({ reminding: true });
    const res = await call('account', 'remindGaps', { unitId: this.data.query.unitId });
    this.setData({ reminding: false });
    // Once a day per bureau: a second press the same day reminds nobody again.
    toast(
      res.ok
        ? res.data.reminded
          ? `已提醒 ${res.data.reminded} 个单位`
          : '今日已提醒过，无需重复提醒'
        : res.error.message,
    );
  },

  async onExport() {
    if (this.data.exporting) return;
    this.setData({ exporting: true });
    const res = await call('export', 'matrix', { unitId: this.data.query.unitId });
    if (!res.ok) {
      this.setData({ exporting: false });
      toast(res.error.message);
      return;
    }
    wx.downloadFile({
      url: res.data.url,
      success: (file) => {
        this.setData({ exporting: false });
        void wx.openDocument({ filePath: file.tempFilePath, fileType: 'xlsx', showMenu: true });
      },
      fail: () => {
        this.setData({ exporting: false });
        toast('下载失败，请重试');
      },
    });
  },
});
