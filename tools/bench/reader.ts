/**
 * Reader benchmark (issue 19): what the second reader adds to a submission, apart from the model's
 * own time (the scripted model answers at once, so these figures are the platform's share: settings,
 * prompt and cache reads, the budget's reservation and settlement, the call records, the reading
 * written with the submission, and the SDK's two requests per part).
 *
 *  - submit with the reader off (the baseline, interleaved with every other case);
 *  - submit with the reader on, content never read before;
 *  - submit of content the editor already read (the cached reading: no model request);
 *  - submit of a 19,000-character post read in parts of 3,000 characters.
 *
 * Printed per case: latency p50/p95 and as a ratio to the baseline, database requests and model
 * requests (chat completions; the SDK asks the gateway for a token before each) per submission —
 * counts that do not depend on the machine.
 *
 *   npm run bench -- reader
 */
import type { ReaderSettingsInput } from '../../typings/reader';
import { createLocalCloud, type LocalCloud } from '../local-cloud/src';
import { seedOrg } from '../seed';
import { formatPercentiles, formatRatio, percentiles, timeMs, type Percentiles } from './stats';

export interface ReaderBenchOptions {
  iterations?: number;
  log?: (line: string) => void;
}

export interface ReaderCaseFigures {
  name: string;
  ms: Percentiles;
  ratioToOff: Percentiles;
  databaseRequests: number;
  modelRequests: number;
}

const OPERATOR = 'demo-operator-a';
const DESK = 'demo-province-propaganda';
const SETTINGS: ReaderSettingsInput = {
  enabled: true,
  model: 'hunyuan-exp/hunyuan-turbos-latest',
  timeoutSeconds: 12,
  monthlyTokens: 100_000_000,
  unitBudgets: [],
  raiseFloor: false,
  raiseConfidence: 0.85,
  chunkChars: 3000,
};

interface Answer<T> {
  ok: boolean;
  data: T;
  error?: { code: string; message: string };
}

export async function runReaderBench(options: ReaderBenchOptions = {}): Promise<ReaderCaseFigures[]> {
  const iterations = options.iterations ?? 15;
  const log = options.log ?? ((line: string) => console.log(line));
  const cloud: LocalCloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
  try {
    seedOrg(cloud.db);
    const call = async <T>(fn: string, body: Record<string, unknown>, openid: string): Promise<T> => {
      const res = await fetch(`${cloud.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as Answer<T>;
      if (!answer.ok) throw new Error(`${fn}.${String(body['action'])}: ${answer.error?.message ?? res.status}`);
      return answer.data;
    };
    const switchTo = async (enabled: boolean): Promise<void> => {
      const view = await call<{ settings: { rev: number } }>('reader', { action: 'settings' }, DESK);
      await call(
        'reader',
        { action: 'settingsSave', settings: { ...SETTINGS, enabled }, expectedRev: view.settings.rev },
        DESK,
      );
    };
    let keys = 0;
    const draft = async (title: string, text: string): Promise<{ id: string; rev: number }> => {
      keys += 1;
      return call(
        'post',
        {
          action: 'draftSave',
          accountId: 'acc-cs-weibo',
          clientKey: `bench-${keys}`,
          content: { title, text, images: [], kind: 'original', source: null },
          nature: 'official',
          declaredLevel: 'ordinary',
          sourceVerified: false,
          plannedAt: null,
        },
        OPERATOR,
      );
    };
    const sentence = (n: number): string =>
      `第${n}段：社区民警走访辖区群众，宣传防范电信诈骗知识，提醒大家守好钱袋子。`;
    const longText = (i: number): string => {
      let text = `（${i}）`;
      for (let n = 1; text.length < 19_000; n++) text += sentence(n);
      return text.slice(0, 19_000);
    };

    /** Times one submission of a fresh draft, with its database and model requests. */
    const submit = async (title: string, text: string) => {
      const post = await draft(title, text);
      cloud.resetStats();
      const before = cloud.ai.received().length;
      const ms = await timeMs(() =>
        call('post', { action: 'submit', postId: post.id, expectedRev: post.rev }, OPERATOR),
      );
      return { ms, db: cloud.stats().admin.database, gateway: cloud.ai.received().length - before };
    };

    // Warm the instances (cold starts are not what is measured).
    await switchTo(true);
    await submit('预热', '预热稿件。');
    await call('reader', { action: 'check', accountId: 'acc-cs-weibo', title: '预热', text: '预热检查。' }, OPERATOR);

    const cases = ['关闭（基线）', '开启，新内容', '开启，编辑时已审读（缓存）', '开启，19,000 字长稿分段'] as const;
    const samples = cases.map(() => ({ ms: [] as number[], db: 0, gateway: 0 }));
    const record = (index: number, r: { ms: number; db: number; gateway: number }): void => {
      const s = samples[index];
      if (!s) return;
      s.ms.push(r.ms);
      s.db += r.db;
      s.gateway += r.gateway;
    };
    for (let i = 0; i < iterations; i++) {
      await switchTo(false);
      record(0, await submit('基线', `冬季道路结冰，请减速慢行。（${i}）`));
      await switchTo(true);
      record(1, await submit('新内容', `近期电信诈骗多发，请勿向陌生账户转账。（${i}）`));
      const cached = `反诈宣传进社区活动将于下周举行。（${i}）`;
      await call('reader', { action: 'check', accountId: 'acc-cs-weibo', title: '缓存', text: cached }, OPERATOR);
      record(2, await submit('缓存', cached));
      record(3, await submit('长稿', longText(i)));
    }

    const base = percentiles(samples[0]?.ms ?? []);
    log(`reader bench: ${iterations} submissions per case, interleaved; the scripted model answers at once`);
    return cases.map((name, index) => {
      const s = samples[index] ?? { ms: [], db: 0, gateway: 0 };
      const ms = percentiles(s.ms);
      const ratioToOff = { p50: ms.p50 / base.p50, p95: ms.p95 / base.p95 };
      const figures = {
        name,
        ms,
        ratioToOff,
        databaseRequests: s.db / iterations,
        modelRequests: s.gateway / iterations,
      };
      log(
        `  ${name}: ${formatPercentiles(ms)}；相对关闭 p50 ${formatRatio(ratioToOff.p50)}、p95 ${formatRatio(ratioToOff.p95)}；数据库请求 ${figures.databaseRequests.toFixed(1)} 次/提交，大模型请求 ${figures.modelRequests.toFixed(1)} 次/提交（另加同样次数的取令牌请求）`,
      );
      return figures;
    });
  } finally {
    await cloud.close();
  }
}

if (require.main === module) {
  runReaderBench().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
