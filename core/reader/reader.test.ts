import { categoryOf, formatRef } from '../screening/categories';
import { FINDINGS_MAX, mergeFindings, parseAnswer } from './answer';
import { itemsFor, READER_ITEMS, readerItem } from './items';
import { partsOf, sentenceSpans } from './parts';
import {
  ANSWER_FORMAT,
  defaultPrompt,
  editedPrompt,
  messagesFor,
  promptProblems,
  systemPrompt,
  userPrompt,
} from './prompt';
import { COMPLETION_ALLOWANCE, estimateTokens, findingViews, monthOf, noteFor, raisedLevel } from './reading';
import { budgetOf, DEFAULT_SETTINGS, enabledModels, settingsProblems } from './settings';

const institutional = itemsFor('institutional');
const personal = itemsFor('personal');

describe('the items, in the measures’ own words', () => {
  it('asks every item of 第十七条 of institutional posts, and 第十八、四十、四十一条 of personal accounts only', () => {
    expect(institutional.filter((i) => i.code.startsWith('17.1.'))).toHaveLength(12);
    expect(institutional.filter((i) => i.code.startsWith('17.2.'))).toHaveLength(11);
    expect(institutional).toHaveLength(23);
    const extra = personal.filter((i) => !institutional.includes(i)).map((i) => i.ref);
    expect(new Set(extra)).toEqual(new Set(['第十八条', '第四十条', '第四十一条']));
    // （二）10 is not asked of an officer's own account, as the rules do not apply it there.
    const missing = institutional.filter((i) => !personal.includes(i)).map((i) => i.ref);
    expect(missing).toEqual(['第十七条（二）10']);
  });

  it('asks each item of the posts its rules’ category applies to', () => {
    for (const item of READER_ITEMS)
      expect({ code: item.code, scope: item.scope }).toEqual({
        code: item.code,
        scope: categoryOf(item.category as NonNullable<typeof item.category>).scope,
      });
  });

  it('gives each caution item the level floor the rules give the same item, and prohibited items none', () => {
    for (const item of READER_ITEMS) {
      if (item.kind === 'prohibited') {
        expect(item.levelFloor).toBeNull();
        continue;
      }
      const category = categoryOf(item.category as NonNullable<typeof item.category>);
      expect(category.effect).toBe('caution');
      expect(item.levelFloor).toBe(category.effect === 'caution' ? category.levelFloor : null);
    }
  });

  it('maps every item to a rules’ category, so each is scored beside the rules', () => {
    // 第四十条's sensitive information is the same the rules gate under 第十八条 (personalSensitive).
    const crossed = new Set(['40.5']);
    for (const item of READER_ITEMS) {
      expect(item.category).not.toBeNull();
      const category = categoryOf(item.category as NonNullable<typeof item.category>);
      if (!crossed.has(item.code)) expect(formatRef(category.ref).startsWith(item.ref.replace(/（.*$/, ''))).toBe(true);
    }
    expect(readerItem('41.1')?.category).toBe('personalCriticism');
    expect(readerItem('41.2')?.category).toBe('personalPayment');
  });

  it('keeps the regulation’s wording for the items issue 19 names', () => {
    expect(readerItem('17.1.9')?.words).toBe('容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传');
    expect(readerItem('17.2.6')?.words).toBe('有可能危及群众安全感或引起群众对社会治安状况不满的信息');
    expect(readerItem('17.2.10')?.words).toBe('与公安机关职能没有直接关联的信息');
    expect(readerItem('41.2')?.words).toContain('红包、转账、打赏');
  });
});

