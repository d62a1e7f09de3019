/**
 * Combination rules and standard wording through the local cloud (issue 17): kept beside the lexicon
 * on its version, edited by 省厅政治部宣传处, audited, tested on a pasted text before saving, imported
 * from CSV all or nothing; and what the editor's screening answers with them.
 */
import type { ActionName, ParamsOf, ResultOf } from '../typings/api';
import type { AuditEntry } from '../typings/org';
import type {
  CheckParams,
  RuleDraft,
  RuleSaveResult,
  ScreenedText,
  ScreeningResult,
  SpanHit,
} from '../typings/screening';
import { verifyChain } from '../core/audit/chain';
import { CLASSIFIER_MODEL } from '../core/screening/classifier-model';
import { DEFAULT_RULES } from '../core/screening/default-rules';
import { DEFAULT_WORDING } from '../core/screening/default-wording';
import { LEXICON_HEAD_ID, type LexiconHead, type RuleDoc } from '../server/screen/docs';
import { startTestCloud, type TestCloud } from './support/cloud';

const PROVINCE = 'demo-province-propaganda';
const CITY_DESK = 'demo-city-propaganda';
const REVIEWER = 'demo-reviewer';
const OPERATOR = 'demo-operator-a';

const spans = (r: ScreeningResult): SpanHit[] => r.hits.filter((h): h is SpanHit => h.where !== 'platform');
const head = (t: TestCloud): number => (t.cloud.db.get('counters', LEXICON_HEAD_ID) as LexiconHead | null)?.value ?? 0;
const storedRules = (t: TestCloud): RuleDoc[] => t.cloud.db.find('screeningRules', {}) as unknown as RuleDoc[];
const audits = (t: TestCloud): AuditEntry[] =>
  (t.cloud.db.find('auditLog', {}) as unknown as AuditEntry[]).sort((a, b) => a.seq - b.seq);

async function ok<A extends ActionName<'screen'>>(
  t: TestCloud,
  action: A,
  params: ParamsOf<'screen', A>,
  who = PROVINCE,
): Promise<ResultOf<'screen', A>> {
  const res = await t.call('screen', action, params, who);
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
  return res.data;
}

const check = (t: TestCloud, params: CheckParams): Promise<ScreenedText> => ok(t, 'check', params, OPERATOR);

/** A rule about a made-up operation, so no default rule or term interferes. */
const draft = (over: Partial<RuleDraft> = {}): RuleDraft => ({
  name: '蓝鲸行动细节',
  category: 'secret',
  effect: 'block',
  levelFloor: null,
  groups: [['蓝鲸行动'], ['集结地点', '出发时间']],
  exclude: [['已结束']],
  within: { kind: 'sentence' },
  ordered: false,
  note: '尚未结束的专项行动的部署细节',
  ...over,
});

