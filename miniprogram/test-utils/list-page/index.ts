/**
 * A bare list page for the shared list behaviour's own tests (services/list.test.ts): each page comes
 * from the test through getApp().fetchPage, with a search text as the query.
 */
import { listBehaviour, listData, type ChunkResult, type ListData, type ListMethods } from '../../services/list';
import type { ValueEvent } from '../../utils/events';

export interface Row {
  id: string;
  title: string;
}

export interface Query {
  text: string;
}

export interface ListTestApp {
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<Row, number>>;
}

export type Data = ListData<Row, Query> & { note: string };

interface Custom extends ListMethods<Query> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<Row, number>>;
  onSearch(event: ValueEvent<string>): void;
}

Page<Data, Custom>({
  data: { ...listData<Row, Query>({ text: '' }), note: '' },
  ...listBehaviour<Row, Query, number>({ key: (row) => row.id }),

  onShow() {
    void this.refreshList();
  },

  fetchPage(query, next) {
    return getApp<ListTestApp>().fetchPage(query, next);
  },

  onSearch(event) {
    void this.setQuery({ text: event.detail });
  },
});
