/** A function instance: one child process, one invocation at a time, killed on timeout. */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { ClockSnapshot } from '../clock';
import type { FromChild, InvokeMessage, ToChild } from './protocol';

/** Cold start is not billed against the function timeout in SCF; it gets its own, generous limit. */
const INIT_TIMEOUT_MS = 30_000;

let childScriptPath: string | undefined;

/** Bundles child.ts once per process; content-addressed so concurrent runners never clash. */
export function childScript(): string {
  if (childScriptPath) return childScriptPath;
  const out = buildSync({
    entryPoints: [join(__dirname, 'child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]?.text ?? '';
  const hash = createHash('sha1').update(code).digest('hex').slice(0, 12);
  const file = join(tmpdir(), `local-cloud-child-${hash}.js`);
  if (!existsSync(file)) {
    // Written aside and renamed: parallel test workers must never fork a half-written file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  childScriptPath = file;
  return file;
}

export type InstanceOutcome = { ok: true; result: unknown } | { ok: false; kind: 'error' | 'timeout'; message: string };

export interface InstanceOptions {
  functionName: string;
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The clock at spawn, so module-scope code already sees local-cloud time. */
  clock: ClockSnapshot;
  onLog: (stream: 'stdout' | 'stderr', text: string) => void;
}

export class Instance {
  readonly ready: Promise<void>;
  /** Set once the process is gone or must not take more work. */
  dead = false;
  private readonly child: ChildProcess;
  private current: { id: string; settle: (outcome: InstanceOutcome) => void } | undefined;
  private onExitDuringInit: ((message: string) => void) | undefined;

  constructor(private readonly options: InstanceOptions) {
    this.child = fork(childScript(), [options.entry, JSON.stringify(options.clock)], {
      cwd: options.cwd,
      env: options.env,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stdout?.on('data', (chunk: Buffer) => options.onLog('stdout', chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => options.onLog('stderr', chunk.toString()));

    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(`云函数 ${options.functionName} 初始化超时`), INIT_TIMEOUT_MS);
      const fail = (message: string): void => {
        clearTimeout(timer);
        this.kill();
        reject(new Error(message));
      };
      this.onExitDuringInit = fail;
      this.child.on('message', (msg: FromChild) => {
        if (msg.type === 'ready') {
          clearTimeout(timer);
          this.onExitDuringInit = undefined;
          resolve();
        } else if (msg.type === 'initError') {
          fail(msg.message);
        } else if (this.current && msg.id === this.current.id) {
          const settle = this.current.settle;
          this.current = undefined;
          settle(
            msg.ok
              ? { ok: true, result: msg.result === undefined ? null : (JSON.parse(msg.result) as unknown) }
              : { ok: false, kind: 'error', message: msg.message },
          );
        }
      });
    });
    // Callers await `ready` only when they need this instance; keep a rejection from going unhandled.
    this.ready.catch(() => undefined);

    // A send racing the child's death surfaces here; the 'exit' handler reports it.
    this.child.on('error', (err) => options.onLog('stderr', `${err.message}\n`));
    this.child.on('exit', (code, signal) => {
      this.dead = true;
      const reason = `云函数 ${options.functionName} 实例异常退出（${signal ?? `code ${code ?? '?'}`}）`;
      this.onExitDuringInit?.(reason);
      if (this.current) {
        const settle = this.current.settle;
        this.current = undefined;
        settle({ ok: false, kind: 'error', message: reason });
      }
    });
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  invoke(msg: InvokeMessage, timeoutMs: number): Promise<InstanceOutcome> {
    if (this.dead) {
      const message = `云函数 ${this.options.functionName} 实例已退出`;
      return Promise.resolve({ ok: false, kind: 'error', message });
    }
    return new Promise<InstanceOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.current = undefined;
        // SCF kills the instance on timeout; module state does not survive into the next call.
        this.kill();
        resolve({
          ok: false,
          kind: 'timeout',
          message: `云函数 ${this.options.functionName} 执行超时（超过 ${timeoutMs / 1000} 秒）`,
        });
      }, timeoutMs);
      this.current = {
        id: msg.id,
        settle: (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
      };
      this.post(msg);
    });
  }

  sendClock(clock: ClockSnapshot): void {
    this.post({ type: 'clock', clock });
  }

  kill(): void {
    this.dead = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private post(msg: ToChild): void {
    if (this.child.connected) this.child.send(msg);
  }
}
