/**
 * The notify function and the timer through the local cloud: inbox, consent, and delivery of the
 * outbox with WeChat's answers switched by the local cloud (t.cloud.openapi).
 */
import type { ConsentRecord, Notification, NotificationDraft, OutboxRecord } from '../typings/notify';
import { enqueue } from '../core/notify/outbox';
import { dedupeKey } from '../core/notify/message';
import { templatesFor } from '../core/notify/templates';
import type { TimerAnswer } from '../server/notify/timer';
import type { InvokeOutcome } from '../tools/local-cloud/src/runtime';
import { seedOrg } from '../tools/seed';
import { startTestCloud, type TestCloud } from './support/cloud';

// Timer runs spawn function instances and move hundreds of records: slow on a busy machine.
jest.setTimeout(30_000);

const START = '2026-11-28T09:00:00+08:00';
const REVIEW_TPL = 'local-tpl-review-result';
const DEADLINE_TPL = 'local-tpl-deadline';

let t: TestCloud;
beforeAll(async () => {
  t = await startTestCloud({ now: START });
});
afterAll(() => t.close());
beforeEach(() => {
  t.cloud.reset();
  seedOrg(t.cloud.db);
  t.cloud.clock.set(START);
});

function draft(over: Partial<NotificationDraft> & Pick<NotificationDraft, 'recipientId'>, n = 1): NotificationDraft {
  return {
    kind: 'postApproved',
    title: `稿件已通过审核 ${n}`,
    text: '请按计划发布',
    link: `/pages/post-detail/index?id=post-${n}`,
    subject: { collection: 'posts', id: `post-${n}` },
    values: { subject: `稿件${n}`, status: '已通过' },
    dedupeKey: dedupeKey('postApproved', `posts/post-${n}`, 'v1', over.recipientId),
    escalation: null,
    ...over,
  };
}

/** What a producer's transaction writes (server/uow.ts), written straight into the database. */
function queue(d: NotificationDraft, at = t.cloud.clock.now()): OutboxRecord {
  let n = 0;
  const { notification, outbox } = enqueue(d, {
    env: templatesFor(t.cloud.envId),
    now: at,
    newId: () => `${n++ === 0 ? 'n' : 'o'}-${d.dedupeKey}`,
  });
  t.cloud.db.insert('notifications', [notification as never]);
  t.cloud.db.insert('outbox', [outbox as never]);
  return outbox;
}

const outboxDoc = (id: string): OutboxRecord => t.cloud.db.get('outbox', id) as unknown as OutboxRecord;
const notifications = (recipientId: string): Notification[] =>
  t.cloud.db.find('notifications', { recipientId }) as unknown as Notification[];

type TimerRun = Extract<TimerAnswer, { ok: true }>;

function timerRun(outcome: InvokeOutcome): TimerRun {
  const answer = outcome.ok ? (outcome.result as TimerAnswer) : null;
  if (!answer?.ok) throw new Error(`timer failed: ${JSON.stringify(outcome)}`);
  return answer;
}

async function runTimer(): Promise<TimerRun> {
  const [fired] = await t.cloud.timers.fire('timer');
  if (!fired) throw new Error('no timer trigger');
  return timerRun(fired.outcome);
}

async function accept(openid: string, templateId: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await t.call('notify', 'reportConsent', { answers: { [templateId]: 'accept' } }, openid);
    if (!res.ok) throw new Error(res.error.message);
  }
}

