/**
 * Integration tests go through the real path: HTTP → local cloud → function bundle → wx-server-sdk →
 * local cloud database. Each test file gets its own in-memory cloud on an ephemeral port.
 */
import { createLocalCloud, type LocalCloud } from '../../tools/local-cloud/src';
import { seedOrg } from '../../tools/seed';
import type { ActionName, AnswerOf, FunctionName, ParamsOf } from '../../typings/api';

export interface TestCloud {
  cloud: LocalCloud;
  /** Calls a function as the mini-program would; `openid` absent = anonymous. */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    params: ParamsOf<F, A>,
    openid?: string,
  ): Promise<AnswerOf<F, A>>;
  /** The raw HTTP exchange, for bad-input tests. */
  post(fn: string, body: unknown, openid?: string): Promise<{ status: number; body: unknown }>;
  setNow(iso: string): Promise<void>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestCloudOptions {
  /** Start time of the controllable clock (ISO-8601). */
  now?: string;
  /** The clock stands still at `now` until the test moves it (setNow, advance). */
  frozen?: boolean;
  seed?: boolean;
  timers?: boolean;
}

export async function startTestCloud(options: TestCloudOptions = {}): Promise<TestCloud> {
  const cloud = await createLocalCloud({
    port: 0,
    dataDir: null,
    timers: options.timers ?? false,
    onLog: () => undefined,
  });
  if (options.frozen) cloud.clock.freeze();
  if (options.now) cloud.clock.set(options.now);
  if (options.seed ?? true) seedOrg(cloud.db);

  const post = async (fn: string, body: unknown, openid?: string): Promise<{ status: number; body: unknown }> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (openid) headers['x-wx-openid'] = openid;
    const res = await fetch(`${cloud.url}/functions/${fn}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  return {
    cloud,
    post,
    async call(fn, action, params, openid) {
      const res = await post(fn, { action, ...(params as object) }, openid);
      if (res.status !== 200)
        throw new Error(`function ${fn} answered HTTP ${res.status}: ${JSON.stringify(res.body)}`);
      return res.body as never;
    },
    async setNow(iso) {
      cloud.clock.set(iso);
    },
    async advance(ms) {
      cloud.clock.advance(ms);
    },
    close: () => cloud.close(),
  };
}

/** Starting a cloud and preparing it (seeding, issuing, inserting thousands of documents) on a loaded machine. */
const SETUP_TIMEOUT_MS = 60_000;

/**
 * The cloud of one describe block: started in its beforeAll (then prepared by `setup`), closed in its
 * afterAll. The answer stands for that cloud from the first test on, so a block writes
 * `const t = useTestCloud({ now, frozen: true })` instead of its own let/beforeAll/afterAll.
 */
export function useTestCloud(
  options: TestCloudOptions = {},
  setup: (t: TestCloud) => void | Promise<void> = () => undefined,
): TestCloud {
  let current: TestCloud | null = null;
  const cloud = (): TestCloud => {
    if (!current) throw new Error('the test cloud starts in beforeAll');
    return current;
  };
  beforeAll(async () => {
    current = await startTestCloud(options);
    await setup(current);
  }, SETUP_TIMEOUT_MS);
  afterAll(() => current?.close());
  return {
    get cloud() {
      return cloud().cloud;
    },
    call: (fn, action, params, openid) => cloud().call(fn, action, params, openid),
    post: (fn, body, openid) => cloud().post(fn, body, openid),
    setNow: (iso) => cloud().setNow(iso),
    advance: (ms) => cloud().advance(ms),
    close: () => cloud().close(),
  };
}
