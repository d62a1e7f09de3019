import type { AuditEntry } from '../typings/org';
import type { CheckParams, ScreenedText, SpanHit } from '../typings/screening';
import { verifyChain } from '../core/audit/chain';
import { CLASSIFIER_MODEL } from '../core/screening/classifier-model';
import { STARTER_LEXICON } from '../core/screening/starter-lexicon';
import { LEXICON_HEAD_ID, type LexiconDoc, type LexiconHead, type LexiconVersionDoc } from '../server/screen/docs';
import { seedLexicon } from '../tools/seed';
import { startTestCloud, type TestCloud } from './support/cloud';

const PROVINCE = 'demo-province-propaganda';
const OPERATOR = 'demo-operator-a';

const spans = (r: ScreenedText): SpanHit[] => r.hits.filter((h): h is SpanHit => h.where !== 'platform');

async function check(t: TestCloud, params: CheckParams): Promise<ScreenedText> {
  const res = await t.call('screen', 'check', params, OPERATOR);
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

const head = (t: TestCloud): number => (t.cloud.db.get('counters', LEXICON_HEAD_ID) as LexiconHead | null)?.value ?? 0;
const versions = (t: TestCloud): number[] =>
  (t.cloud.db.find('lexiconVersions', {}) as unknown as LexiconVersionDoc[])
    .map((d) => d.version)
    .sort((a, b) => a - b);
const activeTerms = (t: TestCloud): LexiconDoc[] =>
  t.cloud.db.find('lexicon', { active: true, kind: 'term' }) as unknown as LexiconDoc[];
const audits = (t: TestCloud): AuditEntry[] =>
  (t.cloud.db.find('auditLog', {}) as unknown as AuditEntry[]).sort((a, b) => a.seq - b.seq);

describe('screen.check through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
    seedLexicon(t.cloud.db);
  });
  afterAll(() => t.close());
  afterEach(() => t.cloud.openapi.reset());

  it('finds a lexicon term through inserted spaces and symbols, with offsets into the original', async () => {
    // under MIN_UNITS, so 语义研判 does not read it: this is about normalisation, not 语义复核 (which, reading
    // 网上有人发起人肉搜索，请勿传播。, sets the term aside as a warning against it)
    const text = '有人发起人 肉*搜索！';
    const r = await check(t, { text });
    const hit = spans(r).find((h) => h.category === 'privacy');
    const start = text.indexOf('人 肉');
    expect(hit).toMatchObject({
      source: 'lexicon',
      rule: '人肉搜索',
      effect: 'block',
      ref: '第十七条（一）8',
      start,
      end: start + 6,
    });
    expect(hit?.matched).toBe(text.slice(start, start + 6));
    expect(r.blocked).toBe(true);
    expect(r.lexiconVersion).toBe('1');
    expect(r.msgSecCheck).toEqual({ state: 'checked', suggest: 'pass', label: 100 });
  });

  it('counts offsets from the start of the title when one is given', async () => {
    const title = '通报';
    const text = '辖区发生一起命案，警方正在调查。';
    const r = await check(t, { title, text });
    const hit = spans(r).find((h) => h.category === 'majorCase');
    const start = title.length + 1 + text.indexOf('命案');
    expect(hit).toMatchObject({ start, end: start + 2, matched: '命案', levelFloor: 'major' });
    expect(r.level).toBe('major');
    expect(r.blocked).toBe(false);
  });

  it('masks personal data and explains each detector hit by its article', async () => {
    const text = '当事人电话13812345678，身份证号11010519491231002X。';
    const r = await check(t, { text });
    const mobile = spans(r).find((h) => h.source === 'mobile');
    const id = spans(r).find((h) => h.source === 'idNumber');
    expect(mobile).toMatchObject({
      category: 'privacy',
      ref: '第十七条（一）8',
      start: text.indexOf('138'),
      end: text.indexOf('138') + 11,
    });
    expect(id).toMatchObject({ category: 'privacy', start: text.indexOf('1101'), end: text.indexOf('1101') + 18 });
    expect(mobile?.matched).not.toContain('13812345678');
    expect(id?.matched).not.toContain('11010519491231002X');
    expect(JSON.stringify(r)).not.toContain('13812345678');
  });

  it('applies 第十八条 / 第四十条 only to personal accounts', async () => {
    // 第十八条: a 微直播 that has nothing to do with police work; one about road safety is allowed.
    const text = '今晚八点微直播，和大家聊聊最近追的剧。';
    const institutional = await check(t, { text });
    const personal = await check(t, { text, accountKind: 'personal' });
    expect(spans(institutional).some((h) => h.category === 'personalMicroEvent')).toBe(false);
    // several default rules read it; the one pairing the broadcast with its unrelated topic shows both spans
    const hit = spans(personal).find(
      (h) => h.category === 'personalMicroEvent' && h.parts?.some((p) => p.matched === '追的剧'),
    );
    expect(hit).toMatchObject({ ref: '第十八条', source: 'rule', start: text.indexOf('微直播') + 1 });
    expect(hit?.parts?.map((p) => p.matched)).toEqual(['直播', '追的剧']);
    expect(personal.blocked).toBe(true);
    const police = await check(t, { text: '今晚八点微直播，和大家聊聊交通安全。', accountKind: 'personal' });
    expect(spans(police).some((h) => h.category === 'personalMicroEvent')).toBe(false);
  });

  it('checks a repost source against the foreign outlets (第十七条（一）12)', async () => {
    const r = await check(t, {
      text: '转发一则消息。',
      source: { outlet: '美国之音', link: 'https://www.voachinese.com/a/123.html' },
    });
    const where = spans(r)
      .filter((h) => h.category === 'foreignMedia')
      .map((h) => h.where);
    expect(where).toEqual(expect.arrayContaining(['outlet', 'link']));
    expect(r.blocked).toBe(true);
  });

  it('merges WeChat msgSecCheck: risky blocks, review raises care, each with its label', async () => {
    t.cloud.openapi.setRiskyTerms([
      { term: '某违禁说法', label: 20006 },
      { term: '某可疑说法', label: 10001, suggest: 'review' },
    ]);
    const risky = await check(t, { text: '这是某违禁说法。' });
    expect(risky.msgSecCheck).toEqual({ state: 'checked', suggest: 'risky', label: 20006 });
    expect(risky.hits.find((h) => h.where === 'platform')).toMatchObject({
      category: 'platformRisky',
      effect: 'block',
      label: 20006,
      labelName: '违法犯罪',
    });
    expect(risky.blocked).toBe(true);

    const review = await check(t, { text: '这是某可疑说法。' });
    expect(review.hits.find((h) => h.where === 'platform')).toMatchObject({
      category: 'platformReview',
      effect: 'caution',
      labelName: '广告',
    });
    expect(review.blocked).toBe(false);

    const records = t.cloud.openapi.secChecks();
    expect(records.map((c) => [c.openid, c.version, c.scene])).toEqual([
      [OPERATOR, 2, 3],
      [OPERATOR, 2, 3],
    ]);
  });

  it('still screens when msgSecCheck fails, and says so', async () => {
    t.cloud.openapi.failNextChecks('busy');
    const r = await check(t, { text: '辖区发生一起命案。' });
    expect(r.msgSecCheck.state).toBe('unavailable');
    expect(r.msgSecCheck.state === 'unavailable' && r.msgSecCheck.note).toContain('微信内容安全检测不可用');
    expect(spans(r).some((h) => h.category === 'majorCase')).toBe(true);
  });

  it('is refused to the untrained and to people with no screening role', async () => {
    expect(await t.call('screen', 'check', { text: '测试' }, 'demo-untrained')).toMatchObject({
      ok: false,
      error: { code: 'TRAINING_REQUIRED' },
    });
    expect(await t.call('screen', 'check', { text: '测试' }, 'demo-handler-cyber')).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    expect(await t.call('screen', 'check', { text: '测试' }, 'stranger')).toMatchObject({
      ok: false,
      error: { code: 'NOT_BOUND' },
    });
  });
});

