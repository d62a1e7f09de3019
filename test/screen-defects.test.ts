/**
 * Issue 11's screening defects, each through the real path (screen function → wx-server-sdk → local
 * cloud): Latin terms on word boundaries, msgSecCheck chunks that overlap at their edges, and
 * passwords or verification codes written into a post (第三十三条).
 */
import type { CheckParams, ScreenedText, SpanHit } from '../typings/screening';
import { MSG_SEC_CHUNK, MSG_SEC_OVERLAP } from '../core/screening/msgsec';
import { startTestCloud, type TestCloud } from './support/cloud';

const OPERATOR = 'demo-operator-a';
const spans = (r: ScreenedText): SpanHit[] => r.hits.filter((h): h is SpanHit => h.where !== 'platform');

async function check(t: TestCloud, params: CheckParams): Promise<ScreenedText> {
  const res = await t.call('screen', 'check', params, OPERATOR);
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

/** Plain sentences about road safety, `length` characters long. */
function filler(length: number): string {
  const sentence = '今天全市道路通行平稳，请大家出行注意安全。';
  return sentence.repeat(Math.ceil(length / sentence.length)).slice(0, length);
}

describe('issue 11: screening defects, through the local cloud', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());
  afterEach(() => t.cloud.openapi.reset());

  it('matches Latin terms on word boundaries: CNNIC is not CNN; CJK terms stay substrings', async () => {
    const domestic = await check(t, { text: '据CNNIC统计，全省网民规模继续增长，网络安全意识明显提高。' });
    expect(spans(domestic).filter((h) => h.category === 'foreignMedia')).toEqual([]);
    expect(domestic.blocked).toBe(false);

    const foreign = await check(t, { text: '据CNN报道，当地发生一起枪击案。' });
    const hit = spans(foreign).find((h) => h.category === 'foreignMedia' && h.source === 'lexicon');
    expect(hit).toMatchObject({ rule: '据cnn', matched: '据CNN', start: 0, end: 4, ref: '第十七条（一）12' });
    // Between Chinese characters a Latin term needs no spaces; in a Chinese word it is a substring.
    const cjk = await check(t, { text: '转载美国之音报道的消息。' });
    expect(spans(cjk).some((h) => h.category === 'foreignMedia' && h.matched === '美国之音')).toBe(true);
  });

  it('sends msgSecCheck chunks that overlap, so a risky phrase across a chunk edge is seen', async () => {
    const phrase = '某违禁说法';
    t.cloud.openapi.setRiskyTerms([{ term: phrase, label: 20006 }]);
    // The phrase starts three characters before the first chunk's edge.
    const text = `${filler(MSG_SEC_CHUNK - 3)}${phrase}${filler(1200)}`;
    const r = await check(t, { text });
    expect(r.msgSecCheck).toEqual({ state: 'checked', suggest: 'risky', label: 20006 });
    expect(r.blocked).toBe(true);
    const sent = t.cloud.openapi.secChecks().map((c) => c.content);
    expect(sent.length).toBe(2);
    expect(sent.every((c) => c.length <= MSG_SEC_CHUNK)).toBe(true);
    expect(sent[0]?.slice(-MSG_SEC_OVERLAP)).toBe(sent[1]?.slice(0, MSG_SEC_OVERLAP));
    expect(sent.join('').length).toBe(text.length + MSG_SEC_OVERLAP);
  });

  it('flags a password or verification code written into a post (第三十三条)', async () => {
    const text = '各位同事：新账号已开通，登录密码Jx2026@gaj，验证码 385921，请尽快登录修改。';
    const r = await check(t, { text });
    const found = spans(r).filter((h) => h.category === 'credential');
    expect(found.map((h) => h.ref)).toEqual(['第三十三条', '第三十三条']);
    expect(r.blocked).toBe(true);
    // Shown masked: the password itself never comes back.
    expect(JSON.stringify(r)).not.toContain('Jx2026@gaj');
    expect(JSON.stringify(r)).not.toContain('385921');

    // Advice about passwords is not a password.
    const advice = await check(t, { text: '请勿向任何人透露验证码，定期修改账号密码，密码不少于 8 位。' });
    expect(spans(advice).filter((h) => h.category === 'credential')).toEqual([]);
  });
});
