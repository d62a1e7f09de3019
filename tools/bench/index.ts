/**
 * `npm run bench` runs every benchmark in turn; `npm run bench -- posts notify` runs those named.
 * Benchmarks print figures and ratios measured in the same run; none fails the process on a figure
 * (a busy machine moves absolute times), only on a crash or an unknown name.
 *
 * Each bench module is loaded only when it runs, so one bench's imports (and the wx-server-sdk set-up
 * some of them do) never touch another's.
 */
import { performance } from 'node:perf_hooks';
import { buildFunctions } from '../build-functions';

interface Bench {
  title: string;
  /** Runs the bundled cloud functions, so they are built first. */
  usesFunctions: boolean;
  run: () => Promise<unknown>;
}

const BENCHES = {
  'local-cloud': {
    title: '本地云',
    usesFunctions: true,
    run: async () => (await import('./local-cloud')).runLocalCloudBench(),
  },
  screening: {
    title: '内容审查',
    usesFunctions: false,
    // the screening code compiled as the functions deploy it (one bundle), not under tsx
    run: async () => (await import('./screening-deployed')).runScreeningBenchAsDeployed(),
  },
  notify: {
    title: '通知投递',
    usesFunctions: true,
    run: async () => (await import('./notify')).runNotifyBench(),
  },
  posts: {
    title: '稿件审批与发布',
    usesFunctions: true,
    run: async () => (await import('./posts')).runPostsBench(),
  },
  referrals: {
    title: '流转提醒',
    usesFunctions: true,
    run: async () => (await import('./referrals')).runReferralsBench(),
  },
  // hardening (issue 11): refusing bad input at the edge, as a ratio to a ping
  edge: {
    title: '入口校验',
    usesFunctions: true,
    run: async () => (await import('./edge')).runEdgeBench(),
  },
  // accounts lifecycle (issue 12): the province matrix's reads at 300 and 3,000 accounts, and its export
  accounts: {
    title: '账号矩阵',
    usesFunctions: true,
    run: async () => (await import('./accounts')).runAccountsBench(),
  },
  // linkage directives (第三十四条)
  linkage: {
    title: '联动指令',
    usesFunctions: true,
    run: async () => (await import('./linkage')).runLinkageBench(),
  },
  // reader (issue 19): what the second reader adds to a submission, beside the model's own time
  reader: {
    title: '大模型审读',
    usesFunctions: true,
    run: async () => (await import('./reader')).runReaderBench(),
  },
  // security (issue 15): a city's monthly archive in chunks against the function time limit; the rotation sweep
  archive: {
    title: '数据归档与密码更换提醒',
    usesFunctions: true,
    run: async () => (await import('./archive')).runArchiveBench(),
  },
  // province scale (issue 18): every list action and the timer on a whole province, at 10% and 100%
  province: {
    title: '全省规模',
    usesFunctions: true,
    run: async () => (await import('./province')).runProvinceBench(),
  },
  // province scale (issue 18, linkage): each timer run twice on a whole province — due work, reads, writes, notices
  'province-timers': {
    title: '全省规模：定时任务逐个',
    usesFunctions: true,
    run: async () => (await import('./province-timers')).runProvinceTimersBench(),
  },
  // evaluation (issue 14): a month at province scale, chunked run, documents read, the circular
  evaluation: {
    title: '月度评估与通报',
    usesFunctions: true,
    run: async () => (await import('./evaluation')).runEvaluationBench(),
  },
} satisfies Record<string, Bench>;

type BenchName = keyof typeof BENCHES;
const NAMES = Object.keys(BENCHES) as BenchName[];

function isBenchName(name: string): name is BenchName {
  return Object.prototype.hasOwnProperty.call(BENCHES, name);
}

/**
 * Options for one bench, after its name: `--only a,b` (the province bench's actions or pages by name)
 * and `--scale 0.1` (its data sizes), handed on through the environment the bench reads.
 */
function takeOptions(args: readonly string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const option = /^--(only|scale)(?:=(.*))?$/.exec(arg);
    if (!option) {
      names.push(arg);
      continue;
    }
    const value = option[2] ?? args[++i] ?? '';
    process.env[option[1] === 'only' ? 'BENCH_ONLY' : 'BENCH_SCALE'] = value;
  }
  return names;
}

async function main(all: readonly string[]): Promise<number> {
  const args = takeOptions(all);
  const unknown = args.filter((a) => !isBenchName(a));
  if (unknown.length > 0) {
    console.error(`未知的基准：${unknown.join('、')}。可选：${NAMES.join('、')}`);
    return 2;
  }
  const selected = args.length > 0 ? NAMES.filter((n) => args.includes(n)) : NAMES;
  if (selected.some((n) => BENCHES[n].usesFunctions)) {
    // Measure the functions as the source stands now, not a bundle left from an older build.
    await buildFunctions();
  }
  let failed = 0;
  const started = performance.now();
  for (const name of selected) {
    const bench: Bench = BENCHES[name];
    console.log(`\n=== ${name}（${bench.title}）`);
    const t0 = performance.now();
    try {
      await bench.run();
      console.log(`--- ${name} 用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      failed += 1;
      console.error(`--- ${name} 运行失败：`, err);
    }
  }
  console.log(
    `\n全部基准用时 ${((performance.now() - started) / 1000).toFixed(1)} s${failed > 0 ? `，${failed} 项失败` : ''}`,
  );
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
