/**
 * 组合规则 (第十七条, 第十八、四十、四十一条): the combination rules screening reads with the lexicon,
 * by category and searchable, on the shared list behaviour. 省厅政治部宣传处 adds, edits and imports
 * them (第七条); everyone who may read the lexicon may read them and try a text on the test bench.
 */
import type { RuleCategoryCount, RuleView, ScreeningCategoryId } from '../../../../../typings/screening';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  type ChunkResult,
  type ListData,
  type ListMethods,
} from '../../../../services/list';
import { openPage } from '../../../../services/navigation';
import type { ValueEvent } from '../../../../utils/events';
import { doubtLabel, groupsSummary, scopeLabel } from '../../rule-text';

const PAGE_SIZE = 30;
export const RULE_PAGE = '/packages/screening/pages/rule/index';

interface RuleRow {
  id: string;
  name: string;
  /** 第十七条（一）7 涉及国家秘密… · 禁止发布 */
  label: string;
  /** The groups as written: 殴打、打伤… + 民警、警察… */
  terms: string;
  scope: string;
  /** 语义复核: why its hits need 语义研判's assent; '' when trusted. */
  doubt: string;
}

interface Query {
  /** '' = every category. */
  category: ScreeningCategoryId | '';
  search: string;
}

interface CategoryOption {
  id: ScreeningCategoryId | '';
  label: string;
}

interface RulesData extends ListData<RuleRow, Query> {
  version: number;
  canEdit: boolean;
  categoryOptions: CategoryOption[];
  categoryIndex: number;
  search: string;
}

interface RulesCustom extends ListMethods<Query> {
  /** Shown once already: coming back refreshes in place. */
  shown: boolean;
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Query, next: number | null): Promise<ChunkResult<RuleRow, number>>;
  onCategory(event: ValueEvent<{ value: string }>): Promise<void>;
  onSearchInput(event: ValueEvent<string>): void;
  onSearch(event: ValueEvent<string>): Promise<void>;
  onSearchClear(): Promise<void>;
  onOpen(event: { currentTarget: { dataset: { id: string } } }): void;
  onNew(): void;
  onBench(): void;
  onImport(): void;
  onWording(): void;
}

const ALL: CategoryOption = { id: '', label: '全部类别' };

function row(r: RuleView): RuleRow {
  return {
    id: r.id,
    name: r.name,
    label: `${r.ref} ${r.categoryTitle} · ${r.effectLabel}`,
    terms: groupsSummary(r.groups),
    scope: scopeLabel(r),
    doubt: doubtLabel(r),
  };
}

const options = (categories: readonly RuleCategoryCount[]): CategoryOption[] => [
  ALL,
  ...categories.map((c) => ({ id: c.id, label: `${c.ref} ${c.title}（${c.count}）` })),
];

Page<RulesData, RulesCustom>({
  data: {
    ...listData<RuleRow, Query>({ category: '', search: '' }),
    version: 0,
    canEdit: false,
    categoryOptions: [ALL],
    categoryIndex: 0,
    search: '',
  },
  ...listBehaviour<RuleRow, Query, number>({ key: (r) => r.id }),

  shown: false,

  onShow() {
    // Back from the editor: the rules may have changed; the rows stay while they reload.
    if (this.shown) void this.refreshList();
    else void this.reloadList();
    this.shown = true;
  },

  async fetchPage(query, next) {
    const res = await call('screen', 'ruleList', {
      ...(query.category ? { category: query.category } : {}),
      ...(query.search.trim() ? { search: query.search.trim() } : {}),
      ...(next === null ? {} : { offset: next }),
      limit: PAGE_SIZE,
    });
    return chunkOf(res, (page) => {
      const categoryOptions = options(page.categories);
      return {
        rows: page.items.map(row),
        next: page.nextOffset,
        extra: {
          version: page.version,
          canEdit: page.canEdit,
          categoryOptions,
          categoryIndex: Math.max(
            categoryOptions.findIndex((o) => o.id === query.category),
            0,
          ),
        },
      };
    });
  },

  async onCategory(event) {
    const option = this.data.categoryOptions[Number(event.detail.value)] ?? ALL;
    this.setData({ categoryIndex: Number(event.detail.value) });
    await this.setQuery({ category: option.id });
  },

  onSearchInput(event) {
    this.setData({ search: event.detail });
  },

  async onSearch(event) {
    await this.setQuery({ search: event.detail });
  },

  async onSearchClear() {
    this.setData({ search: '' });
    await this.setQuery({ search: '' });
  },

  onOpen(event) {
    openPage(`${RULE_PAGE}?id=${event.currentTarget.dataset.id}`);
  },

  onNew() {
    openPage(RULE_PAGE);
  },

  onBench() {
    openPage(`${RULE_PAGE}?bench=1`);
  },

  onImport() {
    openPage('/packages/screening/pages/rule-import/index');
  },

  onWording() {
    openPage('/packages/screening/pages/wording/index');
  },
});
