import { NETWORK_ERROR } from '../../services/api';
import { referral, referralDetail, typeInto } from '../../test-utils/referral-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

interface DetailData {
  confirm: { show: boolean; title: string; message: string; confirmText: string };
  attachments: { fileID: string; name: string; kind: string; size: number }[];
  panel: string;
  actionError: string;
  view: { countdown: string; tag: string; timeline: { label: string; who: string }[] } | null;
}

describe('流转详情 (pages/referral-detail)', () => {
  it('loads the referral of the link and shows its deadline, message and timeline', async () => {
    const pending = wxm.cloud.hold('referral', 'get');
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve({ ok: true, data: referralDetail({ urgency: 'normal' }) });
    expect(wxm.cloud.sent('referral', 'get')).toEqual([{ action: 'get', referralId: 'r1' }]);
    expect(page.text('#summary')).toContain('长沙市公安局刑侦支队');
    expect(page.text('#summary')).toContain('较复杂（5个工作日）');
    expect(page.text('#due')).toContain('03-12 23:59');
    expect(page.text('#countdown')).toBe('剩余2天3小时');
    expect(page.text('#message')).toContain('请问办理无犯罪记录证明要多久？');
    expect(page.text('#log-0')).toContain('流转 王明');
    expect(page.exists('#open-message')).toBe(false);
  });

  it('shows only the steps the server allows', async () => {
    wxm.cloud.reply('referral', 'get', { ok: true, data: referralDetail({ steps: ['answer', 'requestExtension'] }) });
    const page = await openPage('pages/referral-detail/index', { id: 'r1' });
    expect(page.exists('#sign')).toBe(false);
    expect(page.exists('#open-return')).toBe(false);
    expect(page.exists('#open-answer')).toBe(true);
    expect(page.exists('#open-extension')).toBe(true);
  });

  it('signs on the revision shown and shows the answer', async () => {
    wxm.cloud.reply('referral', 'get', { ok: true, data: referralDetail() });
    const signed = referralDetail({
      referral: referral({
        state: 'signed',
        handlerId: 'p-h',
        rev: 2,
        log: [...referral().log, { action: 'sign', at: '2026-03-10T20:00:00.000+08:00', by: 'p-h', note: null }],
      }),
      steps: ['answer', 'requestExtension', 'return'],
    });
    wxm.cloud.reply('referral', 'sign', { ok: true, data: signed });
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    await page.fire('#sign', 'click');
    expect(wxm.cloud.sent('referral', 'sign')).toHaveLength(0);
    expect(page.data().confirm).toMatchObject({ show: true, title: '确认签收？', confirmText: '签收' });
    expect(page.data().confirm.message).toContain('03-12 23:59');
    await page.fire('#confirm', 'confirm');
    expect(wxm.cloud.sent('referral', 'sign')).toEqual([{ action: 'sign', referralId: 'r1', expectedRev: 1 }]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已签收' }));
    expect(page.text('#state')).toContain('办理中');
    expect(page.text('#log-1')).toContain('签收 孙杰');
    expect(page.exists('#sign')).toBe(false);
  });

  it('returns only with a reason', async () => {
    wxm.cloud.reply('referral', 'get', { ok: true, data: referralDetail() });
    wxm.cloud.reply('referral', 'return', {
      ok: true,
      data: referralDetail({
        referral: referral({ state: 'returned', open: false, returnReason: '不属于本部门', rev: 2 }),
        urgency: 'done',
        steps: [],
      }),
    });
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    await page.fire('#open-return', 'click');
    expect(page.data().panel).toBe('return');
    await page.fire('#submit-return', 'click');
    expect(page.text('#action-error')).toBe('退回须填写理由');
    expect(wxm.cloud.sent('referral', 'return')).toHaveLength(0);
    await typeInto(page, '#reason', 'reason', ' 不属于本部门 ');
    await page.fire('#submit-return', 'click');
    expect(wxm.cloud.sent('referral', 'return')).toEqual([
      { action: 'return', referralId: 'r1', expectedRev: 1, reason: '不属于本部门' },
    ]);
    expect(page.text('#returned')).toContain('不属于本部门');
    expect(page.exists('#actions')).toBe(false);
  });

  it('asks for an extension in working days, and shows the server’s refusal after the deadline', async () => {
    wxm.cloud.reply('referral', 'get', {
      ok: true,
      data: referralDetail({ referral: referral({ state: 'signed', rev: 2 }), steps: ['requestExtension', 'answer'] }),
    });
    wxm.cloud.reply('referral', 'requestExtension', {
      ok: false,
      error: { code: 'EXTENSION_AFTER_DEADLINE', message: '已超过办理期限，不能再申请延期' },
    });
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    await page.fire('#open-extension', 'click');
    await typeInto(page, '#days', 'workingDays', '2');
    await typeInto(page, '#extension-reason', 'reason', '需调取档案');
    await page.fire('#submit-extension', 'click');
    expect(wxm.cloud.sent('referral', 'requestExtension')).toEqual([
      { action: 'requestExtension', referralId: 'r1', expectedRev: 2, workingDays: 2, reason: '需调取档案' },
    ]);
    expect(page.text('#action-error')).toBe('已超过办理期限，不能再申请延期');
    expect(page.data().panel).toBe('requestExtension');
  });

  it('lets the desk approve the pending extension, with the new deadline shown', async () => {
    const asked = referral({
      state: 'signed',
      rev: 3,
      extensions: [
        {
          workingDays: 2,
          reason: '需调取档案',
          requestedBy: 'p-h',
          requestedAt: '2026-03-10T10:00:00.000+08:00',
          proposedDueAt: '2026-03-16T23:59:59.999+08:00',
          decision: 'pending',
          decidedBy: null,
          decidedAt: null,
          comment: null,
        },
      ],
    });
    wxm.cloud.reply('referral', 'get', {
      ok: true,
      data: referralDetail({ referral: asked, steps: ['decideExtension'] }),
    });
    const approved = referral({
      ...asked,
      rev: 4,
      dueAt: '2026-03-16T23:59:59.999+08:00',
      extensions: asked.extensions.map((x) => ({
        ...x,
        decision: 'approved' as const,
        decidedBy: 'p-desk',
        comment: '同意',
      })),
    });
    wxm.cloud.reply('referral', 'decideExtension', {
      ok: true,
      data: referralDetail({ referral: approved, steps: [] }),
    });
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    expect(page.text('#extension-0')).toContain('待审批');
    await page.fire('#open-decide', 'click');
    await typeInto(page, '#comment', 'comment', '同意');
    await page.fire('#approve', 'click');
    expect(wxm.cloud.sent('referral', 'decideExtension')).toEqual([
      { action: 'decideExtension', referralId: 'r1', expectedRev: 3, approve: true, comment: '同意' },
    ]);
    expect(page.text('#extension-0')).toContain('已批准');
    expect(page.text('#due')).toContain('03-16 23:59');
    expect(page.text('#due')).toContain('原期限 03-12 23:59');
  });

  it('answers with the outcome and the reply wording', async () => {
    wxm.cloud.reply('referral', 'get', {
      ok: true,
      data: referralDetail({ referral: referral({ state: 'signed', rev: 2 }), steps: ['answer'] }),
    });
    const answer = {
      outcome: '已核实',
      replyWording: '网上申请后3个工作日内出具',
      answeredBy: 'p-h',
      answeredAt: '2026-03-10T20:00:00.000+08:00',
    };
    wxm.cloud.reply('referral', 'answer', {
      ok: true,
      data: referralDetail({
        referral: referral({ state: 'answered', open: false, answer, rev: 3 }),
        urgency: 'done',
        steps: [],
      }),
    });
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    await page.fire('#open-answer', 'click');
    await typeInto(page, '#outcome', 'outcome', '已核实');
    await page.fire('#submit-answer', 'click');
    expect(page.text('#action-error')).toBe('请填写办理情况和回复口径');
    await typeInto(page, '#wording', 'replyWording', '网上申请后3个工作日内出具');
    await page.fire('#submit-answer', 'click');
    expect(wxm.cloud.sent('referral', 'answer')).toEqual([
      {
        action: 'answer',
        referralId: 'r1',
        expectedRev: 2,
        outcome: '已核实',
        replyWording: '网上申请后3个工作日内出具',
      },
    ]);
    expect(page.text('#answer')).toContain('网上申请后3个工作日内出具');
  });

  it('sends the operator to the message to reply and close', async () => {
    wxm.cloud.reply('referral', 'get', { ok: true, data: referralDetail({ messageVisible: true, steps: [] }) });
    const page = await openPage('pages/referral-detail/index', { id: 'r1' });
    await page.fire('#open-message', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/message-detail/index?id=m1' }));
  });

  it('shows overdue in red, and the load error with 重试', async () => {
    wxm.cloud.failNetwork('referral', 'get');
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    expect(page.text('#error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('referral', 'get', {
      ok: true,
      data: referralDetail({ referral: referral({ dueAt: '2026-03-09T23:59:59.999+08:00' }), urgency: 'overdue' }),
    });
    await page.fire('#error', 'retry');
    expect(page.text('#countdown')).toBe('已逾期20小时');
    expect(page.data().view?.tag).toBe('danger');
  });

  it('does not sign when the handler cancels the confirmation', async () => {
    wxm.cloud.reply('referral', 'get', { ok: true, data: referralDetail() });
    const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
    await page.fire('#sign', 'click');
    await page.fire('#confirm', 'cancel');
    expect(page.data().confirm.show).toBe(false);
    expect(wxm.cloud.sent('referral', 'sign')).toHaveLength(0);
    expect(page.exists('#sign')).toBe(true);
  });

  describe('attachments (issue 16)', () => {
    const signedDetail = referralDetail({ referral: referral({ state: 'signed', rev: 2 }), steps: ['answer'] });

    it('uploads photos and files to cloud storage and sends them with the answer', async () => {
      const uploadFile = jest.fn((o: { cloudPath: string }) =>
        Promise.resolve({ fileID: `cloud://env/${o.cloudPath}` }),
      );
      Object.assign(wx.cloud, { uploadFile });
      jest.spyOn(wx, 'chooseMedia').mockImplementation((o) => {
        o.success?.({ tempFiles: [{ tempFilePath: 'wxfile://p.jpg', size: 300_000 }], type: 'image' } as never);
        return undefined as never;
      });
      jest.spyOn(wx, 'chooseMessageFile').mockImplementation((o) => {
        o.success?.({
          tempFiles: [
            { path: 'wxfile://reply.pdf', name: '书面答复.pdf', size: 1_048_576, type: 'file', time: 0 },
            { path: 'wxfile://huge.zip', name: '录像.zip', size: 30 * 1024 * 1024, type: 'file', time: 0 },
          ],
        } as never);
        return undefined as never;
      });
      wxm.cloud.reply('referral', 'get', { ok: true, data: signedDetail });
      wxm.cloud.reply('referral', 'answer', { ok: true, data: signedDetail });
      const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
      await page.fire('#open-answer', 'click');
      await page.fire('#add-image', 'click');
      await page.fire('#add-file', 'click');

      // The 30 MB file is refused on the phone, with the limit said.
      expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '单个附件不能超过 20 MB' }));
      expect(uploadFile).toHaveBeenCalledTimes(2);
      expect(page.data().attachments).toEqual([
        {
          fileID: expect.stringMatching(/^cloud:\/\/env\/referrals\/r1\/.*\.jpg$/),
          name: '图片1.jpg',
          kind: 'image',
          size: 300_000,
        },
        { fileID: expect.stringMatching(/\.pdf$/), name: '书面答复.pdf', kind: 'file', size: 1_048_576 },
      ]);
      expect(page.text('#attachments')).toContain('书面答复.pdf');

      await typeInto(page, '#outcome', 'outcome', '已核实');
      await typeInto(page, '#wording', 'replyWording', '网上申请后3个工作日内出具');
      await page.fire('#submit-answer', 'click');
      const [sent] = wxm.cloud.sent('referral', 'answer') as Array<{ attachments: unknown[] }>;
      expect(sent?.attachments).toEqual(page.data().attachments);
    });

    it('lets the handler take an attachment off before sending', async () => {
      Object.assign(wx.cloud, {
        uploadFile: jest.fn((o: { cloudPath: string }) => Promise.resolve({ fileID: `cloud://env/${o.cloudPath}` })),
      });
      jest.spyOn(wx, 'chooseMedia').mockImplementation((o) => {
        o.success?.({ tempFiles: [{ tempFilePath: 'wxfile://p.jpg', size: 1000 }], type: 'image' } as never);
        return undefined as never;
      });
      wxm.cloud.reply('referral', 'get', { ok: true, data: signedDetail });
      const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
      await page.fire('#open-answer', 'click');
      await page.fire('#add-image', 'click');
      expect(page.data().attachments).toHaveLength(1);
      await page.fire('#remove-attachment-0', 'click');
      expect(page.data().attachments).toEqual([]);
    });

    it('opens the answer’s images full screen and its files in WeChat’s viewer', async () => {
      const answered = referralDetail({
        referral: referral({
          state: 'answered',
          open: false,
          rev: 3,
          answer: {
            outcome: '已核实',
            replyWording: '网上申请后3个工作日内出具',
            answeredBy: 'p-h',
            answeredAt: '2026-03-10T20:00:00.000+08:00',
            attachments: [
              { fileID: 'cloud://env/a.jpg', name: '公告.jpg', kind: 'image', size: 2048 },
              { fileID: 'cloud://env/b.jpg', name: '现场.jpg', kind: 'image', size: 2048 },
              { fileID: 'cloud://env/reply.pdf', name: '书面答复.pdf', kind: 'file', size: 1_572_864 },
            ],
          },
        }),
        urgency: 'done',
        steps: [],
      });
      wxm.cloud.reply('referral', 'get', { ok: true, data: answered });
      const preview = jest.spyOn(wx, 'previewImage').mockImplementation(() => undefined);
      const download = jest.fn(() => Promise.resolve({ tempFilePath: 'wxfile://tmp/reply.pdf', statusCode: 200 }));
      Object.assign(wx.cloud, { downloadFile: download });
      const open = jest.spyOn(wx, 'openDocument').mockImplementation((o) => {
        o.success?.({ errMsg: 'openDocument:ok' });
        return undefined as never;
      });
      const page = await openPage<DetailData>('pages/referral-detail/index', { id: 'r1' });
      await page.fire('#answer-image-1', 'tap');
      expect(preview).toHaveBeenCalledWith({
        current: 'cloud://env/b.jpg',
        urls: ['cloud://env/a.jpg', 'cloud://env/b.jpg'],
      });
      expect(page.text('#answer-file-0')).toContain('书面答复.pdf');
      expect(page.text('#answer-file-0')).toContain('1.5 MB');
      await page.fire('#answer-file-0', 'click');
      expect(download).toHaveBeenCalledWith({ fileID: 'cloud://env/reply.pdf' });
      expect(open).toHaveBeenCalledWith(
        expect.objectContaining({ filePath: 'wxfile://tmp/reply.pdf', showMenu: true }),
      );
    });
  });
});
