import { harness, render } from '../../test-utils/simulate';

describe('error-view', () => {
  it('shows the message it is given', () => {
    const view = harness(render('components/error-view/index', { message: '网络异常，请稍后重试' }));
    expect(view.text()).toContain('网络异常，请稍后重试');
    expect(view.text('#retry')).toBe('重试');
  });

  it('falls back to a generic message', () => {
    expect(harness(render('components/error-view/index')).text()).toContain('加载失败');
  });

  it('emits retry when 重试 is tapped', async () => {
    const root = render('components/error-view/index', { message: '出错了' });
    const onRetry = jest.fn();
    root.addEventListener('retry', onRetry);
    await harness(root).fire('#retry', 'click');
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
