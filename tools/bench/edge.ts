/**
 * Edge benchmark (issue 11): what refusing a bad request costs, as a ratio to a no-op function call
 * (system.ping) on the same local cloud, and the database requests each refusal made (none).
 *
 *  - an oversize post body (100,000 characters) and a paste holding one oversize message, both
 *    refused with the rule's code before screening or any database work;
 *  - an offset of 1e308, a forbidden key deep in the params, a 100,000-character action name;
 *  - for scale, the same draft at the rule's limit (19,000 characters), screened and saved.
 *
 *   npm run bench -- edge
 */
import { createLocalCloud, type LocalCloud } from '../local-cloud/src';
import { seedOrg } from '../seed';
import { formatPercentiles, formatRatio, percentiles, timeMs, type Percentiles } from './stats';

export interface EdgeBenchOptions {
  iterations?: number;
  log?: (line: string) => void;
}

export interface EdgeCaseFigures {
  name: string;
  ms: Percentiles;
  /** p50 and p95 divided by ping's, measured interleaved with the case. */
  ratioToPing: Percentiles;
  /** Divided by a ping carrying the same request body (what moving the bytes costs), when it differs. */
  ratioToSameSizePing: Percentiles | null;
  /** /admin database requests per call. */
  databaseRequests: number;
  code: string;
}

export interface EdgeBenchFigures {
  pingMs: Percentiles;
  cases: EdgeCaseFigures[];
}

const OPERATOR = 'demo-operator-a';

function draft(text: string, key: string): Record<string, unknown> {
  return {
    action: 'draftSave',
    accountId: 'acc-cs-weibo',
    clientKey: key,
    content: { title: '基准', text, images: [], kind: 'original', source: null },
    nature: 'official',
    declaredLevel: 'ordinary',
    sourceVerified: false,
    plannedAt: null,
  };
}

interface Case {
  name: string;
  fn: string;
  body: (i: number) => unknown;
  openid: string;
  /** The request is large: also compare with a ping carrying as many characters. */
  large?: boolean;
}

export async function runEdgeBench(options: EdgeBenchOptions = {}): Promise<EdgeBenchFigures> {
  const iterations = options.iterations ?? 30;
  const log = options.log ?? ((line: string) => console.log(line));
  const cloud: LocalCloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    seedOrg(cloud.db);
    const call = async (fn: string, body: unknown, openid: string): Promise<string> => {
      const res = await fetch(`${cloud.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as { ok: boolean; error?: { code: string } };
      return answer.ok ? 'OK' : (answer.error?.code ?? `HTTP ${res.status}`);
    };

    const longPaste = [
      ...Array.from({ length: 50 }, (_, i) => `网友${i}：请问户籍窗口周六上班吗`),
      `网友甲：${'请问'.repeat(3000)}`,
    ].join('\n');
    let deep: unknown = { leaderId: null, departmentId: null, personId: null };
    for (let i = 0; i < 6; i++) deep = { nested: deep };
    const cases: Case[] = [
      {
        name: '超长正文（100,000 字）',
        fn: 'post',
        body: (i) => draft('警'.repeat(100_000), `over-${i}`),
        openid: OPERATOR,
        large: true,
      },
      {
        name: '粘贴含超长留言（5,000 字以上）',
        fn: 'referral',
        body: () => ({ action: 'messageRecord', accountId: 'acc-cs-weibo', pasted: longPaste }),
        openid: OPERATOR,
      },
      {
        name: 'offset 1e308',
        fn: 'org',
        body: () => ({ action: 'listPeople', unitId: 'u-cs', offset: 1e308 }),
        openid: 'demo-admin',
      },
      {
        name: '深层 constructor 键',
        fn: 'org',
        body: () => ({
          action: 'setResponsibility',
          unitId: 'u-cs',
          expectedRev: 1,
          responsibility: { deep, constructor: 1 },
        }),
        openid: 'demo-admin',
      },
      {
        name: '100,000 字的操作名',
        fn: 'org',
        body: () => ({ action: 'x'.repeat(100_000) }),
        openid: OPERATOR,
        large: true,
      },
      {
        name: '（对照）上限内正文 19,000 字，筛查并保存',
        fn: 'post',
        body: (i) => draft('警'.repeat(19_000), `ok-${i}`),
        openid: OPERATOR,
      },
    ];

    // Warm every function instance once (cold starts are not what is measured).
    for (const fn of ['system', 'post', 'referral', 'org']) await call(fn, { action: 'ping' }, OPERATOR);
    await call('post', draft('预热', 'warm'), OPERATOR);

    // A ping, and a ping whose body carries as many characters as a large case (refused by the
    // ping's own schema): the second is what moving the bytes to a function costs at all.
    const ping = (): Promise<string> => call('system', { action: 'ping' }, OPERATOR);
    const paddedPing = (padding: string) => (): Promise<string> =>
      call('system', { action: 'ping', padding }, OPERATOR);
    const pingSamples: number[] = [];
    for (let i = 0; i < iterations; i++) pingSamples.push(await timeMs(ping));
    const pingMs = percentiles(pingSamples);
    log(`edge bench: ${iterations} calls each, interleaved with pings; system.ping ${formatPercentiles(pingMs)}`);

    const figures: EdgeCaseFigures[] = [];
    for (const c of cases) {
      const samples: number[] = [];
      const pings: number[] = [];
      const sized: number[] = [];
      const sameSize = c.large ? paddedPing(JSON.stringify(c.body(0))) : null;
      let code = '';
      let databaseRequests = 0;
      for (let i = 0; i < iterations; i++) {
        pings.push(await timeMs(ping));
        if (sameSize) sized.push(await timeMs(sameSize));
        cloud.resetStats();
        samples.push(
          await timeMs(async () => {
            code = await call(c.fn, c.body(i), c.openid);
          }),
        );
        databaseRequests += cloud.stats().admin.database;
      }
      databaseRequests /= iterations;
      const ms = percentiles(samples);
      const base = percentiles(pings);
      const ratioToPing = { p50: ms.p50 / base.p50, p95: ms.p95 / base.p95 };
      const sizedBase = sized.length ? percentiles(sized) : null;
      const ratioToSameSizePing = sizedBase ? { p50: ms.p50 / sizedBase.p50, p95: ms.p95 / sizedBase.p95 } : null;
      figures.push({ name: c.name, ms, ratioToPing, ratioToSameSizePing, databaseRequests, code });
      const vsSized = ratioToSameSizePing
        ? `；相对同样大小请求体的 ping p50 ${formatRatio(ratioToSameSizePing.p50)}、p95 ${formatRatio(ratioToSameSizePing.p95)}`
        : '';
      log(
        `  ${c.name}: ${code}，${formatPercentiles(ms)}；相对 ping p50 ${formatRatio(ratioToPing.p50)}、p95 ${formatRatio(ratioToPing.p95)}${vsSized}；数据库请求 ${databaseRequests.toFixed(1)} 次/调用`,
      );
    }
    return { pingMs, cases: figures };
  } finally {
    await cloud.close();
  }
}

if (require.main === module) {
  runEdgeBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
