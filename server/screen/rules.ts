/**
 * Combination rules as data (issue 17), kept like the lexicon: listed for reviewers; added, changed,
 * removed and imported by 省厅政治部宣传处 (第七条), each change a new version of the one lexicon head,
 * audited; and a test bench that screens a pasted text with a draft rule in place before it is saved.
 */
import * as v from 'valibot';
import type { FieldChange } from '../../typings/org';
import type {
  CombinationRule,
  RuleDraft,
  RuleGetResult,
  RuleImportResult,
  RulePage,
  RuleRemoveResult,
  RuleSaveResult,
  RuleTestResult,
  RuleTrace,
  RuleView,
  ScreeningCategoryId,
  ScreeningContext,
  SpanHit,
} from '../../typings/screening';
import { authorize } from '../../core/auth/authorize';
import { commonErrors, DomainError, echo } from '../../core/errors';
import { appliesTo, categoryOf, formatRef, ruleHit } from '../../core/screening/categories';
import { buildMatcher } from '../../core/screening/matcher';
import { normaliseTerm } from '../../core/screening/normalize';
import {
  explainRule,
  RULE_EXCLUDE_MAX,
  RULE_GROUP_TERMS_MAX,
  RULE_GROUPS_MAX,
  RULE_NAME_MAX,
  RULE_NOTE_MAX,
  RULE_TERM_MAX,
  RULE_WINDOW_MAX,
  ruleCategoryAllowed,
  defaultEffect,
  ruleDoubtKey,
  ruleEffectLabel,
  ruleProblems,
} from '../../core/screening/rules';
import { defaultClassifier, screenWith } from '../../core/screening/screen';
import { toBeijingIso } from '../../core/time';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { pageParams } from '../schemas';
import { runWork, type Work } from '../uow';
import { bornIn, LEXICON_HEAD_ID, ruleDoc, ruleOf, type LexiconHead, type RuleDoc } from './docs';
import { screenErrors } from './errors';
import { editorOf } from './lexicon';
import { checkRuleRows, groupsText, isRuleHeader, RULE_IMPORT_MAX_ROWS } from './rule-rows';
import { parseCsv } from './rows';
import { loadLexicon } from './service';
import { commitVersion, materialiseStarter } from './write';

const RULE_CATEGORIES = [
  'reputation',
  'massIncident',
  'politicsEthnicReligion',
  'crimeDetail',
  'policyCriticism',
  'unverifiedPolice',
  'secret',
  'privacy',
  'sobStory',
  'hotIssue',
  'commercial',
  'foreignMedia',
  'stabilityPetition',
  'officialCrime',
  'majorCase',
  'vulnerable',
  'safetyStats',
  'publicAnxiety',
  'otherPoliceInfo',
  'leaderSpeech',
  'largeSecurity',
  'unrelated',
  'controversial',
  'personalSensitive',
  'personalMicroEvent',
  'personalImproper',
  'personalCriticism',
  'personalPayment',
  'credential',
  'policeReport',
  'abusive',
  'unlawful',
  'complaint',
  'helpRequest',
  'negativePolice',
] as const satisfies readonly ScreeningCategoryId[];

const categoryInput = v.picklist(RULE_CATEGORIES);
const idInput = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
// The request's shape is bounded here; what a rule may be (lengths, counts, terms) is core's to say,
// in Chinese, so the limits below leave room to answer "too long" rather than refuse the shape.
const term = v.pipe(v.string(), v.maxLength(RULE_TERM_MAX * 4));
const group = v.pipe(v.array(term), v.maxLength(RULE_GROUP_TERMS_MAX + 1));
const draftInput = v.strictObject({
  name: v.pipe(v.string(), v.maxLength(RULE_NAME_MAX * 4)),
  category: categoryInput,
  effect: v.picklist(['block', 'caution', 'triage'] as const),
  levelFloor: v.nullable(v.picklist(['ordinary', 'major', 'especiallyMajor'] as const)),
  groups: v.pipe(v.array(group), v.maxLength(RULE_GROUPS_MAX + 1)),
  exclude: v.pipe(v.array(group), v.maxLength(RULE_EXCLUDE_MAX + 1)),
  within: v.variant('kind', [
    v.strictObject({ kind: v.literal('sentence') }),
    v.strictObject({
      kind: v.literal('window'),
      chars: v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(RULE_WINDOW_MAX * 10)),
    }),
  ]),
  ordered: v.boolean(),
  note: v.pipe(v.string(), v.maxLength(RULE_NOTE_MAX * 4)),
});

