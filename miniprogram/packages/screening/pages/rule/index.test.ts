import type { SpanHit } from '../../../../../typings/screening';
import { rulePage, ruleView, screened, trace } from '../../../../test-utils/rule-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/screening/pages/rule/index';
const TEXT = '一名民警殴打群众。';

const ruleHit: SpanHit = {
  category: 'reputation',
  ref: '第十七条（一）1',
  title: '有损党和国家声誉、公安机关和警察形象',
  effect: 'block',
  levelFloor: null,
  source: 'rule',
  rule: '民警打骂群众',
  ruleId: 'r1',
  where: 'text',
  start: 2,
  end: 6,
  matched: '民警殴打',
  parts: [
    { group: 0, term: '民警', start: 2, end: 4, matched: '民警' },
    { group: 1, term: '殴打', start: 4, end: 6, matched: '殴打' },
  ],
};

async function openRule() {
  wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage() });
  wxm.cloud.reply('screen', 'ruleGet', { ok: true, data: { version: 4, rule: ruleView(), canEdit: true } });
  return openPage<{ groupsText: string }>(ROUTE, { id: 'r1' });
}

describe('规则编辑与试算 (packages/screening/pages/rule)', () => {
  it('shows a rule with one group per line, and tests the edited draft on a pasted text before saving', async () => {
    const page = await openRule();
    expect(page.text('#history')).toBe('词库 v1 新增，v4 修改，第 2 版');
    expect(page.exists('#doubt')).toBe(false);
    expect(page.data().groupsText).toBe('民警、警察、辅警、协警\n殴打、打人');
    await page.fire('#groups', 'change', '民警、警察\n殴打，打人 推搡\n\n');
    await page.fire('#sample', 'change', TEXT);
    wxm.cloud.reply('screen', 'ruleTest', {
      ok: true,
      data: {
        result: screened({
          hits: [ruleHit],
          blocked: true,
          suggestions: [
            {
              ruleId: 'dw-1',
              start: 6,
              end: 8,
              matched: '群众',
              wrong: '群众',
              correct: '人民群众',
              reason: '示例',
              source: '示例',
            },
          ],
        }),
        draft: {
          problems: [],
          trace: trace({
            fired: true,
            reason: null,
            hits: [ruleHit],
            terms: [
              { slot: 0, term: '民警', start: 2, end: 4, matched: '民警' },
              { slot: 1, term: '殴打', start: 4, end: 6, matched: '殴打' },
            ],
          }),
        },
        rules: [
          trace({ ruleId: 'r7', name: '涉警言行引发众怒', fired: true, reason: null, hits: [ruleHit] }),
          trace({
            ruleId: 'r8',
            name: '官员民警犯罪',
            terms: [{ slot: 0, term: '民警', start: 2, end: 4, matched: '民警' }],
          }),
        ],
      },
    });
    await page.fire('#test', 'click');
    expect(wxm.cloud.sent('screen', 'ruleTest')).toEqual([
      {
        action: 'ruleTest',
        text: TEXT,
        accountKind: 'institutional',
        id: 'r1',
        rule: {
          name: '民警打骂群众',
          category: 'reputation',
          effect: 'block',
          levelFloor: null,
          groups: [
            ['民警', '警察'],
            ['殴打', '打人', '推搡'],
          ],
          exclude: [['民警被', '袭警']],
          within: { kind: 'sentence' },
          ordered: false,
          note: '民警作为施暴一方',
        },
      },
    ]);
    expect(page.text('#summary')).toBe('共 1 处提示，禁止发布');
    expect(page.text('#draft')).toContain('本规则：命中 1 处');
    expect(page.text('#draft')).toContain('第1组“民警”、第2组“殴打”');
    // The span is marked in the text, with its article below.
    expect(page.text('#marks')).toContain('第十七条（一）1');
    expect(page.text('#trace-0')).toContain('涉警言行引发众怒');
    expect(page.text('#wording')).toContain('“群众”宜改为“人民群众”');
    // Rules whose terms occur without firing are folded, with why.
    expect(page.exists('#unfired-0')).toBe(false);
    await page.fire('#unfired-toggle', 'tap');
    expect(page.text('#unfired-0')).toContain('未命中：第 2 组的词没有出现');
    // The first render of the form compiles its components: slow on a busy machine.
  }, 30_000);

  it('says when 语义复核 doubts the stored rule, and no more once the desk has rewritten it', async () => {
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage() });
    wxm.cloud.reply('screen', 'ruleGet', {
      ok: true,
      data: { version: 4, rule: ruleView({ doubt: { right: 6, wrong: 23 } }), canEdit: true },
    });
    const page = await openPage(ROUTE, { id: 'r1' });
    expect(page.text('#doubt')).toBe(
      '语义复核：在未据以编写的稿件上误报偏多（对 6 次、错 23 次），命中须语义研判也读出本项才作数；改写词组或排除词后不再受此限',
    );
    await page.fire('#groups', 'change', '民警、警察\n殴打、打人、推搡');
    wxm.cloud.reply('screen', 'ruleSave', {
      ok: true,
      data: {
        version: 5,
        rule: ruleView({
          groups: [
            ['民警', '警察'],
            ['殴打', '打人', '推搡'],
          ],
          revision: 3,
          changedIn: 5,
        }),
        created: false,
        unchanged: false,
      },
    });
    await page.fire('#save', 'click');
    expect(page.text('#history')).toBe('词库 v1 新增，v5 修改，第 3 版');
    expect(page.exists('#doubt')).toBe(false);
  }, 30_000);

  it('lists why a draft cannot be saved, and saves on the revision it read', async () => {
    const page = await openRule();
    await page.fire('#groups', 'change', '民警\n');
    await page.fire('#sample', 'change', TEXT);
    wxm.cloud.reply('screen', 'ruleTest', {
      ok: true,
      data: {
        result: screened(),
        draft: { problems: [{ code: 'NO_GROUPS', field: 'groups', message: '至少需要两组词' }], trace: null },
        rules: [],
      },
    });
    await page.fire('#test', 'click');
    expect(page.text('#problems')).toContain('至少需要两组词');

    wxm.cloud.reply('screen', 'ruleSave', {
      ok: false,
      error: { code: 'RULE_INVALID', message: '规则不能保存：至少需要两组词' },
    });
    await page.fire('#save', 'click');
    expect(page.text('#save-error')).toBe('规则不能保存：至少需要两组词');

    await page.fire('#groups', 'change', '民警\n殴打');
    wxm.cloud.reply('screen', 'ruleSave', {
      ok: true,
      data: {
        version: 5,
        rule: ruleView({ groups: [['民警'], ['殴打']], revision: 3, changedIn: 5 }),
        created: false,
        unchanged: false,
      },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('screen', 'ruleSave').slice(-1)[0]).toMatchObject({
      id: 'r1',
      expectedRevision: 2,
      rule: { groups: [['民警'], ['殴打']] },
    });
    expect(page.text('#history')).toBe('词库 v1 新增，v5 修改，第 3 版');
    expect(page.exists('#save-error')).toBe(false);
  });

  it('removes a rule after confirmation', async () => {
    const back = jest.spyOn(wx, 'navigateBack').mockImplementation(() => undefined as never);
    const page = await openRule();
    await page.fire('#remove', 'click');
    wxm.cloud.reply('screen', 'ruleRemove', { ok: true, data: { version: 5 } });
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('screen', 'ruleRemove')).toEqual([{ action: 'ruleRemove', id: 'r1', expectedRevision: 2 }]);
    expect(back).toHaveBeenCalled();
  });

  it('opens as the bench alone for a reader, fills the text from the link and runs it without a draft', async () => {
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage({ canEdit: false }) });
    wxm.cloud.reply('screen', 'ruleTest', {
      ok: true,
      data: { result: screened(), draft: null, rules: [] },
    });
    const page = await openPage(ROUTE, { bench: '1', text: encodeURIComponent(TEXT) });
    expect(page.exists('#name')).toBe(false);
    expect(page.exists('#save')).toBe(false);
    expect(wxm.cloud.sent('screen', 'ruleTest')).toEqual([
      { action: 'ruleTest', text: TEXT, accountKind: 'institutional' },
    ]);
    expect(page.text('#summary')).toBe('未发现问题');
  });

  it('shows what 语义复核 set aside apart from what fired and what did not', async () => {
    const course =
      '刑侦大队举办业务培训，邀请专家讲授命案现场勘查与物证提取的方法。培训结束后，民警走进城关第一小学，给学生们上了一堂安全课。';
    const asideHit: SpanHit = {
      category: 'majorCase',
      ref: '第十七条（二）3',
      title: '重大刑事案件、治安案件和涉外案件',
      effect: 'caution',
      levelFloor: 'major',
      source: 'lexicon',
      rule: '命案',
      where: 'text',
      start: 14,
      end: 16,
      matched: '命案',
    };
    // a cue detector's reading (a school beside 学生) is set aside the same way; a child's name never is
    const schoolHit: SpanHit = {
      ...asideHit,
      category: 'vulnerable',
      ref: '第十七条（二）4',
      title: '涉及未成年人、妇女、老人、残疾人等弱势群体的案件',
      source: 'minorIdentity',
      rule: '未成年人就读学校或班级',
      start: course.indexOf('城关第一小学'),
      end: course.indexOf('城关第一小学') + 6,
      matched: '城关第一小学',
    };
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage({ canEdit: false }) });
    wxm.cloud.reply('screen', 'ruleTest', {
      ok: true,
      data: {
        result: screened({ setAside: [asideHit, schoolHit] }),
        draft: null,
        rules: [
          trace({
            ruleId: 'r9',
            name: '命案等严重暴力犯罪',
            fired: false,
            setAside: true,
            reason:
              '语义复核：这条规则在未据以编写的稿件上误报偏多（对 37 次、错 40 次），语义研判在这段文字里读不出“重大刑事案件、治安案件和涉外案件”，本次不作数',
            terms: [{ slot: 1, term: '命案', start: 14, end: 16, matched: '命案' }],
          }),
          trace({ ruleId: 'r8', name: '官员民警犯罪' }),
        ],
      },
    });
    const page = await openPage(ROUTE, { bench: '1', text: encodeURIComponent(course) });
    expect(page.text('#summary')).toBe('未发现问题');
    expect(page.text('#aside')).toContain('语义复核：以下命中本次不作数');
    expect(page.text('#aside-0')).toContain('命案等严重暴力犯罪');
    expect(page.text('#aside-0')).toContain('语义复核：这条规则在未据以编写的稿件上误报偏多（对 37 次、错 40 次）');
    expect(page.text('#aside-terms')).toContain('词库词“命案”（重大刑事案件、治安案件和涉外案件）');
    expect(page.text('#aside-terms')).not.toContain('城关第一小学');
    expect(page.text('#aside-checks')).toContain(
      '自动识别的未成年人就读学校或班级“城关第一小学”（涉及未成年人、妇女、老人、残疾人等弱势群体的案件）',
    );
    // the set-aside rule is not also listed among those that did not fire
    await page.fire('#unfired-toggle', 'tap');
    expect(page.text('#unfired-0')).toContain('官员民警犯罪');
    expect(page.exists('#unfired-1')).toBe(false);
  });

  it('gives a new rule its category’s effect: 禁止发布 under （一）, 审慎发布 at the level under （二）', async () => {
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage() });
    const page = await openPage<{ effect: string; levelFloor: string }>(ROUTE);
    expect(page.data()).toMatchObject({ effect: 'block' });
    expect(page.exists('#level-floor')).toBe(false);
    await page.fire('#category', 'change', { value: '2' });
    expect(page.data()).toMatchObject({ effect: 'caution', levelFloor: 'major' });
    expect(page.exists('#level-floor')).toBe(true);
    await page.fire('#category', 'change', { value: '3' });
    expect(page.data()).toMatchObject({ effect: 'caution', levelFloor: 'ordinary' });
    // The editor may still choose otherwise; what is tested and saved is what the form shows.
    await page.fire('#level-floor >>> #segment-especiallyMajor', 'tap');
    await page.fire('#name', 'change', '信访争议');
    await page.fire('#groups', 'change', '信访\n打人');
    await page.fire('#sample', 'change', TEXT);
    wxm.cloud.reply('screen', 'ruleTest', {
      ok: true,
      data: { result: screened(), draft: { problems: [], trace: trace() }, rules: [] },
    });
    await page.fire('#test', 'click');
    expect(wxm.cloud.sent('screen', 'ruleTest')[0]).toMatchObject({
      rule: {
        category: 'controversial',
        effect: 'caution',
        levelFloor: 'especiallyMajor',
      },
    });
  }, 30_000);

  it('refuses a new rule to a reader', async () => {
    wxm.cloud.reply('screen', 'ruleList', { ok: true, data: rulePage({ canEdit: false }) });
    const page = await openPage(ROUTE);
    expect(page.text('#error')).toContain('无权新建');
  });
});
