import type { ReaderSettingsInput } from '../../../../../typings/reader';
import { MODEL, settingsView } from '../../../../test-utils/reader-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';
import { parseField } from './form';

const wxm = useWx();
const ROUTE = 'packages/reader/pages/settings/index';

interface SettingsData {
  form: ReaderSettingsInput;
  dirty: boolean;
  errors: Record<string, string>;
}

function replies() {
  wxm.cloud.reply('reader', 'settings', { ok: true, data: settingsView() });
  wxm.cloud.reply('reader', 'usage', {
    ok: true,
    data: {
      month: '2026-11',
      items: [{ unitId: 'u-cs', unitName: '长沙市公安局', tokens: 1230, calls: 1, budget: 300000 }],
      nextOffset: null,
    },
  });
  wxm.cloud.reply('reader', 'stats', {
    ok: true,
    data: {
      month: '2026-11',
      models: [
        {
          model: MODEL,
          promptVersion: 0,
          right: 2,
          wrong: 1,
          items: [{ item: '17.1.9', ref: '第十七条（一）9', title: '“卖惨式”宣传', right: 2, wrong: 1 }],
        },
      ],
    },
  });
}

describe('大模型审读设置 (packages/reader/pages/settings)', () => {
  it('shows the environment’s models, the limits, this month’s use and the judgements', async () => {
    replies();
    const page = await openPage<SettingsData>(ROUTE);
    expect(page.text('#model-0')).toContain(MODEL);
    expect(page.text('#model-1')).toContain('deepseek/deepseek-v3.2');
    expect(page.text('#usage-u-cs')).toContain('长沙市公安局 已用 1230 / 300000 tokens，1 次调用');
    expect(page.text('#stats-0')).toContain(`${MODEL} · 提示词 v0：正确 2，有误 1`);
    expect(page.text('#stats-0')).toContain('第十七条（一）9 “卖惨式”宣传：正确 2，有误 1');
    expect(page.exists('#confidence')).toBe(false);
  });

  it('lets the time limit go up to 12 s from the default 8 (the stepper takes numbers, not strings)', async () => {
    replies();
    const page = await openPage<SettingsData>(ROUTE);
    const stepper = page.root.querySelector('#timeout') as unknown as { dom: { innerHTML: string } };
    expect(stepper.dom.innerHTML).toContain('van-stepper__minus');
    expect(stepper.dom.innerHTML).not.toContain('van-stepper__plus--disabled');
  });

  it('saves the desk’s choices with the rev it loaded', async () => {
    replies();
    const page = await openPage<SettingsData>(ROUTE);
    await page.fire('#enabled', 'change', true);
    await page.fire('#models', 'change', MODEL);
    await page.fire('#timeout', 'change', 5);
    await page.fire('#raise', 'change', true);
    await page.fire('#confidence', 'change', '0.9');
    wxm.cloud.reply('reader', 'settingsSave', {
      ok: true,
      data: settingsView({
        enabled: true,
        model: MODEL,
        timeoutSeconds: 5,
        raiseFloor: true,
        raiseConfidence: 0.9,
        rev: 4,
      }),
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('reader', 'settingsSave')).toEqual([
      {
        action: 'settingsSave',
        expectedRev: 3,
        settings: {
          enabled: true,
          model: MODEL,
          timeoutSeconds: 5,
          monthlyTokens: 300000,
          unitBudgets: [],
          raiseFloor: true,
          raiseConfidence: 0.9,
          chunkChars: 3000,
        },
      },
    ]);
    expect(page.data().dirty).toBe(false);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存', icon: 'success' }));
  });

  it('gives a unit its own budget from this month’s use, and removes it again', async () => {
    replies();
    const page = await openPage<SettingsData>(ROUTE);
    await page.fire('#set-u-cs', 'click');
    expect(page.text('#budget-unit')).toBe('长沙市公安局（tokens）');
    await page.fire('#budget-tokens', 'change', '50000');
    await page.fire('#budget-dialog', 'confirm');
    expect(page.data().form.unitBudgets).toEqual([{ unitId: 'u-cs', tokens: 50000 }]);
    expect(page.text('#budget-u-cs')).toContain('长沙市公安局 50000 tokens');
    await page.fire('#remove-u-cs', 'click');
    expect(page.data().form.unitBudgets).toEqual([]);
  });

  it('refuses numbers out of bounds on the phone and says a conflict in plain words', async () => {
    replies();
    const page = await openPage<SettingsData>(ROUTE);
    await page.fire('#chunk', 'change', '100');
    expect(page.text('#chunk')).toContain('须在 500 至 20000 字之间');
    await page.fire('#save', 'click');
    expect(page.text('#save-error')).toBe('请先改正标红的项');
    expect(wxm.cloud.sent('reader', 'settingsSave')).toEqual([]);
    await page.fire('#chunk', 'change', '2000');
    wxm.cloud.reply('reader', 'settingsSave', {
      ok: false,
      error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' },
    });
    await page.fire('#save', 'click');
    expect(page.text('#save-error')).toBe('设置已被他人修改，请下拉刷新后重新设置');
  });

  it('tries a model and shows what the environment answered', async () => {
    replies();
    const page = await openPage<SettingsData>(ROUTE);
    wxm.cloud.reply('reader', 'probe', {
      ok: true,
      data: {
        model: MODEL,
        ok: false,
        latencyMs: 40,
        message: '模型未能答复（403），请在云开发控制台检查该模型是否已开通、额度是否用完',
      },
    });
    await page.fire('#probe-0', 'click');
    expect(wxm.cloud.sent('reader', 'probe')).toEqual([{ action: 'probe', model: MODEL }]);
    expect(page.text('#model-0')).toContain('模型未能答复（403）');
  });

  it('checks each number field with the server’s bounds', () => {
    expect(parseField('raiseConfidence', '0.4')).toEqual({ error: '置信度须在 0.5 至 1 之间' });
    expect(parseField('monthlyTokens', '1.5')).toEqual({ error: '请填写整数' });
    expect(parseField('monthlyTokens', '')).toEqual({ error: '请填写数字' });
    expect(parseField('chunkChars', '3000')).toEqual({ value: 3000 });
  });
});
