/**
 * The edge every function shares (issue 11), through the real path: forbidden keys at any depth,
 * sizes refused before any screening or database work, one bound for every list's paging, and
 * short echoes of the caller's input in errors.
 */
import type { Unit } from '../typings/org';
import { LIST_BOUNDS } from '../server/schemas';
import { EDGE_LIMITS } from '../server/edge';
import { startTestCloud, type TestCloud } from './support/cloud';
import { WHO, fields } from './post-helpers';

jest.setTimeout(60_000);

interface Answer {
  ok: boolean;
  error?: { code: string; message: string };
}

describe('the edge every function shares', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  /** Sends a raw JSON text (so `__proto__` arrives as the key it is on the wire). */
  async function raw(fn: string, json: string, openid: string): Promise<Answer> {
    const res = await fetch(`${t.cloud.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: json,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Answer;
  }

  async function answer(fn: string, body: unknown, openid: string): Promise<Answer> {
    const res = await t.post(fn, body, openid);
    expect(res.status).toBe(200);
    return res.body as Answer;
  }

  /** Database requests the local cloud served while `run` ran (every read and write goes through /admin). */
  async function databaseCalls(run: () => Promise<unknown>): Promise<number> {
    t.cloud.resetStats();
    await run();
    return t.cloud.stats().admin.database;
  }

  describe('keys named like Object.prototype members', () => {
    const unit = (): Unit => t.cloud.db.get('units', 'u-cs') as unknown as Unit;

    it.each([
      ['__proto__', '{"leaderId":null,"departmentId":null,"personId":null,"__proto__":{"x":1}}'],
      ['constructor', '{"leaderId":null,"departmentId":null,"personId":null,"constructor":{"x":1}}'],
      ['toString', '{"leaderId":null,"departmentId":null,"personId":null,"toString":"x"}'],
      ['hasOwnProperty', '{"leaderId":null,"departmentId":null,"personId":null,"hasOwnProperty":1}'],
    ])('refuses %s inside the params with INVALID_INPUT, and the unit keeps its responsibility', async (key, resp) => {
      const before = unit();
      const res = await raw(
        'org',
        `{"action":"setResponsibility","unitId":"u-cs","expectedRev":${before.rev},"responsibility":${resp}}`,
        'demo-admin',
      );
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('INVALID_INPUT');
      expect(res.error?.message).toContain(`responsibility.${key}`);
      expect(unit()).toEqual(before);
      expect(before.responsibility.leaderId).not.toBeNull();
    });

    it('refuses them at the top level and deep inside arrays', async () => {
      const top = await raw('system', '{"action":"ping","__proto__":{"admin":true}}', WHO.opA);
      expect(top.error?.code).toBe('INVALID_INPUT');
      const deep = await answer(
        'screen',
        { action: 'lexiconEdit', changes: [{ op: 'addTerm', term: '测试词', category: 'foreignMedia', valueOf: 1 }] },
        WHO.provinceDesk,
      );
      expect(deep.error?.code).toBe('INVALID_INPUT');
      expect(deep.error?.message).toContain('changes.valueOf');
    });

    it('refuses an event nested deeper than the edge allows, before any work', async () => {
      let nested: unknown = 'x';
      for (let i = 0; i < EDGE_LIMITS.maxDepth + 5; i++) nested = { a: nested };
      let res: Answer | undefined;
      const calls = await databaseCalls(async () => {
        res = await answer('org', { action: 'me', nested }, WHO.opA);
      });
      expect(res?.error?.code).toBe('INVALID_INPUT');
      expect(res?.error?.message).toContain('嵌套');
      expect(calls).toBe(0);
    });
  });

  describe('sizes before work', () => {
    it('refuses an oversize post body with the rule’s code before screening or reading anything', async () => {
      let res: Answer | undefined;
      const calls = await databaseCalls(async () => {
        res = await answer(
          'post',
          {
            action: 'draftSave',
            accountId: 'acc-cs-weibo',
            clientKey: 'oversize-1',
            ...fields({}, { text: '警'.repeat(79_000) }),
          },
          WHO.opA,
        );
      });
      expect(res?.error?.code).toBe('TEXT_TOO_LONG');
      expect(res?.error?.message).toContain('最多 20000 字，当前 79000 字');
      // Not even the caller was looked up: no database request at all.
      expect(calls).toBe(0);
    });

    it('counts characters, not UTF-16 units: 20,000 emoji are within the rule', async () => {
      const res = await answer(
        'post',
        {
          action: 'draftSave',
          accountId: 'acc-cs-weibo',
          clientKey: 'emoji-1',
          ...fields({}, { text: '🚓'.repeat(20_000) }),
        },
        WHO.opA,
      );
      expect(res.error).toBeUndefined();
      expect(res.ok).toBe(true);
    });

    it('refuses a long title and too many images the same way', async () => {
      const title = await answer(
        'post',
        { action: 'draftSave', accountId: 'acc-cs-weibo', clientKey: 't-1', ...fields({}, { title: '标'.repeat(65) }) },
        WHO.opA,
      );
      expect(title.error?.code).toBe('TITLE_TOO_LONG');
      const images = await answer(
        'post',
        {
          action: 'draftSave',
          accountId: 'acc-cs-weibo',
          clientKey: 'i-1',
          ...fields({}, { images: Array.from({ length: 21 }, (_, i) => `cloud://img/${i}.jpg`) }),
        },
        WHO.opA,
      );
      expect(images.error?.code).toBe('TOO_MANY_IMAGES');
    });

    it('measures every message of a paste before screening or reading anything', async () => {
      const lines = Array.from({ length: 50 }, (_, i) => `网友${i}：请问户籍窗口周六上班吗`);
      lines.push(`网友甲：${'请问'.repeat(3000)}`);
      let res: Answer | undefined;
      const calls = await databaseCalls(async () => {
        res = await answer(
          'referral',
          { action: 'messageRecord', accountId: 'acc-cs-weibo', pasted: lines.join('\n') },
          WHO.opA,
        );
      });
      expect(res?.error?.code).toBe('MESSAGE_INVALID');
      expect(res?.error?.message).toBe('第51行：留言内容不能超过5000字');
      expect(calls).toBe(0);
      expect(t.cloud.db.count('messages', {})).toBe(0);
    });

    it('refuses a paste over its size with BATCH_TOO_LARGE, and a request over the edge size with REQUEST_TOO_LARGE', async () => {
      const paste = await answer(
        'referral',
        { action: 'messageRecord', accountId: 'acc-cs-weibo', pasted: '请'.repeat(200_001) },
        WHO.opA,
      );
      expect(paste.error?.code).toBe('BATCH_TOO_LARGE');
      const huge = await answer(
        'system',
        { action: 'ping', padding: 'x'.repeat(EDGE_LIMITS.maxTextChars + 1) },
        WHO.opA,
      );
      expect(huge.error?.code).toBe('REQUEST_TOO_LARGE');
    });
  });

  describe('one bound for every offset, limit and cursor', () => {
    type Case = [name: string, fn: string, base: Record<string, unknown>, openid: string, paging: 'offset' | 'cursor'];
    const lists: Case[] = [
      ['org.listPeople', 'org', { action: 'listPeople', unitId: 'u-cs' }, 'demo-admin', 'offset'],
      ['org.listAccounts', 'org', { action: 'listAccounts', unitId: 'u-cs' }, 'demo-admin', 'offset'],
      ['org.auditLog', 'org', { action: 'auditLog', unitId: 'u-cs' }, 'demo-admin', 'cursor'],
      ['post.list', 'post', { action: 'list' }, WHO.opA, 'offset'],
      ['post.approvals', 'post', { action: 'approvals' }, WHO.reviewer, 'offset'],
      ['notify.inbox', 'notify', { action: 'inbox' }, WHO.reviewer, 'cursor'],
      ['referral.messages', 'referral', { action: 'messages' }, WHO.opA, 'cursor'],
      ['referral.list', 'referral', { action: 'list', unitId: 'u-cs-xz' }, 'demo-handler-criminal', 'offset'],
      ['screen.lexiconList', 'screen', { action: 'lexiconList' }, WHO.provinceDesk, 'offset'],
      // screening: combination rules and standard wording (issue 17)
      ['screen.ruleList', 'screen', { action: 'ruleList' }, WHO.provinceDesk, 'offset'],
      ['screen.wordingList', 'screen', { action: 'wordingList' }, WHO.provinceDesk, 'offset'],
      ['linkage.list', 'linkage', { action: 'list' }, WHO.provinceDesk, 'offset'],
      ['linkage.mine', 'linkage', { action: 'mine' }, WHO.opA, 'offset'],
    ];

    it.each(lists)(
      '%s takes limit 0 to the shared maximum and refuses beyond it',
      async (_name, fn, base, openid, paging) => {
        const max = LIST_BOUNDS.maxLimit;
        expect((await answer(fn, { ...base, limit: max }, openid)).ok).toBe(true);
        expect((await answer(fn, { ...base, limit: 0 }, openid)).ok).toBe(true);
        for (const limit of [max + 1, -1, 1.5, 1e308]) {
          const res = await answer(fn, { ...base, limit }, openid);
          expect(res.error?.code).toBe('INVALID_INPUT');
        }
        if (paging === 'offset') {
          expect((await answer(fn, { ...base, offset: LIST_BOUNDS.maxOffset }, openid)).ok).toBe(true);
          for (const offset of [LIST_BOUNDS.maxOffset + 1, -1, 1e308]) {
            const res = await answer(fn, { ...base, offset }, openid);
            expect(res.error?.code).toBe('INVALID_INPUT');
            expect(res.error?.message).toContain(`offset须为 0 至 ${LIST_BOUNDS.maxOffset} 的整数`);
          }
        } else if (fn === 'org') {
          expect((await answer(fn, { ...base, before: 1e308 }, openid)).error?.code).toBe('INVALID_INPUT');
        } else {
          const res = await answer(fn, { ...base, cursor: 'x'.repeat(LIST_BOUNDS.maxCursorChars + 1) }, openid);
          expect(res.error?.code).toBe('INVALID_INPUT');
        }
      },
    );

    it('a skip hidden in a message cursor is bounded too', async () => {
      const res = await answer('referral', { action: 'messages', cursor: '2026-11-28T09:00:00+08:00|1e308' }, WHO.opA);
      expect(res.error?.code).toBe('INVALID_INPUT');
    });
  });

  describe('short echoes', () => {
    it('repeats only a short piece of an unknown 100,000-character action name', async () => {
      const res = await answer('org', { action: 'x'.repeat(100_000) }, WHO.opA);
      expect(res.error?.code).toBe('UNKNOWN_ACTION');
      expect(res.error?.message.length).toBeLessThan(60);
      expect(res.error?.message).toContain('…');
    });

    it('repeats only a short piece of an unexpected parameter name', async () => {
      const res = await answer('org', { action: 'me', ['k'.repeat(60)]: 1 }, WHO.opA);
      expect(res.error?.code).toBe('INVALID_INPUT');
      expect(res.error?.message.length).toBeLessThan(80);
      const long = await answer('org', { action: 'me', ['k'.repeat(10_000)]: 1 }, WHO.opA);
      expect(long.error?.code).toBe('INVALID_INPUT');
      expect(long.error?.message.length).toBeLessThan(100);
    });

    it('repeats a few shortened names of password-like fields, never the whole list', async () => {
      const account: Record<string, unknown> = {};
      for (let i = 0; i < 200; i++) account[`password${'x'.repeat(40)}${i}`] = 'secret';
      const res = await answer('org', { action: 'upsertAccount', id: null, expectedRev: 0, account }, 'demo-admin');
      expect(res.error?.code).toBe('PASSWORD_FORBIDDEN');
      expect(res.error?.message).toContain('等 200 个字段');
      expect(res.error?.message.length).toBeLessThan(200);
    });
  });
});
