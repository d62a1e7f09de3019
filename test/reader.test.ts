/**
 * The reader through the real path: the post and reader functions → wx-server-sdk's cloud.ai() →
 * the local cloud's AI gateway with the scripted model (its answers set here, as OpenAPI failures
 * are) → the local database. Nothing is mocked; the scripted model makes no claim about quality.
 */
import type { ReaderSettingsInput, ReaderSettingsView, ReadingView } from '../typings/reader';
import type { SensitivityLevel } from '../typings/screening';
import type { ScriptedReply } from '../tools/local-cloud/src/ai';
import { content, newDraft, WHO } from './post-helpers';
import { startTestCloud, type TestCloud } from './support/cloud';
import { ok, refusal } from './support/answers';

jest.setTimeout(60_000);

const MODEL = 'hunyuan-exp/hunyuan-turbos-latest';
const LEVELS: readonly SensitivityLevel[] = ['ordinary', 'major', 'especiallyMajor'];
const ON: ReaderSettingsInput = {
  enabled: true,
  model: MODEL,
  timeoutSeconds: 8,
  monthlyTokens: 300_000,
  unitBudgets: [],
  raiseFloor: false,
  raiseConfidence: 0.85,
  chunkChars: 3000,
};

// A 卖惨 line the combination rules let through (they catch 连续工作七十二小时晕倒在岗位). 语义研判 reads it
// near its bar: from the sixteenth round's model on, above it with some of the numbers submitNew appends, so
// submitNew declares the level screening sets (as the editor makes the operator do) and the submission goes on
// to its reviewer either way; what these tests look at is the reader's marks.
// with the officer named: the thirty-second round's model reads the two clauses alone as nothing
const SOB_TEXT = '民警老李连续加班一个月，家里孩子无人照顾，妻子以泪洗面。';
const sobFinding = (confidence = 0.9) => ({
  item: '17.1.9',
  quote: '家里孩子无人照顾，妻子以泪洗面',
  reason: '渲染民警家庭困境，属“卖惨式”宣传',
  confidence,
});
const answerWith = (...findings: unknown[]): ScriptedReply => ({ content: JSON.stringify({ findings }) });

