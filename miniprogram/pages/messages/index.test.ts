import type { ApiResult } from '../../../typings/common';
import type { MessagesPage, OperatedAccount } from '../../../typings/referral';
import { NETWORK_ERROR } from '../../services/api';
import { messageSummary } from '../../test-utils/referral-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const ACCOUNT: OperatedAccount = { id: 'acc-1', name: '长沙警事', platform: 'weibo' };
const page1 = (
  items = [messageSummary({ id: 'm1' })],
  nextCursor: string | null = null,
  accounts = [ACCOUNT],
): ApiResult<MessagesPage> => ({
  ok: true,
  data: { items, accounts, nextCursor },
});

interface MessagesData {
  query: { filter: string };
  list: { items: { id: string; triage: string }[] };
}

describe('留言台账 (pages/messages)', () => {
  it('lists the unit’s messages with state, triage or suggestion, and Beijing times', async () => {
    const pending = wxm.cloud.hold('referral', 'messages');
    const page = await openPage<MessagesData>('pages/messages/index');
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve(
      page1([
        messageSummary({ id: 'new', receivedAt: '2026-03-10T01:30:00.000Z', suggestedTriage: 'policeReport' }),
        messageSummary({ id: 'done', state: 'closed', triage: 'consultation', outcome: 'answered' }),
      ]),
    );
    expect(page.text('#message-new')).toContain('派出所几点上班？');
    expect(page.text('#message-new')).toContain('长沙警事（微博） · 热心市民');
    expect(page.text('#message-new')).toContain('03-10 09:30');
    expect(page.text('#message-new')).toContain('待分类');
    expect(page.text('#message-new')).toContain('建议：报警求助');
    expect(page.text('#message-done')).toContain('已办结');
    expect(page.text('#message-done')).toContain('咨询求助');
    expect(page.exists('#list >>> #end')).toBe(true);
  });

  it('filters by state', async () => {
    wxm.cloud.reply('referral', 'messages', page1());
    const page = await openPage<MessagesData>('pages/messages/index');
    await page.fire('#filter-received', 'click');
    expect(page.data().query.filter).toBe('received');
    expect(wxm.cloud.sent('referral', 'messages')).toEqual([
      { action: 'messages' },
      { action: 'messages', state: 'received' },
    ]);
  });

  it('loads the next page at the bottom', async () => {
    wxm.cloud.reply('referral', 'messages', page1([messageSummary({ id: 'a' })], '2026-03-10T09:00:00.000+08:00|1'));
    const page = await openPage<MessagesData>('pages/messages/index');
    wxm.cloud.reply('referral', 'messages', page1([messageSummary({ id: 'b' })], null));
    await page.reachBottom();
    expect(page.data().list.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(wxm.cloud.sent('referral', 'messages')[1]).toEqual({
      action: 'messages',
      cursor: '2026-03-10T09:00:00.000+08:00|1',
    });
  });

  it('opens a message, and records on the account the operator runs', async () => {
    wxm.cloud.reply('referral', 'messages', page1());
    const page = await openPage('pages/messages/index');
    await page.fire('#message-m1', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/message-detail/index?id=m1' }));
    await page.fire('#record', 'click');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith(
      expect.objectContaining({
        url: `/pages/message-record/index?accountId=acc-1&accountName=${encodeURIComponent('长沙警事')}`,
      }),
    );
  });

  it('asks which account when the operator runs several', async () => {
    wxm.cloud.reply(
      'referral',
      'messages',
      page1([], null, [ACCOUNT, { id: 'acc-2', name: '长沙公安服务', platform: 'wechatService' }]),
    );
    const sheet = jest.spyOn(wx, 'showActionSheet').mockImplementation((options) => {
      options.success?.({ tapIndex: 1, errMsg: 'showActionSheet:ok' });
      return Promise.resolve({ tapIndex: 1, errMsg: 'showActionSheet:ok' });
    });
    const page = await openPage('pages/messages/index');
    expect(page.text('#list >>> #empty')).toContain('暂无留言');
    await page.fire('#record', 'click');
    expect(sheet).toHaveBeenCalledWith(
      expect.objectContaining({ itemList: ['长沙警事（微博）', '长沙公安服务（微信服务号）'] }),
    );
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringContaining('accountId=acc-2') }),
    );
  });

  it('hides 登记 from someone who runs no account, and shows errors with 重试', async () => {
    wxm.cloud.failNetwork('referral', 'messages');
    const page = await openPage('pages/messages/index');
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('referral', 'messages', page1([messageSummary({ id: 'm1' })], null, []));
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#message-m1')).toBe(true);
    expect(page.exists('#record')).toBe(false);
  });
});
