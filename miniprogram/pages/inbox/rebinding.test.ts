/** 第三十三条 in the inbox (issue 11): a rebinding notice is listed and opens where to act. */
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

describe('消息：更换绑定微信的通知 (第三十三条)', () => {
  it('lists the admin’s notice and opens the person’s page', async () => {
    wxm.cloud.reply('notify', 'inbox', {
      ok: true,
      data: {
        items: [
          {
            _id: 'n1',
            kind: 'bindingChanged',
            title: '孙杰更换了绑定的微信',
            text: '2026-11-28 09:00 孙杰的身份绑定到了另一台微信，原绑定已失效。如非本人操作，请核实并重新生成邀请码（第三十三条）。',
            link: '/pages/person/index?id=p-cs-handler-criminal',
            createdAt: '2026-11-28T09:00:00.000+08:00',
            read: false,
          },
        ],
        unread: 1,
        nextCursor: null,
      },
    });
    wxm.cloud.reply('notify', 'markRead', { ok: true, data: { unread: 0 } });
    const page = await openPage('pages/inbox/index');
    expect(page.text('#msg-n1')).toContain('孙杰更换了绑定的微信');
    expect(page.text('#msg-n1')).toContain('如非本人操作，请核实并重新生成邀请码（第三十三条）');
    await page.fire('#msg-n1', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/person/index?id=p-cs-handler-criminal' }),
    );
  });
});
