import type { ApiResult } from '../../typings/common';
import type { ListChunk } from './list';
import { flush, openPage, setApp, type PageHarness } from '../test-utils/simulate';
import type { Data, Query, Row } from '../test-utils/list-page';
import { useWx } from '../test-utils/wx';

const wxm = useWx();

type Answer = ApiResult<ListChunk<Row, number>>;

/** Pages answered by the test: each call waits until the test settles it. */
function server() {
  const calls: { query: Query; next: number | null; settle(answer: Answer): Promise<void> }[] = [];
  setApp({
    fetchPage: (query: Query, next: number | null) =>
      new Promise<Answer>((resolve) => {
        calls.push({
          query,
          next,
          settle: async (answer) => {
            resolve(answer);
            await flush();
          },
        });
      }),
  });
  return calls;
}

const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id, title: `标题${id}` }));
const page = (items: Row[], next: number | null, total: number | null = null): Answer => ({
  ok: true,
  data: { rows: items, next, total, extra: { note: `共 ${total ?? '?'}` } },
});
const failure = (message = '网络异常，请稍后重试', code = 'NETWORK'): Answer => ({
  ok: false,
  error: { code, message },
});

const ids = (p: PageHarness<Data>): string[] => p.data().list.items.map((r) => r.id);

describe('the shared list behaviour (services/list + components/paged-list)', () => {
  it('shows the spinner, then the first page with its extra data and a footer offering more', async () => {
    const calls = server();
    const p = await openPage<Data>('test-utils/list-page/index');
    expect(p.exists('#list >>> #loading')).toBe(true);
    expect(calls[0]).toMatchObject({ next: null, query: { text: '' } });
    await calls[0]?.settle(page(rows('a', 'b'), 2, 5));
    expect(p.text('#row-a')).toContain('标题a');
    expect(p.data().note).toBe('共 5');
    expect(p.data().list).toMatchObject({ status: 'ready', total: 5, hasMore: true });
    expect(p.text('#list >>> #more')).toContain('加载更多');
  });

  it('loads page after page down to the end, once at a time, without repeating a row', async () => {
    const calls = server();
    const p = await openPage<Data>('test-utils/list-page/index');
    await calls[0]?.settle(page(rows('a', 'b'), 2));
    await Promise.all([p.reachBottom(), p.reachBottom()]);
    expect(calls).toHaveLength(2);
    expect(p.exists('#list >>> #loading-more')).toBe(true);
    // A row that moved onto the next page between the two requests is shown once.
    await calls[1]?.settle(page(rows('b', 'c', 'd'), 4));
    expect(ids(p)).toEqual(['a', 'b', 'c', 'd']);
    await p.fire('#list >>> #more', 'tap');
    expect(calls[2]?.next).toBe(4);
    await calls[2]?.settle(page(rows('e'), null));
    expect(ids(p)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(p.text('#list >>> #end')).toBe('没有更多了');
    await p.reachBottom();
    expect(calls).toHaveLength(3);
  });

  it('keeps the rows when a page fails and loads it again on a tap, not on scrolling', async () => {
    const calls = server();
    const p = await openPage<Data>('test-utils/list-page/index');
    await calls[0]?.settle(page(rows('a', 'b'), 2));
    await p.reachBottom();
    await calls[1]?.settle(failure());
    expect(ids(p)).toEqual(['a', 'b']);
    expect(p.text('#list >>> #more-failed')).toBe('加载失败，点击重试');
    await p.reachBottom();
    expect(calls).toHaveLength(2);
    await p.fire('#list >>> #more-failed', 'tap');
    expect(calls[2]?.next).toBe(2);
    await calls[2]?.settle(page(rows('c'), null));
    expect(ids(p)).toEqual(['a', 'b', 'c']);
  });

  it('shows the empty state, and the error state with 重试 that loads again', async () => {
    const calls = server();
    const p = await openPage<Data>('test-utils/list-page/index');
    await calls[0]?.settle(failure('服务返回异常，请稍后重试'));
    expect(p.text('#list >>> #error')).toContain('服务返回异常，请稍后重试');
    await p.fire('#list >>> #error >>> #retry', 'click');
    expect(p.exists('#list >>> #loading')).toBe(true);
    await calls[1]?.settle(page([], null));
    expect(p.text('#list >>> #empty')).toContain('暂无记录');
  });

  it('refreshes on pull-down with the rows still shown, and a failed refresh keeps them', async () => {
    const calls = server();
    const p = await openPage<Data>('test-utils/list-page/index');
    await calls[0]?.settle(page(rows('a', 'b'), 2));
    await p.pullDown();
    expect(p.data().list.status).toBe('ready');
    expect(ids(p)).toEqual(['a', 'b']);
    await calls[1]?.settle(page(rows('n', 'a'), 2));
    expect(ids(p)).toEqual(['n', 'a']);
    expect(wxm.stopPullDownRefresh).toHaveBeenCalled();
    await p.pullDown();
    await calls[2]?.settle(failure('网络异常，请稍后重试'));
    expect(ids(p)).toEqual(['n', 'a']);
    expect(wxm.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '网络异常，请稍后重试' }));
  });

  it('reloads from the first page when the search changes, and drops answers for the old query', async () => {
    const calls = server();
    const p = await openPage<Data>('test-utils/list-page/index');
    await calls[0]?.settle(page(rows('a', 'b'), 2));
    await p.reachBottom();
    await p.fire('#search', 'search', '夜巡');
    expect(calls[2]).toMatchObject({ next: null, query: { text: '夜巡' } });
    expect(p.exists('#list >>> #loading')).toBe(true);
    // The old list's next page and first page arrive late: both are dropped.
    await calls[1]?.settle(page(rows('c'), null));
    await calls[2]?.settle(page(rows('x'), null));
    expect(ids(p)).toEqual(['x']);
    expect(p.data().list.hasMore).toBe(false);
  });

  it('drops a slower first page that a newer load overtook', async () => {
    const calls = server();
    const p = await openPage<Data>('test-utils/list-page/index');
    await p.pullDown();
    await calls[1]?.settle(page(rows('new'), null));
    await calls[0]?.settle(page(rows('old'), null));
    expect(ids(p)).toEqual(['new']);
  });

  it('sends an unbound caller to bind instead of showing an error', async () => {
    const calls = server();
    await openPage<Data>('test-utils/list-page/index');
    await calls[0]?.settle(failure('请先绑定', 'NOT_BOUND'));
    expect(wxm.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind/index' }));
  });
});
