import { runPostsBench } from '../tools/bench/posts';

describe('posts benchmark (small sizes)', () => {
  it('reads a page of documents for an approvals list, whatever the collection and the backlog', async () => {
    const quiet = (): void => undefined;
    const small = await runPostsBench({ posts: 2_000, accounts: 100, pending: 50, iterations: 3, log: quiet });
    const large = await runPostsBench({ posts: 20_000, accounts: 400, pending: 500, iterations: 3, log: quiet });
    expect([small.posts, large.posts]).toEqual([2_000, 20_000]);
    expect([small.reviewerPending, large.reviewerPending]).toEqual([50, 500]);
    for (const run of [small, large]) {
      expect(run.approvals.items).toBe(20);
      expect(run.approvals.fullScans).toBe(0);
      // A page and one more (to know there is a next page), plus the caller's own record.
      expect(run.approvals.documentsRead).toBeLessThanOrEqual(20 + 2);
      expect(run.sequenceMs.p95).toBeGreaterThan(0);
    }
    expect(large.approvals.documentsRead).toBe(small.approvals.documentsRead);
  }, 120_000);
});
