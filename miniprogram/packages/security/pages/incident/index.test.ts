import { incidentView } from '../../../../test-utils/security-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/incident/index';

describe('安全事件 (packages/security/pages/incident)', () => {
  it('shows the timeline with the platform ticket and what is still missing; records a step', async () => {
    wxm.cloud.reply('security', 'incident', { ok: true, data: incidentView() });
    const page = await openPage(ROUTE, { id: 'inc-1' });
    expect(page.text('#head')).toContain('账号被盗');
    expect(page.text('#suspended')).toContain('暂停发布');
    expect(page.text('#step-1')).toContain('工单号：WB-2026-1128-001');
    expect(page.text('#missing')).toContain('已恢复安全');
    // Contacting the platform is done: not offered again.
    expect(page.exists('#step-kind-platformContacted')).toBe(false);
    expect(page.exists('#lift')).toBe(false);

    const secured = incidentView({
      rev: 3,
      missingForClose: [],
      can: { record: true, lift: true, close: true },
      steps: [
        ...incidentView().steps,
        {
          kind: 'secured',
          at: '2026-11-28T10:00:00+08:00',
          recordedAt: '2026-11-28T10:01:00.000+08:00',
          by: 'p-cs-operator-a',
          byName: '王明',
          note: '已找回账号并更换密码',
        },
      ],
    });
    wxm.cloud.reply('security', 'incidentStep', { ok: true, data: secured });
    await page.fire('#step-kind', 'change', 'secured');
    await page.fire('#date', 'change', { value: '2026-11-28' });
    await page.fire('#time', 'change', { value: '10:00' });
    await page.fire('#note', 'change', '已找回账号并更换密码');
    await page.fire('#record', 'click');
    expect(wxm.cloud.sent('security', 'incidentStep')[0]).toMatchObject({
      incidentId: 'inc-1',
      expectedRev: 2,
      step: { kind: 'secured', at: '2026-11-28T10:00:00+08:00', note: '已找回账号并更换密码' },
    });
    expect(page.text('#step-2')).toContain('已恢复安全');
    expect(page.exists('#missing')).toBe(false);
    expect(page.exists('#lift')).toBe(true);
  });

  it('the desk lifts the suspension and closes with a summary; a refusal is shown as it is', async () => {
    wxm.cloud.reply('security', 'incident', {
      ok: true,
      data: incidentView({ missingForClose: [], can: { record: true, lift: true, close: true } }),
    });
    const page = await openPage(ROUTE, { id: 'inc-1' });
    wxm.cloud.reply('security', 'incidentClose', {
      ok: false,
      error: { code: 'TEXT_REQUIRED', message: '请填写说明' },
    });
    await page.fire('#close', 'click');
    expect(page.text('#refusal')).toContain('请填写说明');
    wxm.cloud.reply('security', 'incidentClose', {
      ok: true,
      data: incidentView({
        state: 'closed',
        suspended: false,
        summary: '账号已找回，已通报',
        missingForClose: [],
        can: { record: false, lift: false, close: false },
      }),
    });
    await page.fire('#close-summary', 'change', '账号已找回，已通报');
    await page.fire('#close', 'click');
    expect(wxm.cloud.sent('security', 'incidentClose')[1]).toMatchObject({ summary: '账号已找回，已通报' });
    expect(page.text('#state')).toContain('已结案');
    expect(page.exists('#suspended')).toBe(false);
    expect(page.exists('#record')).toBe(false);
  });
});