describe('combination rules through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('lists the default rules of a fresh database, by category, for reviewers; edits are the province desk’s', async () => {
    const page = await ok(t, 'ruleList', { limit: 100 }, REVIEWER);
    expect(page.version).toBe(0);
    expect(page.canEdit).toBe(false);
    // more default rules than one page holds: the reviewer pages on until the list says it is done
    expect(page.nextOffset).toBe(100);
    const items = [...page.items];
    for (let offset: number | null = page.nextOffset; offset !== null; ) {
      const next = await ok(t, 'ruleList', { limit: 100, offset }, REVIEWER);
      items.push(...next.items);
      offset = next.nextOffset;
    }
    expect(items.map((r) => r.id).sort()).toEqual(DEFAULT_RULES.map((r) => r.id).sort());
    const personal = page.categories.find((c) => c.id === 'personalPayment');
    expect(personal).toMatchObject({ ref: '第四十一条' });
    expect(personal?.count).toBeGreaterThan(0);

    const first = await ok(t, 'ruleList', { limit: 5 }, PROVINCE);
    expect(first.canEdit).toBe(true);
    expect(first.items).toHaveLength(5);
    expect(first.nextOffset).toBe(5);
    const found = await ok(t, 'ruleList', { search: '紅包' }, PROVINCE);
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((r) => JSON.stringify(r).includes('红包'))).toBe(true);

    expect(await t.call('screen', 'ruleList', {}, OPERATOR)).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    expect(await t.call('screen', 'ruleSave', { rule: draft() }, REVIEWER)).toMatchObject({
      ok: false,
      error: { code: 'ROLE_REQUIRED' },
    });
    expect(await t.call('screen', 'ruleSave', { rule: draft() }, CITY_DESK)).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_SCOPE' },
    });
    expect(head(t)).toBe(0);
  });

  it('refuses a rule that can never fire or fires everywhere, with every reason, saving nothing', async () => {
    const cases: [Partial<RuleDraft>, RegExp][] = [
      [{ groups: [['蓝鲸行动'], []] }, /第 2 组没有词/],
      [{ within: { kind: 'window', chars: 0 } }, /窗口/],
      [{ groups: [['蓝鲸行动'], ['点']] }, /只有一个字/],
      [{ groups: [['蓝鲸行动'], ['集结地点']], exclude: [['集结地点']] }, /排除词/],
      [{ groups: [] }, /至少需要一组词/],
    ];
    for (const [over, reason] of cases) {
      const res = await t.call('screen', 'ruleSave', { rule: draft(over) }, PROVINCE);
      expect(res).toMatchObject({ ok: false, error: { code: 'RULE_INVALID' } });
      if (!res.ok) expect(res.error.message).toMatch(reason);
    }
    const both = await t.call('screen', 'ruleSave', { rule: draft({ name: '', groups: [['点'], []] }) }, PROVINCE);
    expect(!both.ok && both.error.message).toMatch(/规则名称为空.*只有一个字.*没有词/);
    expect(head(t)).toBe(0);
    expect(storedRules(t)).toHaveLength(0);
  });

  it('tests a draft on a pasted text before saving: every rule and term that fired, with spans', async () => {
    const text = '通知：蓝鲸行动明早六点出发时间不变，集结地点在城东。上一次蓝鲸行动已结束，集结地点另行通知。';
    const res = await ok(t, 'ruleTest', { text, rule: draft() }, REVIEWER);
    expect(res.draft?.problems).toEqual([]);
    const trace = res.draft?.trace;
    expect(trace).toMatchObject({ ruleId: null, name: '蓝鲸行动细节', fired: true, ref: '第十七条（一）7' });
    // One hit, in the first sentence: the second one holds an exclusion.
    expect(trace?.hits).toHaveLength(1);
    const hit = trace?.hits[0];
    expect(hit?.parts?.map((p) => [p.group, p.matched, text.slice(p.start, p.end)])).toEqual([
      [0, '蓝鲸行动', '蓝鲸行动'],
      [1, '出发时间', '出发时间'],
    ]);
    expect(trace?.terms.map((o) => o.matched)).toEqual(
      expect.arrayContaining(['蓝鲸行动', '出发时间', '集结地点', '已结束']),
    );
    expect(trace?.terms.find((o) => o.matched === '已结束')?.slot).toBe(-1);
    // The whole screening with the draft in place: blocked by it.
    expect(res.result.blocked).toBe(true);
    expect(spans(res.result).some((h) => h.source === 'rule' && h.rule === '蓝鲸行动细节')).toBe(true);
    // Nothing was saved: the live screening does not know the rule.
    expect(head(t)).toBe(0);
    const live = await check(t, { text });
    expect(spans(live).some((h) => h.rule === '蓝鲸行动细节')).toBe(false);

    // A draft that cannot be saved is answered with its problems, not refused.
    const bad = await ok(t, 'ruleTest', { text, rule: draft({ groups: [['蓝鲸行动'], []] }) });
    expect(bad.draft?.problems.map((p) => p.code)).toEqual(['EMPTY_GROUP']);
    expect(bad.draft?.trace).toBeNull();

    // A default rule fires on its own and says which terms it read.
    const payment = '这个案子谁能帮我跟办案民警说说情，事成之后微信转账给你，红包少不了。';
    const personal = await ok(t, 'ruleTest', { text: payment, accountKind: 'personal' });
    const fired = personal.rules.filter((r) => r.fired);
    expect(fired.map((r) => r.ref)).toContain('第四十一条');
    const institutional = await ok(t, 'ruleTest', { text: payment });
    const notHere = institutional.rules.find((r) => r.ref === '第四十一条');
    expect(notHere).toMatchObject({ fired: false });
    expect(notHere?.reason).toMatch(/个人账号/);
  });

  it("shows on the bench what 语义复核 set aside, and the operator's check does not count it", async () => {
    // a training course on crime scenes: 命案 and its rule misfire on such text, and the model reads no case
    const course = '刑侦大队举办业务培训，邀请专家讲授命案现场勘查与物证提取的方法。';
    const bench = await ok(t, 'ruleTest', { text: course });
    expect(spans(bench.result).filter((h) => h.category === 'majorCase')).toEqual([]);
    expect(bench.result.setAside?.map((h) => [h.source, h.rule, h.matched])).toEqual(
      expect.arrayContaining([
        ['lexicon', '命案', '命案'],
        ['rule', '命案等严重暴力犯罪', expect.stringContaining('命案')],
      ]),
    );
    const trace = bench.rules.find((r) => r.name === '命案等严重暴力犯罪');
    expect(trace).toMatchObject({
      fired: false,
      setAside: true,
      hits: [expect.objectContaining({ category: 'majorCase' })],
    });
    expect(trace?.reason).toMatch(/^语义复核：.*对 \d+ 次、错 \d+ 次.*读不出“重大刑事案件/);
    const checked = await check(t, { text: course });
    expect(checked.level).toBe('ordinary');
    expect(spans(checked).some((h) => h.category === 'majorCase')).toBe(false);
    // a killing reported as one: the same term and rule stand
    const killing = '昨晚城东一小区发生一起命案，一名男子被人持刀杀害，嫌疑人已被抓获。';
    const real = await check(t, { text: killing });
    expect(
      spans(real)
        .filter((h) => h.category === 'majorCase')
        .map((h) => h.rule),
    ).toEqual(expect.arrayContaining(['命案']));
    expect(real.setAside ?? []).toEqual([]);
  });

  let saved: RuleSaveResult;
  it('saves a rule as the next version, audited, and the warm screening picks it up', async () => {
    const text = '蓝鲸行动的集结地点定在城东。';
    saved = await ok(t, 'ruleSave', { rule: draft() });
    // The first change writes the starter lexicon, rules and wording as version 1.
    expect(saved).toMatchObject({ version: 2, created: true, unchanged: false, rule: { revision: 1, addedIn: 2 } });
    expect(head(t)).toBe(2);
    expect(storedRules(t)).toHaveLength(DEFAULT_RULES.length + 1);
    const entries = audits(t);
    expect(verifyChain(entries).ok).toBe(true);
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ action: 'screen.ruleSave', object: { collection: 'lexiconVersions' } });
    expect(last?.summary).toContain('蓝鲸行动细节');
    expect(last?.changes).toEqual(expect.arrayContaining([{ field: 'version', from: 1, to: 2 }]));

    const r = await check(t, { text });
    expect(r.lexiconVersion).toBe('2');
    const hit = spans(r).find((h) => h.ruleId === saved.rule.id);
    expect(hit).toMatchObject({ category: 'secret', source: 'rule', start: 0, end: text.indexOf('地点') + 2 });
    expect(r.blocked).toBe(true);

    // The same new rule sent again (a retried save) answers what the first one saved.
    const again = await ok(t, 'ruleSave', { rule: draft() });
    expect(again).toMatchObject({ unchanged: true, rule: { id: saved.rule.id } });
    const taken = await t.call('screen', 'ruleSave', { rule: draft({ note: '另一条' }) }, PROVINCE);
    expect(taken).toMatchObject({ ok: false, error: { code: 'RULE_NAME_TAKEN' } });
    expect(head(t)).toBe(2);
  });

  it('changes a rule only from the revision read; a stale edit is a conflict', async () => {
    const changed = await ok(t, 'ruleSave', {
      id: saved.rule.id,
      expectedRevision: 1,
      rule: draft({ exclude: [] }),
    });
    expect(changed).toMatchObject({ version: 3, created: false, rule: { revision: 2, changedIn: 3 } });
    const stale = await t.call(
      'screen',
      'ruleSave',
      { id: saved.rule.id, expectedRevision: 1, rule: draft({ ordered: true }) },
      PROVINCE,
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const noRevision = await t.call('screen', 'ruleSave', { id: saved.rule.id, rule: draft() }, PROVINCE);
    expect(noRevision).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(head(t)).toBe(3);
    const r = await check(t, { text: '上一次蓝鲸行动已结束，集结地点另行通知。' });
    expect(spans(r).some((h) => h.ruleId === saved.rule.id)).toBe(true);

    const removed = await ok(t, 'ruleRemove', { id: saved.rule.id, expectedRevision: 2 });
    expect(removed.version).toBe(4);
    const after = await check(t, { text: '上一次蓝鲸行动已结束，集结地点另行通知。' });
    expect(spans(after).some((h) => h.ruleId === saved.rule.id)).toBe(false);
    expect(await t.call('screen', 'ruleGet', { id: saved.rule.id }, PROVINCE)).toMatchObject({
      ok: false,
      error: { code: 'RULE_NOT_FOUND' },
    });
    const doc = storedRules(t).find((d) => d._id === saved.rule.id);
    expect(doc).toMatchObject({ active: false, removedIn: 4, removedBy: expect.any(String) });
    expect(
      audits(t)
        .slice(-2)
        .map((e) => e.action),
    ).toEqual(['screen.ruleSave', 'screen.ruleRemove']);
  });

  const HEADER = '名称,类别,效果,最低等级,范围,窗口字数,有序,词组,排除词组,说明';
  it('imports rules from CSV all or nothing, naming every bad line and why', async () => {
    const before = head(t);
    const count = storedRules(t).length;
    const csv = [
      HEADER,
      '白鲸行动部署,涉及国家秘密、警务工作秘密,,,同一句,,否,白鲸行动；部署|兵力,,',
      '空组,secret,,,同一句,,否,白鲸行动；,,',
      '窗口为零,secret,,,窗口,0,否,白鲸行动；部署,,',
      '单字,secret,,,同一句,,否,白鲸行动；点,,',
      '效果错,secret,随便,,同一句,,否,白鲸行动；部署,,',
      '白鲸行动部署,secret,,,同一句,,否,白鲸行动；兵力,,',
    ].join('\n');
    const res = await ok(t, 'ruleImport', { csv });
    expect(res.applied).toBe(false);
    expect(res.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(res.errors[0]?.message).toMatch(/第 2 组没有词/);
    expect(res.errors[1]?.message).toMatch(/窗口/);
    expect(res.errors[2]?.message).toMatch(/只有一个字/);
    expect(res.errors[3]?.message).toMatch(/效果/);
    expect(res.errors[4]?.message).toMatch(/与第 2 行重复/);
    expect(head(t)).toBe(before);
    expect(storedRules(t)).toHaveLength(count);

    const header = await t.call('screen', 'ruleImport', { csv: 'a,b\n1,2' }, PROVINCE);
    expect(header).toMatchObject({ ok: false, error: { code: 'RULE_IMPORT_HEADER' } });
  });

  it('imports valid rules as one version; a dry run writes nothing; a name already stored is replaced', async () => {
    const existing = DEFAULT_RULES[0];
    if (!existing) throw new Error('no default rule');
    const csv = [
      HEADER,
      '白鲸行动部署,涉及国家秘密、警务工作秘密,,,窗口,20,是,白鲸行动；部署|兵力,演习,专项行动部署',
      `"${existing.name}",${existing.category},${existing.effect},,同一句,,否,${existing.groups.map((g) => g.join('|')).join('；')},,改过的说明`,
    ].join('\n');
    const before = head(t);
    const dry = await ok(t, 'ruleImport', { csv, dryRun: true });
    expect(dry).toMatchObject({ applied: false, dryRun: true, rows: 2, added: 1, changed: 1, errors: [] });
    expect(head(t)).toBe(before);

    const res = await ok(t, 'ruleImport', { csv });
    expect(res).toMatchObject({ applied: true, rows: 2, added: 1, changed: 1, version: before + 1 });
    expect(head(t)).toBe(before + 1);
    const page = await ok(t, 'ruleList', { search: '白鲸行动' });
    expect(page.items[0]).toMatchObject({
      name: '白鲸行动部署',
      category: 'secret',
      within: { kind: 'window', chars: 20 },
      ordered: true,
      groups: [['白鲸行动'], ['部署', '兵力']],
      exclude: [['演习']],
    });
    expect(audits(t).at(-1)).toMatchObject({ action: 'screen.ruleImport' });
    expect(audits(t).at(-1)?.summary).toMatch(/新增 1 条、修改 1 条/);

    // Ordered within 20 characters: 兵力 before 白鲸行动 does not fire, after it does.
    const miss = await check(t, { text: '兵力已就位，白鲸行动今晚开始。' });
    expect(spans(miss).some((h) => h.rule === '白鲸行动部署')).toBe(false);
    const fire = await check(t, { text: '白鲸行动今晚开始，兵力已就位。' });
    expect(spans(fire).some((h) => h.rule === '白鲸行动部署')).toBe(true);
  });

  it('tells the desk which rules 语义复核 doubts; a rule the desk rewrites is trusted until measured again', async () => {
    const course = '刑侦大队举办业务培训，邀请专家讲授命案现场勘查与物证提取的方法。';
    const page = await ok(t, 'ruleList', { search: '命案等严重暴力犯罪' }, REVIEWER);
    const doubted = page.items.find((r) => r.name === '命案等严重暴力犯罪');
    const record = CLASSIFIER_MODEL.doubtful.find((d) => d.name === '命案等严重暴力犯罪');
    expect(record).toBeDefined();
    expect(doubted?.doubt).toEqual({ right: record?.right, wrong: record?.wrong });
    // a rule no one has doubted carries no record
    const trusted = (await ok(t, 'ruleList', { search: '白鲸行动' })).items[0];
    expect(trusted?.doubt).toBeUndefined();
    if (!doubted) throw new Error('no doubted rule');

    // renamed only: the same rule, still doubted
    const { id, revision } = doubted;
    const draft: RuleDraft = {
      name: doubted.name,
      category: doubted.category,
      effect: doubted.effect,
      levelFloor: doubted.levelFloor,
      groups: doubted.groups,
      exclude: doubted.exclude,
      within: doubted.within,
      ordered: doubted.ordered,
      note: doubted.note,
    };
    const renamed = await ok(t, 'ruleSave', {
      id,
      expectedRevision: revision,
      rule: { ...draft, name: '命案等暴力犯罪' },
    });
    expect(renamed.rule.doubt).toEqual(doubted.doubt);
    expect((await ok(t, 'ruleTest', { text: course })).result.setAside?.map((h) => h.rule)).toContain('命案等暴力犯罪');

    // rewritten (a term added): trusted again, so it fires on the course as written
    const groups = draft.groups.map((g, i) => (i === 0 ? [...g, '凶杀'] : g));
    const rewritten = await ok(t, 'ruleSave', {
      id,
      expectedRevision: renamed.rule.revision,
      rule: { ...draft, name: '命案等暴力犯罪', groups },
    });
    expect(rewritten.rule.doubt).toBeUndefined();
    const bench = await ok(t, 'ruleTest', { text: course });
    expect(spans(bench.result).some((h) => h.rule === '命案等暴力犯罪')).toBe(true);
    expect(bench.rules.find((r) => r.name === '命案等暴力犯罪')).toMatchObject({ fired: true });
  });
});

