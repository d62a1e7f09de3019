/**
 * The jsdom half of `npm run screens` (tools/screens): opens each planned page under
 * miniprogram-simulate exactly as the UI tests do — the page's own WXML through wcc, its WXSS and
 * Vant's with the component class prefixes — with `wx.cloud.callFunction` going to the demo local
 * cloud as the planned demo identity, waits until its requests are answered, and writes the page as
 * a standalone HTML file (the phone frame, the page's DOM, the compiled styles with rpx at 375 px).
 *
 * Run only by tools/screens/index.ts (jest -c tools/screens/jest.config.js), which passes
 * SCREENS_PLAN (the plan JSON), SCREENS_URL (the local cloud) and SCREENS_OUT (where HTML goes).
 */
import { MINIPROGRAM_ROOT, fs, path } from '../node';
import { flush, openPage, setApp } from '../simulate';
import { BUILTIN_CSS, readWxss, registerVisibleBuiltins, wxssToCss } from './styles';

interface Shot {
  name: string;
  route: string;
  openid: string;
  query: Record<string, string>;
  title: string;
  tab: string | null;
}

interface Plan {
  shots: Shot[];
  tabs: string[];
  window: { background: string; text: 'white' | 'black'; pageBackground: string };
}

interface HttpResponse {
  statusCode?: number;
  setEncoding(encoding: 'utf8'): void;
  on(event: 'data', listener: (chunk: string) => void): void;
  on(event: 'end', listener: () => void): void;
}

interface HttpRequest {
  on(event: 'error', listener: (err: Error) => void): void;
  end(body: string): void;
}

interface HttpModule {
  request(
    url: string,
    options: { method: string; headers: Record<string, string> },
    callback: (res: HttpResponse) => void,
  ): HttpRequest;
}

interface StyleNode {
  textContent: string | null;
  remove(): void;
}

/** The slice of jsdom's document this file reads (the mini-program's tsconfig has no DOM types). */
interface DocumentLike {
  head: { querySelectorAll(selector: 'style'): ArrayLike<StyleNode> };
}

const doc = (globalThis as unknown as { document: DocumentLike }).document;

interface WriteFs {
  writeFileSync(file: string, data: string): void;
}

const http = jest.requireActual<HttpModule>('http');
const writeFs = jest.requireActual<WriteFs>('fs');
const env = jest.requireActual<{ env: Record<string, string | undefined> }>('process').env;

const planFile = env['SCREENS_PLAN'] ?? '';
const cloudUrl = env['SCREENS_URL'] ?? '';
const outDir = env['SCREENS_OUT'] ?? '';

/** Requests still on their way: a page is drawn once none is left. */
let inFlight = 0;

function callCloud(openid: string, name: string, data: object): Promise<{ result: unknown }> {
  inFlight += 1;
  return new Promise<{ result: unknown }>((resolve, reject) => {
    const req = http.request(
      `${cloudUrl}/functions/${name}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': openid } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => {
          try {
            resolve({ result: JSON.parse(body) as unknown });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(data));
  }).finally(() => {
    inFlight -= 1;
    if (env['SCREENS_VERBOSE'])
      console.log(`${openid} ${name}.${String((data as { action?: string }).action)} answered`);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no request has been on its way for a while (a page may chain requests), at most 15 s. */
async function settle(): Promise<void> {
  const deadline = Date.now() + 15_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await flush();
    if (inFlight > 0) quietSince = Date.now();
    else if (Date.now() - quietSince > 250) return;
    await sleep(20);
  }
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The phone: status bar, navigation bar with the page's title, the page, and the tab bar on tab pages. */
function frameHtml(shot: Shot, plan: Plan, pageCss: string, body: string): string {
  const tabs = shot.tab
    ? `<div class="frame__tabbar">${plan.tabs
        .map((t) => `<div class="frame__tab${t === shot.tab ? ' frame__tab--on' : ''}">${escapeHtml(t)}</div>`)
        .join('')}</div>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=375">
<title>${escapeHtml(shot.name)}</title>
<link rel="stylesheet" href="base.css">
<style>
.frame__nav { background: ${plan.window.background}; color: ${plan.window.text === 'white' ? '#fff' : '#000'}; }
wx-page { background-color: ${plan.window.pageBackground}; }
${pageCss}
</style></head>
<body class="${shot.tab ? 'has-tabbar' : ''}">
<div class="frame__nav"><div class="frame__status"><span>9:41</span><span>100%</span></div>
<div class="frame__title"><span class="frame__back">${shot.tab ? '' : '‹'}</span>${escapeHtml(shot.title)}<span class="frame__capsule">··· ◎</span></div></div>
<wx-page>${body}</wx-page>
${tabs}
</body></html>`;
}

function appWxss(): string {
  return readWxss(path.join(MINIPROGRAM_ROOT, 'app.wxss'));
}

const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as Plan;

describe('screens', () => {
  beforeAll(() => {
    registerVisibleBuiltins();
    setApp({ globalData: { backend: 'cloud' } });
    writeFs.writeFileSync(path.join(outDir, 'base.css'), BUILTIN_CSS);
  });

  for (const shot of plan.shots) {
    it(shot.name, async () => {
      let title = shot.title;
      Object.assign(wx, {
        cloud: {
          init: () => undefined,
          callFunction: (p: { name: string; data: object }) => callCloud(shot.openid, p.name, p.data),
        },
        setNavigationBarTitle: (o: { title: string }) => {
          title = o.title;
        },
      });
      for (const style of Array.from(doc.head.querySelectorAll('style'))) style.remove();
      const page = await openPage(shot.route, shot.query);
      await settle();
      const styles = Array.from(doc.head.querySelectorAll('style'))
        .map((s) => s.textContent ?? '')
        .join('\n');
      const css = wxssToCss(`${wxssToCss(appWxss(), 'main')}\n${styles}`);
      const dom = (page.root as unknown as { dom: { outerHTML: string } }).dom;
      writeFs.writeFileSync(
        path.join(outDir, `${shot.name}.html`),
        frameHtml({ ...shot, title }, plan, css, dom.outerHTML),
      );
      // WeChat unloads a page another replaces: its timers (countdowns, live refresh) stop.
      (page.root.instance as { onUnload?(): void }).onUnload?.();
    });
  }
});