const ruleErrors = {
  invalid: (messages: string[]) =>
    new DomainError(
      'RULE_INVALID',
      `规则不能保存：${messages.slice(0, 5).join('；')}${messages.length > 5 ? '…' : ''}`,
    ),
  missing: () => new DomainError('RULE_NOT_FOUND', '该规则不存在或已被删除，请刷新后重试'),
  nameTaken: (name: string) =>
    new DomainError('RULE_NAME_TAKEN', `已有名为“${echo(name)}”的规则，请换一个名称或编辑那条规则`),
  revisionNeeded: () => new DomainError('INVALID_INPUT', '修改规则须带上读到的版本号 expectedRevision'),
  csvHeader: () =>
    new DomainError(
      'RULE_IMPORT_HEADER',
      '第 1 行应为表头：名称,类别,效果,最低等级,范围,窗口字数,有序,词组,排除词组,说明',
    ),
  csvTooLarge: () =>
    new DomainError('RULE_IMPORT_TOO_LARGE', `单次最多导入 ${RULE_IMPORT_MAX_ROWS} 条规则，请分批导入`),
} as const;

export function ruleView(doc: RuleDoc): RuleView {
  const category = categoryOf(doc.category);
  const rule = ruleOf(doc);
  const record = defaultClassifier().doubts('rule', rule.category, ruleDoubtKey(rule));
  return {
    ...rule,
    ref: formatRef(category.ref),
    categoryTitle: category.title,
    effectLabel: ruleEffectLabel(doc),
    revision: doc.revision,
    addedIn: doc.addedIn,
    changedIn: doc.changedIn,
    ...(record ? { doubt: { right: record.right, wrong: record.wrong } } : {}),
  };
}

/** What a rule is, without its id: two drafts equal here are the same rule. */
const sameRule = (a: RuleDraft, b: RuleDraft): boolean =>
  JSON.stringify([a.name, a.category, a.effect, a.levelFloor, a.groups, a.exclude, a.within, a.ordered, a.note]) ===
  JSON.stringify([b.name, b.category, b.effect, b.levelFloor, b.groups, b.exclude, b.within, b.ordered, b.note]);

/** Terms trimmed as they are matched: what is stored is what screening reads. */
const tidy = (d: RuleDraft): RuleDraft => ({
  ...d,
  name: d.name.trim(),
  note: d.note.trim(),
  groups: d.groups.map((g) => g.map((t) => t.trim())),
  exclude: d.exclude.map((g) => g.map((t) => t.trim())),
});

function refuseInvalid(draft: RuleDraft): void {
  const problems = ruleProblems(draft);
  if (problems.length > 0) throw ruleErrors.invalid(problems.map((p) => p.message));
}

/** One line of the audit: what the rule says, short enough to read. */
const ruleSummary = (r: RuleDraft): string =>
  `${r.name}（${categoryOf(r.category).title}；${ruleEffectLabel(r)}；${r.within.kind === 'sentence' ? '同一句' : `${r.within.chars} 字内`}${r.ordered ? '，有序' : ''}；${groupsText(r.groups)}${r.exclude.length > 0 ? `；排除 ${groupsText(r.exclude)}` : ''}）`;

