import type { WordingPage, WordingView } from '../../../../../typings/screening';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/screening/pages/wording/index';

const entry = (over: Partial<WordingView> = {}): WordingView => ({
  id: 'dw-suspect',
  wrong: '嫌犯',
  correct: '犯罪嫌疑人',
  reason: '未经人民法院依法判决，不得称“犯”',
  source: '新华社《新闻信息报道中的禁用词和慎用词》',
  addedIn: 1,
  ...over,
});

const page = (over: Partial<WordingPage> = {}): WordingPage => ({
  version: 3,
  items: [entry()],
  nextOffset: null,
  canEdit: true,
  ...over,
});

describe('规范表述 (packages/screening/pages/wording)', () => {
  it('lists wrong → correct with the reason and source, and searches', async () => {
    wxm.cloud.reply('screen', 'wordingList', { ok: true, data: page() });
    const p = await openPage(ROUTE);
    expect(p.text('#version')).toBe('规范表述 · 词库 v3');
    expect(p.text('#wording-dw-suspect')).toContain('嫌犯 → 犯罪嫌疑人');
    expect(p.text('#wording-dw-suspect')).toContain('新华社《新闻信息报道中的禁用词和慎用词》 · 初始');
    wxm.cloud.reply('screen', 'wordingList', { ok: true, data: page({ items: [] }) });
    await p.fire('#search', 'search', '台湾');
    expect(wxm.cloud.sent('screen', 'wordingList').slice(-1)[0]).toEqual({
      action: 'wordingList',
      search: '台湾',
      limit: 30,
    });
    expect(p.text('#list')).toContain('没有符合条件的规范表述');
  });

  it('adds an entry as one change, asks for every field first, and says when it is already listed', async () => {
    wxm.cloud.reply('screen', 'wordingList', { ok: true, data: page() });
    const p = await openPage(ROUTE);
    await p.fire('#add-toggle', 'click');
    await p.fire('#wrong', 'change', ' 台湾总统 ');
    await p.fire('#correct', 'change', '台湾地区领导人');
    await p.fire('#add', 'click');
    expect(p.text('#form-error')).toBe('请填写不规范表述、规范表述、理由和依据');
    expect(wxm.cloud.sent('screen', 'wordingEdit')).toEqual([]);
    await p.fire('#reason', 'change', '涉台称谓');
    await p.fire('#source', 'change', '新华社');
    wxm.cloud.reply('screen', 'wordingEdit', { ok: true, data: { version: 3, added: 0, removed: 0, duplicates: 1 } });
    await p.fire('#add', 'click');
    expect(p.text('#form-error')).toBe('“台湾总统”已在规范表述中');
    wxm.cloud.reply('screen', 'wordingEdit', { ok: true, data: { version: 4, added: 1, removed: 0, duplicates: 0 } });
    wxm.cloud.reply('screen', 'wordingList', {
      ok: true,
      data: page({ version: 4, items: [entry(), entry({ id: 'w9', wrong: '台湾总统', addedIn: 4 })] }),
    });
    await p.fire('#add', 'click');
    expect(wxm.cloud.sent('screen', 'wordingEdit').slice(-1)[0]).toEqual({
      action: 'wordingEdit',
      changes: [
        { op: 'add', entry: { wrong: '台湾总统', correct: '台湾地区领导人', reason: '涉台称谓', source: '新华社' } },
      ],
    });
    expect(p.exists('#form')).toBe(false);
    expect(p.text('#wording-w9')).toContain('v4 新增');
  });

  it('removes an entry after confirmation; a reader has no edit buttons', async () => {
    wxm.cloud.reply('screen', 'wordingList', { ok: true, data: page() });
    const p = await openPage(ROUTE);
    await p.fire('#remove-dw-suspect', 'click');
    expect(p.text('#confirm-text')).toContain('删除“嫌犯”');
    wxm.cloud.reply('screen', 'wordingEdit', { ok: true, data: { version: 4, added: 0, removed: 1, duplicates: 0 } });
    wxm.cloud.reply('screen', 'wordingList', { ok: true, data: page({ version: 4, items: [] }) });
    await p.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('screen', 'wordingEdit')).toEqual([
      { action: 'wordingEdit', changes: [{ op: 'remove', id: 'dw-suspect' }] },
    ]);
    expect(p.text('#list')).toContain('尚无规范表述');

    wxm.cloud.reply('screen', 'wordingList', { ok: true, data: page({ canEdit: false }) });
    const reader = await openPage(ROUTE);
    expect(reader.exists('#add-toggle')).toBe(false);
    expect(reader.exists('#remove-dw-suspect')).toBe(false);
  });
});
