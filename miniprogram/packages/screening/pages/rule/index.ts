/**
 * 规则编辑 with its test bench (第十七条, 第十八、四十、四十一条). 省厅政治部宣传处 writes a combination
 * rule — groups of terms that must stand together in one sentence or within some characters,
 * exclusions that cancel it, its item and effect — pastes a text and sees, before saving, what the
 * whole screening makes of it with the draft in place: every span marked, the draft's own reading
 * (fired, or why not) and every other rule whose terms occur. Others open the page read-only and may
 * still try texts. `?id=` opens a rule, `?bench=1` the bench alone, `?text=` fills the bench and runs it.
 */
import type { AccountKind } from '../../../../../typings/org';
import type {
  RuleDraft,
  RuleTermSpan,
  RuleTrace,
  RuleView,
  ScreeningCategoryId,
  ScreeningEffect,
  ScreeningHit,
  SensitivityLevel,
} from '../../../../../typings/screening';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { ValueEvent } from '../../../../utils/events';
import type { SegmentedOption } from '../../../../components/segmented/index';
import { doubtLabel, formatGroups, parseGroups } from '../../rule-text';

interface CategoryOption {
  id: ScreeningCategoryId;
  label: string;
  /** The effect its article gives a new rule (第十七条（一） 禁止发布, （二） 审慎发布 at its level). */
  effect: ScreeningEffect;
  levelFloor: SensitivityLevel | null;
}

interface TraceRow {
  key: string;
  name: string;
  ref: string;
  fired: boolean;
  /** 命中 or why not. */
  verdict: string;
  /** The rule's terms found: 第1组“殴打”、排除“被殴打”… */
  terms: string;
}

type Within = 'sentence' | 'window';

interface RuleData extends LoadState {
  id: string;
  revision: number;
  canEdit: boolean;
  /** Opened as the bench alone: no rule form. */
  benchOnly: boolean;
  categories: CategoryOption[];
  categoryIndex: number;
  name: string;
  effect: ScreeningEffect;
  levelFloor: SensitivityLevel;
  /** The choices of 效果 and 最低等级, one line each on a phone. */
  effectOptions: readonly SegmentedOption[];
  levelOptions: readonly SegmentedOption[];
  groupsText: string;
  excludeText: string;
  within: Within;
  windowChars: string;
  ordered: boolean;
  note: string;
  history: string;
  /** 语义复核's record of the stored rule, in words; '' when it is trusted. */
  doubt: string;
  // the bench
  sample: string;
  accountKind: AccountKind;
  tested: boolean;
  testedText: string;
  hits: ScreeningHit[];
  summary: string;
  problems: string[];
  draft: TraceRow | null;
  /** Other rules that fired, then those whose terms occur without firing (folded). */
  traces: TraceRow[];
  /** 语义复核: rules, terms and cue detectors that fired, set aside because the model reads no such item. */
  aside: TraceRow[];
  asideTerms: string;
  asideChecks: string;
  unfired: TraceRow[];
  showUnfired: boolean;
  /** 规范表述 found in the text. */
  wording: string[];
  busy: boolean;
  saveError: string;
  confirmRemove: boolean;
}

type TextField = 'name' | 'groupsText' | 'excludeText' | 'windowChars' | 'note' | 'sample';

interface RuleCustom {
  loadSeq: number;
  query: { id?: string; bench?: string; text?: string };
  load(): Promise<void>;
  show(rule: RuleView): void;
  draftOf(): RuleDraft;
  onRetry(): void;
  onField(event: ValueEvent<string> & { currentTarget: { dataset: { field: TextField } } }): void;
  onCategory(event: ValueEvent<{ value: string }>): void;
  onEffect(event: ValueEvent<ScreeningEffect>): void;
  onLevelFloor(event: ValueEvent<SensitivityLevel>): void;
  onWithin(event: ValueEvent<Within>): void;
  onOrdered(event: ValueEvent<boolean>): void;
  onAccountKind(event: ValueEvent<AccountKind>): void;
  onToggleUnfired(): void;
  onTest(): Promise<void>;
  onSave(): Promise<void>;
  onRemoveTap(): void;
  onRemoveCancel(): void;
  onRemoveConfirm(): Promise<void>;
}

const VERDICT_LEVEL: Readonly<Record<SensitivityLevel, string>> = {
  ordinary: '一般',
  major: '重大敏感',
  especiallyMajor: '特别重大敏感',
};

const EFFECT_OPTIONS: readonly SegmentedOption[] = [
  { name: 'block', label: '禁止发布' },
  { name: 'caution', label: '审慎发布' },
  { name: 'triage', label: '留言处置' },
];

const LEVEL_OPTIONS: readonly SegmentedOption[] = (['ordinary', 'major', 'especiallyMajor'] as const).map((name) => ({
  name,
  label: VERDICT_LEVEL[name],
}));

