import { openPage } from '../../../../test-utils/simulate';
import { rulePage, ruleView } from '../../../../test-utils/rule-fixtures';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/screening/pages/rules/index';

describe('组合规则 (packages/screening/pages/rules)', () => {
  it('lists the rules with their article, effect, groups and scope, and filters by category and search', async () => {
    wxm.cloud.reply('screen', 'ruleList', {
      ok: true,
      data: rulePage({
        items: [
          ruleView(),
          ruleView({
            id: 'r2',
            name: '行动部署',
            within: { kind: 'window', chars: 30 },
            ordered: true,
            groups: [['行动'], ['集结地点']],
            doubt: { right: 6, wrong: 23 },
          }),
        ],
      }),
    });
    const page = await openPage(ROUTE);
    expect(page.text('#version')).toBe('组合规则 · 词库 v4');
    expect(page.text('#rule-r1')).toContain('第十七条（一）1 有损党和国家声誉、公安机关和警察形象 · 禁止发布');
    expect(page.text('#rule-r1')).toContain('民警、警察、辅警等4个词 ＋ 殴打、打人');
    expect(page.text('#rule-r1')).toContain('同一句内');
    expect(page.text('#rule-r2')).toContain('30 字以内，按顺序');
    // 语义复核's record, only on the rule it doubts
    expect(page.text('#rule-r2')).toContain(
      '语义复核：在未据以编写的稿件上误报偏多（对 6 次、错 23 次），命中须语义研判也读出本项才作数',
    );
    expect(page.text('#rule-r1')).not.toContain('语义复核');
    expect(page.exists('#new')).toBe(true);

    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage({ items: [] }) });
    await page.fire('#category', 'change', { value: '2' });
    expect(wxm.cloud.sent('screen', 'ruleList').slice(-1)[0]).toEqual({
      action: 'ruleList',
      category: 'secret',
      limit: 30,
    });
    expect(page.text('#list')).toContain('没有符合条件的规则');

    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage() });
    await page.fire('#search', 'search', '殴打');
    expect(wxm.cloud.sent('screen', 'ruleList').slice(-1)[0]).toEqual({
      action: 'ruleList',
      category: 'secret',
      search: '殴打',
      limit: 30,
    });
  });

  it('opens a rule, a new rule and the bench; a reader sees no edit buttons', async () => {
    const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage({ canEdit: false }) });
    const page = await openPage(ROUTE);
    expect(page.exists('#new')).toBe(false);
    expect(page.exists('#import')).toBe(false);
    await page.fire('#rule-r1', 'tap');
    await page.fire('#bench', 'click');
    expect(navigate.mock.calls.map(([o]) => (o as { url: string }).url)).toEqual([
      '/packages/screening/pages/rule/index?id=r1',
      '/packages/screening/pages/rule/index?bench=1',
    ]);
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.reply('screen', 'ruleList', { ok: false, error: { code: 'FORBIDDEN', message: '无权查看' } });
    const page = await openPage(ROUTE);
    expect(page.text('#list')).toContain('无权查看');
  });
});
