import { reading } from '../../test-utils/reader-fixtures';
import { flush, harness, render } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

async function open(props: { accountId: string; title: string; text: string }) {
  const root = render('components/draft-reading/index', props);
  await flush();
  return harness(root);
}

describe('draft-reading', () => {
  it('is not offered when the province desk has not switched the reader on', async () => {
    wxm.cloud.reply('reader', 'status', { ok: true, data: { enabled: false, timeoutSeconds: 8 } });
    expect((await open({ accountId: 'acc-1', title: '标题', text: '正文' })).exists('#read')).toBe(false);
  });

  it('reads the draft on demand and shows the model’s marks', async () => {
    wxm.cloud.reply('reader', 'status', { ok: true, data: { enabled: true, timeoutSeconds: 8 } });
    const v = await open({ accountId: 'acc-1', title: '致敬', text: '妻子以泪洗面。' });
    expect(v.text('#read')).toBe('大模型审读');
    wxm.cloud.reply('reader', 'check', { ok: true, data: reading() });
    await v.fire('#read', 'click');
    expect(wxm.cloud.sent('reader', 'check')).toEqual([
      { action: 'check', accountId: 'acc-1', title: '致敬', text: '妻子以泪洗面。' },
    ]);
    expect(v.text('#marks')).toContain('“以泪洗面”');
    expect(v.text('#read')).toBe('重新审读');
  });

  it('says when the draft changed after its reading, and why a reading was refused', async () => {
    wxm.cloud.reply('reader', 'status', { ok: true, data: { enabled: true, timeoutSeconds: 8 } });
    const root = render('components/draft-reading/index', { accountId: 'acc-1', title: '致敬', text: '正文' });
    await flush();
    const v = harness(root);
    wxm.cloud.reply('reader', 'check', { ok: true, data: reading() });
    await v.fire('#read', 'click');
    expect(v.exists('#stale')).toBe(false);
    (root as unknown as { setData(d: object): void }).setData({ text: '正文已改' });
    await flush();
    expect(v.text('#stale')).toBe('内容已修改，以下为修改前的审读意见');
    wxm.cloud.reply('reader', 'check', {
      ok: false,
      error: { code: 'READER_TEXT_TOO_LONG', message: '正文最多 20000 字' },
    });
    await v.fire('#read', 'click');
    expect(v.text('#read-error')).toBe('正文最多 20000 字');
  });

  it('says how long the model may take, shows the wait, and marks a reading of text edited meanwhile as stale', async () => {
    wxm.cloud.reply('reader', 'status', { ok: true, data: { enabled: true, timeoutSeconds: 5 } });
    const root = render('components/draft-reading/index', { accountId: 'acc-1', title: '致敬', text: '正文' });
    await flush();
    const v = harness(root);
    expect(v.text('#hint')).toContain('提交时也会审读，最长等 5 秒，超时仅按规则筛查');
    const held = wxm.cloud.hold('reader', 'check');
    const tapped = v.fire('#read', 'click');
    await flush();
    expect(v.text('#waiting')).toBe('大模型审读中，最长等 5 秒；期间可继续编辑');
    (root as unknown as { setData(d: object): void }).setData({ text: '正文（改）' });
    await held.resolve({ ok: true, data: reading() });
    await tapped;
    expect(v.exists('#waiting')).toBe(false);
    expect(v.text('#marks')).toContain('“以泪洗面”');
    expect(v.text('#stale')).toBe('内容已修改，以下为修改前的审读意见');
  });
});
