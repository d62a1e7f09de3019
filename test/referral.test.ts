import type { AuditEntry } from '../typings/org';
import type { Message, Referral } from '../typings/referral';
import { verifyChain } from '../core/audit/chain';
import { ok, refusal } from './support/answers';
import { useTestCloud } from './support/cloud';
import {
  addCriminalHandler,
  CITY_DESK,
  CRIMINAL,
  CYBER,
  notifications,
  OPERATOR,
  referred,
  signed,
  triaged,
} from './referral-helpers';

describe('messages and referrals through the local cloud', () => {
  // Tuesday 2026-03-03, 10:00 Beijing; the functions run with TZ=UTC, as on the platform.
  const t = useTestCloud({ now: '2026-03-03T10:00:00+08:00', frozen: true }, addCriminalHandler);

  describe('recording', () => {
    it('records one message with screening’s suggestion, audited', async () => {
      const res = await ok(
        t.call(
          'referral',
          'messageRecord',
          {
            accountId: 'acc-cs-weibo',
            senderNickname: '路人甲',
            text: '我家被盗了，快来人！',
            receivedAt: '2026-03-03T09:58:00+08:00',
            link: 'https://weibo.com/1/x',
          },
          OPERATOR,
        ),
      );
      expect(res.messages).toHaveLength(1);
      expect(res.messages[0]).toMatchObject({
        accountName: '长沙警事',
        state: 'received',
        triage: null,
        receivedAt: '2026-03-03T09:58:00.000+08:00',
      });
      const stored = t.cloud.db.get('messages', res.messages[0]?.id ?? '') as unknown as Message;
      expect(stored).toMatchObject({
        unitId: 'u-cs',
        platform: 'weibo',
        recordedBy: 'p-cs-operator-a',
        link: 'https://weibo.com/1/x',
      });
    });

    it('records a pasted batch in one step, dropping repeats with a note, received when pasted', async () => {
      const pasted =
        '小王：派出所几点上班？\n\n小李：身份证丢了怎么办\n\n小王：派出所几点上班？\n\n辖区路灯坏了，没人管吗';
      const res = await ok(t.call('referral', 'messageRecord', { accountId: 'acc-cs-weibo', pasted }, OPERATOR));
      expect(res.messages.map((m) => [m.senderNickname, m.excerpt])).toEqual([
        ['小王', '派出所几点上班？'],
        ['小李', '身份证丢了怎么办'],
        [null, '辖区路灯坏了，没人管吗'],
      ]);
      expect(res.messages.every((m) => m.receivedAt === '2026-03-03T10:00:00.000+08:00')).toBe(true);
      expect(res.warnings).toEqual(['第5行与第1行内容重复，已忽略']);
    });

    it('lists the message log newest first, a page at a time', async () => {
      const page = await ok(t.call('referral', 'messages', {}, OPERATOR));
      expect(page.items.length).toBeGreaterThanOrEqual(4);
      const times = page.items.map((m) => m.receivedAt);
      expect([...times].sort().reverse()).toEqual(times);
      expect(page.nextCursor).toBeNull();
    });

    it('refuses an operator of another account, an empty paste and a malformed event', async () => {
      expect(
        await refusal(t.call('referral', 'messageRecord', { accountId: 'acc-ly-weibo', pasted: '你好' }, OPERATOR)),
      ).toBe('NOT_ACCOUNT_OPERATOR');
      expect(
        await refusal(t.call('referral', 'messageRecord', { accountId: 'acc-cs-weibo', pasted: ' \n\n ' }, OPERATOR)),
      ).toBe('BATCH_EMPTY');
      const raw = await t.post('referral', { action: 'messageRecord', accountId: 'acc-cs-weibo', text: 'x' }, OPERATOR);
      expect(raw.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      const unknown = await t.post('referral', { action: 'nope' }, OPERATOR);
      expect(unknown.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    });
  });

  describe('every triage ends in its outcome, with the steps its article requires', () => {
    it('报警 (第二十二条): a reply pointing to 110 and a notice, then guidedTo110', async () => {
      let d = await triaged(t, '有人在小区门口打架，快出警', 'policeReport');
      expect(d.rule?.replyTemplate).toContain('110');
      expect(d.steps).toEqual(expect.arrayContaining(['reply', 'notice', 'close']));
      expect(
        await refusal(
          t.call(
            'referral',
            'reply',
            { messageId: d.message._id, expectedRev: d.message.rev, text: '收到', followUp: false },
            OPERATOR,
          ),
        ),
      ).toBe('REPLY_MUST_MENTION');
      d = await ok(
        t.call(
          'referral',
          'reply',
          { messageId: d.message._id, expectedRev: d.message.rev, text: d.rule?.replyTemplate ?? '', followUp: false },
          OPERATOR,
        ),
      );
      expect(
        await refusal(
          t.call(
            'referral',
            'messageClose',
            { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'guidedTo110' },
            OPERATOR,
          ),
        ),
      ).toBe('STEPS_MISSING');
      // 治安 has no handler in the demo: the notice goes to the responsible leader (第二十九条).
      d = await ok(
        t.call(
          'referral',
          'notice',
          { messageId: d.message._id, expectedRev: d.message.rev, unitId: 'u-cs-za', note: '请关注' },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'guidedTo110' },
          OPERATOR,
        ),
      );
      expect(d.message).toMatchObject({ state: 'closed', outcome: 'guidedTo110', closedBy: 'p-cs-operator-a' });
      expect(d.steps).toEqual([]);
      const told = notifications(t, { 'subject.id': d.message._id });
      expect(told.map((n) => [n.recipientId, n.kind, n.link])).toEqual([
        ['p-cs-leader', 'referralAssigned', `/pages/message-detail/index?id=${d.message._id}`],
      ]);
    });

    it('一般留言 (第二十三条): reply now, or defer with an internal target, then replied', async () => {
      let d = await triaged(t, '建议在学校门口增设护学岗', 'general');
      d = await ok(t.call('referral', 'defer', { messageId: d.message._id, expectedRev: d.message.rev }, OPERATOR));
      // one working day: the end of Wednesday
      expect(d.message.replyTargetAt).toBe('2026-03-04T23:59:59.999+08:00');
      d = await ok(
        t.call(
          'referral',
          'reply',
          {
            messageId: d.message._id,
            expectedRev: d.message.rev,
            text: '感谢建议，已转交交警部门研究',
            followUp: false,
          },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'replied' },
          OPERATOR,
        ),
      );
      expect(d.message.outcome).toBe('replied');
    });

    it('谩骂 (第二十三条): no reply; a real problem in it gets a reasoned reply', async () => {
      let plain = await triaged(t, '一群废物', 'abusive');
      expect(
        await refusal(
          t.call(
            'referral',
            'reply',
            { messageId: plain.message._id, expectedRev: plain.message.rev, text: '请文明留言', followUp: false },
            OPERATOR,
          ),
        ),
      ).toBe('REPLY_NOT_ALLOWED');
      plain = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: plain.message._id, expectedRev: plain.message.rev, outcome: 'ignored' },
          OPERATOR,
        ),
      );
      expect(plain.message.outcome).toBe('ignored');

      let mixed = await triaged(t, '废物警察，红绿灯坏了三天都没人修', 'abusive', true);
      expect(
        await refusal(
          t.call(
            'referral',
            'messageClose',
            { messageId: mixed.message._id, expectedRev: mixed.message.rev, outcome: 'ignored' },
            OPERATOR,
          ),
        ),
      ).toBe('OUTCOME_NOT_ALLOWED');
      mixed = await ok(
        t.call(
          'referral',
          'reply',
          { messageId: mixed.message._id, expectedRev: mixed.message.rev, text: '信号灯故障已报修', followUp: false },
          OPERATOR,
        ),
      );
      mixed = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: mixed.message._id, expectedRev: mixed.message.rev, outcome: 'problemAnswered' },
          OPERATOR,
        ),
      );
      expect(mixed.message.outcome).toBe('problemAnswered');
    });

    it('违法违规 (第二十四条、第二十六条): no reply, a notice to 网安 and the clean-up, then reportedAndCleaned', async () => {
      let d = await triaged(t, '（违法有害信息）', 'unlawful');
      expect(d.steps).not.toContain('reply');
      expect(
        await refusal(
          t.call(
            'referral',
            'reply',
            { messageId: d.message._id, expectedRev: d.message.rev, text: '请删除', followUp: false },
            OPERATOR,
          ),
        ),
      ).toBe('REPLY_NOT_ALLOWED');
      d = await ok(
        t.call(
          'referral',
          'notice',
          { messageId: d.message._id, expectedRev: d.message.rev, unitId: 'u-cs-wa', note: '' },
          OPERATOR,
        ),
      );
      expect(
        await refusal(
          t.call(
            'referral',
            'messageClose',
            { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'reportedAndCleaned' },
            OPERATOR,
          ),
        ),
      ).toBe('STEPS_MISSING');
      d = await ok(t.call('referral', 'cleanUp', { messageId: d.message._id, expectedRev: d.message.rev }, OPERATOR));
      d = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'reportedAndCleaned' },
          OPERATOR,
        ),
      );
      expect(d.message).toMatchObject({
        outcome: 'reportedAndCleaned',
        notices: [{ unitId: 'u-cs-wa', departmentFunction: 'cyberSecurity' }],
      });
      expect(notifications(t, { 'subject.id': d.message._id }).map((n) => n.recipientId)).toEqual([
        'p-cs-handler-cyber',
      ]);
    });

    it('投诉举报 (第二十五条): guide to 纪检/督察 and notify them; their outcome may be replied later', async () => {
      let d = await triaged(t, '举报某民警执法不规范', 'complaint');
      d = await ok(
        t.call(
          'referral',
          'reply',
          { messageId: d.message._id, expectedRev: d.message.rev, text: d.rule?.replyTemplate ?? '', followUp: false },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'notice',
          { messageId: d.message._id, expectedRev: d.message.rev, unitId: 'u-cs-dc', note: '' },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'guidedToDiscipline' },
          OPERATOR,
        ),
      );
      expect(d.steps).toEqual(['followUp']);
      d = await ok(
        t.call(
          'referral',
          'reply',
          { messageId: d.message._id, expectedRev: d.message.rev, text: '经督察部门核查，已依规处理', followUp: true },
          OPERATOR,
        ),
      );
      expect(d.message.replies.map((r) => r.followUp)).toEqual([false, true]);
    });

    it('咨询 (第二十六条): answered at once', async () => {
      let d = await triaged(t, '户口迁移需要哪些材料？', 'consultation');
      d = await ok(
        t.call(
          'referral',
          'reply',
          {
            messageId: d.message._id,
            expectedRev: d.message.rev,
            text: '请携带身份证、户口簿到辖区派出所办理',
            followUp: false,
          },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'answered' },
          OPERATOR,
        ),
      );
      expect(d.message.outcome).toBe('answered');
    });

    it('职权范围外 (第二十六条): the proper channel, then channelGiven', async () => {
      let d = await triaged(t, '小区物业乱收费怎么办', 'outsidePowers');
      d = await ok(
        t.call(
          'referral',
          'reply',
          {
            messageId: d.message._id,
            expectedRev: d.message.rev,
            text: '建议向住建部门反映，电话12345',
            followUp: false,
          },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'channelGiven' },
          OPERATOR,
        ),
      );
      expect(d.message.outcome).toBe('channelGiven');
    });

    it('涉警负面 (第二十八条): the 舆情 desk first, then a coordinated reply', async () => {
      let d = await triaged(t, '网传某派出所不作为', 'negative');
      expect(d.departments.map((x) => x.id)).toContain('u-hn-yq');
      expect(
        await refusal(
          t.call(
            'referral',
            'reply',
            { messageId: d.message._id, expectedRev: d.message.rev, text: '正在核实', followUp: false },
            OPERATOR,
          ),
        ),
      ).toBe('NOTICE_REQUIRED_FIRST');
      d = await ok(
        t.call(
          'referral',
          'notice',
          { messageId: d.message._id, expectedRev: d.message.rev, unitId: 'u-hn-yq', note: '请指导回应' },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'reply',
          { messageId: d.message._id, expectedRev: d.message.rev, text: '我局已关注，正在调查核实', followUp: false },
          OPERATOR,
        ),
      );
      d = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: d.message._id, expectedRev: d.message.rev, outcome: 'coordinatedReply' },
          OPERATOR,
        ),
      );
      expect(d.message.outcome).toBe('coordinatedReply');
    });
  });

  describe('a referral from message to answer to close', () => {
    let referral: Referral;
    let messageId: string;

    it('refers with the deadline of its class and tells the department', async () => {
      const { detail, referral: r } = await referred(t, 'complex');
      referral = r;
      messageId = detail.message._id;
      // made Tuesday 2026-03-03: five working days, the day itself not counted
      expect(r).toMatchObject({
        state: 'pending',
        open: true,
        dueAt: '2026-03-10T23:59:59.999+08:00',
        deskId: 'u-cs-xcc',
        calendarWarnings: [],
      });
      expect(detail.referrals[0]).toMatchObject({ departmentName: '长沙市公安局刑侦支队', urgency: 'normal' });
      const told = notifications(t, { 'subject.id': r._id });
      expect(told.map((n) => [n.recipientId, n.kind, n.link])).toEqual([
        ['p-cs-handler-criminal', 'referralAssigned', `/pages/referral-detail/index?id=${r._id}`],
        ['p-cs-handler-criminal-2', 'referralAssigned', `/pages/referral-detail/index?id=${r._id}`],
      ]);
      // the workbench counts it for the department's handlers
      expect((await ok(t.call('org', 'me', {}, CRIMINAL))).pending.referrals).toBe(true);
      const list = await ok(t.call('referral', 'list', {}, CRIMINAL));
      expect(list).toMatchObject({
        unitId: 'u-cs-xz',
        unitName: '长沙市公安局刑侦支队',
        now: '2026-03-03T10:00:00.000+08:00',
      });
      expect(list.items.map((i) => i.id)).toEqual([r._id]);
      // the operators see their bureau's referrals, the same one among them
      const mine = await ok(t.call('referral', 'list', {}, OPERATOR));
      expect(mine).toMatchObject({ unitId: 'u-cs', unitName: '长沙市公安局' });
      expect(mine.items.map((i) => i.id)).toEqual([r._id]);
    });

    it('locks the triage once referred, and refuses closing while the referral is open', async () => {
      const m = t.cloud.db.get('messages', messageId) as unknown as Message;
      expect(
        await refusal(
          t.call(
            'referral',
            'messageTriage',
            { messageId, expectedRev: m.rev, triage: 'general', raisesProblem: false },
            OPERATOR,
          ),
        ),
      ).toBe('TRIAGE_LOCKED');
      expect(
        await refusal(
          t.call(
            'referral',
            'messageClose',
            { messageId, expectedRev: m.rev, outcome: 'answeredAfterReferral' },
            OPERATOR,
          ),
        ),
      ).toBe('REFERRAL_OPEN');
    });

    it('refuses an answer from outside the department, and before signing', async () => {
      expect(
        await refusal(
          t.call(
            'referral',
            'answer',
            { referralId: referral._id, expectedRev: referral.rev, outcome: '已核实', replyWording: '一般3个工作日' },
            CYBER,
          ),
        ),
      ).toBe('NOT_DEPARTMENT_HANDLER');
      expect(
        await refusal(
          t.call(
            'referral',
            'answer',
            { referralId: referral._id, expectedRev: referral.rev, outcome: '已核实', replyWording: '一般3个工作日' },
            CRIMINAL,
          ),
        ),
      ).toBe('REFERRAL_NOT_SIGNED');
    });

    it('lets exactly one of a sign and a return made at once win', async () => {
      const [a, b] = await Promise.all([
        t.call('referral', 'sign', { referralId: referral._id, expectedRev: referral.rev }, CRIMINAL),
        t.call(
          'referral',
          'return',
          { referralId: referral._id, expectedRev: referral.rev, reason: '不属于本部门职责' },
          'demo-handler-criminal-2',
        ),
      ]);
      const answers = [a, b];
      expect(answers.filter((x) => x.ok)).toHaveLength(1);
      expect(answers.filter((x) => !x.ok).map((x) => (x.ok ? '' : x.error.code))).toEqual(['CONFLICT']);
      const stored = t.cloud.db.get('referrals', referral._id) as unknown as Referral;
      expect(stored.rev).toBe(referral.rev + 1);
      expect(stored.state).toBe(a.ok ? 'signed' : 'returned');
      referral = stored;
    });

    it('asks for and gets an extension from the propaganda desk, with the new deadline', async () => {
      if (referral.state !== 'signed') {
        // the return won the race: refer again and sign, so the rest of the story can be told
        referral = (await referred(t, 'complex')).referral;
        referral = (await signed(t, referral)).referral;
      }
      const asked = await ok(
        t.call(
          'referral',
          'requestExtension',
          { referralId: referral._id, expectedRev: referral.rev, workingDays: 2, reason: '需调取档案' },
          CRIMINAL,
        ),
      );
      expect(asked.referral.extensions[0]).toMatchObject({
        decision: 'pending',
        proposedDueAt: '2026-03-12T23:59:59.999+08:00',
      });
      expect(
        notifications(t, { recipientId: 'p-cs-propaganda', 'subject.id': referral._id }).map((n) => n.kind),
      ).toEqual(['approvalPending']);
      expect(
        await refusal(
          t.call(
            'referral',
            'decideExtension',
            { referralId: referral._id, expectedRev: asked.referral.rev, approve: true, comment: null },
            CRIMINAL,
          ),
        ),
      ).toBe('ROLE_REQUIRED');
      const decided = await ok(
        t.call(
          'referral',
          'decideExtension',
          { referralId: referral._id, expectedRev: asked.referral.rev, approve: true, comment: '同意' },
          CITY_DESK,
        ),
      );
      expect(decided.referral).toMatchObject({
        dueAt: '2026-03-12T23:59:59.999+08:00',
        originalDueAt: '2026-03-10T23:59:59.999+08:00',
      });
      referral = decided.referral;
    });

    it('answers, the operator replies with the wording and closes: the referral closes with the message', async () => {
      const answered = await ok(
        t.call(
          'referral',
          'answer',
          {
            referralId: referral._id,
            expectedRev: referral.rev,
            outcome: '已核实',
            replyWording: '无犯罪记录证明网上申请后3个工作日内出具',
          },
          CRIMINAL,
        ),
      );
      expect(answered.referral).toMatchObject({ state: 'answered', open: false, overdueMs: 0 });
      expect(answered.steps).toEqual([]);
      // now it waits for the operator's reply: their workbench counts it, the handler's no longer
      expect((await ok(t.call('org', 'me', {}, OPERATOR))).pending.referrals).toBe(true);
      expect((await ok(t.call('org', 'me', {}, CRIMINAL))).pending.referrals).toBe(false);
      const mid = referral.messageId;
      let m = await ok(t.call('referral', 'message', { messageId: mid }, OPERATOR));
      m = await ok(
        t.call(
          'referral',
          'reply',
          { messageId: mid, expectedRev: m.message.rev, text: '您好，网上申请后3个工作日内出具', followUp: false },
          OPERATOR,
        ),
      );
      m = await ok(
        t.call(
          'referral',
          'messageClose',
          { messageId: mid, expectedRev: m.message.rev, outcome: 'answeredAfterReferral' },
          OPERATOR,
        ),
      );
      expect(m.message.outcome).toBe('answeredAfterReferral');
      const closed = t.cloud.db.get('referrals', referral._id) as unknown as Referral;
      expect(closed.state).toBe('closed');
      expect(m.referrals.find((r) => r.id === referral._id)?.state).toBe('closed');
      referral = closed;
      expect((await ok(t.call('org', 'me', {}, OPERATOR))).pending.referrals).toBe(false);
    });

    it('refuses an answer after the close, and a referral of the closed message', async () => {
      expect(
        await refusal(
          t.call(
            'referral',
            'answer',
            { referralId: referral._id, expectedRev: referral.rev, outcome: '补充', replyWording: '补充' },
            CRIMINAL,
          ),
        ),
      ).toBe('REFERRAL_CLOSED');
      const m = t.cloud.db.get('messages', referral.messageId) as unknown as Message;
      expect(
        await refusal(
          t.call(
            'referral',
            'refer',
            {
              messageId: m._id,
              expectedRev: m.rev,
              departmentId: 'u-cs-xz',
              deadlineClass: 'ordinary',
              question: '再核实',
            },
            OPERATOR,
          ),
        ),
      ).toBe('MESSAGE_CLOSED');
    });
  });

  describe('bad input', () => {
    it('refuses an unknown department, a department nobody handles, and a bureau', async () => {
      const d = await triaged(t, '请问驾驶证到期换证流程', 'consultation');
      const ref = {
        messageId: d.message._id,
        expectedRev: d.message.rev,
        deadlineClass: 'ordinary' as const,
        question: '请答复',
      };
      expect(await refusal(t.call('referral', 'refer', { ...ref, departmentId: 'u-nowhere' }, OPERATOR))).toBe(
        'DEPARTMENT_UNKNOWN',
      );
      expect(await refusal(t.call('referral', 'refer', { ...ref, departmentId: 'u-cs-jj' }, OPERATOR))).toBe(
        'DEPARTMENT_NO_HANDLER',
      );
      expect(await refusal(t.call('referral', 'refer', { ...ref, departmentId: 'u-cs' }, OPERATOR))).toBe(
        'INVALID_DEPARTMENT',
      );
    });

    it('refuses an extension asked after the deadline', async () => {
      const { referral } = await referred(t, 'ordinary');
      const s = await signed(t, referral);
      expect(s.referral.dueAt).toBe('2026-03-03T23:59:59.999+08:00');
      t.cloud.clock.set('2026-03-04T00:00:00.000+08:00');
      try {
        expect(
          await refusal(
            t.call(
              'referral',
              'requestExtension',
              { referralId: referral._id, expectedRev: s.referral.rev, workingDays: 1, reason: '来不及' },
              CRIMINAL,
            ),
          ),
        ).toBe('EXTENSION_AFTER_DEADLINE');
        const late = await ok(t.call('referral', 'get', { referralId: referral._id }, OPERATOR));
        expect(late.urgency).toBe('overdue');
        // answered late: the overdue time is kept for the monthly evaluation (第三十六条)
        t.cloud.clock.set('2026-03-04T10:00:00.000+08:00');
        const answered = await ok(
          t.call(
            'referral',
            'answer',
            { referralId: referral._id, expectedRev: s.referral.rev, outcome: '已办', replyWording: '已办' },
            CRIMINAL,
          ),
        );
        expect(answered.referral.overdueMs).toBe(10 * 3600 * 1000 + 1);
      } finally {
        t.cloud.clock.set('2026-03-03T10:00:00.000+08:00');
      }
    });

    it('refuses a stale revision', async () => {
      const d = await triaged(t, '请问出入境证件办理地点', 'consultation');
      expect(
        await refusal(
          t.call(
            'referral',
            'messageTriage',
            { messageId: d.message._id, expectedRev: d.message.rev - 1, triage: 'general', raisesProblem: false },
            OPERATOR,
          ),
        ),
      ).toBe('CONFLICT');
    });
  });

  it('keeps the audit chain whole, one entry per step', () => {
    const log = t.cloud.db.find('auditLog', {}, { sort: [['seq', 1]] }) as unknown as AuditEntry[];
    expect(verifyChain(log)).toMatchObject({ ok: true, count: log.length });
    const actions = new Set(log.map((e) => e.action));
    for (const a of [
      'referral.messageRecord',
      'referral.messageTriage',
      'referral.reply',
      'referral.notice',
      'referral.cleanUp',
      'referral.defer',
      'referral.messageClose',
      'referral.refer',
      'referral.sign',
      'referral.requestExtension',
      'referral.decideExtension',
      'referral.answer',
    ] as const) {
      expect([a, actions.has(a)]).toEqual([a, true]);
    }
    const sign = log.find((e) => e.action === 'referral.sign');
    expect(sign).toMatchObject({ actor: { role: 'departmentHandler', unitId: 'u-cs-xz' }, unitPath: ['u-hn', 'u-cs'] });
    expect(sign?.changes).toEqual(expect.arrayContaining([{ field: 'state', from: 'pending', to: 'signed' }]));
    const ask = log.find((e) => e.action === 'referral.requestExtension');
    expect(ask?.summary).toBe('申请延期：请核实办理时限并提供回复口径（延期工作日：2；拟延至：2026-03-12 23:59）');
    // the deadline in words an officer reads; the ISO instant stays in the entry's changes
    const refer = log.find((e) => e.action === 'referral.refer');
    expect(refer?.summary).toMatch(/^流转至承办部门：.*（期限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}）$/);
  });
});
