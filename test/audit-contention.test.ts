/**
 * Every audited change appends to one hash chain, so unrelated changes made at the same moment contend
 * for its head. None of them may fail or be lost for it, and the chain must stay whole.
 */
import type { AuditEntry } from '../typings/org';
import { verifyChain } from '../core/audit/chain';
import { startTestCloud, type TestCloud } from './support/cloud';

const draft = (i: number) => ({
  clientKey: `contention-${i}`,
  accountId: 'acc-cs-weibo',
  content: {
    title: `并发稿件${i}`,
    text: '天干物燥，请市民注意用火用电安全。',
    images: [],
    kind: 'original' as const,
    source: null,
  },
  nature: 'official' as const,
  declaredLevel: 'ordinary' as const,
  sourceVerified: false,
  plannedAt: null,
});

describe('the audit chain under simultaneous unrelated changes', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-30T10:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('accepts twelve drafts saved at once by two operators, each audited once, chain intact', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.call('post', 'draftSave', draft(i), i % 2 ? 'demo-operator-a' : 'demo-operator-b'),
      ),
    );
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const log = t.cloud.db.find('auditLog', {}, { sort: [['seq', 1]] }) as unknown as AuditEntry[];
    expect(log.filter((e) => e.action === 'post.draftSave')).toHaveLength(12);
    expect(verifyChain(log)).toMatchObject({ ok: true });
  }, 60_000);
});
