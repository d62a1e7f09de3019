/**
 * Issue 18, timer runs that find nothing new: a referral-reminder run whose due referrals were all
 * planned by an earlier run reads those referrals and a constant, nothing per item; a referral that
 * changed (or reached its next stage) is planned again, and no reminder goes out twice. Deliveries
 * batch their writes: a page of messages costs a few database requests, not two per message.
 */
import type { Referral } from '../typings/referral';
import type { ConsentRecord, Notification, NotificationDraft, OutboxRecord } from '../typings/notify';
import { enqueue } from '../core/notify/outbox';
import { templatesFor } from '../core/notify/templates';
import type { PlannerRunReport } from '../server/planners';
import type { TimerAnswer } from '../server/notify/timer';
import { addDays, beijingAt, toBeijingIso } from '../core/time';
import { useTestCloud } from './support/cloud';
import { signedReferral } from './support/referrals';

const TODAY = '2026-11-30';
/** More than one page of 100, all due at the same instant: the ties cross a page boundary. */
const DUE = 150;
const HANDLER = 'p-cs-handler-criminal';

function referral(i: number, dueSoon: boolean): Referral {
  return signedReferral({
    id: `r-${String(i).padStart(5, '0')}`,
    n: i,
    department: { id: 'u-cs-xz', name: '长沙市公安局刑侦支队' },
    deadlineClass: 'major',
    handlerId: HANDLER,
    created: toBeijingIso(beijingAt(addDays(TODAY, -3), 10)),
    dueDay: dueSoon ? TODAY : addDays(TODAY, 5 + (i % 20)),
  });
}

jest.setTimeout(120_000);

describe('timer runs that find nothing new', () => {
  const t = useTestCloud({ now: toBeijingIso(beijingAt(TODAY, 9)), frozen: true }, () => {
    const docs: Referral[] = [];
    for (let i = 0; i < 2_000; i++) docs.push(referral(i, i < DUE));
    t.cloud.db.insert('referrals', docs as never[]);
  });

  async function run(): Promise<{ planners: PlannerRunReport[]; answer: Extract<TimerAnswer, { ok: true }>['data'] }> {
    const [fired] = await t.cloud.timers.fire('timer');
    if (!fired?.outcome.ok) throw new Error(`timer failed: ${JSON.stringify(fired?.outcome)}`);
    const answer = fired.outcome.result as TimerAnswer;
    if (!answer.ok) throw new Error(answer.error.message);
    return { planners: answer.data.planners, answer: answer.data };
  }

  const dueSoonReminders = (): Notification[] =>
    (t.cloud.db.find('notifications', { kind: 'referralDueSoon' }) as unknown as Notification[]).filter((n) =>
      n.subject?.id.startsWith('r-'),
    );

  it('plans every due referral once, then reads only them (and a constant) while nothing changes', async () => {
    const first = await run();
    const planned = first.planners.find((p) => p.name === 'referralDueSoon');
    expect(planned).toMatchObject({ items: DUE, unchanged: 0, enqueued: DUE, error: null });
    expect(dueSoonReminders()).toHaveLength(DUE);
    // Let the first run's deliveries and escalations settle, then measure a run with nothing new.
    await run();
    t.cloud.resetStats();
    const quiet = await run();
    const stats = t.cloud.stats();
    expect(quiet.planners.find((p) => p.name === 'referralDueSoon')).toMatchObject({
      items: DUE,
      unchanged: DUE,
      drafts: 0,
      enqueued: 0,
    });
    expect(quiet.answer.delivery.due).toBe(0);
    expect(stats.readsByCollection['referrals']).toBe(DUE);
    expect(stats.documentsRead - DUE).toBeLessThanOrEqual(10);
    // No per-reminder dedupe lookup (other planners may read a constant few).
    expect(stats.readsByCollection['notifications'] ?? 0).toBeLessThanOrEqual(2);
    expect(stats.documentsWritten).toBe(0);
    expect(stats.fullScans).toBe(0);
    expect(dueSoonReminders()).toHaveLength(DUE);
  });

  it('leaves the referral’s rev alone, and plans a changed referral again without sending twice', async () => {
    const one = t.cloud.db.get('referrals', 'r-00007') as unknown as Referral & { plannerMarks?: object };
    expect(one.rev).toBe(2);
    expect(one.plannerMarks).toHaveProperty('referralDueSoon');
    t.cloud.db.update(
      'referrals',
      { _id: 'r-00007' },
      { $set: { rev: 3 } },
      { multi: false, replace: false, upsert: false },
    );
    const again = await run();
    expect(again.planners.find((p) => p.name === 'referralDueSoon')).toMatchObject({
      items: DUE,
      unchanged: DUE - 1,
      drafts: 1,
      enqueued: 0,
    });
    expect(dueSoonReminders()).toHaveLength(DUE);
  });

  it('plans the next stage when it comes (two hours before the end of the day)', async () => {
    t.cloud.clock.set(toBeijingIso(beijingAt(TODAY, 22, 1)));
    const late = await run();
    // Both windows hold them now; whichever planner runs first stores the 'hours' reminder, once.
    const mine = late.planners.filter((p) => p.name === 'referralDueSoon' || p.name === 'referralDeadline');
    expect(mine.map((p) => p.error)).toEqual([null, null]);
    expect(mine.reduce((n, p) => n + p.enqueued, 0)).toBe(DUE);
    expect(dueSoonReminders()).toHaveLength(2 * DUE);
    const quiet = await run();
    expect(quiet.planners.find((p) => p.name === 'referralDeadline')).toMatchObject({ unchanged: DUE, enqueued: 0 });
    expect(quiet.planners.find((p) => p.name === 'referralDueSoon')).toMatchObject({ unchanged: DUE, enqueued: 0 });
    expect(dueSoonReminders()).toHaveLength(2 * DUE);
  });
});

