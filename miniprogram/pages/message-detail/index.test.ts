import { NETWORK_ERROR } from '../../services/api';
import {
  CONSULTATION_RULE,
  message,
  messageDetail,
  POLICE_REPORT_RULE,
  referralSummary,
  typeInto,
} from '../../test-utils/referral-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

interface DetailData {
  panel: string;
  triage: string;
  actionError: string;
}

const triagedReport = () =>
  messageDetail({
    message: message({ triage: 'policeReport', state: 'triaged', rev: 2 }),
    rule: POLICE_REPORT_RULE,
    steps: ['reply', 'notice', 'close'],
  });

describe('留言处置 (pages/message-detail)', () => {
  it('shows the message with screening’s suggestion preselected for triage', async () => {
    const pending = wxm.cloud.hold('referral', 'message');
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve({ ok: true, data: messageDetail() });
    expect(wxm.cloud.sent('referral', 'message')).toEqual([{ action: 'message', messageId: 'm1' }]);
    expect(page.text('#message')).toContain('请问办理无犯罪记录证明要多久？');
    expect(page.text('#message')).toContain('长沙警事（微博） · 热心市民');
    expect(page.text('#suggested')).toContain('咨询求助');
    expect(page.exists('#open-reply')).toBe(false);
    await page.fire('#open-triage', 'click');
    expect(page.data().triage).toBe('consultation');
  });

  it('triages on the revision shown, then shows the rule and its steps', async () => {
    wxm.cloud.reply('referral', 'message', { ok: true, data: messageDetail() });
    wxm.cloud.reply('referral', 'messageTriage', { ok: true, data: triagedReport() });
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    await page.fire('#open-triage', 'click');
    await page.fire('#triage-policeReport', 'click');
    await page.fire('#submit-triage', 'click');
    expect(wxm.cloud.sent('referral', 'messageTriage')).toEqual([
      { action: 'messageTriage', messageId: 'm1', expectedRev: 1, triage: 'policeReport', raisesProblem: false },
    ]);
    expect(page.text('#rule')).toContain('第二十二条');
    expect(page.text('#rule')).toContain('通报有关部门（第二十二条）');
    expect(page.exists('#open-reply')).toBe(true);
    expect(page.exists('#open-notice')).toBe(true);
    expect(page.exists('#open-refer')).toBe(false);
  });

  it('replies with the ready 110 wording (第二十二条)', async () => {
    wxm.cloud.reply('referral', 'message', { ok: true, data: triagedReport() });
    const replied = triagedReport();
    replied.message = message({
      ...replied.message,
      rev: 3,
      replies: [
        {
          text: POLICE_REPORT_RULE.replyTemplate ?? '',
          at: '2026-03-10T09:10:00.000+08:00',
          by: 'p-op',
          followUp: false,
        },
      ],
    });
    wxm.cloud.reply('referral', 'reply', { ok: true, data: replied });
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    await page.fire('#open-reply', 'click');
    await page.fire('#submit-reply', 'click');
    expect(page.text('#action-error')).toBe('回复内容不能为空');
    await page.fire('#use-template', 'click');
    await page.fire('#submit-reply', 'click');
    expect(wxm.cloud.sent('referral', 'reply')).toEqual([
      { action: 'reply', messageId: 'm1', expectedRev: 2, text: POLICE_REPORT_RULE.replyTemplate, followUp: false },
    ]);
    expect(page.text('#reply-0')).toContain('110');
    expect(page.text('#reply-0')).toContain('王明');
  });

  it('notices a department picked from the bureau’s', async () => {
    wxm.cloud.reply('referral', 'message', { ok: true, data: triagedReport() });
    wxm.cloud.reply('referral', 'notice', { ok: true, data: triagedReport() });
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    await page.fire('#open-notice', 'click');
    await page.fire('#submit-notice', 'click');
    expect(page.text('#action-error')).toBe('请选择通报的部门');
    await page.fire('#department-u-cs-wa', 'click');
    await typeInto(page, '#note', 'note', '请关注');
    await page.fire('#submit-notice', 'click');
    expect(wxm.cloud.sent('referral', 'notice')).toEqual([
      { action: 'notice', messageId: 'm1', expectedRev: 2, unitId: 'u-cs-wa', note: '请关注' },
    ]);
  });

  it('refers with a deadline class and shows the referral with the calendar warning', async () => {
    const consultation = messageDetail({
      message: message({ triage: 'consultation', state: 'triaged', rev: 2 }),
      rule: CONSULTATION_RULE,
      steps: ['reply', 'refer', 'close'],
    });
    wxm.cloud.reply('referral', 'message', { ok: true, data: consultation });
    const warning = '2027年节假日安排未知，暂按周一至周五上班计算，请管理员补录该年节假日安排';
    wxm.cloud.reply('referral', 'refer', {
      ok: true,
      data: {
        ...consultation,
        message: message({ ...consultation.message, rev: 3 }),
        referrals: [referralSummary({ id: 'r7', state: 'pending' })],
        warnings: [warning],
      },
    });
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    await page.fire('#open-refer', 'click');
    await page.fire('#department-u-cs-xz', 'click');
    await page.fire('#class-complex', 'click');
    await page.fire('#submit-refer', 'click');
    expect(page.text('#action-error')).toBe('请说明需要承办部门办理的事项');
    await typeInto(page, '#question', 'question', '请核实办理时限');
    await page.fire('#submit-refer', 'click');
    expect(wxm.cloud.sent('referral', 'refer')).toEqual([
      {
        action: 'refer',
        messageId: 'm1',
        expectedRev: 2,
        departmentId: 'u-cs-xz',
        deadlineClass: 'complex',
        question: '请核实办理时限',
      },
    ]);
    expect(page.text('#referral-r7')).toContain('待签收');
    expect(page.text('#warning-0')).toContain(warning);
    await page.fire('#referral-r7', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/referral-detail/index?id=r7' }));
  });

  it('closes with an outcome its triage allows, and shows the refusal naming the missing step', async () => {
    wxm.cloud.reply('referral', 'message', { ok: true, data: triagedReport() });
    wxm.cloud.reply('referral', 'messageClose', {
      ok: false,
      error: { code: 'STEPS_MISSING', message: '结案前须完成：通报有关部门（第二十二条）' },
    });
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    await page.fire('#open-close', 'click');
    expect(page.exists('#outcome-guidedTo110')).toBe(true);
    await page.fire('#outcome-guidedTo110', 'click');
    await page.fire('#submit-close', 'click');
    // 结案 asks first; 取消 sends nothing.
    const asked = (page.data() as unknown as { confirm: { show: boolean; title: string; message: string } }).confirm;
    expect(asked).toMatchObject({ show: true, title: '确认结案？' });
    expect(asked.message).toContain('计入月度评估');
    await page.fire('#confirm', 'cancel');
    expect(wxm.cloud.sent('referral', 'messageClose')).toHaveLength(0);
    await page.fire('#submit-close', 'click');
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('referral', 'messageClose')).toEqual([
      { action: 'messageClose', messageId: 'm1', expectedRev: 2, outcome: 'guidedTo110' },
    ]);
    expect(page.text('#action-error')).toBe('结案前须完成：通报有关部门（第二十二条）');
  });

  it('offers a follow-up reply on a closed complaint (第二十五条)', async () => {
    const closed = messageDetail({
      message: message({ triage: 'complaint', state: 'closed', outcome: 'guidedToDiscipline', rev: 5 }),
      steps: ['followUp'],
    });
    wxm.cloud.reply('referral', 'message', { ok: true, data: closed });
    wxm.cloud.reply('referral', 'reply', { ok: true, data: closed });
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    expect(page.exists('#open-close')).toBe(false);
    await page.fire('#open-follow-up', 'click');
    await typeInto(page, '#reply-text', 'replyText', '经督察部门核查，已依规处理');
    await page.fire('#submit-reply', 'click');
    expect(wxm.cloud.sent('referral', 'reply')).toEqual([
      { action: 'reply', messageId: 'm1', expectedRev: 5, text: '经督察部门核查，已依规处理', followUp: true },
    ]);
  });

  it('marks an abusive message that raises a real problem', async () => {
    wxm.cloud.reply('referral', 'message', {
      ok: true,
      data: messageDetail({
        triageOptions: [
          ...messageDetail().triageOptions,
          { ...CONSULTATION_RULE, triage: 'abusive', label: '谩骂性言论', article: '第二十三条' },
        ],
      }),
    });
    wxm.cloud.reply('referral', 'messageTriage', { ok: true, data: messageDetail() });
    const page = await openPage<DetailData>('pages/message-detail/index', { id: 'm1' });
    await page.fire('#open-triage', 'click');
    expect(page.exists('#raises-problem')).toBe(false);
    await page.fire('#triage-abusive', 'click');
    await page.fire('#raises-problem', 'click');
    await page.fire('#submit-triage', 'click');
    expect(wxm.cloud.sent('referral', 'messageTriage')).toEqual([
      { action: 'messageTriage', messageId: 'm1', expectedRev: 1, triage: 'abusive', raisesProblem: true },
    ]);
  });

  it('defers a general message to its internal reply target, and records a clean-up', async () => {
    const general = messageDetail({
      message: message({ triage: 'general', state: 'triaged', rev: 2 }),
      steps: ['reply', 'defer', 'cleanUp'],
    });
    wxm.cloud.reply('referral', 'message', { ok: true, data: general });
    wxm.cloud.reply('referral', 'defer', {
      ok: true,
      data: {
        ...general,
        message: message({ ...general.message, rev: 3, replyTargetAt: '2026-03-11T23:59:59.999+08:00' }),
        steps: ['reply', 'cleanUp'],
      },
    });
    wxm.cloud.reply('referral', 'cleanUp', {
      ok: true,
      data: {
        ...general,
        message: message({ ...general.message, rev: 4, cleanedUpAt: '2026-03-10T10:00:00.000+08:00' }),
        steps: ['reply'],
      },
    });
    const page = await openPage('pages/message-detail/index', { id: 'm1' });
    await page.fire('#defer', 'click');
    expect(wxm.cloud.sent('referral', 'defer')).toEqual([{ action: 'defer', messageId: 'm1', expectedRev: 2 }]);
    expect(page.text('#reply-target')).toContain('03-11 23:59');
    expect(page.exists('#defer')).toBe(false);
    await page.fire('#clean-up', 'click');
    expect(wxm.cloud.sent('referral', 'cleanUp')).toEqual([{ action: 'cleanUp', messageId: 'm1', expectedRev: 3 }]);
    expect(page.text('#cleaned')).toContain('03-10 10:00');
  });

  it('shows the load error with 重试', async () => {
    wxm.cloud.failNetwork('referral', 'message');
    const page = await openPage('pages/message-detail/index', { id: 'm1' });
    expect(page.text('#error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('referral', 'message', { ok: true, data: messageDetail() });
    await page.fire('#error', 'retry');
    expect(page.exists('#message')).toBe(true);
  });
});
