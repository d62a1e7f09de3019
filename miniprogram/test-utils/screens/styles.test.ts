import { BUILTIN_CSS, wxssToCss } from './styles';

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
});