export const ruleList = action({
  access: 'person',
  input: v.strictObject({
    category: v.optional(categoryInput),
    search: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(RULE_TERM_MAX * 4))),
    ...pageParams,
  }),
  handle: async (params, ctx): Promise<RulePage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'screen.ruleList', { kind: 'none' }, tree);
    const lexicon = await loadLexicon();
    const canEdit = authorize(caller, 'screen.ruleSave', { kind: 'none' }, tree).allowed;
    const needle = params.search ? normaliseTerm(params.search).key : '';
    const raw = params.search?.trim() ?? '';
    const matches = (r: RuleDoc): boolean =>
      raw === '' ||
      r.name.includes(raw) ||
      (needle !== '' &&
        [...r.groups.flat(), ...r.exclude.flat(), r.name].some((t) => normaliseTerm(t).key.includes(needle)));
    const order = new Map<string, number>(RULE_CATEGORIES.map((id, i) => [id, i]));
    const all = [...lexicon.rules].sort(
      (a, b) =>
        (order.get(a.category) ?? 0) - (order.get(b.category) ?? 0) || a.name.localeCompare(b.name, 'zh-Hans-CN'),
    );
    const chosen = all.filter((r) => (params.category === undefined || r.category === params.category) && matches(r));
    const offset = params.offset ?? 0;
    const limit = params.limit ?? 50;
    const items = chosen.slice(offset, offset + limit).map(ruleView);
    const counts = new Map<string, number>();
    for (const r of all) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
    return {
      version: lexicon.version,
      items,
      nextOffset: offset + items.length < chosen.length ? offset + items.length : null,
      categories: RULE_CATEGORIES.map((id) => {
        const c = categoryOf(id);
        return { id, title: c.title, ref: formatRef(c.ref), count: counts.get(id) ?? 0, ...defaultEffect(id) };
      }),
      canEdit,
    };
  },
});

export const ruleGet = action({
  access: 'person',
  input: v.strictObject({ id: idInput }),
  handle: async (params, ctx): Promise<RuleGetResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'screen.ruleList', { kind: 'none' }, tree);
    const lexicon = await loadLexicon();
    const doc = lexicon.rules.find((r) => r._id === params.id);
    if (!doc) throw ruleErrors.missing();
    const canEdit = authorize(caller, 'screen.ruleSave', { kind: 'none' }, tree).allowed;
    return { version: lexicon.version, rule: ruleView(doc), canEdit };
  },
});

/** The next version's number inside the work: the head as it is now. */
async function nextVersion(work: Work): Promise<{ current: number; version: number }> {
  const head = await work.get<LexiconHead>('counters', LEXICON_HEAD_ID);
  const current = head?.value ?? 0;
  return { current, version: current + 1 };
}

/** Active stored rules with this name (the loaded copy is this version's: names are checked on it). */
async function activeByName(name: string): Promise<RuleDoc | undefined> {
  const lexicon = await loadLexicon();
  return lexicon.rules.find((r) => r.name === name);
}

async function editContext(ctx: HandlerContext, action: 'screen.ruleSave' | 'screen.ruleRemove' | 'screen.ruleImport') {
  const caller = requireCaller(ctx.caller);
  const tree = await loadTree();
  const grant = requirePermission(caller, action, { kind: 'none' }, tree);
  const editor = editorOf(caller, grant, tree);
  await materialiseStarter(ctx, editor);
  return { caller, grant, editor };
}

