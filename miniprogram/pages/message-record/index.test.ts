import { messageSummary, typeInto } from '../../test-utils/referral-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const QUERY = { accountId: 'acc-1', accountName: encodeURIComponent('长沙警事') };

interface RecordData {
  mode: string;
  receivedAt: string;
  error: string;
}

describe('登记留言 (pages/message-record)', () => {
  beforeEach(() => {
    jest.useFakeTimers({
      now: Date.parse('2026-03-10T01:30:00Z'),
      doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'],
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('records one message, received now in Beijing time unless corrected', async () => {
    const page = await openPage<RecordData>('pages/message-record/index', QUERY);
    expect(page.text('#account')).toBe('登记到：长沙警事');
    expect(page.data().receivedAt).toBe('2026-03-10 09:30');
    await page.fire('#submit', 'click');
    expect(page.text('#error')).toBe('请填写留言内容');
    expect(wxm.cloud.sent('referral', 'messageRecord')).toHaveLength(0);

    wxm.cloud.reply('referral', 'messageRecord', {
      ok: true,
      data: { messages: [messageSummary({ id: 'm9', suggestedTriage: 'policeReport' })], warnings: [] },
    });
    await typeInto(page, '#nickname', 'senderNickname', '热心市民');
    await typeInto(page, '#text', 'text', '有人打架，快来');
    await typeInto(page, '#received', 'receivedAt', '2026-03-10 09:12');
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('referral', 'messageRecord')).toEqual([
      {
        action: 'messageRecord',
        accountId: 'acc-1',
        senderNickname: '热心市民',
        text: '有人打架，快来',
        receivedAt: '2026-03-10T09:12:00+08:00',
        link: null,
      },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已登记1条' }));
    expect(page.text('#recorded-m9')).toContain('建议：报警求助');
    await page.fire('#recorded-m9', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/message-detail/index?id=m9' }));
  });

  it('refuses a time that is not one', async () => {
    const page = await openPage<RecordData>('pages/message-record/index', QUERY);
    await typeInto(page, '#text', 'text', '你好');
    await typeInto(page, '#received', 'receivedAt', '3月10日');
    await page.fire('#submit', 'click');
    expect(page.text('#error')).toBe('接收时间格式为 2026-03-10 09:30');
  });

  it('records a pasted batch and shows the parser’s notes', async () => {
    wxm.cloud.reply('referral', 'messageRecord', {
      ok: true,
      data: {
        messages: [messageSummary({ id: 'a' }), messageSummary({ id: 'b' })],
        warnings: ['第3行与第1行内容重复，已忽略'],
      },
    });
    const page = await openPage<RecordData>('pages/message-record/index', QUERY);
    await page.fire('#mode-batch', 'click');
    expect(page.exists('#pasted')).toBe(true);
    await typeInto(page, '#pasted', 'pasted', '小王：几点上班\n小李：在哪办证\n小王：几点上班');
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('referral', 'messageRecord')).toEqual([
      { action: 'messageRecord', accountId: 'acc-1', pasted: '小王：几点上班\n小李：在哪办证\n小王：几点上班' },
    ]);
    expect(page.text('#warning-0')).toContain('第3行与第1行内容重复，已忽略');
    expect(page.exists('#recorded-a')).toBe(true);
    expect(page.exists('#recorded-b')).toBe(true);
  });

  it('shows the server’s refusal', async () => {
    wxm.cloud.reply('referral', 'messageRecord', {
      ok: false,
      error: { code: 'NOT_ACCOUNT_OPERATOR', message: '不是该账号的运营民警（A角/B角），无权操作（第三十三条）' },
    });
    const page = await openPage<RecordData>('pages/message-record/index', QUERY);
    await page.fire('#mode-batch', 'click');
    await typeInto(page, '#pasted', 'pasted', '你好');
    await page.fire('#submit', 'click');
    expect(page.text('#error')).toContain('无权操作');
  });

  it('asks to come from the log when no account is given', async () => {
    const page = await openPage('pages/message-record/index');
    expect(page.text('#no-account')).toContain('请从网民留言页选择账号后登记');
  });
});
