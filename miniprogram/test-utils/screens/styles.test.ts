import { MINIPROGRAM_ROOT, path } from '../node';
import { BUILTIN_CSS, readWxss, wxssToCss } from './styles';

describe('screens: WXSS as a 375 px phone shows it', () => {
  it('turns rpx into px at 750 rpx per 375 px, decimals included', () => {
    expect(wxssToCss('.a{padding:32rpx 24.5rpx;margin:-2rpx}')).toBe('.a{padding:16px 12.25px;margin:-1px}');
  });

  it('names WXML tags as they are rendered, leaving class names alone', () => {
    expect(wxssToCss('view,.text-view>text{color:red}page{background:#fff}')).toBe(
      'wx-view,.text-view>wx-text{color:red}wx-page{background:#fff}',
    );
  });

  it('prefixes a page’s classes as j-component renders them', () => {
    expect(wxssToCss('.state{padding:120rpx 0}', 'main')).toContain('.main--state{padding:60px 0}');
  });

  it('drops the icon font’s network address and embeds the installed one', () => {
    const css = wxssToCss('@font-face{font-family:vant-icon;src:url(//at.alicdn.com/x.woff2) format("woff2")}.i{x:1}');
    expect(css).not.toContain('alicdn');
    expect(BUILTIN_CSS).toMatch(/font-family: vant-icon;[^}]*data:font\/woff2/);
  });

  it('follows @import relative to the file and from the mini-program root, each file once', () => {
    const css = readWxss(path.join(MINIPROGRAM_ROOT, 'test-utils/screens/fixtures/a.wxss'));
    expect(css).not.toMatch(/@import\s+["']/);
    // b (relative) imports a again (a cycle) and c (already reached from b): each appears once.
    expect(css.match(/\.a\s*\{/g)).toHaveLength(1);
    expect(css.match(/\.b\s*\{/g)).toHaveLength(1);
    expect(css.match(/\.c\s*\{/g)).toHaveLength(1);
    expect(css.indexOf('.b {')).toBeLessThan(css.indexOf('.a {'));
    expect(css).toContain('/* @import: test-utils/screens/fixtures/missing.wxss not found */');
  });

  it('gives every account page the shared account stylesheet', () => {
    for (const page of ['matrix', 'apply', 'registry']) {
      const css = readWxss(path.join(MINIPROGRAM_ROOT, `packages/accounts/pages/${page}/index.wxss`));
      expect(css).toContain('.figure__n');
      expect(css).toContain('.card__title');
    }
  });
});
