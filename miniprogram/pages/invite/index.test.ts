import { NETWORK_ERROR } from '../../services/api';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const issued = (code: string) => ({
  ok: true as const,
  data: { inviteId: 'inv-1', code, personId: 'p-1', personName: '赵云', expiresAt: '2026-11-30T16:00:00.000Z' },
});

describe('邀请码 (pages/invite)', () => {
  it('makes one code of a double tap and shows it with its expiry in Beijing time', async () => {
    const pending = wxm.cloud.hold('org', 'createInvite');
    const page = await openPage('pages/invite/index', { personId: 'p-1', name: encodeURIComponent('赵云') });
    expect(page.text()).toContain('为赵云生成邀请码');
    await page.fire('#generate', 'click');
    await page.fire('#generate', 'click');
    expect(wxm.cloud.sent('org', 'createInvite')).toHaveLength(1);
    await pending.resolve(issued('K7M2QX9P'));
    expect(page.text('#code')).toBe('K7M2QX9P');
    expect(page.text('#expires')).toContain('12-01 00:00');
  });

  it('retries a lost answer with the same request key, and asks a new code with a new one', async () => {
    wxm.cloud.failNetwork('org', 'createInvite');
    const page = await openPage('pages/invite/index', { personId: 'p-1' });
    await page.fire('#generate', 'click');
    expect(page.text('#error')).toContain(NETWORK_ERROR.message);

    wxm.cloud.reply('org', 'createInvite', issued('K7M2QX9P'));
    await page.fire('#generate', 'click');
    wxm.cloud.reply('org', 'createInvite', issued('W3RT8ZNA'));
    await page.fire('#generate', 'click');
    const keys = (wxm.cloud.sent('org', 'createInvite') as { personId: string; requestKey: string }[]).map(
      (s) => s.requestKey,
    );
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
    expect(page.text('#code')).toBe('W3RT8ZNA');
    expect(page.exists('#error')).toBe(false);
  });

  it("shows the server's refusal", async () => {
    wxm.cloud.reply('org', 'createInvite', {
      ok: false,
      error: { code: 'PERSON_INACTIVE', message: '人员已停用，不能进行此操作' },
    });
    const page = await openPage('pages/invite/index', { personId: 'p-1' });
    await page.fire('#generate', 'click');
    expect(page.text('#error')).toContain('人员已停用');
    expect(page.exists('#code')).toBe(false);
  });

  it('copies the code', async () => {
    const copy = jest.spyOn(wx, 'setClipboardData');
    wxm.cloud.reply('org', 'createInvite', issued('K7M2QX9P'));
    const page = await openPage('pages/invite/index', { personId: 'p-1' });
    await page.fire('#generate', 'click');
    await page.fire('#copy', 'click');
    expect(copy).toHaveBeenCalledWith(expect.objectContaining({ data: 'K7M2QX9P' }));
  });
});