describe('the prompt', () => {
  const prompt = defaultPrompt();

  it('lists the items that bind the account kind, word for word, then the fixed answer format', () => {
    const inst = systemPrompt(prompt, 'institutional');
    const pers = systemPrompt(prompt, 'personal');
    for (const item of institutional) expect(inst).toContain(`${item.code}｜${item.ref}｜${item.words}`);
    expect(inst).not.toContain('41.1｜');
    for (const item of personal) expect(pers).toContain(`${item.code}｜${item.ref}｜${item.words}`);
    expect(inst.endsWith(ANSWER_FORMAT)).toBe(true);
    expect(inst.startsWith(prompt.instructions)).toBe(true);
  });

  it('adds the desk’s hint to its item and keeps the measures’ words unchanged', () => {
    const next = editedPrompt(prompt, '  新的说明  ', { '17.1.9': '如渲染民警带病工作、家庭困难博同情' });
    expect(next.version).toBe(1);
    expect(next.instructions).toBe('新的说明');
    const text = systemPrompt(next, 'institutional');
    expect(text).toContain(
      '17.1.9｜第十七条（一）9｜容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传（说明：如渲染民警带病工作',
    );
    // An empty hint removes it; other hints carry over from the version edited.
    const again = editedPrompt(next, '新的说明', { '17.2.1': '含看守所' });
    expect(again.items.find((i) => i.code === '17.1.9')?.hint).toBe('如渲染民警带病工作、家庭困难博同情');
    expect(editedPrompt(again, 'x', { '17.1.9': '' }).items.find((i) => i.code === '17.1.9')?.hint).toBe('');
  });

  it('refuses an empty or over-long instruction, an unknown item and an over-long hint', () => {
    expect(promptProblems('说明', {})).toEqual([]);
    expect(promptProblems('   ', {})).toEqual(['审读说明不能为空']);
    expect(promptProblems('长'.repeat(2001), {})).toEqual(['审读说明不能超过 2000 字']);
    expect(promptProblems('说明', { '99.1': 'x' })).toEqual(['没有编号为 99.1 的条款']);
    expect(promptProblems('说明', { '17.1.1': '长'.repeat(201) })).toEqual(['17.1.1 的补充说明不能超过 200 字']);
  });

  it('fences the post in the user message and says which part of a long post it is', () => {
    expect(userPrompt('正文', 0, 1)).toBe('待审读稿件：\n<<<\n正文\n>>>');
    expect(userPrompt('正文', 1, 3)).toContain('第 2 部分，共 3 部分');
    expect(messagesFor(prompt, 'personal', '正文', 0, 1).map((m) => m.role)).toEqual(['system', 'user']);
  });
});

describe('long posts are read in parts cut on sentence boundaries', () => {
  const sentence = (n: number): string => `第${n}句话讲的是警务工作的一件小事。`;

  it('keeps a text within the limit whole', () => {
    expect(partsOf('短稿。', 100)).toEqual([{ start: 0, text: '短稿。' }]);
  });

  it('cuts only between sentences, each part within the limit, covering the text exactly', () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i + 1)).join('');
    const parts = partsOf(text, 120);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(120);
      expect(p.text.endsWith('。')).toBe(true);
      expect(text.slice(p.start, p.start + p.text.length)).toBe(p.text);
    }
  });

  it('keeps closing quotes with their sentence and treats line ends as boundaries', () => {
    expect(sentenceSpans('他说：“好的。”然后走了！\n下一段').map((s) => s.end)).toEqual([8, 14, 17]);
  });

  it('cuts a sentence longer than the limit at a pause, never inside a surrogate pair', () => {
    const long = `${'甲'.repeat(30)}，${'乙'.repeat(30)}，${'丙'.repeat(30)}。`;
    const parts = partsOf(long, 40);
    expect(parts.map((p) => p.text).join('')).toBe(long);
    expect(parts[0]?.text.endsWith('，')).toBe(true);
    const emoji = '😀'.repeat(30);
    const cut = partsOf(emoji, 11);
    expect(cut.map((p) => p.text).join('')).toBe(emoji);
    for (const p of cut) expect(p.text.length % 2).toBe(0);
  });
});

