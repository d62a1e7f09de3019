/** Approved accounts whose 第十二条 tasks the caller still has: name, real name, avatar, background, columns. */
import type { SetupsPage } from '../../../../../typings/account';
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
import type { DatasetEvent } from '../../../../utils/events';
import { PAGES } from '../../utils/accounts';

const PAGE_SIZE = 20;

interface SetupRow {
  id: string;
  title: string;
  meta: string;
  progress: string;
}

type Query = Record<string, never>;
type SetupsData = ListData<SetupRow, Query>;

interface SetupsCustom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<SetupRow, number>>;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
}

const toRow = (i: SetupsPage['items'][number]): SetupRow => ({
  id: i.accountId,
  title: `${i.name}（${i.platformLabel}）`,
  meta: i.unitName,
  progress: `已完成 ${i.total - i.open}/${i.total} 项`,
});

Page<SetupsData, SetupsCustom>({
  data: listData<SetupRow, Query>({}),
  ...listBehaviour<SetupRow, Query, number>({ key: (row) => row.id }),

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const res = await call('account', 'setups', { offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({ rows: page.items.map(toRow), next: page.nextOffset }));
  },

  onItemTap(event) {
    openPage(`${PAGES.setup}?accountId=${event.currentTarget.dataset.id}`);
  },
});