export const ruleSave = action({
  access: 'person',
  input: v.strictObject({
    id: v.optional(idInput),
    expectedRevision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER))),
    rule: draftInput,
  }),
  handle: async (params, ctx): Promise<RuleSaveResult> => {
    requireCaller(ctx.caller);
    // What the rule may be, before any database work: refused with every reason, nothing saved.
    const draft = tidy(params.rule);
    refuseInvalid(draft);
    if (params.id !== undefined && params.expectedRevision === undefined) throw ruleErrors.revisionNeeded();
    const { caller, grant, editor } = await editContext(ctx, 'screen.ruleSave');
    const sameName = await activeByName(draft.name);
    if (params.id === undefined && sameName) {
      // A retried save of the same new rule answers what the first one saved.
      if (sameRule(ruleOf(sameName), draft))
        return { version: (await loadLexicon()).version, rule: ruleView(sameName), created: false, unchanged: true };
      throw ruleErrors.nameTaken(draft.name);
    }
    if (params.id !== undefined && sameName && sameName._id !== params.id) throw ruleErrors.nameTaken(draft.name);
    const newId = `sr-${ctx.newId()}`;

    return runWork(ctx, { person: caller, grant }, async (work) => {
      const { current, version } = await nextVersion(work);
      const at = toBeijingIso(ctx.now);
      let doc: RuleDoc;
      let changes: FieldChange[];
      let summary: string;
      if (params.id === undefined) {
        doc = ruleDoc({ ...draft, id: newId }, bornIn(version, at, caller._id));
        await work.create('screeningRules', doc);
        changes = [{ field: `rules.${doc._id}`, from: null, to: ruleSummary(draft) }];
        summary = `词库 v${version}：新增规则${ruleSummary(draft)}`;
      } else {
        const existing = await work.get<RuleDoc>('screeningRules', params.id);
        if (!existing || !existing.active) throw ruleErrors.missing();
        if (existing.revision !== params.expectedRevision) throw commonErrors.conflict();
        if (sameRule(ruleOf(existing), draft))
          return { version: current, rule: ruleView(existing), created: false, unchanged: true };
        doc = {
          ...existing,
          ...draft,
          revision: existing.revision + 1,
          changedIn: version,
          changedAt: at,
          changedBy: caller._id,
        };
        await work.put('screeningRules', doc);
        changes = [{ field: `rules.${doc._id}`, from: ruleSummary(ruleOf(existing)), to: ruleSummary(draft) }];
        summary = `词库 v${version}：修改规则${ruleSummary(draft)}`;
      }
      await commitVersion(work, version, at, editor, {
        action: 'screen.ruleSave',
        summary,
        added: params.id === undefined ? 1 : 0,
        removed: 0,
        sample: [summary],
        changes: [{ field: 'version', from: current, to: version }, ...changes],
      });
      return { version, rule: ruleView(doc), created: params.id === undefined, unchanged: false };
    });
  },
});

export const ruleRemove = action({
  access: 'person',
  input: v.strictObject({
    id: idInput,
    expectedRevision: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
  }),
  handle: async (params, ctx): Promise<RuleRemoveResult> => {
    const { caller, grant, editor } = await editContext(ctx, 'screen.ruleRemove');
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const existing = await work.get<RuleDoc>('screeningRules', params.id);
      if (!existing || !existing.active) throw ruleErrors.missing();
      if (existing.revision !== params.expectedRevision) throw commonErrors.conflict();
      const { current, version } = await nextVersion(work);
      const at = toBeijingIso(ctx.now);
      await work.put<RuleDoc>('screeningRules', {
        ...existing,
        active: false,
        removedIn: version,
        removedAt: at,
        removedBy: caller._id,
      });
      const summary = `词库 v${version}：删除规则${ruleSummary(ruleOf(existing))}`;
      await commitVersion(work, version, at, editor, {
        action: 'screen.ruleRemove',
        summary,
        added: 0,
        removed: 1,
        sample: [summary],
        changes: [
          { field: 'version', from: current, to: version },
          { field: `rules.${existing._id}`, from: ruleSummary(ruleOf(existing)), to: null },
        ],
      });
      return { version };
    });
  },
});

// ---- the test bench ----

