/**
 * What the screenshots need beyond what the UI tests render: WeChat's built-in components drawn as
 * WeChat draws them (an input shows its value or its placeholder, an image its picture), WXSS turned
 * into CSS a browser reads (rpx at a 375 px wide screen, WXML tag names), and Vant's icon font from
 * the installed @vant/icons package (the same font version Vant Weapp names, embedded, so no network).
 */
import { MINIPROGRAM_ROOT, REPO_ROOT, fs, path } from '../node';

interface Definition {
  id: string;
  tagName: string;
  template: string;
  properties?: Record<string, { type: unknown; value?: unknown }>;
}

interface JComponent {
  register(definition: Definition): string;
}

interface SimulateUtils {
  transformRpx(style: string): string;
}

interface SimulateWxss {
  compile(wxss: string, options: { prefix: string }): string;
  getContent(file: string): string;
}

/** 750 rpx fill the screen: a 375 px phone. */
const PX_PER_RPX = 375 / 750;

const prop = (type: unknown, value?: unknown) => ({ type, value });

/**
 * Built-ins whose looks come from their properties. miniprogram-simulate registers every built-in as
 * a bare slot; these draw what a phone shows instead.
 */
const VISIBLE_BUILTINS: Definition[] = [
  {
    id: 'input',
    tagName: 'wx-input',
    template:
      "<view class=\"wx-input__text {{ value ? '' : 'wx-input__placeholder' }} {{ placeholderClass }}\">{{ value || placeholder || '\\u00a0' }}</view>",
    properties: {
      value: prop(String, ''),
      placeholder: prop(String, ''),
      placeholderClass: prop(String, ''),
      password: prop(Boolean, false),
    },
  },
  {
    id: 'textarea',
    tagName: 'wx-textarea',
    template:
      "<view class=\"wx-textarea__text {{ value ? '' : 'wx-input__placeholder' }}\">{{ value || placeholder || '\\u00a0' }}</view>",
    properties: { value: prop(String, ''), placeholder: prop(String, ''), autoHeight: prop(Boolean, false) },
  },
  {
    id: 'image',
    tagName: 'wx-image',
    template: '<view class="wx-image__picture wx-image__picture--{{ mode }}" data-src="{{ src }}"></view>',
    properties: { src: prop(String, ''), mode: prop(String, 'scaleToFill') },
  },
  {
    id: 'switch',
    tagName: 'wx-switch',
    template:
      '<view class="wx-switch__track {{ checked ? \'wx-switch__track--on\' : \'\' }}"><view class="wx-switch__knob"></view></view>',
    properties: { checked: prop(Boolean, false) },
  },
];

const IMPORT = /@import\s+(?:"([^"]+)"|'([^']+)')\s*;?/g;

/**
 * A WXSS file with its `@import`s in place, as WeChat compiles it: a path relative to the file, or
 * from the mini-program's root when it starts with `/`; each file once (a second import of it, or an
 * import cycle, adds nothing), a missing one named in a comment rather than dropped silently.
 */
export function readWxss(file: string, seen: Set<string> = new Set()): string {
  const absolute = path.resolve(file);
  if (seen.has(absolute)) return '';
  seen.add(absolute);
  if (!fs.existsSync(absolute)) return `/* @import: ${path.relative(MINIPROGRAM_ROOT, absolute)} not found */`;
  return fs.readFileSync(absolute, 'utf8').replace(IMPORT, (_all, double?: string, single?: string) => {
    const ref = double ?? single ?? '';
    const target = ref.startsWith('/') ? path.join(MINIPROGRAM_ROOT, ref) : path.resolve(path.dirname(absolute), ref);
    return readWxss(target, seen);
  });
}

/**
 * Patches simulate for the screens run: keep rpx (converted here at the right scale), follow every
 * `@import` as WeChat does (simulate's own reader misses root-absolute ones), and draw built-ins.
 */
export function registerVisibleBuiltins(): void {
  const utils = jest.requireActual<SimulateUtils>('miniprogram-simulate/src/utils');
  utils.transformRpx = (style) => style;
  const simulateWxss = jest.requireActual<SimulateWxss>('miniprogram-simulate/src/wxss');
  simulateWxss.getContent = (file) => readWxss(file);
  const jComponent = jest.requireActual<JComponent>('j-component');
  for (const definition of VISIBLE_BUILTINS) jComponent.register(definition);
}

const TAGS = [
  'page',
  'view',
  'text',
  'image',
  'button',
  'input',
  'textarea',
  'scroll-view',
  'swiper',
  'swiper-item',
  'icon',
  'navigator',
  'picker',
  'switch',
  'slider',
  'label',
  'form',
  'checkbox',
  'radio',
  'rich-text',
  'block',
];
const TAG_SELECTOR = new RegExp(`(^|[\\s>+~,(])(${TAGS.join('|')})(?=$|[\\s.#:\\[>+~,)])`, 'g');

