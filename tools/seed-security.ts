/**
 * The security demo scenario (issue 15): through the functions, as the pages would. 长沙's weibo gets
 * a password change attested and its settings declared; the wechat subscription account an open
 * information-leak incident with the platform contacted (it does not suspend posting, so the demo's
 * posts still go out) and a closed wrong-post one; the city desk records a training session with its
 * attendance; the archive timer writes last month's archives and an export for an audit request.
 */
import type { DemoCall, DemoClock } from './seed';
import { toBeijingIso } from '../core/time';

interface Answer<T> {
  ok: true;
  data: T;
}

interface Versioned {
  id?: string;
  rev: number;
}

const HOUR = 3_600_000;

export async function seedSecurity(call: DemoCall, clock: DemoClock): Promise<string> {
  const fire = clock.fireTrigger;
  if (!fire) throw new Error('账号安全演示数据需要触发定时任务');
  // The security timer enrols every account on its first run.
  await fire('securityMinute');
  const now = clock.now();
  const at = (hoursAgo: number): string => toBeijingIso(now - hoursAgo * HOUR);
  const opA = 'demo-operator-a';
  const desk = 'demo-city-propaganda';

  let status = ((await call('security', { action: 'status', accountId: 'acc-cs-weibo' }, opA)) as Answer<Versioned>)
    .data;
  status = (
    (await call(
      'security',
      {
        action: 'declareSettings',
        accountId: 'acc-cs-weibo',
        expectedRev: status.rev,
        settings: {
          boundPhone: 'unitPhone',
          boundPhoneHolderId: null,
          boundPhoneTail: '6688',
          twoStepVerification: true,
          loginProtection: true,
          adminWechatHolderId: 'p-cs-operator-a',
        },
        note: '单位公务手机绑定',
      },
      opA,
    )) as Answer<Versioned>
  ).data;
  await call(
    'security',
    {
      action: 'attest',
      accountId: 'acc-cs-weibo',
      expectedRev: status.rev,
      requestKey: 'demo-security-attest-1',
      changedAt: at(2),
      note: '季度例行更换',
    },
    opA,
  );

  const open = (
    (await call(
      'security',
      {
        action: 'incidentReport',
        accountId: 'acc-cs-wechat-sub',
        requestKey: 'demo-security-incident-1',
        kind: 'dataLeak',
        happenedAt: at(3),
        description: '后台发现一条留言回复中含有群众手机号，已先行隐藏',
      },
      opA,
    )) as Answer<Versioned & { id: string }>
  ).data;
  await call(
    'security',
    {
      action: 'incidentStep',
      incidentId: open.id,
      expectedRev: open.rev,
      step: {
        kind: 'platformContacted',
        at: at(1),
        platformContact: '微信公众平台客服',
        ticket: 'MP-20260310-0032',
        note: '申请删除历史推送中的留言',
      },
    },
    opA,
  );

  let done = (
    (await call(
      'security',
      {
        action: 'incidentReport',
        accountId: 'acc-cs-wechat-sub',
        requestKey: 'demo-security-incident-2',
        kind: 'wrongPost',
        happenedAt: at(26),
        description: '误将内部通知截图发布到公众号',
      },
      opA,
    )) as Answer<Versioned & { id: string }>
  ).data;
  done = (
    (await call(
      'security',
      {
        action: 'incidentStep',
        incidentId: done.id,
        expectedRev: done.rev,
        step: { kind: 'contentHandled', at: at(25), note: '已删除并核查转载情况' },
      },
      opA,
    )) as Answer<Versioned & { id: string }>
  ).data;
  await call(
    'security',
    { action: 'incidentClose', incidentId: done.id, expectedRev: done.rev, summary: '已删除，当事民警已作检讨' },
    desk,
  );

  const session = (
    (await call(
      'training',
      {
        action: 'sessionCreate',
        unitId: 'u-cs',
        requestKey: 'demo-security-session-1',
        course: '政务新媒体运营与信息安全',
        date: toBeijingIso(now - 7 * 24 * HOUR).slice(0, 10),
        issuer: '长沙市公安局政治部宣传处',
        hours: 6,
      },
      desk,
    )) as Answer<Versioned & { id: string }>
  ).data;
  await call(
    'training',
    {
      action: 'recordAttendance',
      sessionId: session.id,
      entries: [
        { personId: 'p-cs-operator-a', completed: true },
        { personId: 'p-cs-operator-b', completed: true },
        { personId: 'p-cs-reviewer', completed: false },
      ],
    },
    desk,
  );

  // Last month's archives, then an audit request covering this month up to today: made the next
  // morning (an export covers whole days already over), with the clock put back afterwards.
  for (let i = 0; i < 20; i++) await fire('archiveMinute');
  const today = toBeijingIso(now).slice(0, 10);
  const before = clock.now();
  clock.set(before + 24 * HOUR);
  try {
    await call(
      'archive',
      {
        action: 'exportStart',
        unitId: 'u-cs',
        requestKey: 'demo-security-export-1',
        from: `${today.slice(0, 8)}01`,
        to: today,
      },
      desk,
    );
    for (let i = 0; i < 20; i++) await fire('archiveMinute');
  } finally {
    // Back to where it was, plus the time this took.
    clock.set(before + (clock.now() - (before + 24 * HOUR)));
  }
  return '账号安全：1次密码更换登记，2起安全事件（1起处置中，1起已结案），1期培训；上月归档与1份审计导出';
}
