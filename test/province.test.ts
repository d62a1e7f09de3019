/**
 * Issue 18: the province generator makes a consistent province from a fixed seed — the unit tree of 14
 * cities and 122 counties, about 20,000 people, about 3,000 accounts that all meet the placement rules
 * (第九条, 第十一条, 第十六条, 第三十五条, 第三十九条), posts that went through the chain rules (what
 * waits has its approvals-queue entries, what went out was approved first), referrals with deadlines —
 * and the functions serve it: the reviewer's approvals page lists what waits for them.
 */
import type { Account, Person, Unit } from '../typings/org';
import type { ApprovalQueueEntry, Post } from '../typings/post';
import type { Referral } from '../typings/referral';
import { validateAccount } from '../core/org/accounts';
import { buildTree } from '../core/org/tree';
import { generateProvince, PROVINCE_NOW, type ProvinceReport } from '../tools/province/generate';
import { startTestCloud, type TestCloud } from './support/cloud';

jest.setTimeout(180_000);

describe('the province generator', () => {
  let t: TestCloud;
  let report: ProvinceReport;

  beforeAll(async () => {
    t = await startTestCloud({ seed: false });
    t.cloud.clock.freeze();
    t.cloud.clock.set(PROVINCE_NOW);
    report = generateProvince(t.cloud.db, { scale: 0.03 });
  });
  afterAll(() => t.close());

  const all = <T>(collection: string): T[] => t.cloud.db.find(collection, {}) as unknown as T[];

  it('builds the province’s tree, people and accounts', () => {
    const units = all<Unit>('units');
    const bureaus = units.filter((u) => u.kind === 'bureau');
    expect(bureaus.filter((u) => u.level === 'city')).toHaveLength(14);
    expect(bureaus.filter((u) => u.level === 'county')).toHaveLength(122);
    expect(report.counts['people']).toBeGreaterThanOrEqual(20_000);
    expect(report.counts['accounts']).toBeGreaterThanOrEqual(2_800);
    // 第九条: every 市州 and 县 bureau on 微博 and 微信公众号.
    const accounts = all<Account>('accounts');
    for (const b of bureaus.filter((u) => u.level !== 'province')) {
      const mine = accounts.filter((a) => a.unitId === b._id).map((a) => a.platform);
      expect(mine).toEqual(expect.arrayContaining(['weibo', 'wechatSubscription']));
    }
  });

  it('places people as the rules require: no account shows a violation', () => {
    const tree = buildTree(all<Unit>('units'));
    const people = new Map(all<Person>('people').map((p) => [p._id, p]));
    const broken = all<Account>('accounts')
      .map((a) => ({ id: a._id, violations: validateAccount(a, { tree, people }) }))
      .filter((x) => x.violations.length > 0);
    expect(broken).toEqual([]);
  });

  it('takes posts through the chain: what waits is queued for its holders, what went out was approved', () => {
    const posts = all<Post>('posts');
    expect(posts.length).toBeGreaterThan(500);
    const queue = all<ApprovalQueueEntry>('approvalQueue');
    const waiting = posts.filter((p) => p.state === 'inReview');
    expect(waiting.length).toBeGreaterThan(0);
    for (const p of waiting) {
      expect(
        queue
          .filter((e) => e.postId === p._id && e.open)
          .map((e) => e.key)
          .sort(),
      ).toEqual([...p.pendingWith].sort());
    }
    const published = posts.filter((p) => p.state === 'published');
    expect(published.length / posts.length).toBeGreaterThan(0.5);
    for (const p of published) {
      expect(p.approvedHash).toBe(p.contentHash);
      expect(p.publication?.publishedAt && p.approvedAt && p.publication.publishedAt >= p.approvedAt).toBe(true);
      // 第十五条: nobody decided a step of their own post.
      expect(p.decisions.some((d) => p.contributorIds.includes(d.personId))).toBe(false);
    }
  });

  it('makes referrals with deadlines, answered or still open', () => {
    const referrals = all<Referral>('referrals');
    expect(referrals.length).toBeGreaterThan(10);
    for (const r of referrals) expect(Date.parse(r.dueAt)).toBeGreaterThan(Date.parse(r.createdAt));
    expect(referrals.some((r) => r.state === 'closed')).toBe(true);
  });

  it('is the same province from the same seed', async () => {
    const again = await startTestCloud({ seed: false });
    try {
      const second = generateProvince(again.cloud.db, { scale: 0.03 });
      expect(second.counts).toEqual(report.counts);
      expect(again.cloud.db.get('posts', 'ps-0000100')).toEqual(t.cloud.db.get('posts', 'ps-0000100'));
    } finally {
      await again.close();
    }
  });

  it('is served by the functions: a reviewer’s approvals page lists what waits for them', async () => {
    const res = (await t.call('post', 'approvals', { limit: 20 }, report.callers.cityReviewer)) as {
      ok: boolean;
      data?: { items: { postId: string }[] };
    };
    expect(res.ok).toBe(true);
    const reviewer = all<Person>('people').find((p) => p.openid === report.callers.cityReviewer);
    const mine = all<ApprovalQueueEntry>('approvalQueue').filter(
      (e) => e.open && (e.key === `person:${reviewer?._id ?? ''}` || e.key === `role:reviewer@u-cs`),
    );
    expect(res.data?.items.length).toBe(Math.min(20, new Set(mine.map((e) => e.postId)).size));
  });
});