/** How each rule of which a term occurs read the text, the fired ones first. */
function traces(
  text: string,
  rules: readonly CombinationRule[],
  matcher: ReturnType<typeof buildMatcher>,
  context: ScreeningContext,
  setAside: readonly SpanHit[],
): RuleTrace[] {
  const aside = new Set(setAside.flatMap((h) => (h.source === 'rule' && h.ruleId !== undefined ? [h.ruleId] : [])));
  const detail = matcher.matchDetailed(text);
  const out: RuleTrace[] = [];
  matcher.rules.forEach((rule, index) => {
    const occurrences = detail.occurrences.filter((o) => o.rule === index);
    if (occurrences.length === 0) return;
    const fired = detail.rules.filter((m) => m.rule === index);
    const hits: SpanHit[] = fired.map((m) => ruleHit(rule, m.parts, text));
    const category = categoryOf(rule.category);
    const applies = category.scope === 'all' ? context.kind === 'post' : appliesTo(category, context);
    const why = explainRule(rule, occurrences, fired.length > 0, detail.sentenceEnds, detail.sentenceEnds.length);
    const setAsideHere = why.fired && applies && aside.has(rule.id);
    out.push({
      ruleId: rules.includes(rule) ? rule.id || null : null,
      name: rule.name,
      ref: formatRef(category.ref),
      title: category.title,
      effectLabel: ruleEffectLabel(rule),
      fired: why.fired && applies && !setAsideHere,
      ...(setAsideHere ? { setAside: true } : {}),
      reason: setAsideHere
        ? setAsideReason(rule, category.title)
        : why.fired && !applies
          ? '该类别只适用于个人账号（第十八、四十、四十一条），当前按机构账号检查'
          : why.reason,
      hits: applies ? hits : [],
      terms: occurrences.map((o) => ({
        slot: o.slot,
        term: o.term,
        start: o.start,
        end: o.end,
        matched: text.slice(o.start, o.end),
      })),
    });
  });
  return out.sort((a, b) => Number(b.fired) - Number(a.fired));
}

/** Why 语义复核 set a rule's hits aside, with its record on text it was not written from. */
function setAsideReason(rule: CombinationRule, title: string): string {
  const record = defaultClassifier().doubts('rule', rule.category, ruleDoubtKey(rule));
  const counts = record ? `（对 ${record.right} 次、错 ${record.wrong} 次）` : '';
  return `语义复核：这条规则在未据以编写的稿件上误报偏多${counts}，语义研判在这段文字里读不出“${title}”，本次不作数`;
}

export const ruleTest = action({
  access: 'person',
  input: v.strictObject({
    text: v.pipe(v.string(), v.maxLength(20_000)),
    title: v.optional(v.pipe(v.string(), v.maxLength(200))),
    accountKind: v.optional(v.picklist(['institutional', 'personal'] as const)),
    rule: v.optional(draftInput),
    id: v.optional(idInput),
  }),
  handle: async (params, ctx): Promise<RuleTestResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'screen.ruleTest', { kind: 'none' }, tree);
    const lexicon = await loadLexicon();
    const text = params.title === undefined ? params.text : `${params.title}\n${params.text}`;
    const context: ScreeningContext = { kind: 'post', accountKind: params.accountKind ?? 'institutional' };
    const draft = params.rule ? tidy(params.rule) : null;
    const problems = draft ? ruleProblems(draft) : [];
    const testId = params.id ?? '__draft__';
    const stored = (lexicon.data.rules ?? []).filter((r) => r.id !== testId);
    const candidate: CombinationRule | null = draft && problems.length === 0 ? { ...draft, id: testId } : null;
    const rules = candidate ? [...stored, candidate] : [...(lexicon.data.rules ?? [])];
    // A matcher of its own, never cached: a test must not push the version in use out of the cache.
    const data = { ...lexicon.data, version: `${lexicon.version}+test`, rules };
    const matcher = buildMatcher(data);
    const result = screenWith({ text, context }, data.version, matcher, defaultClassifier());
    const all = traces(text, stored, matcher, context, result.setAside ?? []);
    const mine = candidate ? (all.find((t) => t.ruleId === null || t.ruleId === testId) ?? null) : null;
    const draftTrace: RuleTrace | null = candidate
      ? (mine ?? {
          ruleId: params.id ?? null,
          name: candidate.name,
          ref: formatRef(categoryOf(candidate.category).ref),
          title: categoryOf(candidate.category).title,
          effectLabel: ruleEffectLabel(candidate),
          fired: false,
          reason: '这条规则的词一个也没有出现',
          hits: [],
          terms: [],
        })
      : null;
    return {
      result,
      draft: draft ? { problems, trace: draftTrace ? { ...draftTrace, ruleId: params.id ?? null } : null } : null,
      rules: all.filter((t) => t !== mine),
    };
  },
});

// ---- CSV import ----

