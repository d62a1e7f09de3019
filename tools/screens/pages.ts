/**
 * Who looks at each page in `npm run screens`, and with which query. Every page of app.json
 * (subpackages included) is rendered; a page with no entry here is rendered as demo-operator-a with
 * no query (the run says so). Add your pages in your own block; a page may have several entries
 * (`variant` names the extra pictures: docs/screens/<route>--<variant>.png).
 *
 * `query` may look ids up in the demo data through `demo.call` (the same functions, as that identity).
 */
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '../../typings/api';

export interface DemoApi {
  /** Calls an action of the demo local cloud as `openid`; a refusal throws. */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    params: ParamsOf<F, A>,
    openid: string,
  ): Promise<ResultOf<F, A>>;
}

export interface ScreenSpec {
  /** As in app.json: `pages/home/index`, or a subpackage's `packages/linkage/pages/board/index`. */
  route: string;
  /** The demo identity (x-wx-openid) the page is seen as. */
  as: string;
  /** A second picture of the same page: `<route>--<variant>.png`. */
  variant?: string;
  query?: (demo: DemoApi) => Promise<Record<string, string>>;
}

const first = <T>(items: readonly T[], what: string): T => {
  const [item] = items;
  if (item === undefined) throw new Error(`演示数据中没有${what}`);
  return item;
};

/** A draft of operator A's, saved under `clientKey` (the same one on every run), for the editor's pictures. */
async function operatorDraft(demo: DemoApi, clientKey: string, title: string, text: string): Promise<string> {
  const accounts = await demo.call('post', 'list', { states: ['draft'] }, 'demo-operator-a');
  const saved = await demo.call(
    'post',
    'draftSave',
    {
      accountId: first(accounts.items, '草稿').accountId,
      clientKey,
      content: { title, text, images: [], kind: 'original', source: null },
      nature: 'official',
      declaredLevel: 'ordinary',
      sourceVerified: false,
      plannedAt: null,
    },
    'demo-operator-a',
  );
  return saved.id;
}

/** 语义复核's pictures: a training notice whose 命案 term and rule the model reads as no major case. */
const SET_ASIDE_TITLE = '业务培训';
const SET_ASIDE_TEXT = '市局组织开展命案现场勘查业务培训，全市80余名刑侦民警参加。';

/** The same notice submitted, as the reviewer opens it (submitted once: the draft's clientKey is fixed). */
async function submittedSetAside(demo: DemoApi): Promise<Record<string, string>> {
  const id = await operatorDraft(demo, 'screens-set-aside-submitted', SET_ASIDE_TITLE, SET_ASIDE_TEXT);
  const { items } = await demo.call('post', 'list', { states: ['draft'] }, 'demo-operator-a');
  const draft = items.find((p) => p.id === id);
  if (draft) await demo.call('post', 'submit', { postId: id, expectedRev: draft.rev }, 'demo-operator-a');
  return { id };
}

/** The first 审慎发布 rule with a level floor, read page by page (the default rules fill several pages). */
async function flooredCautionRule(demo: DemoApi, as: string): Promise<string> {
  let offset: number | null = 0;
  while (offset !== null) {
    const page: ResultOf<'screen', 'ruleList'> = await demo.call('screen', 'ruleList', { limit: 100, offset }, as);
    const floored = page.items.find((r) => r.effect === 'caution' && r.levelFloor !== 'ordinary');
    if (floored) return floored.id;
    offset = page.nextOffset;
  }
  return first([], '审慎发布的组合规则');
}

/** The demo reviewer's waiting post of that title (the reader's demo posts, tools/seed.ts seedReader). */
const waitingPost =
  (title: string) =>
  async (demo: DemoApi): Promise<Record<string, string>> => {
    const waiting = await demo.call('post', 'approvals', {}, 'demo-reviewer');
    const post = waiting.items.find((i) => i.title === title);
    if (!post) throw new Error(`演示数据中没有待审核的《${title}》`);
    return { id: post.postId };
  };

