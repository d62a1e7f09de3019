/**
 * Notification delivery benchmark: one timer run over an outbox of N records of which 1,000 are due
 * (inserted straight into the local cloud's database), measured with the local cloud's own counters.
 *
 *   npx tsx tools/bench/notify.ts
 *
 * Prints, per outbox size (10k and 100k), the database requests and documents read by the run: both
 * must follow the 1,000 due records, not the outbox size. Then the run's time per delivered message
 * as a ratio to one bare subscribeMessage.send from inside a function (tools/bench/fixtures/sendprobe).
 * Run the function build first (npm run build:functions or any node test run).
 */
import type { ConsentRecord, NotificationDraft, OutboxRecord } from '../../typings/notify';
import type { Person } from '../../typings/org';
import { enqueue } from '../../core/notify/outbox';
import { templatesFor } from '../../core/notify/templates';
import { toBeijingIso } from '../../core/time';
import { createLocalCloud, type LocalCloud, type LocalCloudStats } from '../local-cloud/src';
import type { TimerAnswer } from '../../server/notify/timer';
import { seedOrg } from '../seed';
import { bareSendMs } from './stats';

const START = '2026-11-28T09:00:00+08:00';
const ENV = 'local-dev';
const DEADLINE_TPL = 'local-tpl-deadline';
const BATCH = 5_000;

export interface NotifyRunFigures {
  outbox: number;
  due: number;
  sent: number;
  /** Every HTTP request the local cloud served during the run. */
  requests: number;
  databaseRequests: number;
  wxRequests: number;
  documentsRead: number;
  documentsWritten: number;
  fullScans: number;
  runMs: number;
  msPerMessage: number;
}

export interface NotifyBenchFigures {
  runs: NotifyRunFigures[];
  /** One bare subscribeMessage.send from inside a function. */
  bareSendMs: number;
  /** msPerMessage of the largest run / bareSendMs. */
  ratioToBareSend: number;
}

export interface NotifyBenchOptions {
  sizes?: number[];
  due?: number;
  log?: (line: string) => void;
}

/** Demo people who have a WeChat binding: the due messages are spread over them. */
function recipients(cloud: LocalCloud): Person[] {
  return (cloud.db.find('people', {}) as unknown as Person[]).filter((p) => p.openid && p.active);
}

function fill(cloud: LocalCloud, total: number, due: number): void {
  const now = cloud.clock.now();
  const people = recipients(cloud);
  const env = templatesFor(ENV);
  // Everyone subscribed long-term to deadline reminders, so every due record is really sent.
  const consents: ConsentRecord[] = people.map((p) => ({
    _id: p._id,
    personId: p._id,
    templates: {
      [DEADLINE_TPL]: { subscription: 'longTerm', accepted: true, lastAnswer: 'accept', answeredAt: toBeijingIso(now) },
    },
    updatedAt: toBeijingIso(now),
    rev: 1,
  }));
  cloud.db.insert('consents', consents as never[]);

  const HOUR = 3_600_000;
  for (let start = 0; start < total; start += BATCH) {
    const batch: OutboxRecord[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const person = people[i % people.length];
      if (!person) throw new Error('演示数据中没有已绑定微信的人员');
      const draft: NotificationDraft = {
        kind: 'referralDueSoon',
        recipientId: person._id,
        title: `转办事项即将到期 ${i}`,
        text: '请在期限内答复',
        link: `/pages/referral-detail/index?id=r${i}`,
        subject: { collection: 'referrals', id: `r${i}` },
        values: { subject: `群众咨询 ${i}`, status: '即将到期', dueAt: toBeijingIso(now + HOUR) },
        dedupeKey: `referralDueSoon:referrals/r${i}:2026-11-28:${person._id}`,
        escalation: null,
      };
      let n = 0;
      const { outbox } = enqueue(draft, { env, now: now - 2 * HOUR, newId: () => `${n++}-${i}` });
      const id = `o-${String(i).padStart(7, '0')}`;
      if (i < due) {
        batch.push({ ...outbox, _id: id, dueAt: toBeijingIso(now - (i % 60) * 1000) });
      } else if (i % 10 === 0) {
        // Planned for later: pending but not due.
        batch.push({ ...outbox, _id: id, dueAt: toBeijingIso(now + (1 + (i % 500)) * 60_000) });
      } else {
        // History: delivered or skipped long ago.
        const state = i % 7 === 0 ? 'skipped' : 'sent';
        batch.push({ ...outbox, _id: id, state, attempts: 1, sentAt: state === 'sent' ? outbox.createdAt : null });
      }
    }
    cloud.db.insert('outbox', batch as never[]);
  }
}

