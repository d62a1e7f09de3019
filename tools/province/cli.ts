/**
 * `npm run seed:province`: replaces the local cloud's data (.local-cloud/) with a whole province's year
 * (tools/province/generate.ts), written in bulk straight into the store, then leaves it for `npm start`
 * (which keeps existing data) to serve. The clock is set to the end of the generated year. The last
 * closed month is then evaluated, released and published through the functions (tools/province/evaluation.ts).
 *
 *   npm run seed:province                          the whole year, seed 20261130
 *   npm run seed:province -- --scale 0.1 --seed 7  a tenth of the year's records, another seed
 *
 * A tool, not an API: stop `npm start` first (the data folder is locked while it runs).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, createLocalCloud, wipeDataDir } from '../local-cloud/src';
import { generateProvince, PROVINCE_NOW } from './generate';
import { publishLastMonth } from './evaluation';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '20261130' } },
  });
  const scale = Number(values.scale);
  const seed = Number(values.seed);
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale 须为 0 到 1 之间的数（不含 0）：${values.scale}`);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed 须为非负整数：${values.seed}`);
  wipeDataDir(DEFAULT_DATA_DIR);
  const cloud = await createLocalCloud({
    port: 0,
    dataDir: DEFAULT_DATA_DIR,
    timers: false,
    clock: { start: PROVINCE_NOW },
  });
  try {
    console.log(`生成全省数据（种子 ${seed}，一年记录的 ${Math.round(scale * 100)}%），写入 ${DEFAULT_DATA_DIR}：`);
    const report = generateProvince(cloud.db, { seed, scale, log: (line) => console.log(line) });
    // The last closed month evaluated and published through the functions (the evaluation pages' data).
    await publishLastMonth(cloud, report.callers.provinceDesk, (line) => console.log(line));
    console.log(`用时 ${(report.ms / 1000).toFixed(1)} s；各集合文档数：`);
    for (const [name, n] of Object.entries(report.counts)) console.log(`  ${name.padEnd(16)} ${n}`);
    console.log('可用身份（x-wx-openid）：');
    for (const [role, openid] of Object.entries(report.callers) as [string, string][]) {
      console.log(`  ${openid.padEnd(18)} ${role}`);
    }
    console.log(`本地云时钟：${PROVINCE_NOW}。接着运行 npm start（保留现有数据）即可使用。`);
  } finally {
    await cloud.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
