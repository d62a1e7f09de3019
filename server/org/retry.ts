/** A write the database refused because a unique index already holds the value (E11000). */
export function isDuplicateKey(err: unknown, index: string): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return message.includes('E11000') && message.includes(`index: ${index} `);
}

/** Runs `attempt` again while it fails with an error `retry` accepts, at most `attempts` times in all. */
export async function retryWhile<R>(
  attempt: () => Promise<R>,
  retry: (err: unknown) => boolean,
  attempts: number,
): Promise<R> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= attempts || !retry(err)) throw err;
    }
  }
}
