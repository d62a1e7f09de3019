/** Answers of the linkage function for the linkage pages' tests (第三十四条). */
import type {
  Board,
  DirectiveDetail,
  DirectiveSummary,
  DirectiveView,
  MyDirective,
  ResponseView,
  TallyRow,
  TargetRow,
} from '../../typings/linkage';
import { openPage, type PageHarness } from './simulate';

const opened: PageHarness<unknown>[] = [];

/** Opens a linkage page and remembers it, so `unloadPages` stops its countdown as WeChat would. */
export async function openTicking<D>(route: string, query: Record<string, string> = {}): Promise<PageHarness<D>> {
  const page = await openPage<D>(route, query);
  opened.push(page as PageHarness<unknown>);
  return page;
}

/** Unloads every page opened by `openTicking` (their timers stop). */
export function unloadPages(): void {
  for (const page of opened.splice(0)) (page.root.instance as { onUnload?(): void }).onUnload?.();
}

export function summary(over: Partial<DirectiveSummary> = {}): DirectiveSummary {
  return {
    id: 'd1',
    rev: 3,
    kind: 'opinion',
    kindLabel: '涉警舆情处置',
    title: '澄清网传不实信息',
    state: 'open',
    stateLabel: '进行中',
    issuerName: '周芳',
    deskName: '湖南省公安厅政治部宣传处',
    scopeUnitName: '湖南省公安厅',
    targetsLabel: '湖南省公安厅全部账号',
    issuedAt: '2026-12-01T09:00:00.000+08:00',
    dueAt: '2026-12-01T10:00:00.000+08:00',
    closesAt: '2026-12-01T10:30:00.000+08:00',
    windowMinutes: 60,
    targetCount: 4,
    reachableAccounts: 3,
    correctionOf: null,
    correctionOfTitle: null,
    fanout: { phase: 'done', notices: 3, doneAt: '2026-12-01T09:00:02.000+08:00' },
    ...over,
  };
}

export function detail(over: Partial<DirectiveDetail> = {}): DirectiveDetail {
  return {
    ...summary(over),
    content: '请转发省厅官方微博发布的警情通报。',
    link: 'https://weibo.com/hngaj/1',
    wording: '以警方通报为准，不信谣、不传谣。',
    responseKinds: ['repost', 'original', 'comment'],
    graceMinutes: 30,
    reminderAts: ['2026-12-01T09:30:00.000+08:00', '2026-12-01T09:50:00.000+08:00'],
    withdrawal: null,
    closedAt: null,
    corrections: [],
    ...over,
  };
}

export function response(over: Partial<ResponseView> = {}): ResponseView {
  return {
    kind: 'repost',
    kindLabel: '转发',
    link: 'https://weibo.com/cs/1',
    screenshot: null,
    note: '',
    postId: null,
    byName: '王明',
    at: '2026-12-01T09:12:00.000+08:00',
    elapsedMs: 12 * 60_000,
    elapsedLabel: '12 分 00 秒',
    late: false,
    afterClose: false,
    ...over,
  };
}

export function row(over: Partial<TargetRow> = {}): TargetRow {
  return {
    directiveId: 'd1',
    accountId: 'acc-cs-weibo',
    accountName: '长沙警事',
    platform: 'weibo',
    platformLabel: '微博',
    unitName: '长沙市公安局',
    state: 'pending',
    stateLabel: '未响应',
    reachable: true,
    response: null,
    ...over,
  };
}

export function view(over: Partial<DirectiveView> = {}, directive: Partial<DirectiveDetail> = {}): DirectiveView {
  return {
    directive: detail(directive),
    remainingMs: 48 * 60_000,
    mine: [row()],
    canBoard: false,
    canWithdraw: false,
    ...over,
  };
}

export function mine(over: Partial<MyDirective> = {}, directive: Partial<DirectiveSummary> = {}): MyDirective {
  return { directive: summary(directive), remainingMs: 48 * 60_000 + 5_000, accounts: [row()], ...over };
}

export function tally(over: Partial<TallyRow> = {}): TallyRow {
  return {
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    drillable: true,
    targets: 4,
    reachable: 3,
    onTime: 2,
    late: 1,
    silent: 1,
    afterClose: 0,
    ...over,
  };
}

export function board(over: Partial<Board> = {}): Board {
  return {
    directive: summary(),
    remainingMs: 40 * 60_000,
    unitId: 'u-hn',
    unitName: '湖南省公安厅',
    total: tally({ unitId: 'u-hn', unitName: '湖南省公安厅', drillable: false }),
    rows: [tally()],
    items: [
      row({ accountId: 'acc-cs-wechat-service', accountName: '长沙公安服务', platformLabel: '微信服务号' }),
      row({
        accountId: 'acc-ly-weibo',
        accountName: '浏阳公安',
        state: 'late',
        stateLabel: '超时响应',
        response: response({ elapsedLabel: '1 小时 15 分', late: true, screenshot: 'cloud://env.b/s.png' }),
      }),
    ],
    nextOffset: null,
    canWithdraw: true,
    path: [],
    ...over,
  };
}
