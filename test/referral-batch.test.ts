import { useTestCloud } from './support/cloud';
import { OPERATOR } from './referral-helpers';
import { ok, refusal } from './support/answers';

describe('a pasted batch of the largest size', () => {
  const t = useTestCloud({ now: '2026-03-03T10:00:00+08:00' });

  it('records 200 messages in one step, each audited, and refuses 201', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `网友${i}：第${i}条留言，请问户籍业务在哪里办理`);
    const res = await ok(
      t.call('referral', 'messageRecord', { accountId: 'acc-cs-weibo', pasted: lines.join('\n') }, OPERATOR),
    );
    expect(res.messages).toHaveLength(200);
    expect(t.cloud.db.count('messages', {})).toBe(200);
    expect(t.cloud.db.count('auditLog', { action: 'referral.messageRecord' })).toBe(200);
    const tooMany = [...lines, '网友200：再来一条'].join('\n');
    expect(
      await refusal(t.call('referral', 'messageRecord', { accountId: 'acc-cs-weibo', pasted: tooMany }, OPERATOR)),
    ).toBe('BATCH_TOO_LARGE');
    expect(t.cloud.db.count('messages', {})).toBe(200);
  }, 30_000);
});