describe('the lexicon: versions, edits, imports', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('screens a fresh database with the starter lexicon as version 0', async () => {
    expect(head(t)).toBe(0);
    const r = await check(t, { text: '网上有人发起人肉搜索。' });
    expect(r.lexiconVersion).toBe('0');
    expect(spans(r).some((h) => h.rule === '人肉搜索')).toBe(true);
  });

  it('refuses edits and imports to anyone but 省厅政治部宣传处', async () => {
    const change = { changes: [{ op: 'addTerm' as const, term: '蓝莓行动', category: 'secret' as const }] };
    expect(await t.call('screen', 'lexiconEdit', change, 'demo-city-propaganda')).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SCOPE' },
    });
    expect(await t.call('screen', 'lexiconEdit', change, 'demo-reviewer')).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    expect(
      await t.call('screen', 'lexiconImport', { csv: 'term,category\n蓝莓行动,secret' }, 'demo-city-propaganda'),
    ).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SCOPE' },
    });
    expect(await t.call('screen', 'lexiconList', {}, OPERATOR)).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    expect(head(t)).toBe(0);
  });

  it('writes the starter lexicon as version 1 on the first edit, then the edit as version 2, audited', async () => {
    const res = await t.call(
      'screen',
      'lexiconEdit',
      {
        changes: [
          { op: 'addTerm', term: '蓝莓行动', category: 'secret' },
          { op: 'addAllow', phrase: '人肉搜索引擎' },
        ],
      },
      PROVINCE,
    );
    expect(res).toEqual({ ok: true, data: { version: 2, added: 2, removed: 0, duplicates: 0 } });
    expect(head(t)).toBe(2);
    expect(versions(t)).toEqual([1, 2]);
    const distinct = new Set(STARTER_LEXICON.terms.map((x) => `${x.category}|${x.term}`)).size;
    expect(activeTerms(t)).toHaveLength(distinct + 1);

    const entries = audits(t);
    expect(verifyChain(entries).ok).toBe(true);
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ action: 'screen.lexiconEdit', object: { collection: 'lexiconVersions' } });
    expect(last?.summary).toContain('蓝莓行动');
    expect(last?.changes).toEqual(
      expect.arrayContaining([
        { field: 'version', from: 1, to: 2 },
        { field: 'terms.secret', from: null, to: '蓝莓行动' },
        { field: 'allow', from: null, to: '人肉搜索引擎' },
      ]),
    );
  });

  it('picks a new version up in the already warm instance, without a redeploy', async () => {
    const before = await check(t, { text: '本周启动草莓行动。' });
    expect(before.lexiconVersion).toBe('2');
    expect(spans(before).some((h) => h.rule === '草莓行动')).toBe(false);
    const instances = t.cloud.runtime.instanceCount('screen');

    // Warm and unchanged: the head is all the lexicon costs.
    t.cloud.resetStats();
    await check(t, { text: '本周启动草莓行动。' });
    const warmReads = t.cloud.stats().documentsRead;

    const added = await t.call(
      'screen',
      'lexiconEdit',
      { changes: [{ op: 'addTerm', term: '草莓行动', category: 'secret' }] },
      PROVINCE,
    );
    expect(added).toMatchObject({ ok: true, data: { version: 3, added: 1 } });

    const after = await check(t, { text: '本周启动草莓行动。' });
    expect(after.lexiconVersion).toBe('3');
    expect(spans(after).find((h) => h.rule === '草莓行动')).toMatchObject({ category: 'secret', start: 4, end: 8 });
    expect(t.cloud.runtime.instanceCount('screen')).toBe(instances);
    expect(warmReads).toBeLessThan(10);

    // The allow phrase added in version 2 suppresses the term inside it.
    const allowed = await check(t, { text: '请使用正规的人肉搜索引擎。' });
    expect(spans(allowed).some((h) => h.rule === '人肉搜索')).toBe(false);
  });

  it('removes a term by id and lists the lexicon by category, with counts and normalised search', async () => {
    const found = await t.call('screen', 'lexiconList', { category: 'secret', search: '草莓' }, PROVINCE);
    if (!found.ok) throw new Error(found.error.message);
    expect(found.data.items.map((i) => i.term)).toEqual(['草莓行动']);
    expect(found.data.canEdit).toBe(true);
    const secret = found.data.categories.find((c) => c.id === 'secret');
    const secretTerms = activeTerms(t).filter((d) => d.category === 'secret').length;
    expect(secret).toMatchObject({ count: secretTerms, ref: '第十七条（一）7', effect: 'block' });

    // Traditional and full-width search text finds the simplified entry.
    const traditional = await t.call('screen', 'lexiconList', { search: '隱私ＰＨＯＴＯ照片' }, 'demo-reviewer');
    expect(traditional.ok && traditional.data.items.map((i) => i.term)).toEqual([]);
    const simplified = await t.call('screen', 'lexiconList', { search: '隱私照片' }, 'demo-reviewer');
    expect(simplified.ok && simplified.data.items.map((i) => i.term)).toEqual(['隐私照片']);
    expect(traditional.ok && traditional.data.canEdit).toBe(false);

    // 语义复核's record on the terms it doubts, none on the others
    const murder = await t.call('screen', 'lexiconList', { category: 'majorCase', search: '命案' }, 'demo-reviewer');
    const record = CLASSIFIER_MODEL.doubtful.find((d) => d.source === 'lexicon' && d.key === '命案');
    expect(record).toBeDefined();
    expect(murder.ok && murder.data.items.find((i) => i.term === '命案')?.doubt).toEqual({
      right: record?.right,
      wrong: record?.wrong,
    });
    expect(found.data.items[0]?.doubt).toBeUndefined();

    const allow = await t.call('screen', 'lexiconList', { kind: 'allow' }, 'demo-reviewer');
    expect(allow.ok && allow.data.items.map((i) => i.term)).toContain('人肉搜索引擎');

    const id = found.data.items[0]?.id ?? '';
    expect(await t.call('screen', 'lexiconEdit', { changes: [{ op: 'removeTerm', id }] }, PROVINCE)).toMatchObject({
      ok: true,
      data: { version: 4, removed: 1 },
    });
    expect(await t.call('screen', 'lexiconEdit', { changes: [{ op: 'removeTerm', id }] }, PROVINCE)).toMatchObject({
      ok: false,
      error: { code: 'LEXICON_ENTRY_NOT_FOUND' },
    });
    const gone = await check(t, { text: '本周启动草莓行动。' });
    expect(spans(gone).some((h) => h.rule === '草莓行动')).toBe(false);
    expect(head(t)).toBe(4);
  });

  it('refuses an invalid term with a reason and changes nothing', async () => {
    const res = await t.call(
      'screen',
      'lexiconEdit',
      { changes: [{ op: 'addTerm', term: '*** ', category: 'secret' }] },
      PROVINCE,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'LEXICON_TERM_INVALID' } });
    expect(head(t)).toBe(4);
  });

  it('reports every CSV row error with its line number and imports nothing', async () => {
    const before = activeTerms(t).length;
    const csv = [
      'term,category',
      '西瓜行动,secret',
      ',privacy',
      '葡萄行动,没有这个类别',
      `${'长'.repeat(40)},secret`,
      '"带,逗号的词",涉及国家秘密、警务工作秘密',
      '单列',
    ].join('\n');
    const res = await t.call('screen', 'lexiconImport', { csv }, PROVINCE);
    if (!res.ok) throw new Error(res.error.message);
    expect(res.data.applied).toBe(false);
    expect(res.data.errors.map((e) => e.line)).toEqual([3, 4, 5, 7]);
    expect(res.data.errors[0]?.message).toContain('词条为空');
    expect(res.data.errors[1]?.message).toContain('没有这个类别');
    expect(res.data.errors[2]?.message).toContain('过长');
    expect(activeTerms(t)).toHaveLength(before);
    expect(head(t)).toBe(4);
  });

  it('imports valid CSV as one version, skipping and counting duplicates; a dry run writes nothing', async () => {
    const before = activeTerms(t).length;
    const csv = [
      '\uFEFF词条,类别',
      '西瓜行动,secret',
      '"带,逗号的词",涉及国家秘密、警务工作秘密',
      '西瓜行动,secret',
      '蓝莓行动,secret',
      '',
      '哈密瓜行动,privacy',
    ].join('\r\n');
    const preview = await t.call('screen', 'lexiconImport', { csv, dryRun: true }, PROVINCE);
    expect(preview).toEqual({
      ok: true,
      data: { applied: false, dryRun: true, rows: 5, errors: [], added: 3, duplicates: 2 },
    });
    expect(head(t)).toBe(4);

    const res = await t.call('screen', 'lexiconImport', { csv }, PROVINCE);
    expect(res).toEqual({
      ok: true,
      data: { applied: true, dryRun: false, rows: 5, errors: [], added: 3, duplicates: 2, version: 5 },
    });
    expect(activeTerms(t)).toHaveLength(before + 3);
    expect(versions(t)).toEqual([1, 2, 3, 4, 5]);
    const r = await check(t, { text: '西瓜行动和带,逗号的词' });
    expect(spans(r).map((h) => h.rule)).toEqual(expect.arrayContaining(['西瓜行动']));
    expect(audits(t).at(-1)).toMatchObject({
      action: 'screen.lexiconImport',
      changes: expect.arrayContaining([{ field: 'added', from: 0, to: 3 }]),
    });
  });

  it('never loses a version when edits land at once', async () => {
    await concurrentEdits(t, ['甲号方案', '乙号方案', '丙号方案']);
  });
});

