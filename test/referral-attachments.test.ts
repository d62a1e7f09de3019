/**
 * Attachments on a department's answer (issue 16): images and files uploaded to cloud storage, kept
 * on the answer with their names and sizes, shown to the operator; anything else refused unchanged.
 */
import type { Referral, ReferralAttachment } from '../typings/referral';
import { useTestCloud } from './support/cloud';
import { addCriminalHandler, CRIMINAL, referred, signed } from './referral-helpers';
import { ok, refusal } from './support/answers';

const photo: ReferralAttachment = {
  fileID: 'cloud://env/ref/notice.jpg',
  name: '现场公告.jpg',
  kind: 'image',
  size: 204_800,
};
const reply: ReferralAttachment = {
  fileID: 'cloud://env/ref/reply.pdf',
  name: '书面答复.pdf',
  kind: 'file',
  size: 1_048_576,
};

describe('referral answers with attachments (issue 16)', () => {
  const t = useTestCloud({ now: '2026-03-03T10:00:00+08:00', frozen: true }, addCriminalHandler);

  const answer = (r: { _id: string; rev: number }, attachments?: ReferralAttachment[]) =>
    t.call(
      'referral',
      'answer',
      {
        referralId: r._id,
        expectedRev: r.rev,
        outcome: '已核实',
        replyWording: '可在政务服务网申请，3个工作日内办结。',
        ...(attachments ? { attachments } : {}),
      },
      CRIMINAL,
    );

  it('keeps the images and files of an answer, with their names, for the operator to open', async () => {
    const { referral } = await referred(t);
    const s = await signed(t, referral);
    const detail = await ok(answer(s.referral, [photo, { ...reply, name: '  书面答复.pdf ' }]));
    expect(detail.referral.answer?.attachments).toEqual([photo, reply]);
    const stored = t.cloud.db.get('referrals', referral._id) as unknown as Referral;
    expect(stored.answer?.attachments).toEqual([photo, reply]);
  });

  it('answers without attachments as before', async () => {
    const { referral } = await referred(t);
    const s = await signed(t, referral);
    expect((await ok(answer(s.referral))).referral.answer?.attachments).toEqual([]);
  });

  it('refuses a file not in cloud storage, too many, or too large, and changes nothing', async () => {
    const { referral } = await referred(t);
    const s = await signed(t, referral);
    const cases: ReferralAttachment[][] = [
      [{ ...photo, fileID: 'https://example.com/x.jpg' }],
      Array.from({ length: 10 }, (_, i) => ({ ...photo, fileID: `cloud://env/ref/${i}.jpg` })),
      [{ ...reply, size: 21 * 1024 * 1024 }],
      [{ ...reply, name: '   ' }],
    ];
    for (const attachments of cases) expect(await refusal(answer(s.referral, attachments))).toBe('ATTACHMENT_INVALID');
    const stored = t.cloud.db.get('referrals', referral._id) as unknown as Referral;
    expect([stored.state, stored.rev, stored.answer]).toEqual(['signed', s.referral.rev, null]);
  });
});
