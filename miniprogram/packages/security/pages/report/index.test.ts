import { incidentView } from '../../../../test-utils/security-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/report/index';

describe('报告安全事件 (packages/security/pages/report)', () => {
  it('reports what happened and when, then opens the incident; a double tap sends one key', async () => {
    const redirect = jest.spyOn(wx, 'redirectTo');
    const page = await openPage(ROUTE, { accountId: 'acc-cs-weibo' });
    expect(page.exists('#suspends')).toBe(true);
    await page.fire('#kind', 'change', 'wrongPost');
    expect(page.exists('#suspends')).toBe(false);
    await page.fire('#submit', 'click');
    expect(page.text()).toContain('请说明发生了什么');
    expect(wxm.cloud.sent('security', 'incidentReport')).toHaveLength(0);

    await page.fire('#description', 'change', '误发布一条未审核的图片');
    await page.fire('#date', 'change', { value: '2026-11-28' });
    await page.fire('#time', 'change', { value: '08:40' });
    const held = wxm.cloud.hold('security', 'incidentReport');
    const first = page.fire('#submit', 'click');
    await page.fire('#submit', 'click');
    await held.resolve({ ok: true, data: incidentView({ id: 'inc-9', kind: 'wrongPost' }) });
    await first;
    const sent = wxm.cloud.sent('security', 'incidentReport') as Array<Record<string, unknown>>;
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      accountId: 'acc-cs-weibo',
      kind: 'wrongPost',
      happenedAt: '2026-11-28T08:40:00+08:00',
      description: '误发布一条未审核的图片',
    });
    expect(redirect).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/security/pages/incident/index?id=inc-9' }),
    );
  });

  it('shows a refusal in Chinese and stays on the form', async () => {
    const page = await openPage(ROUTE, { accountId: 'acc-cs-weibo' });
    await page.fire('#description', 'change', '密码：Abc@1234 被人知道了');
    wxm.cloud.reply('security', 'incidentReport', {
      ok: false,
      error: { code: 'PASSWORD_FORBIDDEN', message: '系统不保存新媒体平台账号密码，请勿填写密码类内容（第三十三条）' },
    });
    await page.fire('#submit', 'click');
    expect(page.text('#refusal')).toContain('请勿填写密码类内容');
  });
});
