/**
 * Account applications (第十条, 第十三条, 第三十九条): the caller's own, those waiting for the caller's
 * desk (the oldest first), and those the desk has decided. 新建申请 opens the form.
 */
import type { ApplicationBox, ApplicationSummary } from '../../../../../typings/account';
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
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import { BOX_OPTIONS, PAGES, STATE_TAGS, when } from '../../utils/accounts';

const PAGE_SIZE = 20;

interface ApplicationRow {
  id: string;
  title: string;
  type: string;
  state: string;
  tag: string;
  meta: string;
}

interface Query {
  box: ApplicationBox;
}

interface ApplicationsData extends ListData<ApplicationRow, Query> {
  boxOptions: typeof BOX_OPTIONS;
}

interface ApplicationsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<ApplicationRow, number>>;
  onBox(event: ValueEvent<ApplicationBox>): void;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
  onNew(): void;
}

function toRow(a: ApplicationSummary, box: ApplicationBox): ApplicationRow {
  const who = box === 'mine' ? `审批：${a.deciderName}` : `申请人：${a.applicantName}`;
  const time = a.decidedAt ? `${when(a.decidedAt)} 办结` : `${when(a.submittedAt)} 提交`;
  return {
    id: a.id,
    title: `${a.name}（${a.platformLabel}）`,
    type: a.typeLabel,
    state: a.stateLabel,
    tag: STATE_TAGS[a.state] ?? 'default',
    meta: `${a.unitName} · ${who} · ${time}`,
  };
}

const BOXES: readonly string[] = BOX_OPTIONS.map((o) => o.value);

Page<ApplicationsData, ApplicationsCustom>({
  data: {
    ...listData<ApplicationRow, Query>({ box: 'mine' }),
    boxOptions: BOX_OPTIONS,
  },
  ...listBehaviour<ApplicationRow, Query, number>({ key: (row) => row.id }),

  onLoad(query: Record<string, string | undefined>) {
    // The workbench's 待审批 entry opens the desk's box directly.
    if (query.box && BOXES.includes(query.box)) this.setData({ 'query.box': query.box });
  },

  onShow() {
    void this.refreshList();
  },

  async fetchPage(query, next) {
    const res = await call('account', 'applications', { box: query.box, offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({ rows: page.items.map((a) => toRow(a, query.box)), next: page.nextOffset }));
  },

  onBox(event) {
    void this.setQuery({ box: event.detail });
  },

  onItemTap(event) {
    openPage(`${PAGES.application}?id=${event.currentTarget.dataset.id}`);
  },

  onNew() {
    openPage(PAGES.apply);
  },
});