describe('deliveries batch their writes', () => {
  const t = useTestCloud({ now: toBeijingIso(beijingAt(TODAY, 9)), frozen: true });

  async function fire(): Promise<Extract<TimerAnswer, { ok: true }>['data']> {
    const [fired] = await t.cloud.timers.fire('timer');
    const answer = fired?.outcome.ok ? (fired.outcome.result as TimerAnswer) : null;
    if (!answer?.ok) throw new Error(`timer failed: ${JSON.stringify(fired?.outcome)}`);
    return answer.data;
  }

  it('sends 150 due messages once each with a few database requests, not two per message', async () => {
    await fire(); // a warm instance
    const now = t.cloud.clock.now();
    const env = templatesFor('local-dev');
    const templateId = 'local-tpl-deadline';
    const consent: ConsentRecord = {
      _id: HANDLER,
      personId: HANDLER,
      templates: {
        [templateId]: { subscription: 'longTerm', accepted: true, lastAnswer: 'accept', answeredAt: toBeijingIso(now) },
      },
      updatedAt: toBeijingIso(now),
      rev: 1,
    };
    t.cloud.db.insert('consents', [consent as never]);
    const records: OutboxRecord[] = [];
    for (let i = 0; i < DUE; i++) {
      const draft: NotificationDraft = {
        kind: 'referralDueSoon',
        recipientId: HANDLER,
        title: `流转即将到期 ${i}`,
        text: '请在期限内答复',
        link: `/pages/referral-detail/index?id=r${i}`,
        subject: { collection: 'referrals', id: `r${i}` },
        values: { subject: `群众咨询 ${i}`, status: '即将到期', dueAt: toBeijingIso(now + 3_600_000) },
        dedupeKey: `referralDueSoon:referrals/r${i}:${TODAY}:${HANDLER}`,
        escalation: null,
      };
      let n = 0;
      const { outbox } = enqueue(draft, { env, now: now - 60_000, newId: () => `${i}-${n++}` });
      records.push({ ...outbox, _id: `o-${String(i).padStart(4, '0')}` });
    }
    t.cloud.db.insert('outbox', records as never[]);

    t.cloud.resetStats();
    const run = await fire();
    const stats = t.cloud.stats();
    expect(run.delivery).toMatchObject({ due: DUE, sent: DUE, lostRace: 0 });
    expect(t.cloud.openapi.outbox().filter((m) => m.result.errcode === 0)).toHaveLength(DUE);
    const stored = t.cloud.db.find('outbox', { state: 'sent' }, { limit: 1000 }) as unknown as OutboxRecord[];
    expect(stored).toHaveLength(DUE);
    expect(stored.every((r) => r.rev === 2 && r.attempts === 1 && r.leaseOwner === null && r.sentAt !== null)).toBe(
      true,
    );
    // Before: a claim and a save per message (≥ 300 requests). Now: per page a claim, the people and
    // consents, saves per 20; plus the planners' and linkage's constant reads.
    expect(stats.admin.database).toBeLessThan(40);
    // A second run finds the outbox quiet.
    const again = await fire();
    expect(again.delivery.due).toBe(0);
    expect(t.cloud.openapi.outbox().filter((m) => m.result.errcode === 0)).toHaveLength(DUE);
  });
});