describe('inbox', () => {
  it('lists the caller’s own notices newest first, page by page across equal times, with the unread count', async () => {
    const base = t.cloud.clock.now();
    // Three notices at one instant (one producer event) and two later ones.
    for (let i = 1; i <= 5; i++) queue(draft({ recipientId: 'p-cs-operator-a' }, i), base + (i <= 3 ? 0 : i * 1000));
    queue(draft({ recipientId: 'p-cs-reviewer' }, 9));

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const res = await t.call('notify', 'inbox', cursor ? { limit: 2, cursor } : { limit: 2 }, 'demo-operator-a');
      if (!res.ok) throw new Error(res.error.message);
      expect(res.data.unread).toBe(5);
      seen.push(...res.data.items.map((i) => i.title));
      if (!res.data.nextCursor) break;
      cursor = res.data.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(seen.slice(0, 2)).toEqual(['稿件已通过审核 5', '稿件已通过审核 4']);
    expect(new Set(seen).size).toBe(5);
    expect(seen).not.toContain('稿件已通过审核 9');
  });

  it('marks only the caller’s own notices read, keeps the first read time, and refuses another’s', async () => {
    queue(draft({ recipientId: 'p-cs-operator-a' }, 1));
    queue(draft({ recipientId: 'p-cs-operator-a' }, 2));
    queue(draft({ recipientId: 'p-cs-reviewer' }, 3));
    const [mine1, mine2] = notifications('p-cs-operator-a');
    const [theirs] = notifications('p-cs-reviewer');
    if (!mine1 || !mine2 || !theirs) throw new Error('seed');

    expect(await t.call('notify', 'markRead', { ids: [mine1._id, theirs._id] }, 'demo-operator-a')).toMatchObject({
      ok: false,
      error: { code: 'NOT_OWNER' },
    });
    expect(notifications('p-cs-operator-a').every((n) => !n.read)).toBe(true);
    expect(notifications('p-cs-reviewer')[0]?.read).toBe(false);

    expect(await t.call('notify', 'markRead', { ids: [mine1._id] }, 'demo-operator-a')).toEqual({
      ok: true,
      data: { unread: 1 },
    });
    const firstRead = (t.cloud.db.get('notifications', mine1._id) as unknown as Notification).readAt;
    expect(firstRead).toMatch(/\+08:00$/);
    t.cloud.clock.advance(60_000);
    expect(await t.call('notify', 'markRead', { all: true }, 'demo-operator-a')).toEqual({
      ok: true,
      data: { unread: 0 },
    });
    expect((t.cloud.db.get('notifications', mine1._id) as unknown as Notification).readAt).toBe(firstRead);
    expect(notifications('p-cs-reviewer')[0]?.read).toBe(false);

    expect(await t.call('notify', 'markRead', { ids: ['nope'] }, 'demo-operator-a')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('notify', 'inbox', { cursor: 'garbage' }, 'demo-operator-a')).toMatchObject({
      ok: false,
      error: { code: 'BAD_CURSOR' },
    });
  });
});

