/**
 * Headless Chromium for `npm run screens`: Debian's `chromium` package (installed with apt-get when
 * missing and we are root, else a clear message), driven over the DevTools protocol on a pipe
 * (--remote-debugging-pipe: NUL-separated JSON on fds 3 and 4), so no WebSocket client, no browser
 * download and no network are needed. Only the handful of commands a screenshot takes are used.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk'];

export class ScreensSetupError extends Error {}

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : null;
}

function findChromium(): string | null {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const name of CANDIDATES) {
    const path = which(name);
    if (path) return path;
  }
  return null;
}

/** fontconfig knows a font covering Chinese (fonts-noto-cjk): without one every label is boxes. */
function hasChineseFont(): boolean {
  const found = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim().length > 0;
}

function aptInstall(log: (line: string) => void): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get')) return false;
  log(`正在安装 Debian 软件包：${DEBIAN_PACKAGES.join(' ')}（apt-get）…`);
  const install = (): number | null =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...DEBIAN_PACKAGES], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status;
  if (install() === 0) return true;
  spawnSync('apt-get', ['update'], { stdio: 'inherit' });
  return install() === 0;
}

/** Chromium's path, installing Debian's packages when they are missing and we may. */
export function ensureChromium(log: (line: string) => void): string {
  let chromium = findChromium();
  if (!chromium || !hasChineseFont()) {
    aptInstall(log);
    chromium = findChromium();
  }
  if (!chromium) {
    throw new ScreensSetupError(
      [
        'npm run screens 需要无头 Chromium，未找到。',
        `请安装 Debian 的软件包：apt-get install ${DEBIAN_PACKAGES.join(' ')}`,
        '（或用 CHROMIUM_PATH 指定 Chromium 的路径）。',
      ].join('\n'),
    );
  }
  if (!hasChineseFont()) {
    throw new ScreensSetupError('未找到中文字体，截图中的文字会显示为方框。请安装：apt-get install fonts-noto-cjk');
  }
  return chromium;
}

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** One browser, one tab: loads local HTML files and captures them at a phone's width. */
export class Browser {
  private readonly child: ChildProcess;
  private readonly input: Writable;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: Record<string, unknown>): void; reject(e: Error): void }>();
  private readonly waiters: Array<{ method: string; resolve(): void }> = [];
  private buffer = '';
  private sessionId = '';

  private constructor(executable: string) {
    this.child = spawn(
      executable,
      [
        '--headless=new',
        '--remote-debugging-pipe',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        '--allow-file-access-from-files',
        '--force-color-profile=srgb',
        '--font-render-hinting=none',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    this.input = this.child.stdio[3] as Writable;
    const output = this.child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => this.receive(chunk));
    this.child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('Chromium 已退出'));
      this.pending.clear();
    });
  }

  static async launch(
    executable: string,
    viewport: { width: number; height: number; scale: number },
  ): Promise<Browser> {
    const browser = new Browser(executable);
    const { targetInfos } = (await browser.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string }[];
    };
    const page = targetInfos.find((t) => t.type === 'page');
    const targetId = page
      ? page.targetId
      : ((await browser.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId;
    const attached = (await browser.send('Target.attachToTarget', { targetId, flatten: true })) as {
      sessionId: string;
    };
    browser.sessionId = attached.sessionId;
    await browser.send('Page.enable', {}, true);
    await browser.send(
      'Emulation.setDeviceMetricsOverride',
      {
        width: viewport.width,
        height: viewport.height,
        deviceScaleFactor: viewport.scale,
        mobile: true,
      },
      true,
    );
    return browser;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end = this.buffer.indexOf('\0');
    while (end >= 0) {
      const message = JSON.parse(this.buffer.slice(0, end)) as CdpMessage;
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const waiting = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiting?.reject(new Error(message.error.message));
        else waiting?.resolve(message.result ?? {});
      } else if (message.method) {
        for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
          const waiter = this.waiters[i];
          if (waiter && waiter.method === message.method) {
            this.waiters.splice(i, 1);
            waiter.resolve();
          }
        }
      }
      end = this.buffer.indexOf('\0');
    }
  }

  private send(method: string, params: Record<string, unknown> = {}, inPage = false): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = { id, method, params, ...(inPage ? { sessionId: this.sessionId } : {}) };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.input.write(`${JSON.stringify(message)}\0`);
    });
  }

  private next(method: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} 超时`)), timeoutMs);
      this.waiters.push({
        method,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /**
   * The page at `url` as PNG: the frame is the phone's width and at least its height, and grows to
   * the whole page so nothing is cut off (fixed bars stay at the bottom of the picture).
   */
  async capture(url: string, viewport: { width: number; height: number; scale: number }): Promise<Buffer> {
    await this.send('Emulation.setDeviceMetricsOverride', { ...this.metrics(viewport, viewport.height) }, true);
    const loaded = this.next('Page.loadEventFired', 30_000);
    await this.send('Page.navigate', { url }, true);
    await loaded;
    const measured = (await this.send(
      'Runtime.evaluate',
      {
        expression: 'document.fonts.ready.then(() => Math.ceil(document.documentElement.scrollHeight))',
        awaitPromise: true,
        returnByValue: true,
      },
      true,
    )) as { result: { value: number } };
    const height = Math.max(viewport.height, measured.result.value);
    await this.send('Emulation.setDeviceMetricsOverride', { ...this.metrics(viewport, height) }, true);
    const shot = (await this.send('Page.captureScreenshot', { format: 'png' }, true)) as { data: string };
    return Buffer.from(shot.data, 'base64');
  }

  private metrics(viewport: { width: number; scale: number }, height: number): Record<string, unknown> {
    return { width: viewport.width, height, deviceScaleFactor: viewport.scale, mobile: true };
  }

  async close(): Promise<void> {
    await this.send('Browser.close').catch(() => undefined);
    if (this.child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.child.kill('SIGKILL');
          resolve();
        }, 5000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
