import type { Post } from '../typings/post';
import { seedPosts, type DemoCall } from '../tools/seed';
import { startTestCloud, type TestCloud } from './support/cloud';
import { ok } from './support/answers';

// Each call crosses HTTP and a function instance; a busy machine must not fail a correct flow.
jest.setTimeout(30_000);

describe('demo posts (tools/seed.ts seedPosts)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('makes its posts through the post function, each in the state it describes', async () => {
    const call: DemoCall = async (fn, body, openid) => {
      const res = await t.post(fn, body, openid);
      const answer = res.body as { ok: boolean; error?: { message: string } };
      if (!answer.ok) throw new Error(answer.error?.message);
      return answer;
    };
    expect(await seedPosts(call)).toContain('5篇稿件');
    const states = (t.cloud.db.find('posts', {}) as unknown as Post[]).map((p) => p.state).sort();
    expect(states).toEqual(['draft', 'inReview', 'inReview', 'published', 'returned']);
    expect((await ok(t.call('post', 'approvals', {}, 'demo-leader'))).items).toHaveLength(1);
    expect((await ok(t.call('post', 'approvals', {}, 'demo-city-propaganda'))).items).toHaveLength(1);
  });
});