describe('consent', () => {
  it('has templates for the local cloud’s environment', () => {
    expect(templatesFor(t.cloud.envId).kinds.referralDueSoon?.templateId).toBe(DEADLINE_TPL);
  });

  it('plans requests of ≤3 templates of one type per tap, leaving out accepted long-term ones', async () => {
    const plan = await t.call('notify', 'consentPlan', { moment: 'openReferrals' }, 'demo-handler-cyber');
    expect(plan).toEqual({
      ok: true,
      data: {
        requests: [
          { subscription: 'oneTime', templateIds: ['local-tpl-referral-assigned', REVIEW_TPL] },
          { subscription: 'longTerm', templateIds: [DEADLINE_TPL] },
        ],
      },
    });
    await accept('demo-handler-cyber', DEADLINE_TPL);
    const after = await t.call('notify', 'consentPlan', { moment: 'openReferrals' }, 'demo-handler-cyber');
    expect(after.ok && after.data.requests.map((r) => r.subscription)).toEqual(['oneTime']);
    expect(await t.call('notify', 'consentPlan', { moment: 'nowhere' } as never, 'demo-handler-cyber')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('counts one-time accepts per template and ignores ids of no template here', async () => {
    await accept('demo-operator-a', REVIEW_TPL, 2);
    const res = await t.call(
      'notify',
      'reportConsent',
      { answers: { [DEADLINE_TPL]: 'accept', 'forged-id': 'accept', [REVIEW_TPL]: 'reject' } },
      'demo-operator-a',
    );
    expect(res).toEqual({
      ok: true,
      data: {
        templates: [
          { templateId: DEADLINE_TPL, subscription: 'longTerm', remaining: null },
          { templateId: REVIEW_TPL, subscription: 'oneTime', remaining: 2 },
        ],
      },
    });
    const stored = t.cloud.db.get('consents', 'p-cs-operator-a') as unknown as ConsentRecord;
    expect(Object.keys(stored.templates).sort()).toEqual([DEADLINE_TPL, REVIEW_TPL]);
    expect(
      await t.call('notify', 'reportConsent', { answers: { x: 'yes' } } as never, 'demo-operator-a'),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('timer delivery', () => {
  it('refuses to run for a mini-program caller', async () => {
    const res = await t.post('timer', { Type: 'Timer', TriggerName: 'everyMinute' }, 'demo-operator-a');
    expect(res.body).toMatchObject({ ok: false, error: { code: 'TIMER_ONLY' } });
  });

  it('spends one-time accepts: accepted twice → two sends, the third skipped NO_CONSENT, all three in the inbox', async () => {
    await accept('demo-operator-a', REVIEW_TPL, 2);
    const records = [1, 2, 3].map((n) => queue(draft({ recipientId: 'p-cs-operator-a' }, n)));
    await runTimer();

    const sent = t.cloud.openapi.outbox();
    expect(sent).toHaveLength(2);
    expect(
      sent.every((m) => m.touser === 'demo-operator-a' && m.template_id === REVIEW_TPL && m.caller === 'timer'),
    ).toBe(true);
    expect(sent.map((m) => m.page)).toEqual(['pages/post-detail/index?id=post-1', 'pages/post-detail/index?id=post-2']);
    expect(records.map((r) => outboxDoc(r._id).state)).toEqual(['sent', 'sent', 'skipped']);
    expect(outboxDoc(records[2]?._id ?? '').lastError?.code).toBe('NO_CONSENT');
    const consent = t.cloud.db.get('consents', 'p-cs-operator-a') as unknown as ConsentRecord;
    expect(consent.templates[REVIEW_TPL]).toMatchObject({ remaining: 0 });
    expect(notifications('p-cs-operator-a')).toHaveLength(3);
  });

  it('writes a page’s spent accepts in bulk: each recipient’s count goes down by exactly what was sent', async () => {
    // Issue 18: recipients who spent the same number of one template share one update.
    const people = [
      ['p-cs-operator-a', 'demo-operator-a', 3, 1],
      ['p-cs-operator-b', 'demo-operator-b', 3, 2],
      ['p-cs-reviewer', 'demo-reviewer', 2, 2],
      ['p-cs-leader', 'demo-leader', 1, 3],
    ] as const;
    for (const [, openid, accepts] of people) await accept(openid, REVIEW_TPL, accepts);
    people.forEach(([personId, , , messages], p) => {
      for (let i = 0; i < messages; i++) queue(draft({ recipientId: personId }, p * 10 + i));
    });
    const run = await runTimer();
    // The leader accepted once and has three messages: one sent, two skipped without calling WeChat.
    expect(run.data.delivery).toMatchObject({ sent: 6, skipped: 2 });
    expect(t.cloud.openapi.outbox()).toHaveLength(6);
    const left = people.map(([personId]) => {
      const c = t.cloud.db.get('consents', personId) as unknown as ConsentRecord;
      return [c.templates[REVIEW_TPL]];
    });
    expect(left.map(([tpl]) => tpl)).toEqual([
      expect.objectContaining({ remaining: 2 }),
      expect.objectContaining({ remaining: 1 }),
      expect.objectContaining({ remaining: 0 }),
      expect.objectContaining({ remaining: 0 }),
    ]);
    // A report after the run counts on top of what is left (the bulk write kept the record's rev moving).
    await accept('demo-operator-b', REVIEW_TPL);
    const b = t.cloud.db.get('consents', 'p-cs-operator-b') as unknown as ConsentRecord;
    expect(b.templates[REVIEW_TPL]).toMatchObject({ remaining: 2 });
  });

  it('sends each message once when runs overlap and when the trigger fires twice', async () => {
    const people = [
      ['p-cs-operator-a', 'demo-operator-a'],
      ['p-cs-operator-b', 'demo-operator-b'],
      ['p-cs-reviewer', 'demo-reviewer'],
      ['p-cs-leader', 'demo-leader'],
    ] as const;
    for (const [, openid] of people) await accept(openid, DEADLINE_TPL);
    const records = people.flatMap(([personId], p) =>
      Array.from({ length: 15 }, (_, i) =>
        queue(
          draft(
            {
              recipientId: personId,
              kind: 'referralDueSoon',
              values: { subject: `转办${p}-${i}`, status: '即将到期' },
              dedupeKey: `referralDueSoon:r${p}-${i}:${personId}`,
            },
            p * 100 + i,
          ),
        ),
      ),
    );
    const event = { Type: 'Timer', TriggerName: 'everyMinute', Time: '2026-11-28T01:00:00Z', Message: '' };
    const overlapping = await Promise.all([
      t.cloud.runtime.invoke('timer', event, { source: 'timer' }),
      t.cloud.runtime.invoke('timer', event, { source: 'timer' }),
      t.cloud.runtime.invoke('timer', event, { source: 'timer' }),
    ]);
    const runs = [...overlapping.map(timerRun), ...(await Promise.all([runTimer(), runTimer()]))];
    // Each message is counted by exactly one run: the runs shared the work, none repeated it.
    expect(runs.reduce((sum, r) => sum + r.data.delivery.sent, 0)).toBe(records.length);

    const sent = t.cloud.openapi.outbox();
    const subjects = sent.map((m) => (m.data as Record<string, { value: string }>)['thing1']?.value);
    expect(sent).toHaveLength(records.length);
    expect(new Set(subjects).size).toBe(records.length);
    expect(records.every((r) => outboxDoc(r._id).state === 'sent' && outboxDoc(r._id).attempts === 1)).toBe(true);
  });

  it('retries a transient failure after its backoff, then sends', async () => {
    await accept('demo-operator-a', REVIEW_TPL);
    const record = queue(draft({ recipientId: 'p-cs-operator-a' }));
    t.cloud.openapi.failNextSends('busy', 'busy');

    await runTimer();
    let doc = outboxDoc(record._id);
    expect(doc).toMatchObject({ state: 'pending', attempts: 1, lastError: { code: 'WX_FAILED', errCode: -1 } });
    const firstRetry = Date.parse(doc.dueAt) - t.cloud.clock.now();
    expect(firstRetry).toBeGreaterThan(50_000);
    expect(firstRetry).toBeLessThanOrEqual(60_000);

    await runTimer(); // not yet due: no call
    expect(t.cloud.openapi.outbox()).toHaveLength(1);

    t.cloud.clock.advance(61_000);
    await runTimer();
    doc = outboxDoc(record._id);
    expect(doc).toMatchObject({ state: 'pending', attempts: 2 });
    expect(Date.parse(doc.dueAt) - t.cloud.clock.now()).toBeGreaterThan(110_000); // 2 min after the second

    t.cloud.clock.advance(121_000);
    await runTimer();
    expect(outboxDoc(record._id)).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
    expect(t.cloud.openapi.outbox().map((m) => m.result.errcode)).toEqual([-1, -1, 0]);
    const consent = t.cloud.db.get('consents', 'p-cs-operator-a') as unknown as ConsentRecord;
    expect(consent.templates[REVIEW_TPL]).toMatchObject({ remaining: 0 });
  });

  it('on 43101 skips the message, drops the consent, and skips later sends without calling WeChat', async () => {
    await accept('demo-operator-a', REVIEW_TPL, 3);
    const first = queue(draft({ recipientId: 'p-cs-operator-a' }, 1));
    t.cloud.openapi.failSendsTo('demo-operator-a', 'refused');
    await runTimer();
    expect(outboxDoc(first._id)).toMatchObject({ state: 'skipped', lastError: { code: 'WX_REFUSED', errCode: 43101 } });
    const consent = t.cloud.db.get('consents', 'p-cs-operator-a') as unknown as ConsentRecord;
    expect(consent.templates[REVIEW_TPL]).toMatchObject({ remaining: 0, lastAnswer: 'revoked' });

    t.cloud.openapi.failSendsTo('demo-operator-a', null);
    const later = queue(draft({ recipientId: 'p-cs-operator-a' }, 2));
    await runTimer();
    expect(outboxDoc(later._id)).toMatchObject({ state: 'skipped', lastError: { code: 'NO_CONSENT' } });
    expect(t.cloud.openapi.outbox()).toHaveLength(1);
    expect(notifications('p-cs-operator-a')).toHaveLength(2);
  });

  it('escalates a deadline reminder that reached nobody to the responsible person, once', async () => {
    await accept('demo-city-propaganda', 'local-tpl-escalation');
    const key = 'referralOverdue:referrals/r1:2026-11-28:p-cs-handler-cyber';
    const record = queue(
      draft({
        recipientId: 'p-cs-handler-cyber',
        kind: 'referralOverdue',
        title: '转办事项已逾期',
        values: { subject: '群众咨询户籍办理', status: '已逾期', dueAt: '2026-11-28T09:00:00.000+08:00' },
        dedupeKey: key,
        escalation: { unitId: 'u-cs', next: 'unitResponsible', recipientName: '赵磊' },
      }),
    );
    await runTimer();
    expect(outboxDoc(record._id)).toMatchObject({ state: 'skipped', lastError: { code: 'NO_CONSENT' } });
    expect(notifications('p-cs-handler-cyber')).toHaveLength(1);
    const escalated = notifications('p-cs-propaganda');
    expect(escalated).toEqual([
      expect.objectContaining({
        kind: 'escalation',
        dedupeKey: `${key}:escalated:p-cs-propaganda`,
        title: '督办：转办事项已逾期',
      }),
    ]);

    // The escalation goes out as a subscribe message of its own on the next run, and is never doubled.
    await runTimer();
    await runTimer();
    expect(notifications('p-cs-propaganda')).toHaveLength(1);
    const sent = t.cloud.openapi.outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ touser: 'demo-city-propaganda', template_id: 'local-tpl-escalation' });
    expect((sent[0]?.data as Record<string, { value: string }>)['name2']?.value).toBe('赵磊');
  });

  it('escalates to the propaganda desk staff, and past a recipient who is the responsible person', async () => {
    queue(
      draft({
        recipientId: 'p-cs-operator-a',
        kind: 'publishReminder',
        dedupeKey: 'publishReminder:posts/p1:2026-11-28:p-cs-operator-a',
        escalation: { unitId: 'u-cs', next: 'propagandaDesk', recipientName: '王明' },
      }),
    );
    queue(
      draft({
        recipientId: 'p-cs-propaganda',
        kind: 'referralDueSoon',
        dedupeKey: 'referralDueSoon:referrals/r2:2026-11-28:p-cs-propaganda',
        escalation: { unitId: 'u-cs', next: 'unitResponsible', recipientName: '陈静' },
      }),
    );
    await runTimer();
    const escalations = (t.cloud.db.find('notifications', { kind: 'escalation' }) as unknown as Notification[])
      .map((n) => `${n.recipientId} ← ${n.dedupeKey.split(':')[1] ?? ''}`)
      .sort();
    // 陈静 is u-cs's responsible person herself: her reminder goes to the unit's responsible leader.
    expect(escalations).toEqual(['p-cs-leader ← referrals/r2', 'p-cs-propaganda ← posts/p1']);
  });
});
