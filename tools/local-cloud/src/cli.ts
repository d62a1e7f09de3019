/**
 * npx tsx tools/local-cloud/src/cli.ts start [--port N] [--data DIR | --memory] [--no-timers]
 * npx tsx tools/local-cloud/src/cli.ts reset [--data DIR]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, createLocalCloud, wipeDataDir } from './server';

/** Used when neither --port nor PORT says otherwise, so the mini-program can point at a fixed address. */
const DEFAULT_PORT = 3700;

const USAGE = `用法：
  npx tsx tools/local-cloud/src/cli.ts start [--port 端口] [--data 目录 | --memory] [--no-timers]
  npx tsx tools/local-cloud/src/cli.ts reset [--data 目录]`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean', default: false },
      'no-timers': { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const dataDir = values.memory ? null : (values.data ?? DEFAULT_DATA_DIR);

  if (command === 'reset') {
    if (dataDir === null) fail('reset 不能与 --memory 同用');
    wipeDataDir(dataDir);
    console.log(`本地云数据已清空：${dataDir}`);
    return;
  }
  if (command !== 'start') fail(USAGE);

  const portText = values.port ?? process.env['PORT'];
  const port = portText === undefined || portText === '' ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`端口无效：${portText ?? ''}`);

  const cloud = await createLocalCloud({ port, dataDir, timers: !values['no-timers'] });
  for (const warning of cloud.warnings) console.warn(`注意：${warning}`);
  console.log(`本地云已启动 ${cloud.url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    cloud.close().then(
      () => process.exit(0),
      (err: unknown) => fail(`关闭失败：${err instanceof Error ? err.message : String(err)}`),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
