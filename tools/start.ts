/**
 * `npm start`: the product on the local cloud. Builds the function bundles, starts the local cloud on
 * 127.0.0.1 (PORT, default 3700) with its data in .local-cloud/, seeds the demo data on first start,
 * and prints where to call it and who to call it as.
 *
 *   npm start                 keep the data from the last run
 *   npm start -- --reset      start again from the demo data
 */
import { parseArgs } from 'node:util';
import { buildFunctions } from './build-functions';
import { DEFAULT_DATA_DIR, createLocalCloud, wipeDataDir } from './local-cloud/src';
import { DEMO_MODEL_RULES, demoOpenids, seedDemo } from './seed';

const DEFAULT_PORT = 3700;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, memory: { type: 'boolean', default: false } },
  });
  const portText = process.env['PORT'];
  const port = portText ? Number(portText) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口无效：${portText ?? ''}`);

  const built = await buildFunctions();
  console.log(`云函数已构建：${built.map((b) => b.name).join('、')}`);
  if (values.reset && !values.memory) wipeDataDir(DEFAULT_DATA_DIR);

  // /health says ready only once the demo data is in (issue 11): a script waiting on it never calls a half-seeded cloud.
  const cloud = await createLocalCloud({ port, dataDir: values.memory ? null : DEFAULT_DATA_DIR, ready: false });
  for (const warning of cloud.warnings) console.warn(`注意：${warning}`);
  // The scripted model (cloud.ai()) answers two demo phrases; it makes no claim about quality.
  cloud.ai.script({ rules: DEMO_MODEL_RULES });
  // Any unit at all, read through the primary key: counting every unit is a scan the log would warn about.
  if (cloud.db.find('units', {}, { sort: [['_id', 1]], limit: 1 }).length === 0) {
    const report = await seedDemo(cloud);
    console.log(`已写入演示数据：${report.join('，')}`);
  }
  cloud.markReady();

  console.log(`本地云已启动 ${cloud.url}`);
  console.log(
    `调用方式：POST ${cloud.url}/functions/<云函数名>，请求体为 { "action": …, …参数 }，请求头 x-wx-openid 为调用者`,
  );
  console.log('演示身份（x-wx-openid）：');
  for (const who of demoOpenids()) console.log(`  ${who.openid.padEnd(26)} ${who.name}  ${who.roles}`);

  const stop = (): void => {
    cloud.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
