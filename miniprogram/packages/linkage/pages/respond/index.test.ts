import { response, row, view } from '../../../../test-utils/linkage-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/linkage/pages/respond/index';
const QUERY = { id: 'd1', accountId: 'acc-cs-weibo' };

describe('登记响应 (packages/linkage/pages/respond)', () => {
  beforeEach(() => {
    wxm.cloud.reply('notify', 'consentPlan', { ok: true, data: { requests: [] } });
  });

  it('records a repost with its link for the account, then shows it', async () => {
    wxm.cloud.reply('linkage', 'get', { ok: true, data: view() });
    const page = await openPage<{ kind: string; done: unknown }>(ROUTE, QUERY);
    expect(page.text('#head')).toContain('长沙警事（微博）');
    expect(page.data().kind).toBe('repost');
    // An original post is written in the editor, not recorded here.
    expect(page.exists('#kind-original')).toBe(false);
    expect(page.exists('#write')).toBe(true);

    await page.fire('#link', 'change', ' https://weibo.com/cs/9 ');
    await page.fire('#note', 'change', '已转发并置顶');
    wxm.cloud.reply('linkage', 'respond', {
      ok: true,
      data: {
        row: row({ state: 'onTime', stateLabel: '按时响应', response: response({ link: 'https://weibo.com/cs/9' }) }),
      },
    });
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('linkage', 'respond')).toEqual([
      {
        action: 'respond',
        directiveId: 'd1',
        accountId: 'acc-cs-weibo',
        kind: 'repost',
        link: 'https://weibo.com/cs/9',
        screenshot: null,
        note: '已转发并置顶',
      },
    ]);
    expect(page.text('#done')).toContain('按时响应');
    expect(page.text('#done')).toContain('https://weibo.com/cs/9');
    expect(page.exists('#submit')).toBe(false);
  });

  it('asks for a proper link before sending anything', async () => {
    wxm.cloud.reply('linkage', 'get', { ok: true, data: view() });
    const page = await openPage<{ linkError: string }>(ROUTE, QUERY);
    await page.fire('#submit', 'click');
    expect(page.data().linkError).toBe('请填写响应的链接');
    await page.fire('#link', 'change', 'weibo.com/cs/9');
    await page.fire('#submit', 'click');
    expect(page.data().linkError).toBe('链接须以 http:// 或 https:// 开头');
    expect(wxm.cloud.sent('linkage', 'respond')).toHaveLength(0);
  });

  it('when the other operator answered first, says who and shows that response', async () => {
    wxm.cloud.reply('linkage', 'get', { ok: true, data: view() });
    const page = await openPage(ROUTE, QUERY);
    await page.fire('#kind', 'change', 'comment');
    await page.fire('#link', 'change', 'https://weibo.com/cs/9');
    wxm.cloud.reply('linkage', 'respond', {
      ok: false,
      error: { code: 'ALREADY_RESPONDED', message: '该账号已响应：李娜 于 09:12 登记' },
    });
    wxm.cloud.reply('linkage', 'get', {
      ok: true,
      data: view({ mine: [row({ state: 'onTime', stateLabel: '按时响应', response: response({ byName: '李娜' }) })] }),
    });
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('linkage', 'respond')[0]).toMatchObject({ kind: 'comment' });
    expect(page.text('#refusal')).toBe('该账号已响应：李娜 于 09:12 登记');
    expect(page.text('#done')).toContain('李娜');
  });

  it('refuses to show the form for an account the caller does not run', async () => {
    wxm.cloud.reply('linkage', 'get', { ok: true, data: view({ mine: [] }) });
    const page = await openPage(ROUTE, QUERY);
    expect(page.text('#error')).toContain('您不是该账号的运营民警');
  });
});
