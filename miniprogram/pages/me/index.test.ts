import { NETWORK_ERROR } from '../../services/api';
import { me } from '../../test-utils/fixtures';
import { openPage, setApp } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

function appOn(backend: 'cloud' | 'local'): IAppOption {
  return { globalData: { backend } };
}

describe('我的 (pages/me)', () => {
  beforeEach(() => setApp(appOn('cloud')));

  it('shows a loading state until org.me answers', async () => {
    const pending = wxm.cloud.hold('org', 'me');
    const page = await openPage('pages/me/index');
    expect(page.exists('#loading')).toBe(true);
    expect(page.exists('#profile')).toBe(false);

    await pending.resolve({ ok: true, data: me() });
    expect(page.exists('#loading')).toBe(false);
    expect(page.exists('#profile')).toBe(true);
  });

  it('shows name, badge number, unit, roles in Chinese and training status', async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({
        name: '陈静',
        badgeNo: '430522',
        unitName: '邵阳市公安局',
        trained: true,
        roles: [
          { role: 'reviewer', unitName: '邵阳市公安局' },
          { role: 'propagandaStaff', unitName: '邵阳市公安局政治处' },
        ],
      }),
    });
    const page = await openPage('pages/me/index');
    expect(page.text('#name')).toContain('陈静');
    expect(page.text('#badge-no')).toContain('430522');
    expect(page.text('#unit')).toContain('邵阳市公安局');
    // a fixed title width leaves a long unit name the rest of the row, on one line
    expect(JSON.stringify(page.root.querySelector('#unit')?.toJSON())).toContain('max-width:6.2em');
    expect(page.text('#training')).toContain('已培训');
    expect(page.text('#roles')).toBe('审核民警 · 邵阳市公安局 宣传干事 · 邵阳市公安局政治处');
    expect(page.exists('#backend')).toBe(false);
  });

  it('shows an untrained person as 未培训 (第三十五条)', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ trained: false }) });
    const page = await openPage('pages/me/index');
    expect(page.text('#training')).toContain('未培训');
  });

  it('shows an empty state for a person without roles', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ roles: [] }) });
    const page = await openPage('pages/me/index');
    expect(page.exists('#roles')).toBe(false);
    expect(page.text('#no-roles')).toContain('暂未分配角色');
  });

  it('says so when the app runs against the local backend', async () => {
    setApp(appOn('local'));
    wxm.cloud.reply('org', 'me', { ok: true, data: me() });
    const page = await openPage('pages/me/index');
    expect(page.text('#backend')).toContain('本地调试后端');
  });

  it('shows the error with 重试, and retrying loads the profile', async () => {
    wxm.cloud.failNetwork('org', 'me');
    const page = await openPage('pages/me/index');
    expect(page.text('#error')).toContain(NETWORK_ERROR.message);

    wxm.cloud.reply('org', 'me', { ok: true, data: me({ name: '周伟' }) });
    await page.fire('#error', 'retry');
    expect(page.exists('#error')).toBe(false);
    expect(page.text('#name')).toContain('周伟');
  });

  it('sends an unbound caller to the bind page', async () => {
    wxm.cloud.reply('org', 'me', { ok: false, error: { code: 'NOT_BOUND', message: '请先绑定账号' } });
    await openPage('pages/me/index');
    expect(wxm.reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind/index' }));
  });
});