async function timerRun(cloud: LocalCloud): Promise<{ answer: TimerAnswer; ms: number }> {
  const [fired] = await cloud.timers.fire('timer');
  if (!fired?.outcome.ok) throw new Error(`定时任务失败：${JSON.stringify(fired?.outcome)}`);
  return { answer: fired.outcome.result as TimerAnswer, ms: fired.outcome.durationMs };
}

async function measureRun(total: number, due: number): Promise<NotifyRunFigures> {
  const cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    cloud.clock.set(START);
    seedOrg(cloud.db);
    // A warm instance, as every minute after the first finds it.
    await timerRun(cloud);
    fill(cloud, total, due);
    cloud.openapi.reset();
    cloud.resetStats();
    const { answer, ms } = await timerRun(cloud);
    const stats: LocalCloudStats = cloud.stats();
    if (!answer.ok) throw new Error(answer.error.message);
    const sent = cloud.openapi.outbox().filter((m) => m.result.errcode === 0).length;
    return {
      outbox: total,
      due,
      sent,
      requests: stats.requests,
      databaseRequests: stats.admin.database,
      wxRequests: stats.admin.wx,
      documentsRead: stats.documentsRead,
      documentsWritten: stats.documentsWritten,
      fullScans: stats.fullScans,
      runMs: ms,
      msPerMessage: sent > 0 ? ms / sent : Number.NaN,
    };
  } finally {
    await cloud.close();
  }
}

export async function runNotifyBench(options: NotifyBenchOptions = {}): Promise<NotifyBenchFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const due = options.due ?? 1_000;
  const runs: NotifyRunFigures[] = [];
  log(`通知投递：一次定时任务，其中到期 ${due} 条`);
  log('  外发箱总数   数据库请求   读取文档   写入文档   全表扫描   微信调用   已发送   耗时(ms)   每条(ms)');
  for (const size of options.sizes ?? [10_000, 100_000]) {
    const r = await measureRun(size, due);
    runs.push(r);
    log(
      `  ${String(r.outbox).padStart(8)}   ${String(r.databaseRequests).padStart(8)}   ${String(r.documentsRead).padStart(8)}   ` +
        `${String(r.documentsWritten).padStart(8)}   ${String(r.fullScans).padStart(8)}   ${String(r.wxRequests).padStart(8)}   ` +
        `${String(r.sent).padStart(6)}   ${r.runMs.toFixed(0).padStart(8)}   ${r.msPerMessage.toFixed(2).padStart(8)}`,
    );
  }
  const bareMs = await bareSendMs(DEADLINE_TPL, 500);
  const last = runs[runs.length - 1];
  const ratioToBareSend = last ? last.msPerMessage / bareMs : Number.NaN;
  for (const r of runs) {
    log(`  ${r.outbox} 条外发箱：每条已发送消息 ${(r.databaseRequests / Math.max(1, r.sent)).toFixed(3)} 次数据库请求`);
  }
  // Issue 18's "before": measured on 103702a (a claim and a save per record), same bench, same data.
  log(`  改动前（103702a，逐条认领与保存）：10000 条外发箱 2038 次数据库请求，每条已发送消息 2.04 次`);
  log(`  单次 subscribeMessage.send（函数内直接调用）：${bareMs.toFixed(2)} ms`);
  log(`  每条投递耗时 / 单次发送耗时 = ${ratioToBareSend.toFixed(2)}`);
  return { runs, bareSendMs: bareMs, ratioToBareSend };
}

if (require.main === module) {
  runNotifyBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
