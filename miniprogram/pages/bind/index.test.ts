import { NETWORK_ERROR } from '../../services/api';
import { flush, openPage } from '../../test-utils/simulate';
import type { PageHarness } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

interface BindData {
  inviteCode: string;
  codeError: string;
  submitting: boolean;
}

/** Types into the field's own input, as a user does; Vant turns it into the field's change event. */
async function typeCode(page: PageHarness<BindData>, value: string): Promise<void> {
  const input = page.root.querySelector('#code')?.querySelector('#inviteCode');
  if (!input) throw new Error('invite code input not rendered');
  input.dispatchEvent('input', { detail: { value } });
  await flush();
}

describe('绑定账号 (pages/bind)', () => {
  it('asks for the code and sends nothing when it is empty', async () => {
    const page = await openPage<BindData>('pages/bind/index');
    await page.fire('#submit', 'click');
    expect(page.text('#code')).toContain('请输入邀请码');
    expect(page.data().codeError).toBe('请输入邀请码');
    expect(wxm.cloud.sent('org', 'bind')).toHaveLength(0);
  });

  it('treats a code of blanks as empty', async () => {
    const page = await openPage<BindData>('pages/bind/index');
    await typeCode(page, '   ');
    await page.fire('#submit', 'click');
    expect(page.data().codeError).toBe('请输入邀请码');
    expect(wxm.cloud.sent('org', 'bind')).toHaveLength(0);
  });

  it('clears the field error once the user types again', async () => {
    const page = await openPage<BindData>('pages/bind/index');
    await page.fire('#submit', 'click');
    await typeCode(page, 'A');
    expect(page.data().codeError).toBe('');
    expect(page.text('#code')).not.toContain('请输入邀请码');
  });

  it('binds with the trimmed code, then goes to the workbench', async () => {
    const pending = wxm.cloud.hold('org', 'bind');
    const page = await openPage<BindData>('pages/bind/index');
    await typeCode(page, '  HN-7Q4K2  ');
    await page.fire('#submit', 'click');

    expect(page.data().submitting).toBe(true);
    await page.fire('#submit', 'click');
    expect(wxm.cloud.sent('org', 'bind')).toEqual([{ action: 'bind', inviteCode: 'HN-7Q4K2' }]);

    await pending.resolve({ ok: true, data: { name: '李明' } });
    expect(page.data().submitting).toBe(false);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '绑定成功' }));
    expect(wxm.switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/home/index' }));
  });

  it("shows the server's refusal under the field and stays", async () => {
    wxm.cloud.reply('org', 'bind', { ok: false, error: { code: 'INVITE_INVALID', message: '邀请码无效或已过期' } });
    const page = await openPage<BindData>('pages/bind/index');
    await typeCode(page, 'WRONG1');
    await page.fire('#submit', 'click');
    expect(page.text('#code')).toContain('邀请码无效或已过期');
    expect(page.data().submitting).toBe(false);
    expect(wxm.switchTab).not.toHaveBeenCalled();
  });

  it('shows a network failure under the field', async () => {
    wxm.cloud.failNetwork('org', 'bind');
    const page = await openPage<BindData>('pages/bind/index');
    await typeCode(page, 'HN-7Q4K2');
    await page.fire('#submit', 'click');
    expect(page.text('#code')).toContain(NETWORK_ERROR.message);
  });

  describe('a deep link opened before binding (a leader taps a subscribe message)', () => {
    const stack = (route: string, options: Record<string, string>): void => {
      Object.assign(globalThis, { getCurrentPages: () => [{ route, options }] });
    };
    afterEach(() => {
      Reflect.deleteProperty(globalThis, 'getCurrentPages');
    });

    it('sends the unbound caller to bind with the page they opened, and binding lands there', async () => {
      stack('pages/post-detail/index', { id: 'p-42' });
      wxm.cloud.reply('post', 'get', { ok: false, error: { code: 'NOT_BOUND', message: '请先绑定' } });
      await openPage('pages/post-detail/index', { id: 'p-42' });
      const next = encodeURIComponent('/pages/post-detail/index?id=p-42');
      expect(wxm.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: `/pages/bind/index?next=${next}` }));

      wxm.cloud.reply('org', 'bind', { ok: true, data: { name: '刘局' } });
      const page = await openPage<BindData>('pages/bind/index', { next });
      await typeCode(page, 'HN-7Q4K2');
      await page.fire('#submit', 'click');
      expect(wxm.reLaunch).toHaveBeenLastCalledWith(
        expect.objectContaining({ url: '/pages/post-detail/index?id=p-42' }),
      );
      expect(wxm.switchTab).not.toHaveBeenCalled();
    });

    it('lands on a subpackage page too', async () => {
      wxm.cloud.reply('org', 'bind', { ok: true, data: { name: '刘局' } });
      const next = encodeURIComponent('/packages/reader/pages/calls/index?month=2026-03');
      const page = await openPage<BindData>('pages/bind/index', { next });
      await typeCode(page, 'HN-7Q4K2');
      await page.fire('#submit', 'click');
      expect(wxm.reLaunch).toHaveBeenCalledWith(
        expect.objectContaining({ url: '/packages/reader/pages/calls/index?month=2026-03' }),
      );
    });

    it('goes to the workbench when the link is not a page of the mini-program', async () => {
      wxm.cloud.reply('org', 'bind', { ok: true, data: { name: '刘局' } });
      for (const next of ['https://example.com/x', '/pages/../evil/index', 'javascript:alert(1)']) {
        const page = await openPage<BindData>('pages/bind/index', { next: encodeURIComponent(next) });
        await typeCode(page, 'HN-7Q4K2');
        await page.fire('#submit', 'click');
      }
      expect(wxm.reLaunch).not.toHaveBeenCalled();
      expect(wxm.switchTab).toHaveBeenCalledTimes(3);
      expect(wxm.switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/home/index' }));
    });

    it('sends a caller who opened the workbench itself to bind without a link', async () => {
      stack('pages/home/index', {});
      wxm.cloud.reply('org', 'me', { ok: false, error: { code: 'NOT_BOUND', message: '请先绑定' } });
      await openPage('pages/home/index');
      expect(wxm.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind/index' }));
    });
  });
});
