/**
 * 选择申请单位: the opening form's unit picker (第十条). Lists every unit the caller may apply for
 * (account.applicantUnits, in tree order), searched by name through the shared list behaviour; a tap
 * hands the unit back to the form through the page's event channel (`picked`) and closes.
 * `?current=` marks the form's unit.
 */
import type { ApplicantUnit } from '../../../../../typings/account';
import { call } from '../../../../services/api';
import {
  chunkOf,
  listBehaviour,
  listData,
  nextOffset,
  type ListData,
  type ListFields,
  type ListMethods,
  type ListSource,
} from '../../../../services/list';
import type { DatasetEvent, ValueEvent } from '../../../../utils/events';
import type { PickedUnit } from '../../utils/accounts';

const PAGE_SIZE = 30;

interface Query {
  search: string;
}

interface UnitRow extends ApplicantUnit {
  /** 上级：… where the name does not already say it (every county has its 交警大队). */
  label: string;
}

const rowOf = (u: ApplicantUnit): UnitRow => ({
  ...u,
  label: u.parentName && !u.name.startsWith(u.parentName) ? `上级：${u.parentName}` : '',
});

interface PickData extends ListData<UnitRow, Query> {
  current: string;
}

interface PickCustom extends ListFields<number>, ListSource<UnitRow, Query, number>, ListMethods<Query> {
  onSearch(event: ValueEvent<string>): void;
  onSearchClear(): void;
  onPick(event: DatasetEvent<{ id: string }>): void;
}

Page<PickData, PickCustom>({
  data: { ...listData<UnitRow, Query>({ search: '' }), current: '' },
  ...listBehaviour<UnitRow, Query, number>({ key: (u) => u.id }),

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ current: query.current ?? '' });
    void this.reloadList();
  },

  async fetchPage(query, next) {
    const params = { limit: PAGE_SIZE, ...(next === null ? {} : { offset: next }) };
    const res = await call('account', 'applicantUnits', query.search ? { ...params, search: query.search } : params);
    return chunkOf(res, (page) => ({
      rows: page.items.map(rowOf),
      next: nextOffset(next, page.items.length, page.nextOffset !== null),
    }));
  },

  onSearch(event) {
    void this.setQuery({ search: event.detail.trim() });
  },

  onSearchClear() {
    void this.setQuery({ search: '' });
  },

  onPick(event) {
    const unit = this.data.list.items.find((u) => u.id === event.currentTarget.dataset.id);
    if (!unit) return;
    const picked: PickedUnit = { id: unit.id, name: unit.name };
    // Opened without `events` (a shared link): there is no form to hand the unit to, so just go back.
    this.getOpenerEventChannel().emit?.('picked', picked);
    void wx.navigateBack({ delta: 1 });
  },
});