/** A vant-icon @font-face pointing at a CDN: the embedded one in base.css replaces it. */
const NETWORK_FONT_FACE = /@font-face\s*\{[^}]*font-family:\s*["']?vant-icon["']?[^}]*\}/g;

function convertSelectors(css: string): string {
  // Only selector lists (text before `{`, outside declarations) carry tag names.
  return css.replace(/(^|})([^{}@]+)\{/g, (_all, close: string, selectors: string) => {
    return `${close}${selectors.replace(TAG_SELECTOR, (_m, before: string, tag: string) => `${before}wx-${tag}`)}{`;
  });
}

/**
 * WXSS → CSS: class prefixes as j-component renders them (when `prefix` is given: the page's own
 * `main`), rpx in px at 375 px, WXML tag names as rendered (`view` → `wx-view`), no network font.
 */
export function wxssToCss(wxss: string, prefix?: string): string {
  const simulateWxss = jest.requireActual<SimulateWxss>('miniprogram-simulate/src/wxss');
  const compiled = prefix ? simulateWxss.compile(wxss, { prefix }) : wxss;
  const px = compiled.replace(/(-?\d*\.?\d+)rpx/g, (_m, n: string) => `${+(Number(n) * PX_PER_RPX).toFixed(3)}px`);
  return convertSelectors(px.replace(NETWORK_FONT_FACE, ''));
}

/** The woff2 data URL @vant/icons embeds (src/encode-woff2.less). */
function vantIconFont(): string {
  const less = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/@vant/icons/src/encode-woff2.less'), 'utf8');
  const url = /url\((['"]?)(data:font\/woff2[^'")]+)\1\)/.exec(less)?.[2];
  if (!url) throw new Error('@vant/icons: encode-woff2.less holds no embedded woff2 font');
  return url;
}

/** WeChat's own look of the built-ins and the phone frame, shared by every page's HTML. */
export const BUILTIN_CSS = `
@font-face { font-family: vant-icon; font-style: normal; font-weight: 400; src: url("${vantIconFont()}") format("woff2"); }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { width: 375px; min-height: 100vh; display: flex; flex-direction: column; background: #f5f6f7;
  font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif;
  -webkit-font-smoothing: antialiased; }
body.has-tabbar { padding-bottom: 50px; }
wx-page { display: block; flex: 1; font-size: 14px; color: #323233; line-height: 1.4; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-form, wx-rich-text, wx-navigator, wx-picker { display: block; }
wx-scroll-view { overflow: hidden; }
wx-text { display: inline; white-space: pre-wrap; }
wx-label { display: inline; }
wx-icon { display: inline-block; }
wx-button { position: relative; display: block; margin: 0 auto; padding: 0 14px; box-sizing: border-box;
  font-size: 18px; text-align: center; line-height: 2.55555556; border-radius: 5px; overflow: hidden;
  color: #000; background-color: #f8f8f8; border: 0; }
wx-input { display: block; height: 1.4rem; min-height: 1.4rem; overflow: hidden; text-overflow: clip; white-space: nowrap; }
wx-textarea { display: block; width: 300px; height: 150px; overflow: hidden; white-space: pre-wrap; }
.wx-input__text { white-space: nowrap; overflow: hidden; }
.wx-textarea__text { white-space: pre-wrap; }
.wx-input__placeholder { color: #c8c9cc; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; }
.wx-image__picture { width: 100%; height: 100%; background: #ebedf0 center / 40% no-repeat
  url("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='%23c8c9cc'><path d='M21 5v14H3V5h18m0-2H3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h18a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2zm-7.9 9.3-3 3.9L8 13.5 5 17.5h14l-4-5.2z'/></svg>"); }
wx-switch { display: inline-block; }
.wx-switch__track { width: 52px; height: 32px; border-radius: 16px; background: #dfdfdf; position: relative; }
.wx-switch__track--on { background: #04be02; }
.wx-switch__knob { position: absolute; top: 2px; left: 2px; width: 28px; height: 28px; border-radius: 50%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.4); }
.wx-switch__track--on .wx-switch__knob { left: 22px; }
.frame__nav { position: sticky; top: 0; z-index: 1000; }
.frame__status { height: 20px; padding: 0 12px; display: flex; justify-content: space-between; font-size: 12px; font-weight: 600; line-height: 20px; }
.frame__title { position: relative; height: 44px; line-height: 44px; text-align: center; font-size: 17px; font-weight: 500; }
.frame__back { position: absolute; left: 12px; font-size: 28px; }
.frame__capsule { position: absolute; right: 7px; top: 6px; height: 32px; width: 87px; line-height: 30px; border-radius: 16px;
  border: 1px solid rgba(255,255,255,.35); font-size: 13px; letter-spacing: 2px; }
.frame__tabbar { position: fixed; left: 0; right: 0; bottom: 0; height: 50px; display: flex; background: #fff; border-top: 1px solid #e5e5e5; z-index: 1000; }
.frame__tab { flex: 1; text-align: center; line-height: 50px; font-size: 12px; color: #646566; }
.frame__tab--on { color: #1f4e9c; font-weight: 600; }
`;
