import type { ApiResult } from '../../typings/common';
import { loadMoreInto, type OffsetPage, type OffsetPaged, type PagingPage } from './load';

function listPage(over: Partial<OffsetPaged<string>> = {}): PagingPage<string> & { data: OffsetPaged<string> } {
  const page = {
    loadSeq: 1,
    data: {
      status: 'ready' as const,
      items: ['a'],
      total: 3,
      nextOffset: 1,
      loadingMore: false,
      moreFailed: false,
      ...over,
    },
    setData(patch: Partial<OffsetPaged<string>>) {
      page.data = { ...page.data, ...patch };
    },
  };
  return page;
}

const answer = (items: number[], nextOffset: number | null): ApiResult<OffsetPage<number>> => ({
  ok: true,
  data: { items, total: 3, nextOffset },
});

describe('loadMoreInto', () => {
  it('appends the next page from the offset the last one gave', async () => {
    const page = listPage();
    const fetch = jest.fn((offset: number) => Promise.resolve(answer([offset + 1, offset + 2], null)));
    await loadMoreInto(page, fetch, (n) => `#${n}`);
    expect(fetch).toHaveBeenCalledWith(1);
    expect(page.data).toMatchObject({ items: ['a', '#2', '#3'], nextOffset: null, loadingMore: false });
  });

  it('asks once while a page is on its way, and not at all past the end or before the first load', async () => {
    let release: (v: ApiResult<OffsetPage<number>>) => void = () => undefined;
    const fetch = jest.fn(() => new Promise<ApiResult<OffsetPage<number>>>((r) => (release = r)));
    const page = listPage();
    const first = loadMoreInto(page, fetch, String);
    await loadMoreInto(page, fetch, String);
    release(answer([2], null));
    await first;
    expect(fetch).toHaveBeenCalledTimes(1);
    await loadMoreInto(page, fetch, String);
    await loadMoreInto(listPage({ status: 'loading' }), fetch, String);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('leaves the list as it was and offers a retry when the page fails', async () => {
    const page = listPage();
    await loadMoreInto(
      page,
      () => Promise.resolve({ ok: false, error: { code: 'NETWORK', message: '网络异常' } }),
      String,
    );
    expect(page.data).toMatchObject({ items: ['a'], nextOffset: 1, loadingMore: false, moreFailed: true });
  });

  it('drops a page that arrives after the list was reloaded', async () => {
    const page = listPage();
    const pending = loadMoreInto(
      page,
      () => {
        page.loadSeq++;
        return Promise.resolve(answer([9], null));
      },
      String,
    );
    await pending;
    expect(page.data.items).toEqual(['a']);
  });
});