/** Edits at once: each applied as its own version or refused with CONFLICT; numbers without gaps. */
async function concurrentEdits(t: TestCloud, terms: string[]): Promise<void> {
  // On a fresh database the first change also writes the starter lexicon as version 1.
  const start = Math.max(head(t), 1);
  const edit = (term: string) =>
    t.call('screen', 'lexiconEdit', { changes: [{ op: 'addTerm', term, category: 'secret' }] }, PROVINCE);
  const results = await Promise.all(terms.map(edit));
  const applied = results.filter((r) => r.ok);
  for (const r of results) if (!r.ok) expect(r.error.code).toBe('CONFLICT');
  expect(applied.length).toBeGreaterThanOrEqual(1);
  const numbers = applied.map((r) => (r.ok ? r.data.version : 0)).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: applied.length }, (_, i) => start + 1 + i));
  expect(head(t)).toBe(start + applied.length);
  expect(versions(t)).toEqual(Array.from({ length: start + applied.length }, (_, i) => i + 1));
  const present = new Set(activeTerms(t).map((d) => d.term));
  terms.forEach((term, i) => expect([term, present.has(term)]).toEqual([term, results[i]?.ok === true]));
  expect(verifyChain(audits(t)).ok).toBe(true);
}

describe('the first changes of a fresh database, at once', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('write the starter lexicon once and every edit as its own version', async () => {
    await concurrentEdits(t, ['丁号方案', '戊号方案', '己号方案']);
    const distinct = new Set(STARTER_LEXICON.terms.map((x) => `${x.category}|${x.term}`)).size;
    expect(activeTerms(t).length).toBeGreaterThanOrEqual(distinct + 1);
  }, 30_000);
});
