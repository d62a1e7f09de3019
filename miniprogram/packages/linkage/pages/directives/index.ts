/**
 * The directives reaching the caller's bureau, newest first (第三十四条): for the province desk every
 * directive it issued, for a city desk its own and the province's that call its accounts, for a
 * responsible leader those of their bureau. Each opens its board; the desk that may issue issues here.
 */
import type { DirectiveSummary } from '../../../../../typings/linkage';
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
import type { DatasetEvent } from '../../../../utils/events';
import { formatBeijingShort } from '../../../../utils/time';
import { DIRECTIVE_TAGS, PAGES } from '../../utils/linkage';

const PAGE_SIZE = 20;

interface DirectiveRow {
  id: string;
  title: string;
  label: string;
  kind: string;
  state: string;
  tag: string;
}

interface DirectivesData extends ListData<DirectiveRow, Record<string, never>> {
  canIssue: boolean;
  canConfigure: boolean;
}

interface DirectivesCustom extends ListMethods<Record<string, never>> {
  listSeq: number;
  listNext: number | null;
  fetchPage(query: Record<string, never>, next: number | null): Promise<ChunkResult<DirectiveRow, number>>;
  onItemTap(event: DatasetEvent<{ id: string }>): void;
  onIssue(): void;
  onSettings(): void;
}

function toRow(d: DirectiveSummary): DirectiveRow {
  const correction = d.correctionOfTitle ? `更正《${d.correctionOfTitle}》｜` : '';
  return {
    id: d.id,
    title: d.title,
    label: `${correction}${formatBeijingShort(d.issuedAt)} ${d.issuerName}｜${d.targetsLabel} ${d.targetCount} 个账号｜${d.windowMinutes} 分钟`,
    kind: d.kindLabel,
    state: d.stateLabel,
    tag: DIRECTIVE_TAGS[d.state],
  };
}

Page<DirectivesData, DirectivesCustom>({
  data: {
    ...listData<DirectiveRow, Record<string, never>>({}),
    canIssue: false,
    canConfigure: false,
  },
  ...listBehaviour<DirectiveRow, Record<string, never>, number>({ key: (row) => row.id }),

  onShow() {
    void this.refreshList();
  },

  async fetchPage(_query, next) {
    const res = await call('linkage', 'list', { offset: next ?? 0, limit: PAGE_SIZE });
    return chunkOf(res, (page) => ({
      rows: page.items.map(toRow),
      next: page.nextOffset,
      extra: { canIssue: page.canIssue, canConfigure: page.canConfigure },
    }));
  },

  onItemTap(event) {
    openPage(`${PAGES.board}?id=${event.currentTarget.dataset.id}`);
  },

  onIssue() {
    openPage(PAGES.issue);
  },

  onSettings() {
    openPage(PAGES.settings);
  },
});
