/**
 * Issue 18: the province generator makes a consistent province from a fixed seed — the unit tree of 14
 * cities and 122 counties, about 20,000 people, about 3,000 accounts that all meet the placement rules
 * (第九条, 第十一条, 第十六条, 第三十五条, 第三十九条), posts that went through the chain rules (what
 * waits has its approvals-queue entries, what went out was approved first), referrals with deadlines —
 * and the functions serve it: the reviewer's approvals page lists what waits for them. The records of
 * the other domains hang together: every linkage response belongs to a directive and an account and
 * the tallies count exactly the targets, training counters count the attendance, every account has its
 * security record, the audit log is one unbroken chain, the maintained counts equal the records.
 */
import type { Account, Person, Unit } from '../typings/org';
import type { ApprovalQueueEntry, Post } from '../typings/post';
import type { Referral } from '../typings/referral';
import { validateAccount } from '../core/org/accounts';
import { buildTree } from '../core/org/tree';
import { generateProvince, PROVINCE_NOW, type ProvinceReport } from '../tools/province/generate';
import type { AuditEntry } from '../typings/org';
import type { CadenceDay } from '../typings/post';
import type { Directive, DirectiveTally, DirectiveTarget } from '../typings/linkage';
import type { AccountSecurity, Incident, SecurityAttestation } from '../typings/security';
import type { TrainingAttendance, TrainingSession } from '../typings/training';
import type { AccountApplication, AccountEvent, Filing, MatrixTotals } from '../typings/account';
import type { ConsentRecord } from '../typings/notify';
import type { ClaimDoc } from '../core/account/adopt';
import { filingDesks, openingDecider } from '../core/account/deciders';
import { nameClaimId } from '../core/account/keys';
import { hasConsent } from '../core/notify/consent';
import { templateCatalog, templatesFor } from '../core/notify/templates';
import { verifyChain } from '../core/audit/chain';
import type { AccountResult, EvaluationMonth } from '../typings/evaluation';
import { publishLastMonth } from '../tools/province/evaluation';
import type { LinkageReach } from '../core/linkage/reach';
import { reachableNow } from '../server/linkage/reach';
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
    // Some come due this morning: signed, unanswered, their first reminder within the last day.
    const now = Date.parse(PROVINCE_NOW);
    const dueNow = referrals.filter(
      (r) => r.open && Date.parse(r.dueSoonAt) <= now && Date.parse(r.dueSoonAt) > now - 24 * 3_600_000,
    );
    expect(dueNow.length).toBeGreaterThan(0);
  });

  it('makes linkage directives whose targets, tallies and clocks agree (第三十四条)', () => {
    const directives = new Map(all<Directive>('directives').map((d) => [d._id, d]));
    const accounts = new Set(all<Account>('accounts').map((a) => a._id));
    const targets = all<DirectiveTarget>('directiveTargets');
    expect(directives.size).toBeGreaterThan(4);
    const perDirective = new Map<string, number>();
    for (const t of targets) {
      expect(directives.has(t.directiveId)).toBe(true);
      expect(accounts.has(t.accountId)).toBe(true);
      expect(t._id).toBe(`${t.directiveId}|${t.accountId}`);
      perDirective.set(t.directiveId, (perDirective.get(t.directiveId) ?? 0) + 1);
      if (t.response) {
        const d = directives.get(t.directiveId);
        expect(t.state).toBe(Date.parse(t.response.at) > Date.parse(d?.dueAt ?? '') ? 'late' : 'onTime');
        expect(t.response.elapsedMs).toBe(Date.parse(t.response.at) - Date.parse(t.issuedAt));
      }
    }
    for (const d of directives.values()) {
      expect(perDirective.get(d._id)).toBe(d.targetCount);
      // A closed directive's record is final: nobody is still pending.
      if (d.state === 'closed')
        expect(targets.some((t) => t.directiveId === d._id && t.state === 'pending')).toBe(false);
    }
    expect(targets.some((t) => t.state === 'onTime')).toBe(true);
    expect(targets.some((t) => t.state === 'late')).toBe(true);
    expect(targets.some((t) => t.state === 'none')).toBe(true);
    // Each tally counts exactly the targets filed under it.
    for (const tally of all<DirectiveTally>('directiveTallies')) {
      const mine = targets.filter((t) => t.tallyIds.includes(tally._id));
      expect([tally.targets, tally.onTime, tally.late]).toEqual([
        mine.length,
        mine.filter((t) => t.state === 'onTime').length,
        mine.filter((t) => t.state === 'late').length,
      ]);
    }
    // The timer has something to do now: a reminder, a late report or a closing.
    const now = Date.parse(PROVINCE_NOW);
    expect([...directives.values()].filter((d) => d.open && Date.parse(d.nextStepAt ?? '') <= now).length).toBe(4);
  });

  it('records training sessions whose counters equal their attendance (第三十五条)', () => {
    const attendance = all<TrainingAttendance>('trainingAttendance');
    const people = new Map(all<Person>('people').map((p) => [p._id, p]));
    for (const s of all<TrainingSession>('trainingSessions')) {
      const mine = attendance.filter((a) => a.sessionId === s._id);
      expect([s.attended, s.completed]).toEqual([mine.length, mine.filter((a) => a.completed).length]);
    }
    for (const a of attendance.slice(0, 2000)) {
      const record = people.get(a.personId)?.trainings.find((t) => t.sessionId === a.sessionId);
      expect(record?.completed).toBe(a.completed);
    }
  });

  it('keeps every account’s security record, attestations and incidents consistent (第三十三条)', () => {
    const accounts = all<Account>('accounts');
    const security = new Map(all<AccountSecurity>('accountSecurity').map((s) => [s._id, s]));
    const attestations = new Map(all<SecurityAttestation>('securityAttestations').map((a) => [a._id, a]));
    for (const a of accounts) {
      const s = security.get(a._id);
      expect(s?.accountId).toBe(a._id);
      if (s?.lastAttestationId) expect(attestations.get(s.lastAttestationId)?.changedAt).toBe(s.lastRotatedAt);
    }
    for (const att of attestations.values()) expect(security.has(att.accountId)).toBe(true);
    expect([...attestations.values()].some((x) => x.late)).toBe(true);
    const incidents = all<Incident>('incidents');
    expect(incidents.length).toBeGreaterThan(0);
    for (const i of incidents) {
      expect(security.has(i.accountId)).toBe(true);
      expect(i.state === 'closed' ? i.closedAt !== null : i.closedAt === null).toBe(true);
    }
  });

  it('opens accounts through applications, setup tasks and filings as the account actions do (第十条, 第十二条, 第十四条)', () => {
    const tree = buildTree(all<Unit>('units'));
    const people = new Map(all<Person>('people').map((p) => [p._id, p]));
    const accounts = new Map(all<Account>('accounts').map((a) => [a._id, a]));
    const apps = all<AccountApplication>('accountApplications');
    const filings = all<Filing>('filings');
    const events = all<AccountEvent>('accountEvents');
    const claims = new Map(all<ClaimDoc>('accountNames').map((c) => [c._id, c]));
    expect(new Set(apps.map((a) => a.state))).toEqual(new Set(['pending', 'returned', 'refused', 'approved']));
    for (const app of apps) {
      // 第十条: the desk one level up decides a bureau's account, never the applicant.
      expect(app.deciderId).toBe(openingDecider(app.unitId, tree)?.deskId);
      const decision = app.log.find((s) => s.step !== 'submit');
      if (app.state === 'pending') expect(decision).toBeUndefined();
      else {
        expect(decision?.personId).not.toBe(app.applicantId);
        expect(people.get(decision?.personId ?? '')?.roles).toContainEqual({
          role: 'propagandaStaff',
          unitId: app.deciderId,
        });
      }
      const claim = claims.get(nameClaimId(app.unitId, app.platform, app.nameKey));
      if (app.state !== 'approved') {
        expect(app.accountId).toBeNull();
        expect(claim?.holder).toEqual(
          app.state === 'refused' ? null : { collection: 'accountApplications', id: app._id },
        );
        continue;
      }
      const account = accounts.get(app.accountId ?? '');
      expect(account?.lifecycle?.applicationId).toBe(app._id);
      expect(claim?.holder).toEqual({ collection: 'accounts', id: account?._id });
      // 第十二条: active once every setup task is attested, in setup while any is open.
      const tasks = account?.lifecycle?.tasks ?? [];
      expect(tasks).toHaveLength(5);
      expect(account?.state).toBe(tasks.every((t) => t.done) ? 'active' : 'approved');
      expect(account ? validateAccount(account, { tree, people }) : null).toEqual([]);
      // The state events the evaluation reads: opened (approved), then active.
      expect(events.filter((e) => e.accountId === account?._id).map((e) => e.to)).toEqual(
        account?.state === 'active' ? ['approved', 'active'] : ['approved'],
      );
      // 第十四条: one filing, with the desk one level up, filed and acknowledged in order.
      const mine = filings.filter((f) => f.applicationId === app._id);
      expect(mine).toHaveLength(1);
      const f = mine[0];
      expect(f).toMatchObject({ accountId: account?._id, event: 'open', ...filingDesks(app.unitId, tree) });
      if (f.state === 'due') expect(f.filedAt).toBeNull();
      else expect(f.filedAt && f.filedAt > f.approvedAt).toBe(true);
      if (f.state === 'acknowledged') expect(f.acknowledgedAt && f.filedAt && f.acknowledgedAt > f.filedAt).toBe(true);
    }
    expect(new Set(filings.map((f) => f.state)).size).toBeGreaterThanOrEqual(3);
    // The bench's city has an account in setup for its operator and one of each decision.
    const cs = apps.filter((a) => a.unitId === 'u-cs');
    expect(new Set(cs.map((a) => a.state))).toEqual(new Set(['pending', 'returned', 'refused', 'approved']));
    expect(cs.some((a) => accounts.get(a.accountId ?? '')?.state === 'approved')).toBe(true);
  });

  it('holds subscribe-message consents of this environment’s templates for most role holders', () => {
    const people = new Map(all<Person>('people').map((p) => [p._id, p]));
    const catalog = templateCatalog(templatesFor('local-dev'));
    const consents = all<ConsentRecord>('consents');
    const bound = [...people.values()].filter((p) => p.openid !== null && p.roles.length > 0);
    expect(consents.length).toBeGreaterThan(bound.length * 0.8);
    expect(consents.length).toBeLessThan(bound.length);
    for (const c of consents) {
      expect(c._id).toBe(c.personId);
      expect(people.get(c.personId)?.openid).not.toBeNull();
      for (const [id, t] of Object.entries(c.templates)) expect(catalog.get(id)).toBe(t.subscription);
    }
    const approvalTemplate = templatesFor('local-dev').kinds.approvalPending?.templateId ?? '';
    expect(consents.filter((c) => hasConsent(c, approvalTemplate)).length).toBeGreaterThan(consents.length * 0.8);
  });

  it('keeps the linkage preview’s counters as the accounts and the consents stand (who WeChat can reach)', () => {
    const people = new Map(all<Person>('people').map((p) => [p._id, p]));
    const consents = new Map(all<ConsentRecord>('consents').map((c) => [c._id, c]));
    const reachable = (id: string | null): boolean =>
      id !== null && reachableNow(people.get(id) ?? null, consents.get(id) ?? null);
    const called = all<Account>('accounts').filter(
      (a) => a.state === 'active' && a.kind === 'institutional' && a.platform === 'weibo',
    );
    const root = t.cloud.db.get('linkageReach', 'u-hn') as unknown as LinkageReach;
    expect(root.platforms.weibo).toMatchObject({
      accounts: called.length,
      reachable: called.filter((a) => reachable(a.operatorA) || reachable(a.operatorB)).length,
    });
    expect(root.platforms.weibo?.reachable).toBeGreaterThan(0);
    expect(root.platforms.weibo?.reachable).toBeLessThan(called.length);
  });

  it('writes one unbroken audit chain whose head is the counter’s, and counts that equal the records', () => {
    const log = all<AuditEntry>('auditLog').sort((a, b) => a.seq - b.seq);
    expect(log.length).toBeGreaterThan(1000);
    const head = t.cloud.db.get('counters', 'auditHead') as unknown as { seq: number; entry: AuditEntry };
    expect(verifyChain(log, { seq: head.seq, hash: head.entry.hash })).toMatchObject({ ok: true, count: log.length });
    const actions = new Set(log.map((e) => e.action.split('.')[0]));
    for (const domain of ['post', 'referral', 'linkage', 'security', 'training', 'account'])
      expect(actions.has(domain)).toBe(true);
    // 第十九条: every published post is in its account's day, and nothing else is.
    const published = all<Post>('posts').filter((p) => p.state === 'published');
    const days = all<CadenceDay>('cadenceDays');
    expect(days.reduce((n, d) => n + d.postIds.length, 0)).toBe(published.length);
    // The matrix's maintained totals count every account once at the province.
    const province = t.cloud.db.get('matrixTotals', 'u-hn') as unknown as MatrixTotals;
    expect(Object.values(province.subtree).reduce((n, v) => n + v, 0)).toBe(report.counts['accounts']);
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

  it('publishes the last closed month’s evaluation through the functions, from the generated records', async () => {
    const published = await publishLastMonth(t.cloud, report.callers.provinceDesk);
    expect(published).toMatchObject({ month: '2026-10', published: true, error: null });
    // The clock is back at the province's now.
    expect(t.cloud.clock.now()).toBe(Date.parse(PROVINCE_NOW));
    const doc = t.cloud.db.get('evaluationMonths', 'month-2026-10') as unknown as EvaluationMonth;
    expect(doc).toMatchObject({ state: 'published', phase: 'done', accountsDone: published.accounts });
    expect(doc.circular?.docx).toBeTruthy();
    expect(doc.circular?.xlsx).toBeTruthy();
    // Every account open in October has its result, computed from that month's records.
    const results = t.cloud.db.find('evaluationResults', { month: '2026-10' }) as unknown as AccountResult[];
    expect(results).toHaveLength(published.accounts);
    const accounts = new Set(all<Account>('accounts').map((a) => a._id));
    expect(results.every((r) => accounts.has(r.accountId) && r.runId === doc.runId)).toBe(true);
    // The pages' data: the city operator's account result and the desk's ranking.
    const cityAccount = all<Account>('accounts').find((a) => a.unitId === 'u-cs' && a.platform === 'weibo');
    const result = await t.call(
      'evaluation',
      'result',
      { month: '2026-10', accountId: cityAccount?._id ?? '' },
      report.callers.cityOperator,
    );
    expect(result.ok).toBe(true);
    const ranking = (await t.call(
      'evaluation',
      'ranking',
      { month: '2026-10', limit: 20 },
      report.callers.provinceDesk,
    )) as {
      ok: boolean;
      data?: { items: unknown[] };
    };
    expect(ranking.data?.items).toHaveLength(20);
  });
});
