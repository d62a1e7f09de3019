/**
 * The province desk's side of the reader (第七条: 省厅政治部宣传处 guides the whole province): the
 * settings of this environment, a probe of a model, the prompt (versioned and audited like the
 * lexicon), and the month's records — calls, tokens per unit, approvers' judgements.
 */
import * as v from 'valibot';
import type { FieldChange, JsonValue, Person } from '../../typings/org';
import type {
  JudgementStats,
  ProbeResult,
  PromptVersionsPage,
  ReaderCallsPage,
  ReaderPromptView,
  ReaderSettings,
  ReaderSettingsView,
  UsagePage,
} from '../../typings/reader';
import type { UnitTree } from '../../core/org/tree';
import { commonErrors } from '../../core/errors';
import { READER_ITEMS, readerItem } from '../../core/reader/items';
import {
  ANSWER_FORMAT,
  editedPrompt,
  HINT_MAX,
  INSTRUCTIONS_MAX,
  promptProblems,
  systemPrompt,
} from '../../core/reader/prompt';
import { MONTH_PATTERN, monthOf } from '../../core/reader/reading';
import {
  budgetOf,
  CHUNK_MAX,
  CHUNK_MIN,
  MODEL_PATTERN,
  MONTHLY_TOKENS_MAX,
  settingsProblems,
  TIMEOUT_MAX_SECONDS,
  TIMEOUT_MIN_SECONDS,
  UNIT_BUDGETS_MAX,
} from '../../core/reader/settings';
import { toBeijingIso } from '../../core/time';
import { action, type HandlerContext } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { namesOf } from '../post/context';
import { store } from '../store';
import { pageParams } from '../schemas';
import { runWork } from '../uow';
import { environmentModels, loadPrompt, loadSettings, promptVersion } from './config';
import {
  PROMPT_HEAD_ID,
  promptDocId,
  SETTINGS_ID,
  type CallDoc,
  type PromptDoc,
  type PromptHead,
  type SettingsDoc,
  type StatsDoc,
  type UsageDoc,
} from './docs';
import { readerErrors } from './errors';
import { askModel } from './model';

const DEFAULT_PAGE = 20;
const page = pageParams;
const month = v.optional(v.pipe(v.string(), v.regex(MONTH_PATTERN)));
const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

function unitPathOf(person: Person, unitId: string | undefined, tree: UnitTree): string[] {
  const id = unitId ?? person.unitId;
  return tree.byId.get(id)?.path ?? [id];
}

function settingsView(settings: ReaderSettings, tree: UnitTree): ReaderSettingsView {
  const unitNames: Record<string, string> = {};
  for (const b of settings.unitBudgets) unitNames[b.unitId] = tree.byId.get(b.unitId)?.name ?? b.unitId;
  return { settings, models: environmentModels(), unitNames };
}

export const settings = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<ReaderSettingsView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'reader.settings', { kind: 'none' }, tree);
    return settingsView(await loadSettings(), tree);
  },
});

const settingsInput = v.strictObject({
  enabled: v.boolean(),
  model: v.nullable(v.pipe(v.string(), v.regex(MODEL_PATTERN))),
  timeoutSeconds: int(TIMEOUT_MIN_SECONDS, TIMEOUT_MAX_SECONDS),
  monthlyTokens: int(0, MONTHLY_TOKENS_MAX),
  unitBudgets: v.pipe(
    v.array(
      v.strictObject({
        unitId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
        tokens: int(0, MONTHLY_TOKENS_MAX),
      }),
    ),
    v.maxLength(UNIT_BUDGETS_MAX),
  ),
  raiseFloor: v.boolean(),
  raiseConfidence: v.pipe(v.number(), v.minValue(0.5), v.maxValue(1)),
  chunkChars: int(CHUNK_MIN, CHUNK_MAX),
});

const SETTING_LABELS: Record<keyof v.InferOutput<typeof settingsInput>, string> = {
  enabled: '启用',
  model: '模型',
  timeoutSeconds: '等待时限（秒）',
  monthlyTokens: '每单位每月额度',
  unitBudgets: '单位额度',
  raiseFloor: '据审读提高敏感等级',
  raiseConfidence: '提级置信度',
  chunkChars: '单次审读字数上限',
};