describe('the reader (大模型审读)', () => {
  let t: TestCloud;
  let keys = 0;

  const settings = (): Promise<ReaderSettingsView> => ok(t.call('reader', 'settings', {}, WHO.provinceDesk));
  const configure = async (over: Partial<ReaderSettingsInput> = {}): Promise<ReaderSettingsView> => {
    const current = await settings();
    return ok(
      t.call(
        'reader',
        'settingsSave',
        { settings: { ...ON, ...over }, expectedRev: current.settings.rev },
        WHO.provinceDesk,
      ),
    );
  };
  /** A new draft on 长沙警事 submitted by operator A; answers the post id and the submission's result. */
  const submitNew = async (text: string, title = '一线民警的坚守', declaredLevel: SensitivityLevel = 'ordinary') => {
    keys += 1;
    const body = `${text}（${keys}）`;
    const screened = await ok(t.call('screen', 'check', { text: `${title}\n${body}` }, WHO.opA));
    const level = LEVELS.indexOf(screened.level) > LEVELS.indexOf(declaredLevel) ? screened.level : declaredLevel;
    const draft = await newDraft(t, WHO.opA, 'acc-cs-weibo', { declaredLevel: level }, { title, text: body });
    const change = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    return { id: draft.id, change, full: `${title}\n${body}` };
  };
  const readingOf = async (postId: string, openid: string = WHO.reviewer) =>
    ok(t.call('reader', 'forPost', { postId }, openid));

  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-30T10:00:00+08:00' });
  });
  afterAll(() => t.close());
  beforeEach(() => t.cloud.ai.reset());

  it('is off until the province desk switches it on: nothing is asked, the submission goes on the rules', async () => {
    const { id, change } = await submitNew('冬季道路结冰，请减速慢行。');
    expect(change.state).toBe('inReview');
    expect(t.cloud.ai.received()).toEqual([]);
    const view = await readingOf(id);
    expect(view.reading).toMatchObject({ state: 'off', note: null, findings: [] });
    expect(await ok(t.call('reader', 'status', {}, WHO.opA))).toEqual({ enabled: false, timeoutSeconds: 8 });
  });

  it('lets only the province desk change the settings, to one of the environment’s models, with a fresh rev', async () => {
    expect(await refusal(t.call('reader', 'settings', {}, WHO.cityDesk))).toBe('OUT_OF_SCOPE');
    const view = await settings();
    expect(view.models).toContain(MODEL);
    expect(view.settings).toMatchObject({ enabled: false, raiseFloor: false, rev: 0 });
    const bad = t.call(
      'reader',
      'settingsSave',
      { settings: { ...ON, model: 'x/y' }, expectedRev: 0 },
      WHO.provinceDesk,
    );
    expect(await refusal(bad)).toBe('READER_SETTINGS_INVALID');
    const saved = await configure();
    expect(saved.settings).toMatchObject({ enabled: true, model: MODEL, rev: 1, updatedBy: 'p-hn-propaganda' });
    expect(await ok(t.call('reader', 'status', {}, WHO.opA))).toEqual({ enabled: true, timeoutSeconds: 8 });
    const stale = t.call('reader', 'settingsSave', { settings: ON, expectedRev: 0 }, WHO.provinceDesk);
    expect(await refusal(stale)).toBe('CONFLICT');
    const log = await ok(t.call('org', 'auditLog', { unitId: 'u-hn' }, 'demo-province-admin'));
    expect(JSON.stringify(log)).toContain('大模型审读设置：启用、模型');
  });

  it('reads the submitted version with a prompt in the measures’ words and shows its findings located exactly', async () => {
    await configure();
    t.cloud.ai.script({ rules: [{ contains: '以泪洗面', reply: answerWith(sobFinding()) }] });
    const { id, change, full } = await submitNew(SOB_TEXT);
    expect(change.state).toBe('inReview');

    const [request] = t.cloud.ai.received();
    expect(request).toMatchObject({ group: 'hunyuan-exp', model: 'hunyuan-turbos-latest', stream: false });
    const system = request?.messages[0]?.content ?? '';
    expect(system).toContain('17.1.9｜第十七条（一）9｜容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传');
    expect(system).toContain('17.2.6｜第十七条（二）6｜有可能危及群众安全感或引起群众对社会治安状况不满的信息');
    expect(system).not.toContain('第四十一条'); // an institutional account
    expect(request?.messages[1]?.content).toContain(full);

    const view = await readingOf(id);
    expect(view.version).toBe(1);
    expect(view.canJudge).toBe(true);
    const reading = view.reading as ReadingView;
    expect(reading).toMatchObject({ state: 'done', note: null, model: MODEL, promptVersion: 0, cached: false });
    expect(reading.findings).toHaveLength(1);
    const f = reading.findings[0];
    expect(f).toMatchObject({ id: 'f1', item: '17.1.9', ref: '第十七条（一）9', kind: 'prohibited', confidence: 0.9 });
    expect(f && full.slice(f.start, f.end)).toBe('家里孩子无人照顾，妻子以泪洗面');
    expect(reading.tokens).toBeGreaterThan(0);
    // The operator sees the same marks; they are advisory: the post waits for its reviewer as before.
    expect((await readingOf(id, WHO.opA)).reading?.findings).toHaveLength(1);
    expect((await readingOf(id, WHO.opA)).canJudge).toBe(false);
  });

  it('reads a personal account’s post against 第十八、四十、四十一条 too', async () => {
    await configure();
    keys += 1;
    const draft = await newDraft(
      t,
      WHO.personal,
      'acc-cs-personal',
      { nature: 'personal' },
      { title: '随手拍', text: `今天执勤遇到好心人送水。（${keys}）` },
    );
    await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.personal));
    const system = t.cloud.ai.received()[0]?.messages[0]?.content ?? '';
    expect(system).toContain('41.2｜第四十一条｜公安民警不得利用个人新媒体进行不正当交往');
    expect(system).toContain('18.2｜第十八条｜');
  });

  it('asks once per content: the editor’s reading is reused at submission', async () => {
    await configure();
    t.cloud.ai.script({ rules: [{ contains: '以泪洗面', reply: answerWith(sobFinding()) }] });
    const checked = await ok(
      t.call('reader', 'check', { accountId: 'acc-cs-weibo', title: '缓存', text: SOB_TEXT }, WHO.opA),
    );
    expect(checked).toMatchObject({ state: 'done', cached: false });
    expect(checked.findings).toHaveLength(1);
    const again = await ok(
      t.call('reader', 'check', { accountId: 'acc-cs-weibo', title: '缓存', text: SOB_TEXT }, WHO.opA),
    );
    expect(again).toMatchObject({ state: 'done', cached: true });
    // 语义研判 reads this one as 卖惨 too: the draft declares the level
    // screening requires (特别重大), as an operator would have to
    const screened = await ok(t.call('screen', 'check', { title: '缓存', text: SOB_TEXT }, WHO.opA));
    expect(screened.hits.map((h) => h.category)).toContain('sobStory');
    const draft = await newDraft(
      t,
      WHO.opA,
      'acc-cs-weibo',
      { declaredLevel: screened.level },
      { title: '缓存', text: SOB_TEXT },
    );
    await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
    expect(t.cloud.ai.received()).toHaveLength(1);
    expect((await readingOf(draft.id)).reading).toMatchObject({ state: 'done', cached: true });
    expect(await refusal(t.call('reader', 'check', { accountId: 'acc-cs-weibo', title: '', text: ' ' }, WHO.opA))).toBe(
      'READER_EMPTY',
    );
    expect(
      await refusal(t.call('reader', 'check', { accountId: 'acc-cs-weibo', title: 'x', text: 'y' }, WHO.reviewer)),
    ).toBe('ROLE_REQUIRED');
  });

  it('drops what does not hold up (a quote not in the post, an unknown item) and says so', async () => {
    await configure();
    t.cloud.ai.script({
      replies: [
        answerWith(sobFinding(), { ...sobFinding(), quote: '民警老张家境贫寒' }, { ...sobFinding(), item: '99.9' }),
      ],
    });
    const { id } = await submitNew(SOB_TEXT);
    const reading = (await readingOf(id)).reading as ReadingView;
    expect(reading).toMatchObject({ state: 'done', dropped: 2 });
    expect(reading.findings.map((f) => f.quote)).toEqual(['家里孩子无人照顾，妻子以泪洗面']);
    expect(reading.note).toContain('2 条');
  });

  it('discards an answer that is not JSON: no marks, a visible note, and the submission goes on', async () => {
    await configure();
    t.cloud.ai.script({ replies: [{ content: '经审读，该稿件存在卖惨式宣传问题。' }] });
    const { id, change } = await submitNew(SOB_TEXT);
    expect(change.state).toBe('inReview');
    expect((await readingOf(id)).reading).toMatchObject({
      state: 'error',
      findings: [],
      note: '大模型答复无法识别（不是约定的格式），已丢弃，本版本仅按规则筛查',
    });
    const calls = await ok(t.call('reader', 'calls', {}, WHO.provinceDesk));
    expect(calls.items[0]).toMatchObject({ outcome: 'malformed', dropped: 1, purpose: 'submit', postId: id });
  });

  it('goes on the rules alone after the desk’s time limit, with a visible note', async () => {
    await configure({ timeoutSeconds: 1 });
    t.cloud.ai.script({ replies: [{ ...answerWith(sobFinding()), delayMs: 3000 }] });
    const { id, change } = await submitNew(SOB_TEXT);
    expect(change.state).toBe('inReview');
    const reading = (await readingOf(id)).reading;
    expect(reading).toMatchObject({
      state: 'timeout',
      findings: [],
      note: '大模型审读超时（1 秒内未答复），本版本仅按规则筛查',
    });
    // The submission stopped waiting at the deadline, not when the model answered (3 s later).
    expect(reading?.latencyMs).toBeGreaterThanOrEqual(990);
    expect(reading?.latencyMs).toBeLessThan(3000);
    const calls = await ok(t.call('reader', 'calls', {}, WHO.provinceDesk));
    expect(calls.items[0]).toMatchObject({ outcome: 'timeout', model: MODEL });
    // The platform may still count a call nobody waited for: its reservation stays spent.
    expect(calls.items[0]?.totalTokens).toBeGreaterThan(1024);
  });

  it('never fails a submission on a platform error (a model the environment disabled, quota)', async () => {
    await configure();
    const usedBefore = (await ok(t.call('reader', 'usage', {}, WHO.provinceDesk))).items.find(
      (u) => u.unitId === 'u-cs',
    );
    t.cloud.ai.script({ models: ['deepseek/deepseek-v3.2'] });
    const disabled = await submitNew(SOB_TEXT);
    expect(disabled.change.state).toBe('inReview');
    expect((await readingOf(disabled.id)).reading).toMatchObject({
      state: 'error',
      note: '大模型审读暂不可用（本环境未开通该模型或无权调用，403），本版本仅按规则筛查',
    });
    t.cloud.ai.script({ clear: true, replies: [{ error: { status: 429, code: 'EXCEED_TOKEN_QUOTA_LIMIT' } }] });
    const quota = await submitNew(SOB_TEXT);
    expect(quota.change.state).toBe('inReview');
    expect((await readingOf(quota.id)).reading).toMatchObject({
      state: 'error',
      note: expect.stringContaining('平台调用频率或额度已达上限，429'),
    });
    // A refused call costs the unit nothing: its reservation is given back.
    const usedAfter = (await ok(t.call('reader', 'usage', {}, WHO.provinceDesk))).items.find(
      (u) => u.unitId === 'u-cs',
    );
    expect(usedAfter?.tokens ?? 0).toBe(usedBefore?.tokens ?? 0);
    expect(usedAfter?.calls ?? 0).toBe((usedBefore?.calls ?? 0) + 2);
  });

  it('keeps each unit within its monthly token budget: over it, nothing is asked', async () => {
    await configure({ monthlyTokens: 300_000, unitBudgets: [{ unitId: 'u-cs', tokens: 200 }] });
    const { id, change } = await submitNew(SOB_TEXT);
    expect(change.state).toBe('inReview');
    expect(t.cloud.ai.received()).toEqual([]);
    expect((await readingOf(id)).reading).toMatchObject({ state: 'overBudget' });
    expect((await readingOf(id)).reading?.note).toContain('额度已用完');
    const desk = await settings();
    expect(desk.unitNames['u-cs']).toBe('长沙市公安局');
  });

  it('lets two submissions at once never both take the last of a unit’s budget', async () => {
    // One reading of a short post reserves about 2,500 tokens: the county's budget holds one.
    await configure({ unitBudgets: [{ unitId: 'u-ly', tokens: 3000 }] });
    const drafts = await Promise.all(
      ['甲', '乙'].map((tag, i) =>
        newDraft(
          t,
          WHO.countyOp,
          'acc-ly-weibo',
          {},
          { title: `并发${tag}`, text: `浏阳公安提醒：雨天路滑。（${i}）` },
        ),
      ),
    );
    const changes = await Promise.all(
      drafts.map((d) => ok(t.call('post', 'submit', { postId: d.id, expectedRev: d.rev }, WHO.countyOp))),
    );
    expect(changes.map((c) => c.state)).toEqual(['inReview', 'inReview']);
    const states = await Promise.all(
      drafts.map(async (d) => (await readingOf(d.id, WHO.countyReviewer)).reading?.state),
    );
    expect([...states].sort()).toEqual(['done', 'overBudget']);
    expect(t.cloud.ai.received()).toHaveLength(1);
    const usage = await ok(t.call('reader', 'usage', {}, WHO.provinceDesk));
    expect(usage.items.find((u) => u.unitId === 'u-ly')?.tokens ?? 0).toBeLessThanOrEqual(3000);
  });

  it('asks nothing when the rules refuse the submission', async () => {
    await configure();
    const draft = await newDraft(
      t,
      WHO.opA,
      'acc-cs-weibo',
      { declaredLevel: 'ordinary' },
      {
        title: '通报',
        text: '某民警涉嫌受贿被立案调查。',
      },
    );
    const refused = t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA);
    // 第十七条（二）2 官员、民警犯罪: the rules' floor is above the declared level.
    expect(await refusal(refused)).toBe('LEVEL_BELOW_FLOOR');
    expect(t.cloud.ai.received()).toEqual([]);
  });

  it('records tokens and latency per call, and tokens per unit and month against the budget', async () => {
    await configure();
    t.cloud.ai.script({ replies: [{ ...answerWith(), usage: { prompt_tokens: 1200, completion_tokens: 30 } }] });
    const before = await ok(t.call('reader', 'usage', {}, WHO.provinceDesk));
    const used = before.items.find((u) => u.unitId === 'u-cs')?.tokens ?? 0;
    const { id } = await submitNew('本月第一篇。');
    const calls = await ok(t.call('reader', 'calls', { limit: 1 }, WHO.provinceDesk));
    expect(calls.month).toBe('2026-11');
    expect(calls.items[0]).toMatchObject({
      postId: id,
      version: 1,
      unitId: 'u-cs',
      unitName: '长沙市公安局',
      promptTokens: 1200,
      completionTokens: 30,
      totalTokens: 1230,
      outcome: 'ok',
      part: 1,
      parts: 1,
      latencyMs: expect.any(Number),
    });
    const after = await ok(t.call('reader', 'usage', {}, WHO.provinceDesk));
    expect(after.items.find((u) => u.unitId === 'u-cs')).toMatchObject({ tokens: used + 1230, budget: 300_000 });
  });

  it('splits a post over the input limit on sentence boundaries and maps every quote back exactly', async () => {
    await configure({ chunkChars: 500 });
    const sentence = (n: number) => `第${n}段：社区民警走访辖区群众，宣传防范电信诈骗知识，提醒大家守好钱袋子。`;
    const body = Array.from({ length: 40 }, (_, i) => sentence(i + 1)).join('');
    t.cloud.ai.script({
      rules: [
        {
          contains: '第30段',
          reply: answerWith({
            item: '17.2.10',
            quote: '第30段：社区民警走访辖区群众',
            reason: '测试',
            confidence: 0.5,
          }),
        },
      ],
    });
    const { id, full } = await submitNew(body, '长稿');
    const requests = t.cloud.ai.received();
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) {
      const part = /<<<\n([\s\S]*)\n>>>/.exec(r.messages[1]?.content ?? '')?.[1] ?? '';
      expect(part.length).toBeLessThanOrEqual(500);
      expect(full).toContain(part);
      expect(part.endsWith('。') || full.endsWith(part)).toBe(true);
    }
    const f = (await readingOf(id)).reading?.findings[0];
    expect(f && full.slice(f.start, f.end)).toBe('第30段：社区民警走访辖区群众');
  });

  it('raises the level on a confident caution finding only when the desk says so', async () => {
    const anxiety = { item: '17.2.6', quote: '深夜入室抢劫', reason: '可能引起群众对治安不满', confidence: 0.92 };
    // One the combination rules leave at ordinary (三起深夜入室 … 在逃 is theirs, at major already).
    const text = '据居民讲述，昨晚小区发生深夜入室抢劫。';
    await configure();
    t.cloud.ai.script({ rules: [{ contains: '入室抢劫', reply: answerWith(anxiety) }] });
    const advisory = await submitNew(text);
    expect(advisory.change.level).toBe('ordinary');

    await configure({ raiseFloor: true, raiseConfidence: 0.9 });
    const raised = await submitNew(text);
    expect(raised.change.level).toBe('major');
    expect((await readingOf(raised.id)).reading?.raisedTo).toBe('major');
    const detail = await ok(t.call('post', 'get', { postId: raised.id }, WHO.reviewer));
    expect(detail.post.declaredLevel).toBe('ordinary');
    expect(detail.post.history.at(-1)?.summary).toContain('按省厅设置提高至“重大敏感”');
    expect(detail.chain.steps.map((s) => s.label)).toHaveLength(2);

    await configure({ raiseFloor: true, raiseConfidence: 0.95 });
    expect((await submitNew(text)).change.level).toBe('ordinary');
  });

  it('keeps approvers’ judgements of each finding, one per person, and counts them per model and item', async () => {
    await configure();
    t.cloud.ai.script({ rules: [{ contains: '以泪洗面', reply: answerWith(sobFinding()) }] });
    const { id } = await submitNew(SOB_TEXT);
    const judge = (verdict: 'right' | 'wrong', openid: string = WHO.reviewer) =>
      t.call('reader', 'judge', { postId: id, version: 1, findingId: 'f1', verdict }, openid);
    expect(await refusal(judge('wrong', WHO.opA))).toBe('ROLE_REQUIRED');
    const judged = await ok(judge('wrong'));
    expect(judged.judgements).toEqual([
      { findingId: 'f1', verdict: 'wrong', personId: 'p-cs-reviewer', personName: '张伟', at: expect.any(String) },
    ]);
    await ok(judge('right'));
    await ok(judge('right'));
    await ok(judge('right', WHO.cityDesk));
    const view = await readingOf(id);
    expect(view.judgements.map((j) => [j.personId, j.verdict])).toEqual([
      ['p-cs-reviewer', 'right'],
      ['p-cs-propaganda', 'right'],
    ]);
    expect(view.mine).toEqual([{ findingId: 'f1', verdict: 'right' }]);
    expect(
      await refusal(
        t.call('reader', 'judge', { postId: id, version: 1, findingId: 'f9', verdict: 'right' }, WHO.reviewer),
      ),
    ).toBe('READER_FINDING_NOT_FOUND');
    const stats = await ok(t.call('reader', 'stats', {}, WHO.provinceDesk));
    const model = stats.models.find((m) => m.model === MODEL && m.promptVersion === 0);
    expect(model?.items.find((i) => i.item === '17.1.9')).toMatchObject({ ref: '第十七条（一）9', right: 2 });
    expect(model?.items.find((i) => i.item === '17.1.9')?.wrong).toBe(0);
  });

  it('keeps the prompt in the database: versioned, audited, used from the next reading on', async () => {
    await configure();
    const v0 = await ok(t.call('reader', 'prompt', {}, WHO.provinceDesk));
    expect(v0.version).toBe(0);
    expect(v0.items.find((i) => i.code === '17.1.9')?.words).toBe('容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传');
    expect(await refusal(t.call('reader', 'prompt', {}, WHO.cityDesk))).toBe('OUT_OF_SCOPE');
    const bad = t.call('reader', 'promptSave', { expectedVersion: 0, instructions: '', hints: {} }, WHO.provinceDesk);
    expect(await refusal(bad)).toBe('READER_PROMPT_INVALID');
    const hint = '如渲染民警带病工作、家庭困难以博取同情';
    const v1 = await ok(
      t.call(
        'reader',
        'promptSave',
        { expectedVersion: 0, instructions: v0.instructions, hints: { '17.1.9': hint } },
        WHO.provinceDesk,
      ),
    );
    expect(v1).toMatchObject({ version: 1, byName: '周芳' });
    expect(
      await refusal(
        t.call('reader', 'promptSave', { expectedVersion: 0, instructions: '另一说明', hints: {} }, WHO.provinceDesk),
      ),
    ).toBe('CONFLICT');
    const versions = await ok(t.call('reader', 'promptVersions', {}, WHO.provinceDesk));
    expect(versions.items[0]).toMatchObject({
      version: 1,
      byName: '周芳',
      summary: '审读提示词 v1：修改第十七条（一）9的补充说明',
    });
    const preview = await ok(t.call('reader', 'promptPreview', { accountKind: 'institutional' }, WHO.provinceDesk));
    expect(preview.system).toContain(`（说明：${hint}）`);

    await submitNew('新提示词下的一篇稿件。');
    expect(t.cloud.ai.received()[0]?.messages[0]?.content).toContain(`（说明：${hint}）`);
    const log = await ok(t.call('org', 'auditLog', { unitId: 'u-hn' }, 'demo-province-admin'));
    expect(JSON.stringify(log)).toContain('审读提示词 v1');
  });

  it('probes a model of the environment for the desk', async () => {
    await configure();
    expect(await ok(t.call('reader', 'probe', { model: MODEL }, WHO.provinceDesk))).toMatchObject({ ok: true });
    t.cloud.ai.script({ models: [] });
    expect(await ok(t.call('reader', 'probe', { model: MODEL }, WHO.provinceDesk))).toMatchObject({
      ok: false,
      message: expect.stringContaining('403'),
    });
    expect(await refusal(t.call('reader', 'probe', { model: 'a/b' }, WHO.provinceDesk))).toBe('READER_MODEL_UNKNOWN');
    expect(content().title).toBe('反诈提醒');
  });
});
