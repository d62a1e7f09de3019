import type { AccountSecurity, Incident } from '../typings/security';
import type { Post } from '../typings/post';
import { startTestCloud, type TestCloud } from './support/cloud';
import { newDraft } from './post-helpers';
import { WHO, fire, notices } from './security-helpers';
import { key, ok, refusal } from './support/answers';

jest.setTimeout(60_000);

const security = (t: TestCloud, id: string): AccountSecurity | null =>
  t.cloud.db.get('accountSecurity', id) as unknown as AccountSecurity | null;

/** An approved post on the account, ready to publish. */
async function approvedPost(t: TestCloud, accountId: string): Promise<{ id: string; rev: number; post: Post }> {
  const draft = await newDraft(t, WHO.opA, accountId);
  const sent = await ok(t.call('post', 'submit', { postId: draft.id, expectedRev: draft.rev }, WHO.opA));
  const approved = await ok(
    t.call('post', 'approve', { postId: draft.id, expectedRev: sent.rev, version: 1, comment: '' }, WHO.reviewer),
  );
  const detail = await ok(t.call('post', 'get', { postId: draft.id }, WHO.opA));
  return { id: draft.id, rev: approved.rev, post: detail.post as unknown as Post };
}

describe('security incidents (第三十三条)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('a report tells the desks above and the responsible leader at once, and suspends posting with the article', async () => {
    const post = await approvedPost(t, 'acc-cs-weibo');
    await ok(
      t.call('notify', 'reportConsent', { answers: { 'local-tpl-security-incident': 'accept' } }, WHO.provinceDesk),
    );
    const reported = await ok(
      t.call(
        'security',
        'incidentReport',
        {
          accountId: 'acc-cs-weibo',
          requestKey: key(),
          kind: 'accountStolen',
          happenedAt: '2026-11-28T08:40:00+08:00',
          description: '发现账号被异地登录并发布了非本单位内容',
        },
        WHO.reviewer,
      ),
    );
    expect(reported).toMatchObject({
      state: 'open',
      suspends: true,
      suspended: true,
      reportedBy: { name: '张伟' },
      missingForClose: ['platformContacted', 'secured'],
      can: { record: true, lift: false, close: false },
    });
    // 长沙 desk (陈静), 省厅 desk (周芳: 上级主管部门), 长沙 responsible leader (刘强); inbox always.
    const told = notices(t, 'securityIncident')
      .map((n) => n.recipientId)
      .sort();
    expect(told).toEqual(['p-cs-leader', 'p-cs-propaganda', 'p-hn-propaganda'].sort());
    // A subscribe message where consent exists (the province desk accepted above).
    await fire(t, 'timer');
    const outbox = (await (await fetch(`${t.cloud.url}/outbox`)).json()) as Array<{
      templateId?: string;
      template_id?: string;
    }>;
    expect(JSON.stringify(outbox)).toContain('local-tpl-security-incident');

    expect(security(t, 'acc-cs-weibo')?.postingHolds).toHaveLength(1);
    const publish = await t.call(
      'post',
      'publish',
      {
        postId: post.id,
        expectedRev: post.rev,
        version: 1,
        content: post.post.content,
        url: 'https://weibo.com/x/1',
        publishedAt: post.post.approvedAt ?? '',
      },
      WHO.opA,
    );
    expect(publish).toEqual({
      ok: false,
      error: {
        code: 'POSTING_SUSPENDED',
        message: '该账号因安全事件（账号被盗）已暂停发布，待宣传部门解除后方可发布（第三十三条）',
      },
    });
    expect((t.cloud.db.get('posts', post.id) as unknown as Post).state).toBe('approved');
    // Other accounts post as before.
    const other = await approvedPost(t, 'acc-cs-wechat-sub');
    await ok(
      t.call(
        'post',
        'publish',
        {
          postId: other.id,
          expectedRev: other.rev,
          version: 1,
          content: other.post.content,
          url: 'https://mp.weixin.qq.com/s/1',
          publishedAt: other.post.approvedAt ?? '',
        },
        WHO.opA,
      ),
    );
  });

  it('a double tap makes one incident; someone not on the account cannot report', async () => {
    const body = {
      accountId: 'acc-ly-weibo',
      requestKey: key(),
      kind: 'wrongPost' as const,
      happenedAt: '2026-11-28T08:00:00+08:00',
      description: '误发一条未经审核的图片',
    };
    const [a, b] = await Promise.all([
      t.call('security', 'incidentReport', body, WHO.countyOp),
      t.call('security', 'incidentReport', body, WHO.countyOp),
    ]);
    expect(a.ok && b.ok).toBe(true);
    expect(t.cloud.db.find('incidents', { accountId: 'acc-ly-weibo' })).toHaveLength(1);
    // 误发布 does not suspend posting.
    expect(security(t, 'acc-ly-weibo')?.postingHolds ?? []).toEqual([]);
    expect(await refusal(t.call('security', 'incidentReport', { ...body, requestKey: key() }, WHO.opA))).toBe(
      'NOT_ON_ACCOUNT',
    );
    expect(
      await refusal(
        t.call('security', 'incidentReport', { ...body, requestKey: key(), description: '  ' }, WHO.countyOp),
      ),
    ).toBe('TEXT_REQUIRED');
    expect(t.cloud.db.find('incidents', { accountId: 'acc-ly-weibo' })).toHaveLength(1);
  });

  it('the timeline: platform contacted, secured; the desk lifts the suspension, then closes with a summary', async () => {
    const [open] = t.cloud.db.find('incidents', { accountId: 'acc-cs-weibo' }) as unknown as Incident[];
    if (!open) throw new Error('no incident');
    let view = await ok(t.call('security', 'incident', { incidentId: open._id }, WHO.cityDesk));
    expect(view.can).toEqual({ record: true, lift: true, close: true });
    // Lifting before the account is secured is refused.
    expect(
      await refusal(
        t.call('security', 'incidentLift', { incidentId: open._id, expectedRev: view.rev, note: '' }, WHO.cityDesk),
      ),
    ).toBe('LIFT_NEEDS_SECURED');
    view = await ok(
      t.call(
        'security',
        'incidentStep',
        {
          incidentId: open._id,
          expectedRev: view.rev,
          step: {
            kind: 'platformContacted',
            at: '2026-11-28T09:00:00+08:00',
            platformContact: '微博政务客服',
            ticket: 'WB-2026-1128-001',
            note: '已申请冻结',
          },
        },
        WHO.opA,
      ),
    );
    // Twice the same step, or a stale revision: refused, nothing changed.
    expect(
      await refusal(
        t.call(
          'security',
          'incidentStep',
          {
            incidentId: open._id,
            expectedRev: view.rev,
            step: {
              kind: 'platformContacted',
              at: '2026-11-28T09:00:00+08:00',
              platformContact: 'x',
              ticket: '',
              note: '',
            },
          },
          WHO.opA,
        ),
      ),
    ).toBe('INCIDENT_STEP_DONE');
    expect(
      await refusal(
        t.call(
          'security',
          'incidentStep',
          {
            incidentId: open._id,
            expectedRev: view.rev - 1,
            step: { kind: 'note', at: '2026-11-28T09:00:00+08:00', note: '补充' },
          },
          WHO.opA,
        ),
      ),
    ).toBe('CONFLICT');
    expect(
      await refusal(
        t.call(
          'security',
          'incidentClose',
          { incidentId: open._id, expectedRev: view.rev, summary: '已处置' },
          WHO.cityDesk,
        ),
      ),
    ).toBe('CLOSE_MISSING_STEPS');
    view = await ok(
      t.call(
        'security',
        'incidentStep',
        {
          incidentId: open._id,
          expectedRev: view.rev,
          step: { kind: 'secured', at: '2026-11-28T09:00:00+08:00', note: '已找回账号并更换密码' },
        },
        WHO.opA,
      ),
    );
    // Operators may not lift: that is the desk's.
    expect(
      await refusal(
        t.call('security', 'incidentLift', { incidentId: open._id, expectedRev: view.rev, note: '' }, WHO.opA),
      ),
    ).toBe('ROLE_REQUIRED');
    view = await ok(
      t.call(
        'security',
        'incidentLift',
        { incidentId: open._id, expectedRev: view.rev, note: '账号已安全' },
        WHO.cityDesk,
      ),
    );
    expect(view).toMatchObject({ state: 'open', suspended: false });
    expect(security(t, 'acc-cs-weibo')?.postingHolds).toEqual([]);
    expect(notices(t, 'securityIncident', 'p-cs-operator-a').map((n) => n.title)).toEqual(['长沙警事已解除暂停发布']);

    view = await ok(
      t.call(
        'security',
        'incidentClose',
        { incidentId: open._id, expectedRev: view.rev, summary: '账号被盗，已找回并改密，非本单位内容已删除' },
        WHO.cityDesk,
      ),
    );
    expect(view).toMatchObject({ state: 'closed', summary: '账号被盗，已找回并改密，非本单位内容已删除' });
    expect(view.steps.map((s) => s.kind)).toEqual([
      'reported',
      'platformContacted',
      'secured',
      'suspensionLifted',
      'closed',
    ]);
    expect(view.steps[1]).toMatchObject({
      platformContact: '微博政务客服',
      ticket: 'WB-2026-1128-001',
      byName: '王明',
    });
    expect(
      await refusal(
        t.call(
          'security',
          'incidentStep',
          {
            incidentId: open._id,
            expectedRev: view.rev,
            step: { kind: 'note', at: '2026-11-28T09:00:00+08:00', note: 'x' },
          },
          WHO.opA,
        ),
      ),
    ).toBe('INCIDENT_CLOSED');
  });

  it('lists incidents for the unit and the desks above, by state, each indexed', async () => {
    // 浏阳 lies under 长沙: the city desk sees both; 浏阳's operator only 浏阳's.
    const city = await ok(t.call('security', 'incidents', { unitId: 'u-cs' }, WHO.cityDesk));
    expect(city.items.map((i) => i.accountName).sort()).toEqual(['浏阳公安', '长沙警事'].sort());
    const county = await ok(t.call('security', 'incidents', { unitId: 'u-ly' }, WHO.countyOp));
    expect(county.items.map((i) => i.accountName)).toEqual(['浏阳公安']);
    const province = await ok(t.call('security', 'incidents', { unitId: 'u-hn', state: 'open' }, WHO.provinceDesk));
    expect(province.items.map((i) => i.accountName)).toEqual(['浏阳公安']);
    t.cloud.resetStats();
    await ok(t.call('security', 'incidents', { unitId: 'u-hn' }, WHO.provinceDesk));
    expect(t.cloud.stats().fullScans).toBe(0);
    expect(await refusal(t.call('security', 'incidents', { unitId: 'u-cs' }, WHO.countyOp))).toBe('OUT_OF_SCOPE');
  });
});