/** The month before the demo clock's (the evaluation seed evaluates and releases it). */
async function lastMonth(demo: DemoApi): Promise<{ month: string }> {
  const { now } = await demo.call('system', 'ping', {}, 'demo-province-propaganda');
  const [y, m] = now.slice(0, 7).split('-').map(Number);
  return { month: m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}` };
}

export const screens: ScreenSpec[] = [
  // --- workbench, inbox, me, bind ---
  { route: 'pages/home/index', as: 'demo-operator-a' },
  { route: 'pages/home/index', as: 'demo-reviewer', variant: 'reviewer' },
  { route: 'pages/home/index', as: 'demo-province-propaganda', variant: 'province-desk' },
  { route: 'pages/inbox/index', as: 'demo-reviewer' },
  { route: 'pages/me/index', as: 'demo-operator-a' },
  { route: 'pages/bind/index', as: 'demo-newcomer' },

  // --- posts ---
  { route: 'pages/drafts/index', as: 'demo-operator-a' },
  {
    route: 'pages/post-edit/index',
    as: 'demo-operator-a',
    query: async (demo) => {
      const list = await demo.call('post', 'list', { states: ['draft'] }, 'demo-operator-a');
      return { id: first(list.items, '草稿').id };
    },
  },
  {
    route: 'pages/post-detail/index',
    as: 'demo-leader',
    query: async (demo) => {
      const waiting = await demo.call('post', 'approvals', {}, 'demo-leader');
      return { id: first(waiting.items, '待分管领导审批的稿件').postId };
    },
  },
  { route: 'pages/approvals/index', as: 'demo-city-propaganda' },
  {
    route: 'pages/approvals/index',
    as: 'demo-operator-a',
    variant: 'submitted',
    query: async () => ({ box: 'submitted' }),
  },
  { route: 'pages/approvals/index', as: 'demo-reviewer', variant: 'decided', query: async () => ({ box: 'decided' }) },
  // hardening (issue 11, 第十六条): the editor of a post whose level the reviewer raised keeps it.
  {
    route: 'pages/post-edit/index',
    as: 'demo-operator-a',
    variant: 'raised',
    query: async (demo) => {
      const list = await demo.call(
        'post',
        'list',
        { accountId: 'acc-cs-wechat-sub', states: ['inReview'] },
        'demo-operator-a',
      );
      return { id: first(list.items, '审核中的稿件').id };
    },
  },
  { route: 'pages/cadence/index', as: 'demo-operator-a' },

  // --- messages and referrals ---
  { route: 'pages/messages/index', as: 'demo-operator-a' },
  {
    route: 'pages/message-record/index',
    as: 'demo-operator-a',
    query: async () => ({ accountId: 'acc-cs-weibo', accountName: encodeURIComponent('长沙警事') }),
  },
  {
    route: 'pages/message-detail/index',
    as: 'demo-operator-a',
    query: async (demo) => {
      const page = await demo.call('referral', 'messages', { state: 'received' }, 'demo-operator-a');
      return { id: first(page.items, '待分类的留言').id };
    },
  },
  { route: 'pages/referrals/index', as: 'demo-handler-criminal' },
  {
    route: 'pages/referral-detail/index',
    as: 'demo-handler-criminal',
    query: async (demo) => {
      const list = await demo.call('referral', 'list', {}, 'demo-handler-criminal');
      return { id: first(list.items, '刑侦支队的流转事项').id };
    },
  },
  { route: 'pages/calendar/index', as: 'demo-province-propaganda' },

  // --- organisation ---
  { route: 'pages/people/index', as: 'demo-admin' },
  { route: 'pages/person/index', as: 'demo-admin', query: async () => ({ id: 'p-cs-operator-a', unitId: 'u-cs' }) },
  {
    route: 'pages/invite/index',
    as: 'demo-admin',
    query: async () => ({ personId: 'p-cs-operator-a', name: encodeURIComponent('王明') }),
  },
  { route: 'pages/unit/index', as: 'demo-admin' },
  { route: 'pages/accounts/index', as: 'demo-admin' },
  // the desk that approves 长沙's accounts (one level up) may also register older ones (第十条)
  {
    route: 'pages/accounts/index',
    as: 'demo-province-propaganda',
    variant: 'desk',
    query: async () => ({ unitId: 'u-cs' }),
  },
  { route: 'pages/account/index', as: 'demo-admin', query: async () => ({ id: 'acc-cs-weibo', unitId: 'u-cs' }) },
  { route: 'pages/audit/index', as: 'demo-admin' },

  // --- reader (大模型审读) ---
  {
    route: 'pages/post-detail/index',
    as: 'demo-reviewer',
    variant: 'reader',
    query: waitingPost('致敬坚守一线的民警'),
  },
  {
    route: 'pages/post-detail/index',
    as: 'demo-reviewer',
    variant: 'reader-unavailable',
    query: waitingPost('汛期出行安全提示'),
  },
  { route: 'packages/reader/pages/settings/index', as: 'demo-province-propaganda' },
  { route: 'packages/reader/pages/prompt/index', as: 'demo-province-propaganda' },
  { route: 'packages/reader/pages/calls/index', as: 'demo-province-propaganda' },

  // --- accounts lifecycle (第九条—第十四条, 第三十九条—第四十二条) ---
  { route: 'packages/accounts/pages/applications/index', as: 'demo-admin' },
  {
    route: 'packages/accounts/pages/applications/index',
    as: 'demo-city-propaganda',
    variant: 'to-decide',
    query: async () => ({ box: 'toDecide' }),
  },
  {
    route: 'packages/accounts/pages/application/index',
    as: 'demo-city-propaganda',
    query: async (demo) => {
      const page = await demo.call('account', 'applications', { box: 'toDecide' }, 'demo-city-propaganda');
      return { id: first(page.items, '待审批的账号申请').id };
    },
  },
  { route: 'packages/accounts/pages/apply/index', as: 'demo-admin' },
  {
    route: 'packages/accounts/pages/close/index',
    as: 'demo-admin',
    query: async () => ({ accountId: 'acc-cs-weibo', unitId: 'u-cs' }),
  },
  { route: 'packages/accounts/pages/setups/index', as: 'demo-operator-a' },
  {
    route: 'packages/accounts/pages/setup/index',
    as: 'demo-operator-a',
    query: async (demo) => {
      const page = await demo.call('account', 'setups', {}, 'demo-operator-a');
      return { accountId: first(page.items, '待完成开设任务的账号').accountId };
    },
  },
  {
    route: 'packages/accounts/pages/filings/index',
    as: 'demo-city-propaganda',
    query: async () => ({ box: 'sent', state: 'due' }),
  },
  {
    route: 'packages/accounts/pages/filing/index',
    as: 'demo-city-propaganda',
    query: async (demo) => {
      const page = await demo.call('account', 'filings', { box: 'sent', state: 'due' }, 'demo-city-propaganda');
      return { id: first(page.items, '待报备的备案').id };
    },
  },
  { route: 'packages/accounts/pages/matrix/index', as: 'demo-province-propaganda' },
  {
    route: 'packages/accounts/pages/matrix/index',
    as: 'demo-province-propaganda',
    variant: 'gaps',
    query: async () => ({ unitId: 'u-cs', view: 'gaps' }),
  },
  { route: 'packages/accounts/pages/registry/index', as: 'demo-city-propaganda' },
  // the opening form's unit picker: every unit 长沙's admin may apply for (第十条)
  { route: 'packages/accounts/pages/unit-pick/index', as: 'demo-admin', query: async () => ({ current: 'u-cs' }) },
  { route: 'packages/accounts/pages/personal/index', as: 'demo-personal' },

  // --- screening ---
  { route: 'pages/lexicon/index', as: 'demo-province-propaganda' },
  { route: 'pages/lexicon-import/index', as: 'demo-province-propaganda' },
  // combination rules, their test bench and 规范表述 (issue 17)
  { route: 'packages/screening/pages/rules/index', as: 'demo-province-propaganda' },
  {
    route: 'packages/screening/pages/rule/index',
    as: 'demo-province-propaganda',
    query: async (demo) => {
      const page = await demo.call('screen', 'ruleList', { search: '民警打骂群众' }, 'demo-province-propaganda');
      return {
        id: first(page.items, '组合规则“民警打骂群众”').id,
        text: encodeURIComponent(
          '昨晚一名民警在处置纠纷时殴打一名男子，视频在网上流传。另一起事件中，民警被醉酒男子殴打后依法处置。',
        ),
      };
    },
  },
  {
    route: 'packages/screening/pages/rule/index',
    as: 'demo-reviewer',
    variant: 'bench',
    query: async () => ({
      bench: '1',
      text: encodeURIComponent('这个案子谁能帮我跟办案民警说说情，事成之后微信转账给你，红包少不了。嫌犯已被抓获。'),
    }),
  },
  // 语义复核: a training course on crime scenes, then a safety class at a school; 命案 and its rule fire,
  // and the minors' detector reads the school beside 学生: all three are set aside
  {
    route: 'packages/screening/pages/rule/index',
    as: 'demo-reviewer',
    variant: 'aside',
    query: async () => ({
      bench: '1',
      text: encodeURIComponent(
        '刑侦大队举办业务培训，邀请专家讲授命案现场勘查与物证提取的方法。培训结束后，民警走进城关第一小学，给学生们上了一堂安全课。',
      ),
    }),
  },
  // a new rule (its effect from the first category) and a 审慎发布 rule with its level floor
  { route: 'packages/screening/pages/rule/index', as: 'demo-province-propaganda', variant: 'new' },
  {
    route: 'packages/screening/pages/rule/index',
    as: 'demo-province-propaganda',
    variant: 'caution',
    query: async (demo) => ({ id: await flooredCautionRule(demo, 'demo-province-propaganda') }),
  },
  // the same 审慎发布 rule as a reviewer reads it: the form disabled, the bench still open
  {
    route: 'packages/screening/pages/rule/index',
    as: 'demo-reviewer',
    variant: 'readonly',
    query: async (demo) => ({ id: await flooredCautionRule(demo, 'demo-reviewer') }),
  },
  { route: 'packages/screening/pages/rule-import/index', as: 'demo-province-propaganda' },
  { route: 'packages/screening/pages/wording/index', as: 'demo-province-propaganda' },
  {
    route: 'pages/post-edit/index',
    as: 'demo-operator-a',
    variant: 'wording',
    query: async (demo) => ({
      id: await operatorDraft(
        demo,
        'screens-wording',
        '我局抓获两名盗窃嫌犯',
        '近日，我局民警在辖区巡逻时发现两名形迹可疑人员，经盘查抓获两名盗窃嫌犯，其中一人为维族。目前案件正在进一步侦办中。',
      ),
    }),
  },

  {
    // 语义研判 (core/screening/classifier.ts): a draft no term or rule names, read for its meaning
    route: 'pages/post-edit/index',
    as: 'demo-operator-a',
    variant: 'classifier',
    query: async (demo) => ({
      id: await operatorDraft(
        demo,
        'screens-classifier',
        '小区里的小女孩',
        '小区里那个哭着找妈妈的小女孩，脸上身上全是伤，据说是被继父打的，照片我们先发出来，大家帮忙转发。',
      ),
    }),
  },

  {
    // 语义复核: what was set aside, shown faintly to the author and apart in the reviewer's timeline
    route: 'pages/post-edit/index',
    as: 'demo-operator-a',
    variant: 'set-aside',
    query: async (demo) => ({ id: await operatorDraft(demo, 'screens-set-aside', SET_ASIDE_TITLE, SET_ASIDE_TEXT) }),
  },
  { route: 'pages/post-detail/index', as: 'demo-reviewer', variant: 'set-aside', query: submittedSetAside },

  // --- linkage directives (第三十四条) ---
  { route: 'packages/linkage/pages/mine/index', as: 'demo-operator-a' },
  {
    route: 'packages/linkage/pages/directive/index',
    as: 'demo-operator-a',
    query: async (demo) => {
      const mine = await demo.call('linkage', 'mine', {}, 'demo-operator-a');
      return { id: first(mine.items, '待响应的联动指令').directive.id };
    },
  },
  {
    route: 'packages/linkage/pages/respond/index',
    as: 'demo-operator-a',
    query: async (demo) => {
      const mine = await demo.call('linkage', 'mine', {}, 'demo-operator-a');
      const item = first(mine.items, '待响应的联动指令');
      return { id: item.directive.id, accountId: first(item.accounts, '待响应的账号').accountId };
    },
  },
  { route: 'packages/linkage/pages/directives/index', as: 'demo-province-propaganda' },
  {
    route: 'packages/linkage/pages/board/index',
    as: 'demo-province-propaganda',
    query: async (demo) => {
      const list = await demo.call('linkage', 'list', {}, 'demo-province-propaganda');
      // The oldest closed one: on time, late and silent accounts, its record final.
      return { id: first(list.items.filter((d) => d.state === 'closed').reverse(), '已结束的联动指令').id };
    },
  },
  {
    route: 'packages/linkage/pages/board/index',
    as: 'demo-city-propaganda',
    variant: 'city-desk',
    query: async (demo) => {
      const list = await demo.call('linkage', 'list', {}, 'demo-city-propaganda');
      return {
        id: first(
          list.items.filter((d) => d.state === 'open'),
          '进行中的联动指令',
        ).id,
      };
    },
  },
  { route: 'packages/linkage/pages/issue/index', as: 'demo-province-propaganda' },
  { route: 'packages/linkage/pages/settings/index', as: 'demo-province-propaganda' },

  // --- security (issue 15): passwords, incidents, training, archives ---
  {
    route: 'packages/security/pages/account/index',
    as: 'demo-operator-a',
    query: async () => ({ accountId: 'acc-cs-weibo' }),
  },
  {
    route: 'packages/security/pages/rotations/index',
    as: 'demo-city-propaganda',
    query: async () => ({ unitId: 'u-cs' }),
  },
  {
    route: 'packages/security/pages/report/index',
    as: 'demo-operator-a',
    query: async () => ({ accountId: 'acc-cs-weibo' }),
  },
  {
    route: 'packages/security/pages/incident/index',
    as: 'demo-operator-a',
    query: async (demo) => {
      const page = await demo.call('security', 'incidents', { unitId: 'u-cs', state: 'open' }, 'demo-operator-a');
      return { id: first(page.items, '处置中的安全事件').id };
    },
  },
  {
    route: 'packages/security/pages/incident/index',
    as: 'demo-city-propaganda',
    variant: 'closed',
    query: async (demo) => {
      const page = await demo.call(
        'security',
        'incidents',
        { unitId: 'u-cs', state: 'closed' },
        'demo-city-propaganda',
      );
      return { id: first(page.items, '已结案的安全事件').id };
    },
  },
  {
    route: 'packages/security/pages/incidents/index',
    as: 'demo-city-propaganda',
    query: async () => ({ unitId: 'u-cs' }),
  },
  {
    route: 'packages/security/pages/sessions/index',
    as: 'demo-city-propaganda',
    query: async () => ({ unitId: 'u-cs' }),
  },
  {
    route: 'packages/security/pages/session/index',
    as: 'demo-city-propaganda',
    query: async (demo) => {
      const page = await demo.call('training', 'sessions', { unitId: 'u-cs' }, 'demo-city-propaganda');
      return { id: first(page.items, '培训').id, unitId: 'u-cs' };
    },
  },
  {
    route: 'packages/security/pages/shortfall/index',
    as: 'demo-city-propaganda',
    query: async () => ({ unitId: 'u-cs' }),
  },
  {
    route: 'packages/security/pages/archives/index',
    as: 'demo-city-propaganda',
    query: async () => ({ unitId: 'u-cs' }),
  },
  {
    route: 'packages/security/pages/archive/index',
    as: 'demo-city-propaganda',
    query: async (demo) => {
      const page = await demo.call('archive', 'list', { unitId: 'u-cs', type: 'export' }, 'demo-city-propaganda');
      return { id: first(page.items, '审计导出').id };
    },
  },
  // --- evaluation (issue 14): the demo's last month, evaluated and released by the seed ---
  { route: 'packages/evaluation/pages/month/index', as: 'demo-province-propaganda', query: lastMonth },
  { route: 'packages/evaluation/pages/month/index', as: 'demo-operator-a', variant: 'unit', query: lastMonth },
  {
    route: 'packages/evaluation/pages/result/index',
    as: 'demo-operator-a',
    query: async (demo) => ({ ...(await lastMonth(demo)), accountId: 'acc-cs-weibo' }),
  },
  {
    route: 'packages/evaluation/pages/result/index',
    as: 'demo-city-propaganda',
    variant: 'unit',
    query: async (demo) => ({ ...(await lastMonth(demo)), unitId: 'u-cs' }),
  },
  { route: 'packages/evaluation/pages/objections/index', as: 'demo-province-propaganda', query: lastMonth },
  { route: 'packages/evaluation/pages/scheme/index', as: 'demo-province-propaganda' },
  {
    route: 'packages/evaluation/pages/year/index',
    as: 'demo-province-propaganda',
    query: async (demo) => ({ year: (await lastMonth(demo)).month.slice(0, 4) }),
  },
];

/** Who sees a page that has no entry. */
export const DEFAULT_IDENTITY = 'demo-operator-a';