export const settingsSave = action({
  access: 'person',
  input: v.strictObject({ settings: settingsInput, expectedRev: int(0, Number.MAX_SAFE_INTEGER) }),
  handle: async (params, ctx): Promise<ReaderSettingsView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'reader.settingsSave', { kind: 'none' }, tree);
    const problems = settingsProblems(params.settings, environmentModels(), new Set(tree.byId.keys()));
    if (problems.length > 0) throw readerErrors.settingsInvalid(problems);

    const saved = await runWork(ctx, { person: caller, grant }, async (work) => {
      const current = (await work.get<SettingsDoc>('readerSettings', SETTINGS_ID)) ?? null;
      const before = current ?? { ...(await loadSettings()), _id: SETTINGS_ID };
      if (before.rev !== params.expectedRev) throw commonErrors.conflict();
      const next: SettingsDoc = {
        _id: SETTINGS_ID,
        ...params.settings,
        rev: before.rev + 1,
        updatedAt: toBeijingIso(ctx.now),
        updatedBy: caller._id,
      };
      const changes: FieldChange[] = [];
      for (const key of Object.keys(SETTING_LABELS) as Array<keyof typeof SETTING_LABELS>) {
        const from = JSON.stringify(before[key]);
        const to = JSON.stringify(next[key]);
        if (from !== to)
          changes.push({ field: key, from: JSON.parse(from) as JsonValue, to: JSON.parse(to) as JsonValue });
      }
      await work.put('readerSettings', next);
      work.audit({
        action: 'reader.settingsSave',
        object: { collection: 'readerSettings', id: SETTINGS_ID },
        summary: changes.length
          ? `大模型审读设置：${changes.map((c) => SETTING_LABELS[c.field as keyof typeof SETTING_LABELS]).join('、')}`
          : '大模型审读设置：未变更',
        changes,
        unitPath: unitPathOf(caller, grant?.unitId, tree),
      });
      const { _id: _omit, ...rest } = next;
      void _omit;
      return rest;
    });
    return settingsView(saved, tree);
  },
});

const PROBE_TIMEOUT_MS = 15_000;

export const probe = action({
  access: 'person',
  input: v.strictObject({ model: v.pipe(v.string(), v.regex(MODEL_PATTERN)) }),
  handle: async (params, ctx): Promise<ProbeResult> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'reader.probe', { kind: 'none' }, tree);
    if (!environmentModels().includes(params.model)) throw readerErrors.modelUnknown(params.model);
    const answer = await askModel(params.model, [{ role: 'user', content: '请只回复一个字：好' }], PROBE_TIMEOUT_MS);
    await recordProbe(ctx, caller, params.model, answer);
    if (answer.ok) return { model: params.model, ok: true, latencyMs: answer.latencyMs, message: '模型已答复' };
    const message =
      answer.outcome === 'timeout'
        ? `${PROBE_TIMEOUT_MS / 1000} 秒内未答复`
        : `模型未能答复（${answer.code ?? '未知错误'}），请在云开发控制台检查该模型是否已开通、额度是否用完`;
    return { model: params.model, ok: false, latencyMs: answer.latencyMs, message };
  },
});

async function recordProbe(
  ctx: HandlerContext,
  caller: Person,
  model: string,
  answer: Awaited<ReturnType<typeof askModel>>,
): Promise<void> {
  const prompt = answer.ok ? (answer.promptTokens ?? 0) : 0;
  const completion = answer.ok ? (answer.completionTokens ?? 0) : 0;
  await store.insert<CallDoc>('readerCalls', {
    _id: ctx.newId(),
    at: toBeijingIso(ctx.now),
    month: monthOf(ctx.now),
    unitId: caller.unitId,
    accountId: null,
    postId: null,
    version: null,
    purpose: 'probe',
    model,
    promptVersion: await promptVersion(),
    part: 1,
    parts: 1,
    promptTokens: prompt,
    completionTokens: completion,
    totalTokens: prompt + completion,
    latencyMs: answer.latencyMs,
    outcome: answer.ok ? 'ok' : answer.outcome,
    errorCode: answer.ok ? null : answer.code,
    findings: 0,
    dropped: 0,
    drops: [],
  });
}