describe('the answer is parsed strictly', () => {
  const text = '标题\n民警老张带病坚持工作，家里孩子无人照顾，生活十分艰难。';
  const part = { start: 0, text };
  const answer = (findings: unknown[]): string => JSON.stringify({ findings });
  const good = {
    item: '17.1.9',
    quote: '家里孩子无人照顾',
    reason: '渲染民警生活困难，易被质疑缺乏关怀',
    confidence: 0.9,
  };

  it('locates each quote exactly in the original text', () => {
    const parsed = parseAnswer(answer([good]), part, institutional);
    expect(parsed.ok).toBe(true);
    expect(parsed.drops).toEqual([]);
    const [f] = parsed.findings;
    expect(f && text.slice(f.start, f.end)).toBe('家里孩子无人照顾');
    expect(f?.item.code).toBe('17.1.9');
  });

  it('maps offsets of a later part into the whole text', () => {
    const whole = `前文。${text}`;
    const parsed = parseAnswer(answer([good]), { start: 3, text }, institutional);
    const [f] = parsed.findings;
    expect(f && whole.slice(f.start, f.end)).toBe('家里孩子无人照顾');
  });

  it('accepts the JSON inside one Markdown fence, nothing else around it', () => {
    expect(parseAnswer(`\`\`\`json\n${answer([good])}\n\`\`\``, part, institutional).findings).toHaveLength(1);
    expect(parseAnswer(`好的，结果如下：${answer([good])}`, part, institutional)).toEqual({
      ok: false,
      findings: [],
      drops: [{ index: null, reason: 'answer is not valid JSON' }],
    });
    expect(parseAnswer('{"result":[]}', part, institutional).ok).toBe(false);
    expect(parseAnswer('[]', part, institutional).ok).toBe(false);
    expect(parseAnswer(answer([]), part, institutional)).toEqual({ ok: true, findings: [], drops: [] });
  });

  it('drops, with the reason, every finding that does not hold up and keeps the rest', () => {
    const parsed = parseAnswer(
      answer([
        good,
        { ...good, item: '17.9.9' },
        { ...good, item: '41.2' }, // a personal account's item asked of an institutional post
        { ...good, quote: '家里孩子没人照顾' }, // paraphrased, not in the post
        { ...good, confidence: 90 },
        { ...good, confidence: '0.9' },
        { ...good, quote: '' },
        { ...good, reason: '' },
        { ...good, quote: '长'.repeat(101) },
        'not an object',
        { ...good, reason: 'sob story' },
        { ...good, quote: '  生活十分艰难  ' },
      ]),
      part,
      institutional,
    );
    expect(parsed.ok).toBe(true);
    expect(parsed.findings.map((f) => f.quote)).toEqual(['家里孩子无人照顾', '生活十分艰难']);
    expect(parsed.drops.map((d) => [d.index, d.reason])).toEqual([
      [1, 'unknown item "17.9.9"'],
      [2, 'unknown item "41.2"'],
      [3, 'quote not found in the post'],
      [4, 'confidence is not a number from 0 to 1'],
      [5, 'confidence is not a number from 0 to 1'],
      [6, 'empty quote'],
      [7, 'empty reason'],
      [8, 'quote longer than 100 characters'],
      [9, 'not an object'],
      [10, 'reason is not in Chinese'],
    ]);
    expect(parseAnswer(answer([{ ...good, item: '41.2' }]), part, personal).findings).toHaveLength(1);
  });

  it(`keeps at most ${FINDINGS_MAX} findings of one answer`, () => {
    const parsed = parseAnswer(answer(Array.from({ length: FINDINGS_MAX + 2 }, () => good)), part, institutional);
    expect(parsed.findings).toHaveLength(FINDINGS_MAX);
    expect(parsed.drops).toHaveLength(2);
  });

  it('merges the same item on the same span once, in text order, with the higher confidence', () => {
    const a = parseAnswer(answer([{ ...good, quote: '生活十分艰难', confidence: 0.6 }, good]), part, institutional);
    const b = parseAnswer(answer([{ ...good, confidence: 0.95 }]), part, institutional);
    const merged = mergeFindings([a.findings, b.findings]);
    expect(merged.map((f) => [f.quote, f.confidence])).toEqual([
      ['家里孩子无人照顾', 0.95],
      ['生活十分艰难', 0.6],
    ]);
    expect(findingViews(merged).map((f) => f.id)).toEqual(['f1', 'f2']);
  });
});

describe('the level a reading may lift a post to', () => {
  const item = (code: string, confidence: number) => {
    const parsed = parseAnswer(
      JSON.stringify({ findings: [{ item: code, quote: '正文', reason: '理由', confidence }] }),
      { start: 0, text: '正文' },
      personal,
    );
    return findingViews(parsed.findings);
  };
  const on = { raiseFloor: true, raiseConfidence: 0.85 };

  it('is none unless the desk’s setting says so (advisory only by default)', () => {
    expect(DEFAULT_SETTINGS.raiseFloor).toBe(false);
    expect(raisedLevel(item('17.2.2', 0.99), DEFAULT_SETTINGS, 'ordinary')).toBeNull();
  });

  it('is the caution item’s floor from the desk’s confidence up, never lower than the current level', () => {
    expect(raisedLevel(item('17.2.6', 0.9), on, 'ordinary')).toBe('major');
    expect(raisedLevel(item('17.2.6', 0.8), on, 'ordinary')).toBeNull();
    expect(raisedLevel(item('17.2.2', 0.85), on, 'major')).toBe('especiallyMajor');
    expect(raisedLevel(item('17.2.6', 0.99), on, 'especiallyMajor')).toBeNull();
  });

  it('never comes from a prohibited item: the model does not block or escalate on its own', () => {
    expect(raisedLevel(item('17.1.9', 1), on, 'ordinary')).toBeNull();
  });
});

