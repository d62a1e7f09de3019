import { openPage } from './navigation';

interface NavigateOptions {
  url: string;
  fail?: (err: { errMsg: string }) => void;
}

let navigateTo: jest.Mock<void, [NavigateOptions]>;
let switchTab: jest.Mock<void, [NavigateOptions]>;
let showToast: jest.Mock<void, [{ title: string }]>;

beforeEach(() => {
  navigateTo = jest.fn();
  switchTab = jest.fn();
  showToast = jest.fn();
  Object.assign(wx, { navigateTo, switchTab, showToast });
});

describe('openPage', () => {
  it('switches to a tab page, without the query switchTab cannot carry', () => {
    openPage('/pages/inbox/index?from=digest');
    expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/inbox/index' }));
    expect(navigateTo).not.toHaveBeenCalled();
  });

  it('navigates to any other page with its query', () => {
    openPage('/pages/approvals/detail?id=p1');
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/approvals/detail?id=p1' }));
    expect(switchTab).not.toHaveBeenCalled();
  });

  it('says so when a tab cannot be switched to', () => {
    switchTab.mockImplementation((options) => options.fail?.({ errMsg: 'switchTab:fail' }));
    openPage('/pages/me/index');
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '页面打开失败，请重试' }));
  });

  it('says the feature is not open yet when the page does not exist', () => {
    navigateTo.mockImplementation((options) => options.fail?.({ errMsg: 'navigateTo:fail page not found' }));
    openPage('/pages/drafts/index');
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该功能暂未开放' }));
  });
});