// ---- the prompt ----

async function promptView(): Promise<ReaderPromptView> {
  const prompt = await loadPrompt();
  const names = prompt.doc ? await namesOf([prompt.doc.by]) : new Map<string, string>();
  return {
    version: prompt.version,
    instructions: prompt.instructions,
    items: READER_ITEMS.map((item) => ({ ...item, hint: prompt.items.find((i) => i.code === item.code)?.hint ?? '' })),
    format: ANSWER_FORMAT,
    at: prompt.doc?.at ?? null,
    byName: prompt.doc ? (names.get(prompt.doc.by) ?? '') : null,
  };
}

export const prompt = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<ReaderPromptView> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'reader.prompt', { kind: 'none' }, await loadTree());
    return promptView();
  },
});

export const promptSave = action({
  access: 'person',
  input: v.strictObject({
    expectedVersion: int(0, Number.MAX_SAFE_INTEGER),
    // Room to say "too long" in Chinese rather than refuse the request's shape.
    instructions: v.pipe(v.string(), v.maxLength(INSTRUCTIONS_MAX * 4)),
    hints: v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(16)), v.pipe(v.string(), v.maxLength(HINT_MAX * 4))),
      v.check((r) => Object.keys(r).length <= READER_ITEMS.length * 2, '补充说明过多'),
    ),
  }),
  handle: async (params, ctx): Promise<ReaderPromptView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'reader.promptSave', { kind: 'none' }, tree);
    const problems = promptProblems(params.instructions, params.hints);
    if (problems.length > 0) throw readerErrors.promptInvalid(problems);

    await runWork(ctx, { person: caller, grant }, async (work) => {
      const head = await work.get<PromptHead>('counters', PROMPT_HEAD_ID);
      const current = head?.value ?? 0;
      if (current !== params.expectedVersion) throw commonErrors.conflict();
      const base = await loadPrompt();
      if (base.version !== current) throw commonErrors.conflict();
      const next = editedPrompt(base, params.instructions, params.hints);
      const changes: FieldChange[] = [{ field: 'version', from: current, to: next.version }];
      if (next.instructions !== base.instructions)
        changes.push({ field: 'instructions', from: base.instructions, to: next.instructions });
      for (const item of next.items) {
        const before = base.items.find((i) => i.code === item.code)?.hint ?? '';
        if (before !== item.hint) changes.push({ field: `hints.${item.code}`, from: before, to: item.hint });
      }
      const changed = changes
        .slice(1)
        .map((c) =>
          c.field === 'instructions' ? '审读说明' : `${readerItem(c.field.slice(6))?.ref ?? c.field}的补充说明`,
        );
      const summary = `审读提示词 v${next.version}：${changed.length ? `修改${changed.join('、')}` : '未修改内容'}`;
      const at = toBeijingIso(ctx.now);
      await work.put<PromptDoc>('readerPrompts', {
        _id: promptDocId(next.version),
        version: next.version,
        instructions: next.instructions,
        items: next.items,
        at,
        by: caller._id,
        summary,
      });
      await work.put<PromptHead>('counters', { _id: PROMPT_HEAD_ID, value: next.version, updatedAt: at });
      work.audit({
        action: 'reader.promptSave',
        object: { collection: 'readerPrompts', id: promptDocId(next.version) },
        summary,
        changes,
        unitPath: unitPathOf(caller, grant?.unitId, tree),
      });
    });
    return promptView();
  },
});

export const promptVersions = action({
  access: 'person',
  input: v.strictObject(page),
  handle: async (params, ctx): Promise<PromptVersionsPage> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'reader.promptVersions', { kind: 'none' }, await loadTree());
    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_PAGE;
    const docs = await store.find<PromptDoc>(
      'readerPrompts',
      {},
      { orderBy: [['version', 'desc']], skip: offset, limit: limit + 1 },
    );
    const shown = docs.slice(0, limit);
    const names = await namesOf(shown.map((d) => d.by));
    return {
      items: shown.map((d) => ({ version: d.version, at: d.at, byName: names.get(d.by) ?? '', summary: d.summary })),
      nextOffset: docs.length > limit ? offset + limit : null,
    };
  },
});

