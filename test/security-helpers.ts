/** Shared steps of the security integration tests. */
import type { Notification } from '../typings/notify';
import type { TestCloud } from './support/cloud';

export { WHO } from './post-helpers';

/** Fires a trigger and answers its data, failing the test on a refused or crashed run. */
export async function fire<T = unknown>(t: TestCloud, trigger: string): Promise<T> {
  const [record] = await t.cloud.timers.fire(trigger);
  if (!record?.outcome.ok) throw new Error(`trigger ${trigger} failed: ${JSON.stringify(record?.outcome)}`);
  const answer = record.outcome.result as { ok: boolean; data?: unknown };
  if (!answer.ok) throw new Error(`trigger ${trigger} refused: ${JSON.stringify(answer)}`);
  return answer.data as T;
}

export const notices = (t: TestCloud, kind: string, recipientId?: string): Notification[] =>
  (t.cloud.db.find('notifications', recipientId ? { kind, recipientId } : { kind }) as unknown as Notification[]).sort(
    (a, b) => a.dedupeKey.localeCompare(b.dedupeKey),
  );
