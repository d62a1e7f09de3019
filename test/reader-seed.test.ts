import { DEMO_MODEL_RULES, DEMO_READER_POSTS, seedReader, type DemoCall } from '../tools/seed';

import { startTestCloud, type TestCloud } from './support/cloud';
import { ok } from './support/answers';

jest.setTimeout(30_000);

describe('demo reader (tools/seed.ts seedReader)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('switches the reader on and leaves a post with the model’s mark waiting for the reviewer', async () => {
    t.cloud.ai.script({ rules: DEMO_MODEL_RULES });
    const call: DemoCall = async (fn, body, openid) => {
      const res = await t.post(fn, body, openid);
      const answer = res.body as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(answer.error?.message);
      return answer;
    };
    expect(await seedReader(call)).toContain('大模型审读已启用');
    const waiting = await ok(t.call('post', 'approvals', {}, 'demo-reviewer'));
    const item = waiting.items.find((i) => i.title === DEMO_READER_POSTS.marked.title);
    expect(item).toBeDefined();
    const view = await ok(t.call('reader', 'forPost', { postId: item?.postId ?? '' }, 'demo-reviewer'));
    expect(view.reading?.findings.map((f) => [f.ref, f.quote])).toEqual([['第十七条（一）9', '以泪洗面']]);
    expect(view.canJudge).toBe(true);

    const unread = waiting.items.find((i) => i.title === DEMO_READER_POSTS.unread.title);
    expect(unread).toBeDefined();
    const failed = await ok(t.call('reader', 'forPost', { postId: unread?.postId ?? '' }, 'demo-reviewer'));
    expect(failed.reading).toMatchObject({
      state: 'error',
      findings: [],
      note: '大模型审读暂不可用（大模型服务出错，503），本版本仅按规则筛查',
    });
  });
});
