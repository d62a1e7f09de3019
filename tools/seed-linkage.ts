/**
 * Linkage directives for the demo (第三十四条), made through the linkage function by the demo people on
 * a past timeline (the local cloud's clock is moved back, the timer fired at each stage, then the
 * clock returns): one directive closed with its final record (two on time, one late, one silent), one
 * withdrawn and its correction closed, and one still running (a four-hour 重大正面宣传 window, so the
 * countdown still runs when the pictures are taken two and a half hours after seeding).
 */
import type { DemoCall, DemoClock } from './seed';

const MIN = 60_000;

interface Answer<T> {
  data: T;
}
interface Issued {
  directive: { id: string; rev: number };
}

export async function seedLinkage(call: DemoCall, clock: DemoClock): Promise<string> {
  const start = clock.now();
  const at = (minutes: number): void => clock.set(start + minutes * MIN);
  const desk = 'demo-province-propaganda';
  let n = 0;
  const issue = async (body: Record<string, unknown>): Promise<Issued['directive']> => {
    n += 1;
    const answer = (await call(
      'linkage',
      {
        action: 'issue',
        clientKey: `demo-linkage-${n}`,
        link: null,
        wording: '',
        responseKinds: ['repost', 'original', 'comment'],
        targets: { mode: 'filter', unitIds: [], platforms: [] },
        ...body,
      },
      desk,
    )) as Answer<Issued>;
    return answer.data.directive;
  };
  const respond = async (openid: string, directiveId: string, accountId: string, kind: string, link: string) =>
    call('linkage', { action: 'respond', directiveId, accountId, kind, link, note: '' }, openid);

  // Operators say yes to the linkage notice at natural taps (one-time: one message per yes).
  const consent = async (...openids: string[]): Promise<void> => {
    for (const openid of openids) {
      await call('notify', { action: 'reportConsent', answers: { 'local-tpl-linkage': 'accept' } }, openid);
    }
  };
  await consent('demo-operator-a', 'demo-operator-a', 'demo-operator-b');

  // 1. 重大正面宣传, closed: two on time, one late, one never.
  at(-240);
  const d1 = await issue({
    kind: 'publicity',
    title: '转发全省禁毒宣传月启动仪式',
    content: '请转发省厅官方微博“全省禁毒宣传月启动仪式”图文，并配发本地禁毒工作动态。',
    link: 'https://weibo.com/hngaj/drug-month',
    wording: '珍爱生命，远离毒品。',
    windowMinutes: 60,
  });
  at(-232);
  await respond('demo-operator-a', d1.id, 'acc-cs-weibo', 'repost', 'https://weibo.com/csjs/drug-month');
  at(-226);
  await respond('demo-operator-b', d1.id, 'acc-cs-wechat-sub', 'repost', 'https://mp.weixin.qq.com/s/cs-drug-month');
  // Each stage a minute after its moment, as the every-minute timer would find it.
  for (const minute of [-209, -189, -179]) {
    at(minute);
    await clock.fireTimer();
  }
  at(-172);
  await respond('demo-county-operator', d1.id, 'acc-ly-weibo', 'repost', 'https://weibo.com/lygaj/drug-month');
  at(-149);
  await clock.fireTimer();

  // 2. 涉警舆情处置, withdrawn two minutes after issue; 3. its correction, closed.
  at(-100);
  const d2 = await issue({
    kind: 'opinion',
    title: '澄清网传“某地发生恶性案件”不实信息',
    content: '请转发省厅警情通报。',
    link: 'https://weibo.com/hngaj/rumor',
    targets: { mode: 'filter', unitIds: ['u-cs'], platforms: [] },
    windowMinutes: 60,
  });
  at(-98);
  await call(
    'linkage',
    { action: 'withdraw', directiveId: d2.id, expectedRev: d2.rev, reason: '通报措辞需调整，另发更正' },
    desk,
  );
  await consent('demo-operator-a', 'demo-operator-b', 'demo-county-operator');
  at(-95);
  const d3 = await issue({
    kind: 'opinion',
    title: '澄清网传不实信息（更正）',
    content: '请转发省厅更正后的警情通报，正面回应网民关切。',
    link: 'https://weibo.com/hngaj/rumor-2',
    wording: '以警方通报为准，不信谣、不传谣。',
    windowMinutes: 60,
    correctionOf: d2.id,
  });
  at(-90);
  await respond('demo-operator-a', d3.id, 'acc-cs-weibo', 'comment', 'https://weibo.com/csjs/rumor-2#comment');
  at(-81);
  await respond('demo-operator-b', d3.id, 'acc-cs-wechat-service', 'repost', 'https://mp.weixin.qq.com/s/cs-rumor-2');
  for (const minute of [-64, -44, -34]) {
    at(minute);
    await clock.fireTimer();
  }

  // 4. 重大正面宣传 still running: a four-hour window for a campaign.
  await consent('demo-operator-a', 'demo-operator-a', 'demo-operator-b', 'demo-county-operator');
  at(-20);
  const d4 = await issue({
    kind: 'publicity',
    title: '转发“110宣传日”系列海报',
    content: '请转发省厅“110宣传日”系列海报，可结合本地接处警故事原创发布（须经审核）。',
    link: 'https://weibo.com/hngaj/110-day',
    wording: '有困难，找警察。',
    windowMinutes: 240,
  });
  at(-12);
  await respond('demo-county-operator', d4.id, 'acc-ly-weibo', 'repost', 'https://weibo.com/lygaj/110-day');
  at(-4);
  await clock.fireTimer();
  at(0);
  return '4条联动指令（1条已结束，1条已撤回及其更正，1条进行中）';
}