export const ruleImport = action({
  access: 'person',
  input: v.strictObject({
    // RULE_IMPORT_MAX_ROWS lines of a rule with its groups, with room to spare.
    csv: v.pipe(v.string(), v.maxLength(200_000)),
    dryRun: v.optional(v.boolean()),
  }),
  handle: async (params, ctx): Promise<RuleImportResult> => {
    requireCaller(ctx.caller);
    // The file's size and lines before any database work (issue 11).
    const parsed = parseCsv(params.csv);
    if (parsed.records.length - 1 > RULE_IMPORT_MAX_ROWS) throw ruleErrors.csvTooLarge();
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'screen.ruleImport', { kind: 'none' }, tree);
    const lexicon = await loadLexicon();
    const refused = (rows: number, errors: RuleImportResult['errors']): RuleImportResult => ({
      applied: false,
      dryRun: params.dryRun ?? false,
      rows,
      errors,
      added: 0,
      changed: 0,
      unchanged: 0,
      version: lexicon.version,
    });
    if (parsed.error) return refused(Math.max(parsed.records.length - 1, 0), [parsed.error]);
    const [header, ...body] = parsed.records;
    if (!header || !isRuleHeader(header.fields)) throw ruleErrors.csvHeader();
    const checked = checkRuleRows(body);
    if (!checked.ok) return refused(checked.rows, checked.errors);

    const byName = new Map(lexicon.rules.map((r) => [r.name, r]));
    const plan = checked.rows.map((row) => ({ row, existing: byName.get(row.draft.name) ?? null }));
    const added = plan.filter((p) => !p.existing).length;
    const changed = plan.filter((p) => p.existing && !sameRule(ruleOf(p.existing), p.row.draft)).length;
    const unchanged = plan.length - added - changed;
    const rows = checked.rows.length;
    const counts = { rows, errors: [], added, changed, unchanged };
    if (params.dryRun) return { applied: false, dryRun: true, ...counts, version: lexicon.version };
    if (added + changed === 0) return { applied: true, dryRun: false, ...counts, version: lexicon.version };

    const editor = editorOf(caller, grant, tree);
    await materialiseStarter(ctx, editor);
    const ids = plan.map(() => `sr-${ctx.newId()}`);
    return runWork(ctx, { person: caller, grant }, async (work) => {
      const { current, version } = await nextVersion(work);
      // The names were checked against the version read above; a change since means checking again.
      if (current !== Math.max(lexicon.version, 1)) throw commonErrors.conflict();
      const at = toBeijingIso(ctx.now);
      const labels: string[] = [];
      for (const [i, { row, existing }] of plan.entries()) {
        if (!existing) {
          await work.create(
            'screeningRules',
            ruleDoc({ ...row.draft, id: ids[i] ?? `sr-${i}` }, bornIn(version, at, caller._id)),
          );
          labels.push(`新增${ruleSummary(row.draft)}`);
        } else if (!sameRule(ruleOf(existing), row.draft)) {
          await work.put<RuleDoc>('screeningRules', {
            ...existing,
            ...row.draft,
            revision: existing.revision + 1,
            changedIn: version,
            changedAt: at,
            changedBy: caller._id,
          });
          labels.push(`修改${ruleSummary(row.draft)}`);
        }
      }
      await commitVersion(work, version, at, editor, {
        action: 'screen.ruleImport',
        summary: `词库 v${version}：CSV 导入新增 ${added} 条、修改 ${changed} 条${unchanged > 0 ? `，未变 ${unchanged} 条` : ''}`,
        added,
        removed: 0,
        sample: labels.slice(0, 20),
        changes: [
          { field: 'version', from: current, to: version },
          { field: 'rules.added', from: 0, to: added },
          { field: 'rules.changed', from: 0, to: changed },
        ],
      });
      return { applied: true, dryRun: false, ...counts, version };
    });
  },
});

/** Whether a category may be served by a rule (the picker of the editor uses the same list). */
export const ruleCategories = (): readonly ScreeningCategoryId[] => RULE_CATEGORIES.filter(ruleCategoryAllowed);

export { screenErrors };
