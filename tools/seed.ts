/**
 * Demo data for `npm start` and the integration tests: the demo organisation (core/org/demo.ts), written
 * straight into the local cloud's store the way an administrator's import would be. Everything that
 * has a workflow (posts, referrals) is created afterwards through the functions themselves.
 */
import { DEMO_TIME, demoOrg } from '../core/org/demo';
import { LEXICON_HEAD_ID, starterDocs, starterRuleDocs, starterWordingDocs, versionDocId } from '../server/screen/docs';
import { ROLE_LABELS } from '../core/org/people';
import { buildTree } from '../core/org/tree';
import { adoptAccounts } from '../core/account/adopt';
import { buildReach } from '../core/linkage/reach';
import { toBeijingIso } from '../core/time';
import { seedLinkage } from './seed-linkage';
import { seedSecurity } from './seed-security';
import { seedEvaluationMonth } from './seed-evaluation';
import type { LocalCloud, LocalDatabase } from './local-cloud/src';
import type { Doc } from './local-cloud/src/db/ejson';

export interface SeedReport {
  units: number;
  people: number;
  accounts: number;
}

const asDocs = <T extends object>(rows: readonly T[]): Doc[] => rows.map((r) => ({ ...r }) as unknown as Doc);

export function seedOrg(db: LocalDatabase): SeedReport {
  const org = demoOrg();
  db.insert('units', asDocs(org.units));
  db.insert('people', asDocs(org.people));
  // accounts lifecycle: the demo accounts predate it, so they come in as filed before the system,
  // with their name claims and the matrix totals (core/account/adopt.ts).
  const adopted = adoptAccounts(
    buildTree(org.units),
    new Map(org.people.map((p) => [p._id, p])),
    org.accounts,
    DEMO_TIME,
  );
  db.insert('accounts', asDocs(adopted.accounts));
  db.insert('accountNames', asDocs(adopted.claims));
  db.insert('matrixTotals', asDocs(adopted.totals));
  // The linkage preview's counters (core/linkage/reach.ts): nobody holds a consent to a template yet.
  const reach = buildReach(buildTree(org.units), adopted.accounts, () => false, DEMO_TIME);
  db.insert('linkageReach', asDocs(reach.reach));
  db.insert('linkageOperators', asDocs(reach.operators));
  return { units: org.units.length, people: org.people.length, accounts: org.accounts.length };
}

/** The demo OPENIDs, one per role, as README documents them. */
export function demoOpenids(): Array<{ openid: string; name: string; roles: string }> {
  const org = demoOrg();
  const unitName = new Map(org.units.map((u) => [u._id, u.name]));
  return org.people
    .filter((p) => p.openid !== null)
    .map((p) => ({
      openid: p.openid as string,
      name: p.name,
      roles:
        p.roles.map((r) => `${unitName.get(r.unitId) ?? r.unitId}${ROLE_LABELS[r.role]}`).join('、') || '（无角色）',
    }));
}

/**
 * A demo scenario creates objects with a workflow through the functions themselves (HTTP, as the
 * mini-program would), so the demo data is exactly what the product would have made. Each domain
 * registers its own; they run in order after the organisation is seeded.
 */
export type DemoScenario = (call: DemoCall, clock?: DemoClock) => Promise<string>;
export type DemoCall = (fn: string, body: Record<string, unknown>, openid: string) => Promise<unknown>;

/**
 * The local cloud's clock, for a scenario that needs a past (a directive that already ran its course):
 * move it, fire the every-minute timer as it would have fired then, and put it back when done.
 */
export interface DemoClock {
  now(): number;
  set(ms: number): void;
  fireTimer(): Promise<void>;
  /** Fires one named trigger (e.g. a function's own timer: `securityMinute`, `archiveMinute`). */
  fireTrigger?(name: string): Promise<void>;
}

export const demoScenarios: DemoScenario[] = [];
// Registered at the end of the file, once every scenario is defined.

