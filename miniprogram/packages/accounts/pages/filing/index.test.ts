import { filing } from '../../../../test-utils/account-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/filing/index';

describe('备案详情 (packages/accounts/pages/filing)', () => {
  it('files with a note and the documents uploaded to storage', async () => {
    wxm.cloud.reply('account', 'filing', {
      ok: true,
      data: filing({ can: { file: true, acknowledge: false, query: false } }),
    });
    const page = await openPage<{ noteError: string }>(ROUTE, { id: 'f-1' });
    expect(page.text('#head')).toContain('开设备案');
    expect(page.text()).toContain('湖南省公安厅政治部宣传处');
    await page.fire('#file', 'click');
    expect(page.data().noteError).toContain('请填写报备说明');
    jest.spyOn(wx, 'chooseMedia').mockImplementation((o) => {
      o.success?.({ tempFiles: [{ tempFilePath: 'wxfile://form.jpg' }], type: 'image', errMsg: 'ok' } as never);
      return undefined as never;
    });
    Object.assign(wx.cloud, {
      uploadFile: jest.fn((o: { cloudPath: string }) => Promise.resolve({ fileID: `cloud://env/${o.cloudPath}` })),
    });
    await page.fire('#add-document', 'click');
    await page.fire('#note', 'change', '湘公宣〔2026〕5号');
    wxm.cloud.reply('account', 'submitFiling', {
      ok: true,
      data: filing({
        state: 'filed',
        stateLabel: '待确认',
        note: '湘公宣〔2026〕5号',
        filedAt: '2026-03-10T11:00:00.000+08:00',
      }),
    });
    await page.fire('#file', 'click');
    expect(wxm.cloud.sent('account', 'submitFiling')).toEqual([
      {
        action: 'submitFiling',
        filingId: 'f-1',
        expectedRev: 1,
        note: '湘公宣〔2026〕5号',
        documents: [expect.stringMatching(/^cloud:\/\/env\/filings\/f-1\/\d+\.jpg$/)],
      },
    ]);
    expect(page.text('#state')).toContain('待确认');
    expect(page.exists('#file')).toBe(false);
  });

  it('lets the desk above acknowledge, or query with a question', async () => {
    const filed = filing({
      state: 'filed',
      stateLabel: '待确认',
      note: '已开设',
      can: { file: false, acknowledge: true, query: true },
    });
    wxm.cloud.reply('account', 'filing', { ok: true, data: filed });
    const page = await openPage<{ noteError: string }>(ROUTE, { id: 'f-1' });
    expect(page.text('#filed')).toContain('已开设');
    await page.fire('#query', 'click');
    expect(page.data().noteError).toContain('请写明');
    await page.fire('#note', 'change', '请补充审批文件');
    wxm.cloud.reply('account', 'queryFiling', { ok: true, data: filing({ state: 'queried', stateLabel: '被询问' }) });
    await page.fire('#query', 'click');
    expect(wxm.cloud.sent('account', 'queryFiling')).toEqual([
      { action: 'queryFiling', filingId: 'f-1', expectedRev: 1, question: '请补充审批文件' },
    ]);
    expect(page.text('#state')).toContain('被询问');
  });

  it('says so when a colleague acknowledged it first', async () => {
    wxm.cloud.reply('account', 'filing', {
      ok: true,
      data: filing({ state: 'filed', stateLabel: '待确认', can: { file: false, acknowledge: true, query: true } }),
    });
    const page = await openPage(ROUTE, { id: 'f-1' });
    wxm.cloud.reply('account', 'acknowledgeFiling', {
      ok: false,
      error: { code: 'CONFLICT', message: '已被他人处理，请刷新' },
    });
    wxm.cloud.reply('account', 'filing', { ok: true, data: filing({ state: 'acknowledged', stateLabel: '已确认' }) });
    await page.fire('#acknowledge', 'click');
    expect(wxm.cloud.sent('account', 'acknowledgeFiling')).toEqual([
      { action: 'acknowledgeFiling', filingId: 'f-1', expectedRev: 1 },
    ]);
    expect(page.text('#refusal')).toContain('已被他人处理');
    expect(page.text('#state')).toContain('已确认');
    expect(page.exists('#acknowledge')).toBe(false);
  });
});
