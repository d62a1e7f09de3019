/** 第三十三条 on the bind page (issue 11): a WeChat whose binding moved to another is told so. */
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const MESSAGE =
  '本微信原绑定的身份已于 2026-11-28 09:00 绑定到另一台微信，本微信已解除绑定。如非本人操作，请立即联系单位管理员（第三十三条）。';

describe('绑定账号：身份已绑定到另一台微信 (第三十三条)', () => {
  it('shows the rebinding notice when this WeChat lost its binding', async () => {
    wxm.cloud.reply('org', 'bindingNotice', {
      ok: true,
      data: { movedAt: '2026-11-28T09:00:00.000+08:00', message: MESSAGE },
    });
    const page = await openPage('pages/bind/index');
    expect(wxm.cloud.sent('org', 'bindingNotice')).toEqual([{ action: 'bindingNotice' }]);
    expect(page.text('#moved')).toBe(MESSAGE);
  });

  it('shows nothing for a WeChat that never lost one', async () => {
    wxm.cloud.reply('org', 'bindingNotice', { ok: true, data: { movedAt: null, message: null } });
    const page = await openPage('pages/bind/index');
    expect(page.exists('#moved')).toBe(false);
  });
});
