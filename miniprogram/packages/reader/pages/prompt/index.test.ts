import type { ReaderItem, ReaderPromptView } from '../../../../../typings/reader';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/reader/pages/prompt/index';

const item = (code: string, ref: string, words: string, hint = '', scope: ReaderItem['scope'] = 'all') => ({
  code,
  ref,
  words,
  title: words,
  scope,
  kind: 'prohibited' as const,
  levelFloor: null,
  category: null,
  hint,
});

function prompt(over: Partial<ReaderPromptView> = {}): ReaderPromptView {
  return {
    version: 0,
    instructions: '你是审读助手。',
    items: [
      item('17.1.9', '第十七条（一）9', '容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传'),
      item('41.2', '第四十一条', '公安民警不得利用个人新媒体进行不正当交往', '', 'personalPost'),
      item('17.2.10', '第十七条（二）10', '与公安机关职能没有直接关联的信息', '', 'institutionalPost'),
    ],
    format: '答复要求：只输出一个 JSON 对象',
    at: null,
    byName: null,
    ...over,
  };
}

describe('审读提示词 (packages/reader/pages/prompt)', () => {
  it('shows the items in the measures’ words, the fixed answer format and the history', async () => {
    wxm.cloud.reply('reader', 'prompt', { ok: true, data: prompt() });
    wxm.cloud.reply('reader', 'promptVersions', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE);
    expect(page.text('#version')).toBe('当前：系统初始版本（v0）');
    expect(page.text('#item-0')).toContain('第十七条（一）9 容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传');
    expect(page.text('#item-1')).toContain('仅个人账号');
    expect(page.text('#item-2')).toContain('仅单位账号');
    expect(page.text('#item-0')).not.toContain('仅');
    expect(page.text('#format')).toContain('只输出一个 JSON 对象');
    expect(page.text('#no-versions')).toContain('尚未修改过');
  });

  it('saves the instructions and hints as a new version on top of the one loaded', async () => {
    wxm.cloud.reply('reader', 'prompt', { ok: true, data: prompt() });
    wxm.cloud.reply('reader', 'promptVersions', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE);
    await page.fire('#item-0', 'click');
    expect(page.text('#hint-item')).toBe('第十七条（一）9：容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传');
    await page.fire('#hint-field', 'change', '如渲染民警带病工作、家庭困难');
    await page.fire('#hint-dialog', 'confirm');
    expect(page.text('#item-0')).toContain('说明：如渲染民警带病工作、家庭困难');
    await page.fire('#instructions', 'change', '你是审读助手，请严格依据条款。');
    wxm.cloud.reply('reader', 'promptSave', {
      ok: true,
      data: prompt({
        version: 1,
        instructions: '你是审读助手，请严格依据条款。',
        at: '2026-11-30T10:00:00.000+08:00',
        byName: '周芳',
      }),
    });
    wxm.cloud.reply('reader', 'promptVersions', {
      ok: true,
      data: {
        items: [
          {
            version: 1,
            at: '2026-11-30T10:00:00.000+08:00',
            byName: '周芳',
            summary: '审读提示词 v1：修改审读说明、第十七条（一）9的补充说明',
          },
        ],
        nextOffset: null,
      },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('reader', 'promptSave')).toEqual([
      {
        action: 'promptSave',
        expectedVersion: 0,
        instructions: '你是审读助手，请严格依据条款。',
        hints: { '17.1.9': '如渲染民警带病工作、家庭困难', '41.2': '', '17.2.10': '' },
      },
    ]);
    expect(page.text('#version')).toBe('当前：v1，周芳 11-30 10:00 修改');
    expect(page.text('#version-v1')).toContain('审读提示词 v1：修改审读说明');
  });

  it('refuses empty instructions before sending, and previews the prompt as the model receives it', async () => {
    wxm.cloud.reply('reader', 'prompt', { ok: true, data: prompt() });
    wxm.cloud.reply('reader', 'promptVersions', { ok: true, data: { items: [], nextOffset: null } });
    const page = await openPage(ROUTE);
    await page.fire('#instructions', 'change', '  ');
    await page.fire('#save', 'click');
    expect(page.text('#save-error')).toBe('审读说明不能为空');
    expect(wxm.cloud.sent('reader', 'promptSave')).toEqual([]);
    wxm.cloud.reply('reader', 'promptPreview', {
      ok: true,
      data: { system: '你是审读助手。\n条款清单……41.2｜第四十一条' },
    });
    await page.fire('#preview-personal', 'click');
    expect(wxm.cloud.sent('reader', 'promptPreview')).toEqual([{ action: 'promptPreview', accountKind: 'personal' }]);
    expect(page.text('#preview')).toContain('41.2｜第四十一条');
    await page.fire('#preview-personal', 'click');
    expect(page.exists('#preview')).toBe(false);
  });
});
