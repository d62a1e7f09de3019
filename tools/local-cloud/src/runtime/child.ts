/**
 * One function instance: a long-lived process that loads the function's built index.js once (module
 * scope survives between calls, as in a warm SCF instance) and runs one invocation at a time.
 *
 * Bundled with esbuild at runtime start (see instance.ts) and run with plain node.
 * argv[2] is the function entry, argv[3] the clock snapshot at spawn.
 */
import { localCloudOfContext, routeGateway } from '../ai/route';
import { virtualNow, type ClockSnapshot } from '../clock';
import type { FromChild, InvokeMessage, ToChild } from './protocol';

const RealDate = Date;
let clock = JSON.parse(process.argv[3] ?? 'null') as ClockSnapshot;
const now = (): number => virtualNow(clock, RealDate.now());

// The local cloud has one clock that function code must see; swap Date before loading the function
// so module-scope references (dayjs, the SDK) pick up the patched constructor too.
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args: unknown[], newTarget: () => unknown): Date =>
    Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as Date,
  apply: () => new RealDate(now()).toString(),
  get: (target, prop, receiver): unknown => (prop === 'now' ? now : Reflect.get(target, prop, receiver)),
});

// The environment's AI gateway (cloud.ai()) is the local cloud this instance was started by.
routeGateway(localCloudOfContext);

function send(message: FromChild): void {
  process.send?.(message);
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  if (typeof err === 'object' && err !== null) {
    try {
      return JSON.stringify(err);
    } catch {
      return Object.prototype.toString.call(err);
    }
  }
  return String(err as string | number | boolean | bigint | symbol | undefined);
}

type Main = (event: unknown, context: unknown) => unknown;

function load(entry: string): Main | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod: unknown = require(entry);
    const main = typeof mod === 'object' && mod !== null ? (mod as { main?: unknown }).main : undefined;
    return typeof main === 'function' ? (main as Main) : `${entry} 未导出 main 函数`;
  } catch (err) {
    console.error(err);
    return `加载云函数失败：${describe(err)}`;
  }
}

async function run(main: Main, msg: InvokeMessage): Promise<void> {
  for (const [key, value] of Object.entries(msg.env)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
  clock = msg.clock;
  try {
    const result: unknown = await main(JSON.parse(msg.event), msg.context);
    send({ type: 'result', id: msg.id, ok: true, result: result === undefined ? undefined : JSON.stringify(result) });
  } catch (err) {
    console.error(err);
    send({ type: 'result', id: msg.id, ok: false, message: describe(err) });
  }
}

const loaded = load(process.argv[2] ?? '');
if (typeof loaded === 'string') {
  send({ type: 'initError', message: loaded });
} else {
  process.on('message', (msg: ToChild) => {
    if (msg.type === 'clock') clock = msg.clock;
    else void run(loaded, msg);
  });
  send({ type: 'ready' });
}
process.on('disconnect', () => process.exit(0));