function slotLabel(slot: number): string {
  return slot >= 0 ? `第${slot + 1}组` : `排除${-slot}`;
}

function termsOf(terms: readonly RuleTermSpan[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of terms) {
    const key = `${t.slot}|${t.matched}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`${slotLabel(t.slot)}“${t.matched}”`);
  }
  return out.length > 0 ? `出现：${out.join('、')}` : '';
}

function traceRow(t: RuleTrace, key: string): TraceRow {
  return {
    key,
    name: t.name,
    ref: `${t.ref} ${t.effectLabel}`,
    fired: t.fired,
    verdict: t.fired ? `命中 ${t.hits.length} 处` : t.setAside ? (t.reason ?? '') : `未命中：${t.reason ?? ''}`,
    terms: termsOf(t.terms),
  };
}

/** The form's effect fields for a category's default effect. */
const effectOf = (c: CategoryOption): Pick<RuleData, 'effect' | 'levelFloor'> => ({
  effect: c.effect,
  levelFloor: c.levelFloor ?? 'major',
});

/** A link's text, encoded by whoever built the link; a stray % is left as it is. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function resultSummary(blocked: boolean, level: SensitivityLevel, count: number): string {
  if (count === 0) return '未发现问题';
  if (blocked) return `共 ${count} 处提示，禁止发布`;
  return level === 'ordinary' ? `共 ${count} 处提示` : `共 ${count} 处提示，至少为“${VERDICT_LEVEL[level]}”信息`;
}

Page<RuleData, RuleCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    id: '',
    revision: 0,
    canEdit: false,
    benchOnly: false,
    categories: [],
    categoryIndex: 0,
    name: '',
    effect: 'block',
    levelFloor: 'major',
    effectOptions: EFFECT_OPTIONS,
    levelOptions: LEVEL_OPTIONS,
    groupsText: '',
    excludeText: '',
    within: 'sentence',
    windowChars: '30',
    ordered: false,
    note: '',
    history: '',
    doubt: '',
    sample: '',
    accountKind: 'institutional',
    tested: false,
    testedText: '',
    hits: [],
    summary: '',
    problems: [],
    draft: null,
    traces: [],
    aside: [],
    asideTerms: '',
    asideChecks: '',
    unfired: [],
    showUnfired: false,
    wording: [],
    busy: false,
    saveError: '',
    confirmRemove: false,
  },
  loadSeq: 0,
  query: {},

  onLoad(query) {
    this.query = { id: query.id, bench: query.bench, text: query.text ? decoded(query.text) : undefined };
    const benchOnly = !query.id && query.bench === '1';
    this.setData({ benchOnly, sample: this.query.text ?? '' });
    if (query.id || benchOnly) void wx.setNavigationBarTitle({ title: benchOnly ? '规则试算' : '规则详情' });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const page = await latestData(this, call('screen', 'ruleList', { limit: 1 }));
    if (!page) return;
    const categories = page.categories.map((c) => ({
      id: c.id,
      label: `${c.ref} ${c.title}`,
      effect: c.effect,
      levelFloor: c.levelFloor,
    }));
    this.setData({ categories, canEdit: page.canEdit });
    // A new rule starts with its category's effect, not 禁止发布 whatever the category.
    if (!this.query.id && categories[0]) this.setData(effectOf(categories[0]));
    if (this.query.id) {
      const got = await latestData(this, call('screen', 'ruleGet', { id: this.query.id }));
      if (!got) return;
      this.setData({ canEdit: got.canEdit });
      this.show(got.rule);
    } else if (!this.data.benchOnly && !page.canEdit) {
      this.setData({ status: 'error', errorMessage: '组合规则由省厅政治部宣传处维护，当前账号无权新建' });
      return;
    }
    this.setData({ status: 'ready' });
    if (this.data.sample.trim()) await this.onTest();
  },

  show(rule) {
    this.setData({
      id: rule.id,
      revision: rule.revision,
      categoryIndex: Math.max(
        this.data.categories.findIndex((c) => c.id === rule.category),
        0,
      ),
      name: rule.name,
      effect: rule.effect,
      levelFloor: rule.levelFloor ?? 'major',
      groupsText: formatGroups(rule.groups),
      excludeText: formatGroups(rule.exclude),
      within: rule.within.kind,
      windowChars: rule.within.kind === 'window' ? String(rule.within.chars) : '30',
      ordered: rule.ordered,
      note: rule.note,
      history: `词库 v${rule.addedIn} 新增${rule.changedIn ? `，v${rule.changedIn} 修改` : ''}，第 ${rule.revision} 版`,
      doubt: doubtLabel(rule),
    });
  },

  /** The form as the contract's draft; the server says what cannot be saved. */
  draftOf() {
    const d = this.data;
    const chars = Number.parseInt(d.windowChars, 10);
    return {
      name: d.name.trim(),
      category: d.categories[d.categoryIndex]?.id ?? 'reputation',
      effect: d.effect,
      levelFloor: d.effect === 'caution' ? d.levelFloor : null,
      groups: parseGroups(d.groupsText),
      exclude: parseGroups(d.excludeText),
      within:
        d.within === 'sentence' ? { kind: 'sentence' } : { kind: 'window', chars: Number.isNaN(chars) ? 0 : chars },
      ordered: d.ordered,
      note: d.note.trim(),
    };
  },

  onField(event) {
    const { field } = event.currentTarget.dataset;
    this.setData({ [field]: event.detail, saveError: '' });
  },
  onCategory(event) {
    const categoryIndex = Number(event.detail.value);
    const category = this.data.categories[categoryIndex];
    // Another item is another article: its effect comes with it; the editor may still change it.
    this.setData({ categoryIndex, ...(category ? effectOf(category) : {}), saveError: '' });
  },
  onEffect(event) {
    this.setData({ effect: event.detail, saveError: '' });
  },
  onLevelFloor(event) {
    this.setData({ levelFloor: event.detail, saveError: '' });
  },
  onWithin(event) {
    this.setData({ within: event.detail, saveError: '' });
  },
  onOrdered(event) {
    this.setData({ ordered: event.detail, saveError: '' });
  },
  onAccountKind(event) {
    this.setData({ accountKind: event.detail });
  },

  onToggleUnfired() {
    this.setData({ showUnfired: !this.data.showUnfired });
  },

  async onTest() {
    const text = this.data.sample;
    if (!text.trim() || this.data.busy) return;
    this.setData({ busy: true });
    const withDraft = !this.data.benchOnly;
    const res = await call('screen', 'ruleTest', {
      text,
      accountKind: this.data.accountKind,
      ...(withDraft ? { rule: this.draftOf() } : {}),
      ...(withDraft && this.data.id ? { id: this.data.id } : {}),
    });
    this.setData({ busy: false });
    if (!res.ok) {
      void wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    const { result, draft, rules } = res.data;
    this.setData({
      tested: true,
      testedText: text,
      hits: result.hits,
      summary: resultSummary(result.blocked, result.level, result.hits.length),
      problems: draft?.problems.map((p) => p.message) ?? [],
      draft: draft?.trace ? traceRow(draft.trace, 'draft') : null,
      traces: rules.filter((t) => t.fired).map((t, i) => traceRow(t, `f${i}`)),
      aside: rules.filter((t) => t.setAside === true).map((t, i) => traceRow(t, `a${i}`)),
      asideTerms: (result.setAside ?? [])
        .filter((h) => h.source === 'lexicon')
        .map((h) => `“${h.matched}”（${h.title}）`)
        .join('、'),
      asideChecks: (result.setAside ?? [])
        .filter((h) => h.source !== 'lexicon' && h.source !== 'rule' && h.source !== 'classifier')
        .map((h) => `${h.rule}“${h.matched}”（${h.title}）`)
        .join('、'),
      unfired: rules.filter((t) => !t.fired && t.setAside !== true).map((t, i) => traceRow(t, `u${i}`)),
      showUnfired: false,
      wording: result.suggestions.map((w) => `“${w.matched}”宜改为“${w.correct}”：${w.reason}`),
    });
  },

  async onSave() {
    if (!this.data.canEdit || this.data.busy) return;
    this.setData({ busy: true, saveError: '' });
    const rule = this.draftOf();
    const res = await call(
      'screen',
      'ruleSave',
      this.data.id ? { id: this.data.id, expectedRevision: this.data.revision, rule } : { rule },
    );
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ saveError: res.error.message });
      return;
    }
    this.show(res.data.rule);
    void wx.setNavigationBarTitle({ title: '规则详情' });
    void wx.showToast({
      title: res.data.unchanged ? '没有改动' : `已保存，词库 v${res.data.version}`,
      icon: res.data.unchanged ? 'none' : 'success',
    });
  },

  onRemoveTap() {
    if (this.data.canEdit && this.data.id) this.setData({ confirmRemove: true });
  },

  onRemoveCancel() {
    this.setData({ confirmRemove: false });
  },

  async onRemoveConfirm() {
    this.setData({ confirmRemove: false, busy: true });
    const res = await call('screen', 'ruleRemove', { id: this.data.id, expectedRevision: this.data.revision });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ saveError: res.error.message });
      return;
    }
    void wx.showToast({ title: `已删除，词库 v${res.data.version}`, icon: 'success' });
    void wx.navigateBack({ delta: 1 });
  },
});