describe('settings, budget and notes', () => {
  it('reads the environment’s enabled models from the deployment, ignoring malformed entries', () => {
    expect(
      enabledModels(' hunyuan-exp/hunyuan-turbos-latest, deepseek/deepseek-v3.2,bad, /x,deepseek/deepseek-v3.2'),
    ).toEqual(['hunyuan-exp/hunyuan-turbos-latest', 'deepseek/deepseek-v3.2']);
    expect(enabledModels(undefined)).toEqual([]);
  });

  it('refuses a model the environment has not enabled, switching on without a model, and unknown units', () => {
    const input = { ...DEFAULT_SETTINGS, enabled: true, model: 'x/y' };
    expect(settingsProblems(input, ['a/b'], new Set())).toEqual(['模型 x/y 不在本环境已开通的模型中']);
    expect(settingsProblems({ ...input, model: null }, ['a/b'], new Set())).toEqual(['启用大模型审读须先选择模型']);
    const budgets = [
      { unitId: 'u1', tokens: 10 },
      { unitId: 'u1', tokens: 20 },
      { unitId: 'u9', tokens: 5 },
    ];
    expect(settingsProblems({ ...input, model: 'a/b', unitBudgets: budgets }, ['a/b'], new Set(['u1']))).toEqual([
      '单位 u1 的额度重复设置',
      '单位 u9 不存在',
    ]);
  });

  it('gives a unit its own budget or the province-wide one', () => {
    const s = { monthlyTokens: 1000, unitBudgets: [{ unitId: 'u1', tokens: 50 }] };
    expect(budgetOf(s, 'u1')).toBe(50);
    expect(budgetOf(s, 'u2')).toBe(1000);
  });

  it('reserves a token per character of the messages plus the answer’s allowance', () => {
    expect(estimateTokens([{ role: 'user', content: '五个字符啊' }])).toBe(5 + COMPLETION_ALLOWANCE);
  });

  it('keeps months in Beijing time', () => {
    expect(monthOf(Date.parse('2026-11-30T16:30:00Z'))).toBe('2026-12');
    expect(monthOf(Date.parse('2026-11-30T15:30:00Z'))).toBe('2026-11');
  });

  it('says why the rules stood alone', () => {
    expect(noteFor('timeout', { timeoutSeconds: 8 })).toBe('大模型审读超时（8 秒内未答复），本版本仅按规则筛查');
    expect(noteFor('error', { errorCode: 'AI_MODEL_DISABLED' })).toBe(
      '大模型审读暂不可用（本环境未开通该模型或无权调用，AI_MODEL_DISABLED），本版本仅按规则筛查',
    );
    expect(noteFor('error', { errorCode: '429' })).toContain('（平台调用频率或额度已达上限，429）');
    expect(noteFor('error', { errorCode: '502' })).toContain('（大模型服务出错，502）');
    expect(noteFor('error', { errorCode: 'ECONNRESET' })).toContain('（连接大模型服务失败，ECONNRESET）');
    expect(noteFor('error', { errorCode: 'SOMETHING_NEW' })).toContain('（SOMETHING_NEW）');
    expect(noteFor('error', { errorCode: null })).toBe('大模型审读暂不可用，本版本仅按规则筛查');
    expect(noteFor('error', { errorCode: 'MALFORMED' })).toContain('不是约定的格式');
    expect(noteFor('overBudget', { used: 10, budget: 5 })).toContain('已用 10 / 5 tokens');
    expect(noteFor('done')).toBeNull();
    expect(noteFor('done', { dropped: 2 })).toContain('2 条');
    expect(noteFor('off')).toBeNull();
  });
});