export const promptPreview = action({
  access: 'person',
  input: v.strictObject({ accountKind: v.picklist(['institutional', 'personal'] as const) }),
  handle: async (params, ctx): Promise<{ system: string }> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'reader.promptPreview', { kind: 'none' }, await loadTree());
    return { system: systemPrompt(await loadPrompt(), params.accountKind) };
  },
});

// ---- the month's records ----

const unitName = (tree: UnitTree, id: string): string => tree.byId.get(id)?.name ?? id;

export const calls = action({
  access: 'person',
  input: v.strictObject({ month, ...page }),
  handle: async (params, ctx): Promise<ReaderCallsPage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'reader.calls', { kind: 'none' }, tree);
    const m = params.month ?? monthOf(ctx.now);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_PAGE;
    const docs = await store.find<CallDoc>(
      'readerCalls',
      { month: m },
      { orderBy: [['at', 'desc']], skip: offset, limit: limit + 1 },
    );
    return {
      month: m,
      items: docs.slice(0, limit).map((d) => ({
        id: d._id,
        at: d.at,
        unitId: d.unitId,
        unitName: unitName(tree, d.unitId),
        postId: d.postId,
        version: d.version,
        purpose: d.purpose,
        model: d.model,
        promptVersion: d.promptVersion,
        part: d.part,
        parts: d.parts,
        promptTokens: d.promptTokens,
        completionTokens: d.completionTokens,
        totalTokens: d.totalTokens,
        latencyMs: d.latencyMs,
        outcome: d.outcome,
        errorCode: d.errorCode,
        findings: d.findings,
        dropped: d.dropped,
      })),
      nextOffset: docs.length > limit ? offset + limit : null,
    };
  },
});

export const usage = action({
  access: 'person',
  input: v.strictObject({ month, ...page }),
  handle: async (params, ctx): Promise<UsagePage> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'reader.usage', { kind: 'none' }, tree);
    const m = params.month ?? monthOf(ctx.now);
    const offset = params.offset ?? 0;
    const limit = params.limit ?? DEFAULT_PAGE;
    const [docs, current] = await Promise.all([
      store.find<UsageDoc>(
        'readerUsage',
        { month: m },
        { orderBy: [['tokens', 'desc']], skip: offset, limit: limit + 1 },
      ),
      loadSettings(),
    ]);
    return {
      month: m,
      items: docs.slice(0, limit).map((d) => ({
        unitId: d.unitId,
        unitName: unitName(tree, d.unitId),
        tokens: d.tokens,
        calls: d.calls,
        budget: budgetOf(current, d.unitId),
      })),
      nextOffset: docs.length > limit ? offset + limit : null,
    };
  },
});

const STATS_MAX = 100;

export const stats = action({
  access: 'person',
  input: v.strictObject({ month }),
  handle: async (params, ctx): Promise<JudgementStats> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'reader.stats', { kind: 'none' }, await loadTree());
    const m = params.month ?? monthOf(ctx.now);
    const docs = await store.find<StatsDoc>('readerStats', { month: m }, { limit: STATS_MAX });
    const models = docs
      .map((d) => {
        const items = READER_ITEMS.flatMap((item) => {
          const c = d.items.find((i) => i.item === item.code);
          return c ? [{ item: item.code, ref: item.ref, title: item.title, right: c.right, wrong: c.wrong }] : [];
        });
        return {
          model: d.model,
          promptVersion: d.promptVersion,
          items,
          right: items.reduce((n, i) => n + i.right, 0),
          wrong: items.reduce((n, i) => n + i.wrong, 0),
        };
      })
      .sort((a, b) => a.model.localeCompare(b.model) || b.promptVersion - a.promptVersion);
    return { month: m, models };
  },
});
