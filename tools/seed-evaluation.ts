/**
 * Last month's records for the demo evaluation (issue 14), made through the functions by the demo people
 * on a past timeline (the local cloud's clock is moved into last month, then returns): daily posts on the
 * city's and the county's accounts with a few days missed (第十九条), the service account's monthly
 * posts short of four, a post sent back and an attempt to publish an unapproved one (第十五条), netizen
 * messages with one left open at month end (第二十三条), and a public-opinion event in 浏阳 on a day its
 * account said nothing (失声失语, 第三十六条). The evaluation scenario at the end of the seed scores
 * that month, so every evaluation page has real figures and lines to show.
 */
import type { DemoCall, DemoClock } from './seed';

interface Answer<T> {
  data: T;
}
interface Change {
  id: string;
  rev: number;
}

const MIN = 60_000;

/** The Beijing month before an instant, YYYY-MM. */
export function previousMonth(ms: number): string {
  const d = new Date(ms + 8 * 60 * MIN);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Who writes, approves and publishes on each demo account. */
const CREWS = {
  'acc-cs-weibo': { writer: 'demo-operator-a', reviewer: 'demo-reviewer', publisher: 'demo-operator-b' },
  'acc-cs-wechat-sub': { writer: 'demo-operator-b', reviewer: 'demo-reviewer', publisher: 'demo-operator-a' },
  'acc-cs-wechat-service': { writer: 'demo-operator-a', reviewer: 'demo-reviewer', publisher: 'demo-operator-b' },
  'acc-ly-weibo': {
    writer: 'demo-county-operator',
    reviewer: 'demo-county-reviewer',
    publisher: 'demo-county-operator',
  },
} as const;
type DemoAccount = keyof typeof CREWS;

const TOPICS = ['防范电信网络诈骗提示', '交通安全出行提醒', '户籍业务办理指南', '警营开放日活动', '平安社区巡逻纪实'];

export async function seedEvaluationMonth(call: DemoCall, clock: DemoClock): Promise<string> {
  const back = clock.now();
  const month = previousMonth(back);
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const at = (day: number, hour: number, minute = 0): number =>
    Date.parse(
      `${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000+08:00`,
    );
  let n = 0;
  const draft = async (accountId: DemoAccount, title: string): Promise<Change> => {
    n += 1;
    const content = { title, text: `${title}。（${month}）`, images: [], kind: 'original', source: null };
    const body = {
      action: 'draftSave',
      accountId,
      clientKey: `demo-evaluation-${n}`,
      content,
      nature: 'official',
      declaredLevel: 'ordinary',
      sourceVerified: false,
      plannedAt: null,
    };
    return ((await call('post', body, CREWS[accountId].writer)) as Answer<Change>).data;
  };
  const step = async (openid: string, action: string, post: Change, extra: Record<string, unknown> = {}) =>
    ((await call('post', { action, postId: post.id, expectedRev: post.rev, ...extra }, openid)) as Answer<Change>).data;
  const decide = { version: 1, comment: '' };

  /** Written at 09:00, approved at 09:20, published at 09:40 on the given day. */
  const publishOn = async (accountId: DemoAccount, day: number): Promise<void> => {
    const crew = CREWS[accountId];
    clock.set(at(day, 9));
    const title = TOPICS[(day + n) % TOPICS.length] ?? TOPICS[0];
    let post = await draft(accountId, title);
    post = await step(crew.writer, 'submit', post);
    clock.set(at(day, 9, 20));
    post = await step(crew.reviewer, 'approve', post, decide);
    clock.set(at(day, 9, 40));
    const detail = (await call('post', { action: 'get', postId: post.id }, crew.publisher)) as Answer<{
      post: { content: unknown };
    }>;
    await step(crew.publisher, 'publish', post, {
      version: 1,
      content: detail.data.post.content,
      url: `https://example.com/demo/${accountId}/${day}`,
      publishedAt: new Date(at(day, 9, 40)).toISOString(),
    });
  };

  // 第十九条: the daily accounts miss a few days; the service account (四次以上) posts three times.
  const missed: { readonly [K in DemoAccount]: (day: number) => boolean } = {
    'acc-cs-weibo': (d) => d === 6,
    'acc-cs-wechat-sub': (d) => d % 7 === 0,
    'acc-ly-weibo': (d) => d === 9 || d === 10 || d === 23,
    'acc-cs-wechat-service': (d) => ![3, 12, 21].includes(d),
  };
  let published = 0;
  for (let day = 1; day <= days; day += 1) {
    for (const accountId of Object.keys(CREWS) as DemoAccount[]) {
      if (missed[accountId](day)) continue;
      await publishOn(accountId, day);
      published += 1;
    }
  }

  // 第十五条: a post sent back, and an attempt to publish one that was never approved (refused, recorded).
  clock.set(at(14, 15));
  let returned = await draft('acc-cs-weibo', '辖区治安巡逻纪实');
  returned = await step('demo-operator-a', 'submit', returned);
  await step('demo-reviewer', 'sendBack', returned, { ...decide, comment: '请补充巡逻路段和时间' });
  const unapproved = await draft('acc-cs-wechat-sub', '春季防盗提示');
  await call(
    'post',
    {
      action: 'publish',
      postId: unapproved.id,
      expectedRev: unapproved.rev,
      version: 1,
      content: { title: '春季防盗提示', text: '春季防盗提示。', images: [], kind: 'original', source: null },
      url: 'https://example.com/demo/unapproved',
      publishedAt: new Date(at(14, 15)).toISOString(),
    },
    'demo-operator-a',
  ).then(
    () => {
      throw new Error('演示数据：未经审核的稿件竟然发布成功');
    },
    () => undefined,
  );

  // 第二十三条: three messages on the 20th, two answered the same day, one still open at month end.
  clock.set(at(20, 10));
  const recorded = (
    (await call(
      'referral',
      {
        action: 'messageRecord',
        accountId: 'acc-cs-weibo',
        pasted: [
          '网友甲：身份证丢了怎么补办？',
          '',
          '网友乙：驾驶证到期在哪里换？',
          '',
          '网友丙：小区夜间噪音扰民',
        ].join('\n'),
      },
      'demo-operator-a',
    )) as Answer<{ messages: Change[] }>
  ).data;
  for (const msg of recorded.messages.slice(0, 2)) {
    const messageStep = async (action: string, c: Change, extra: Record<string, unknown>): Promise<Change> => {
      const d = (
        (await call(
          'referral',
          { action, messageId: c.id, expectedRev: c.rev, ...extra },
          'demo-operator-a',
        )) as Answer<{ message: { _id: string; rev: number } }>
      ).data;
      return { id: d.message._id, rev: d.message.rev };
    };
    let c = await messageStep('messageTriage', msg, { triage: 'consultation', raisesProblem: false });
    clock.set(at(20, 11));
    c = await messageStep('reply', c, {
      text: '您好，可携带本人材料到就近派出所或政务服务窗口办理。',
      followUp: false,
    });
    await messageStep('messageClose', c, { outcome: 'answered' });
  }

  // 第三十六条: an event in 浏阳 on the 10th, a day 浏阳公安 published nothing.
  clock.set(at(10, 20));
  await call(
    'evaluation',
    {
      action: 'declareEvent',
      title: '浏阳涉警舆情',
      unitId: 'u-ly',
      from: new Date(at(10, 8)).toISOString(),
      to: new Date(at(10, 20)).toISOString(),
      requestKey: 'demo-event-1',
    },
    'demo-province-propaganda',
  );

  clock.set(back);
  return `${month}评估记录（${published}篇已发布信息，1篇退回，1次拦截发布，3条留言，1起舆情事件）`;
}