export async function seedDemo(cloud: LocalCloud): Promise<string[]> {
  const org = seedOrg(cloud.db);
  const report = [`${org.units}个单位`, `${org.people}名人员`, `${org.accounts}个账号`];
  const call: DemoCall = async (fn, body, openid) => {
    const res = await fetch(`${cloud.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { ok?: boolean; error?: { message: string } };
    if (res.status !== 200 || answer.ok !== true) {
      throw new Error(`演示数据写入失败（${fn}.${String(body['action'])}）：${answer.error?.message ?? res.status}`);
    }
    return answer;
  };
  report.push(seedLexicon(cloud.db));
  // The scripted model's demo phrases (reader), so the demo posts it reads carry its marks.
  cloud.ai.script({ rules: DEMO_MODEL_RULES });
  const clock: DemoClock = {
    now: () => cloud.clock.now(),
    set: (ms) => cloud.clock.set(toBeijingIso(ms)),
    fireTimer: async () => {
      const fired = await cloud.timers.fire('timer');
      const failed = fired.find((f) => !f.outcome.ok);
      if (failed) throw new Error(`演示数据写入失败（定时任务）：${JSON.stringify(failed.outcome)}`);
    },
    fireTrigger: async (name) => {
      const fired = await cloud.timers.fire(name);
      const failed = fired.find((f) => !f.outcome.ok);
      if (failed) throw new Error(`演示数据写入失败（定时任务 ${name}）：${JSON.stringify(failed.outcome)}`);
    },
  };
  for (const scenario of demoScenarios) report.push(await scenario(call, clock));
  return report;
}

/**
 * The starter lexicon (core/screening/starter-lexicon.ts) as version 1 of the shared lexicon, the way
 * the first edit of a fresh database would write it, so the lexicon page has entries to show.
 */
export function seedLexicon(db: LocalDatabase): string {
  const docs = starterDocs(1, DEMO_TIME);
  db.insert('lexicon', asDocs(docs));
  // screening: the default combination rules and standard wording of the same version (issue 17)
  const rules = starterRuleDocs(1, DEMO_TIME);
  const wording = starterWordingDocs(1, DEMO_TIME);
  db.insert('screeningRules', asDocs(rules));
  db.insert('wordingRules', asDocs(wording));
  db.insert(
    'lexiconVersions',
    asDocs([
      {
        _id: versionDocId(1),
        version: 1,
        at: DEMO_TIME,
        by: null,
        summary: `词库 v1：随系统提供的初始词库（${docs.length} 条）、组合规则 ${rules.length} 条、规范表述 ${wording.length} 条`,
        added: docs.length + rules.length + wording.length,
        removed: 0,
        sample: [],
      },
    ]),
  );
  db.insert('counters', asDocs([{ _id: LEXICON_HEAD_ID, value: 1, updatedAt: DEMO_TIME }]));
  return `词库 v1（${docs.length}条，组合规则${rules.length}条，规范表述${wording.length}条）`;
}

/**
 * Posts for the demo, made through the post function by the demo people: one published, one waiting
 * for the 长沙 leader (declared 一般, raised to 重大敏感 by the reviewer: 第十六条's floor), one from
 * 浏阳 waiting at the 长沙 desk (特别重大), one sent back, one draft.
 */
export const seedPosts: DemoScenario = async (call) => {
  interface Answer<T> {
    data: T;
  }
  interface Change {
    id: string;
    rev: number;
  }
  let n = 0;
  const draft = async (
    openid: string,
    accountId: string,
    title: string,
    text: string,
    level: string,
  ): Promise<Change> => {
    n += 1;
    const body = {
      action: 'draftSave',
      accountId,
      clientKey: `demo-post-${n}`,
      content: { title, text, images: [], kind: 'original', source: null },
      nature: 'official',
      declaredLevel: level,
      sourceVerified: false,
      plannedAt: null,
    };
    return ((await call('post', body, openid)) as Answer<Change>).data;
  };
  const step = async (
    openid: string,
    action: string,
    post: Change,
    extra: Record<string, unknown> = {},
  ): Promise<Change> =>
    ((await call('post', { action, postId: post.id, expectedRev: post.rev, ...extra }, openid)) as Answer<Change>).data;
  const decide = { version: 1, comment: '' };

  let published = await draft(
    'demo-operator-a',
    'acc-cs-weibo',
    '冬季防火提示',
    '天干物燥，请注意用火用电安全。',
    'ordinary',
  );
  published = await step('demo-operator-a', 'submit', published);
  published = await step('demo-reviewer', 'approve', published, { ...decide, comment: '同意发布' });
  const detail = (await call('post', { action: 'get', postId: published.id }, 'demo-operator-b')) as Answer<{
    post: { content: unknown; approvedAt: string };
  }>;
  await step('demo-operator-b', 'publish', published, {
    version: 1,
    content: detail.data.post.content,
    url: 'https://weibo.com/demo/1',
    publishedAt: detail.data.post.approvedAt,
  });

  let major = await draft(
    'demo-operator-a',
    'acc-cs-wechat-sub',
    '跨省追逃专项行动通报',
    '专项行动成果通报（稿）。',
    'ordinary',
  );
  major = await step('demo-operator-a', 'submit', major);
  major = await step('demo-reviewer', 'raiseLevel', major, { version: 1, level: 'major' });
  await step('demo-reviewer', 'approve', major, decide);

  let county = await draft(
    'demo-county-operator',
    'acc-ly-weibo',
    '全省统一行动浏阳战果',
    '浏阳市公安局参加全省统一行动（稿）。',
    'especiallyMajor',
  );
  county = await step('demo-county-operator', 'submit', county);
  county = await step('demo-county-reviewer', 'approve', county, decide);
  await step('demo-county-leader', 'approve', county, decide);

  let returned = await draft('demo-operator-b', 'acc-cs-weibo', '夜间巡逻纪实', '民警夜间巡逻。', 'ordinary');
  returned = await step('demo-operator-b', 'submit', returned);
  await step('demo-reviewer', 'sendBack', returned, { ...decide, comment: '请补充巡逻路段和时间' });

  await draft('demo-operator-a', 'acc-cs-weibo', '反诈宣传周预告', '下周将开展反诈宣传进社区活动。', 'ordinary');
  return '5篇稿件（1篇已发布，2篇待审批，1篇已退回，1篇草稿）';
};

/**
 * Messages and referrals for the demo, made through the referral function: a pasted batch on 长沙警事,
 * a police report guided to 110 and noticed, a consultation referred to 刑侦 (waiting to be signed),
 * one answered by 网安 and closed, and one message still to triage.
 */
export const seedReferrals: DemoScenario = async (call) => {
  interface Answer<T> {
    data: T;
  }
  interface Recorded {
    messages: { id: string; rev: number }[];
  }
  interface Detail {
    message: { _id: string; rev: number };
    referrals: { id: string; rev: number }[];
  }
  interface ReferralAnswer {
    referral: { _id: string; rev: number };
  }
  const operator = 'demo-operator-a';
  const pasted = [
    '江边散步：请问无犯罪记录证明在网上怎么申请？',
    '',
    '路过的人：小区门口有人打架，快来人！',
    '',
    '老张：网上说的那个诈骗电话，网警能查吗？',
    '',
    '热心市民：建议学校门口早晚高峰增派警力',
  ].join('\n');
  const recorded = (
    (await call(
      'referral',
      { action: 'messageRecord', accountId: 'acc-cs-weibo', pasted },
      operator,
    )) as Answer<Recorded>
  ).data;
  const [certificate, fight, fraud] = recorded.messages;
  if (!certificate || !fight || !fraud) throw new Error('演示留言登记不完整');
  const step = async (
    action: string,
    m: { id: string; rev: number },
    extra: Record<string, unknown>,
    openid = operator,
  ): Promise<Detail> =>
    ((await call('referral', { action, messageId: m.id, expectedRev: m.rev, ...extra }, openid)) as Answer<Detail>)
      .data;
  const next = (d: Detail): { id: string; rev: number } => ({ id: d.message._id, rev: d.message.rev });

  // 第二十六条、第二十七条: referred to 刑侦, five working days, waiting to be signed.
  let d = await step('messageTriage', certificate, { triage: 'consultation', raisesProblem: false });
  await step('refer', next(d), {
    departmentId: 'u-cs-xz',
    deadlineClass: 'complex',
    question: '请核实网上申请无犯罪记录证明的流程和时限，并提供回复口径',
  });

  // 第二十二条: guided to 110 and noticed to 治安.
  d = await step('messageTriage', fight, { triage: 'policeReport', raisesProblem: false });
  d = await step('reply', next(d), {
    text: '您好！公安新媒体不受理报警。如遇警情，请立即拨打110报警电话，我们已将情况通报有关部门。',
    followUp: false,
  });
  d = await step('notice', next(d), { unitId: 'u-cs-za', note: '网民反映小区门口有人打架' });
  await step('messageClose', next(d), { outcome: 'guidedTo110' });

  // Referred to 网安, signed, answered, replied with its wording and closed.
  d = await step('messageTriage', fraud, { triage: 'consultation', raisesProblem: false });
  d = await step('refer', next(d), {
    departmentId: 'u-cs-wa',
    deadlineClass: 'ordinary',
    question: '网民咨询诈骗电话能否查处，请提供回复口径',
  });
  const referral = d.referrals[d.referrals.length - 1];
  if (!referral) throw new Error('演示流转未生成');
  const cyber = 'demo-handler-cyber';
  const signed = (
    (await call(
      'referral',
      { action: 'sign', referralId: referral.id, expectedRev: referral.rev },
      cyber,
    )) as Answer<ReferralAnswer>
  ).data;
  const wording = '您好！遇到疑似诈骗电话请拨打96110或110反映，网安部门将依法核查处置。';
  await call(
    'referral',
    {
      action: 'answer',
      referralId: referral.id,
      expectedRev: signed.referral.rev,
      outcome: '已核查，相关号码已依法处置',
      replyWording: wording,
    },
    cyber,
  );
  d = ((await call('referral', { action: 'message', messageId: fraud.id }, operator)) as Answer<Detail>).data;
  d = await step('reply', next(d), { text: wording, followUp: false });
  await step('messageClose', next(d), { outcome: 'answeredAfterReferral' });
  return '4条网民留言（1条待分类，2条已办结，1条流转待签收）';
};

/**
 * The account lifecycle for the demo (第十条—第十四条, 第三十九条, 第四十二条), through the account function:
 * 长沙's Douyin applied for by the 长沙 admin and approved by the province desk (setup tasks open, the
 * filing due from the city desk to the province desk); 浏阳's WeChat subscription account waiting at the city desk (浏阳
 * lacks one: a 第九条 gap); 林晓 registering a personal Weibo, which the city desk marks as 优秀.
 */
export const seedAccounts: DemoScenario = async (call) => {
  interface Answer<T> {
    data: T;
  }
  interface Detail {
    id: string;
    rev: number;
    accountId: string | null;
  }
  const attested = (note: string) => ({ attested: true, note });
  const conditions = (a: string, b: string | null, reviewer: string) => ({
    operatorA: a,
    operatorB: b,
    reviewerIds: [reviewer],
    technicalSupport: '长沙市公安局网安支队技术保障组',
    equipment: attested('专用手机2部（含流量包）、笔记本电脑1台、无线网卡'),
    premises: attested('政治部宣传处新媒体工作室'),
    funding: attested('已纳入年度经费预算'),
    exceptionApproval: null,
  });
  // 长沙's own Douyin: a city bureau applies one level up, to the province desk (第十条).
  const douyin = (
    (await call(
      'account',
      {
        action: 'apply',
        clientKey: 'demo-apply-cs-douyin',
        unitId: 'u-cs',
        platform: 'douyin',
        name: '长沙警事',
        purpose: '短视频发布警情通报、防范提示和警营故事，回应群众关切',
        columnPlan: '警情速递；防骗课堂；警营故事；便民服务指南',
        conditions: conditions('p-cs-operator-a', 'p-cs-operator-b', 'p-cs-reviewer'),
      },
      'demo-admin',
    )) as Answer<Detail>
  ).data;
  await call(
    'account',
    { action: 'decide', applicationId: douyin.id, expectedRev: douyin.rev, decision: 'approve', reason: '同意开设' },
    'demo-province-propaganda',
  );
  await call(
    'account',
    {
      action: 'apply',
      clientKey: 'demo-apply-ly-wechat',
      unitId: 'u-ly',
      platform: 'wechatSubscription',
      name: '浏阳警方',
      purpose: '浏阳市公安局官方微信公众号，发布警务信息、提供便民服务（第九条）',
      columnPlan: '警情通报；防骗课堂；办事指南；警营风采',
      conditions: { ...conditions('p-ly-operator', null, 'p-ly-reviewer'), technicalSupport: '浏阳市公安局科信大队' },
    },
    'demo-county-leader',
  );
  const personal = (
    (await call(
      'account',
      {
        action: 'register',
        clientKey: 'demo-register-lx-weibo',
        platform: 'weibo',
        name: '交警林晓',
        platformId: 'weibo-linxiao',
        realNameVerified: true,
      },
      'demo-personal',
    )) as Answer<{ account: { accountId: string; rev: number } }>
  ).data.account;
  await call(
    'account',
    {
      action: 'mark',
      accountId: personal.accountId,
      expectedRev: personal.rev,
      kind: 'support',
      note: '坚持发布交通安全知识，传播正能量',
    },
    'demo-city-propaganda',
  );
  return '账号申请2份（1份已同意待完成开设任务，1份待审批）、个人账号报备1个';
};

demoScenarios.push(seedPosts, seedReferrals, seedAccounts);
// linkage directives (第三十四条): first, on a past timeline of their own, so the log stays in time order
demoScenarios.unshift(async (call, clock) => {
  if (!clock) throw new Error('联动指令演示数据需要本地云的时钟');
  return seedLinkage(call, clock);
});

// --- reader (大模型审读, issue 19) ---

/**
 * What the local cloud's scripted model answers in the demo (tools/start.ts sets it on every start):
 * two phrases, so the pages show the model's marks, and one on which the platform fails (503), so they
 * show what officers see when the model is down. It makes no claim about quality.
 */
export const DEMO_MODEL_RULES = [
  {
    contains: '以泪洗面',
    reply: {
      content: JSON.stringify({
        findings: [
          {
            item: '17.1.9',
            quote: '以泪洗面',
            reason: '渲染民警家属的悲苦处境，容易引发群众质疑公安机关缺乏人文关怀',
            confidence: 0.82,
          },
        ],
      }),
    },
  },
  {
    contains: '入室抢劫',
    reply: {
      content: JSON.stringify({
        findings: [
          {
            item: '17.2.6',
            quote: '入室抢劫',
            reason: '连续发案且嫌疑人在逃的表述，可能引起群众对辖区治安状况的担忧',
            confidence: 0.76,
          },
        ],
      }),
    },
  },
  { contains: '防汛演练', reply: { error: { status: 503, code: 'SERVICE_UNAVAILABLE', message: '服务暂不可用' } } },
];

/** The demo's posts for the reader: one the model marks, one it could not read (the platform failed). */
export const DEMO_READER_POSTS = {
  // 第十七条（一）9: 语义研判 reads the sob story too, so the operator declares the level it sets
  marked: {
    title: '致敬坚守一线的民警',
    text: '社区民警老李这个月一直住在所里，妻子说起来就以泪洗面。',
    level: 'especiallyMajor' as const,
  },
  unread: {
    title: '汛期出行安全提示',
    text: '本周六上午市区将开展防汛演练，部分路段临时交通管制，请市民提前规划出行路线。',
    level: 'ordinary' as const,
  },
};

/**
 * The reader in the demo: 省厅政治部宣传处 switches it on with the environment's first model (advisory
 * only), and 长沙警事 submits a post the scripted model marks, waiting for the reviewer.
 */
export const seedReader: DemoScenario = async (call) => {
  interface Answer<T> {
    data: T;
  }
  const desk = 'demo-province-propaganda';
  const view = (
    (await call('reader', { action: 'settings' }, desk)) as Answer<{
      settings: { rev: number } & Record<string, unknown>;
      models: string[];
    }>
  ).data;
  const model = view.models[0];
  if (!model) throw new Error('演示环境未配置可用的大模型（READER_MODELS）');
  const { rev, updatedAt: _at, updatedBy: _by, ...settings } = view.settings;
  void _at;
  void _by;
  await call(
    'reader',
    { action: 'settingsSave', settings: { ...settings, enabled: true, model }, expectedRev: rev },
    desk,
  );
  const submit = async (
    clientKey: string,
    { level, ...post }: { title: string; text: string; level: 'ordinary' | 'especiallyMajor' },
  ): Promise<void> => {
    const draft = (
      (await call(
        'post',
        {
          action: 'draftSave',
          accountId: 'acc-cs-weibo',
          clientKey,
          content: { ...post, images: [], kind: 'original', source: null },
          nature: 'official',
          declaredLevel: level,
          sourceVerified: false,
          plannedAt: null,
        },
        'demo-operator-a',
      )) as Answer<{ id: string; rev: number }>
    ).data;
    await call('post', { action: 'submit', postId: draft.id, expectedRev: draft.rev }, 'demo-operator-a');
  };
  await submit('demo-reader-1', DEMO_READER_POSTS.marked);
  await submit('demo-reader-2', DEMO_READER_POSTS.unread);
  return `大模型审读已启用（${model}，仅作提示），1篇稿件带模型审读意见、1篇因模型服务出错仅按规则筛查，均待审核`;
};

demoScenarios.push(seedReader);
// security (issue 15): attestations, incidents, training, archives — last, after every other record.
demoScenarios.push(async (call, clock) => {
  if (!clock) throw new Error('账号安全演示数据需要本地云的时钟');
  return seedSecurity(call, clock);
});

// --- every demo identity has something to do (issue 16) ---

/**
 * Work waiting for the identities the other scenarios leave idle: 浏阳's reviewer and leader each have
 * a post to decide, 网安's handler a referral to sign, 省厅政治部宣传处 an especially major post at the
 * province step, and the personal account's owner a draft.
 */
export const seedEveryone: DemoScenario = async (call) => {
  interface Answer<T> {
    data: T;
  }
  interface Change {
    id: string;
    rev: number;
  }
  const draft = async (openid: string, accountId: string, title: string, text: string, level: string) =>
    (
      (await call(
        'post',
        {
          action: 'draftSave',
          accountId,
          clientKey: `demo-everyone-${title}`,
          content: { title, text, images: [], kind: 'original', source: null },
          nature: accountId === 'acc-cs-personal' ? 'personal' : 'official',
          declaredLevel: level,
          sourceVerified: false,
          plannedAt: null,
        },
        openid,
      )) as Answer<Change>
    ).data;
  const step = async (openid: string, action: string, post: Change, extra: Record<string, unknown> = {}) =>
    ((await call('post', { action, postId: post.id, expectedRev: post.rev, ...extra }, openid)) as Answer<Change>).data;
  const decide = { version: 1, comment: '' };

  // 浏阳: an ordinary post at the reviewer, a major one past the reviewer at the leader (第十六条).
  const ordinary = await draft(
    'demo-county-operator',
    'acc-ly-weibo',
    '浏阳交警节日出行提示',
    '节日期间请错峰出行。',
    'ordinary',
  );
  await step('demo-county-operator', 'submit', ordinary);
  let major = await draft(
    'demo-county-operator',
    'acc-ly-weibo',
    '浏阳破获系列盗窃案',
    '浏阳警方破获系列盗窃案（稿）。',
    'major',
  );
  major = await step('demo-county-operator', 'submit', major);
  await step('demo-county-reviewer', 'approve', major, decide);

  // 长沙: an especially major post through reviewer and leader, at the province desk (第十六条 逐级上报).
  let province = await draft(
    'demo-operator-b',
    'acc-cs-wechat-service',
    '全省夏季治安打击整治行动长沙成果',
    '长沙市公安局夏季治安打击整治行动阶段成果（稿）。',
    'especiallyMajor',
  );
  province = await step('demo-operator-b', 'submit', province);
  province = await step('demo-reviewer', 'approve', province, decide);
  await step('demo-leader', 'approve', province, decide);

  // 个人公安新媒体: its owner's draft (第三十三条: personal account, personal nature).
  await draft('demo-personal', 'acc-cs-personal', '交警的一天', '早高峰执勤记录。', 'ordinary');

  // 网安: a consultation referred by 长沙警事's operator, waiting to be signed (第二十六条).
  const recorded = (
    (await call(
      'referral',
      { action: 'messageRecord', accountId: 'acc-cs-weibo', pasted: '小李：收到自称网警的短信让我转账，是真的吗？' },
      'demo-operator-a',
    )) as Answer<{ messages: Change[] }>
  ).data;
  const [message] = recorded.messages;
  if (!message) throw new Error('演示留言登记失败');
  const triaged = (
    (await call(
      'referral',
      {
        action: 'messageTriage',
        messageId: message.id,
        expectedRev: message.rev,
        triage: 'consultation',
        raisesProblem: false,
      },
      'demo-operator-a',
    )) as Answer<{ message: { _id: string; rev: number } }>
  ).data;
  await call(
    'referral',
    {
      action: 'refer',
      messageId: triaged.message._id,
      expectedRev: triaged.message.rev,
      departmentId: 'u-cs-wa',
      deadlineClass: 'ordinary',
      question: '网民反映收到冒充网警的转账短信，请核实并提供回复口径',
    },
    'demo-operator-a',
  );
  return '每个演示身份都有待办：浏阳审核民警与分管领导各1篇、省厅宣传处1篇特别重大稿件、个人账号1篇草稿、网安1件流转待签收';
};

demoScenarios.push(seedEveryone);

// --- evaluation (issue 14): last month evaluated and released, so every page has a month to show ---
export const seedEvaluation: DemoScenario = async (call) => {
  interface Answer<T> {
    data: T;
  }
  const desk = 'demo-province-propaganda';
  const ping = (await call('system', { action: 'ping' }, desk)) as Answer<{ now: string }>;
  const [y, m] = ping.data.now.slice(0, 7).split('-').map(Number);
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  type Progress = { phase: string | null; rev: number; accountsDone: number };
  let progress = ((await call('evaluation', { action: 'run', month, restart: false }, desk)) as Answer<Progress>).data;
  for (let i = 0; i < 20 && progress.phase !== 'done'; i += 1) {
    progress = ((await call('evaluation', { action: 'run', month, restart: false }, desk)) as Answer<Progress>).data;
  }
  await call('evaluation', { action: 'release', month, expectedRev: progress.rev }, desk);
  return `${month}月度评估（${progress.accountsDone}个账号，已下发征求意见）`;
};

// Last: it evaluates what every scenario before it recorded. Its month's records come first of all,
// on the earliest timeline (last month), so the log stays in time order.
demoScenarios.push(seedEvaluation);
demoScenarios.unshift(async (call, clock) => {
  if (!clock) throw new Error('月度评估演示数据需要本地云的时钟');
  return seedEvaluationMonth(call, clock);
});