describe('standard wording (规范表述) through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('suggests the standard form with reason and source, never refusing the post', async () => {
    const text = '嫌犯张某已被刑事拘留。';
    const r = await check(t, { text });
    expect(r.blocked).toBe(false);
    expect(r.suggestions).toEqual([
      expect.objectContaining({ start: 0, end: 2, matched: '嫌犯', wrong: '嫌犯', correct: '犯罪嫌疑人' }),
    ]);
    expect(r.suggestions[0]?.reason).not.toBe('');
    expect(r.suggestions[0]?.source).not.toBe('');
  });

  it('lists the wording for operators; the province desk adds and removes, one version each, audited', async () => {
    const page = await ok(t, 'wordingList', { limit: 100 }, OPERATOR);
    expect(page.items).toHaveLength(DEFAULT_WORDING.length);
    expect(page.canEdit).toBe(false);
    expect(await t.call('screen', 'wordingEdit', { changes: [] }, OPERATOR)).toMatchObject({ ok: false });

    const entry = {
      wrong: '警察叔叔',
      correct: '民警',
      reason: '正式稿件使用规范称谓',
      source: '本省公安新媒体用语规范',
    };
    const added = await ok(t, 'wordingEdit', {
      changes: [
        { op: 'add', entry },
        { op: 'add', entry: { ...entry, wrong: '警察叔叔 ' } },
      ],
    });
    expect(added).toMatchObject({ version: 2, added: 1, duplicates: 1 });
    expect(audits(t).at(-1)).toMatchObject({ action: 'screen.wordingEdit' });
    const r = await check(t, { text: '感谢警察叔叔！' });
    expect(r.suggestions.map((s) => [s.matched, s.correct])).toEqual([['警察叔叔', '民警']]);

    const found = await ok(t, 'wordingList', { search: '警察' });
    const id = found.items.find((w) => w.wrong === '警察叔叔')?.id ?? 'missing';
    expect(found.canEdit).toBe(true);
    const removed = await ok(t, 'wordingEdit', {
      changes: [{ op: 'remove', id }],
    });
    expect(removed).toMatchObject({ version: 3, removed: 1 });
    expect((await check(t, { text: '感谢警察叔叔！' })).suggestions).toEqual([]);
  });

  it('refuses an entry that would flag itself again or is a single character, saving nothing', async () => {
    const before = head(t);
    const res = await t.call(
      'screen',
      'wordingEdit',
      {
        changes: [
          { op: 'add', entry: { wrong: '警', correct: '民警', reason: '理由', source: '依据' } },
          { op: 'add', entry: { wrong: '民警', correct: '人民警察民警', reason: '理由', source: '' } },
        ],
      },
      PROVINCE,
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'WORDING_INVALID' } });
    if (!res.ok) {
      expect(res.error.message).toMatch(/第 1 项.*一个字/);
      expect(res.error.message).toMatch(/第 2 项.*依据为空/);
      expect(res.error.message).toMatch(/替换后仍会被提示/);
    }
    expect(head(t)).toBe(before);
  });
});
