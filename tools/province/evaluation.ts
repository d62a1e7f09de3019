/**
 * The province's last closed month evaluated and published (issue 14's monthly evaluation and circular),
 * as the province desk does it through the functions: evaluation.run chunk after chunk (the core
 * evaluation rules over the generated records), evaluation.release to the units, and after the
 * objection period (第三十七条) evaluation.publish, which freezes the month and stores the circular.
 * The desk works in the first days of the month after (the local cloud's clock is set there and put
 * back to the province's now), so the month is published by the generated "now" and the evaluation
 * pages (ranking, result, unit result, year, circular) have data. A set-up step of the generated
 * province (npm run seed:province, the province bench); the province timers bench leaves it out and
 * measures the evaluation timer doing the same month.
 */
import type { LocalCloud } from '../local-cloud/src';
import { addMonths, monthOf } from '../../core/evaluation/month';
import { beijingAt } from '../../core/time';
import { PROVINCE_NOW } from './generate';

interface Answer {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

async function call(cloud: LocalCloud, action: string, body: Record<string, unknown>, openid: string): Promise<Answer> {
  const [fn, name] = action.split('.');
  const res = await fetch(`${cloud.url}/functions/${fn ?? ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action: name, ...body }),
  });
  return (await res.json()) as Answer;
}

export interface PublishedMonth {
  month: string;
  chunks: number;
  accounts: number;
  published: boolean;
  error: string | null;
}

/** Runs, releases and publishes the month before the province's now as `openid` (the province desk). */
export async function publishLastMonth(
  cloud: LocalCloud,
  openid: string,
  log: (line: string) => void = () => undefined,
): Promise<PublishedMonth> {
  const nowMs = Date.parse(PROVINCE_NOW);
  const month = addMonths(monthOf(nowMs), -1);
  const result: PublishedMonth = { month, chunks: 0, accounts: 0, published: false, error: null };
  const frozen = cloud.clock.frozen;
  /** A Beijing moment of the province's month (the clock stands still there while the desk works). */
  const at = (day: number, hour: number): void => {
    cloud.clock.set(
      new Date(beijingAt(`${PROVINCE_NOW.slice(0, 8)}${String(day).padStart(2, '0')}`, hour)).toISOString(),
    );
  };
  try {
    cloud.clock.freeze();
    // The second working morning of the month: the desk runs the evaluation and releases it.
    at(3, 9);
    interface Progress {
      phase?: string;
      rev?: number;
      accountsDone?: number;
    }
    let progress: Progress = {};
    for (let chunk = 0; chunk < 1000 && progress.phase !== 'done'; chunk++) {
      const answer = await call(cloud, 'evaluation.run', { month, restart: false }, openid);
      if (!answer.ok) throw new Error(`evaluation.run：${answer.error?.message ?? ''}`);
      progress = answer.data as Progress;
      result.chunks++;
    }
    result.accounts = progress.accountsDone ?? 0;
    const released = await call(cloud, 'evaluation.release', { month, expectedRev: progress.rev ?? 0 }, openid);
    if (!released.ok) throw new Error(`evaluation.release：${released.error?.message ?? ''}`);
    const rev = (released.data as { rev: number }).rev;
    // After the objection period (no objections raised): published with its circular.
    at(16, 10);
    const published = await call(cloud, 'evaluation.publish', { month, expectedRev: rev }, openid);
    if (!published.ok) throw new Error(`evaluation.publish：${published.error?.message ?? ''}`);
    result.published = true;
    log(`  ${month} 月度评估：${result.accounts} 个账号，运行 ${result.chunks} 段，已下发并通报`);
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
    log(`  ${month} 月度评估未能通报：${result.error}`);
  } finally {
    cloud.clock.set(PROVINCE_NOW);
    if (!frozen) cloud.clock.resume();
  }
  return result;
}
