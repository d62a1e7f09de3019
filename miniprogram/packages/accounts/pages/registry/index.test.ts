import { registryItem } from '../../../../test-utils/account-fixtures';
import { me } from '../../../../test-utils/fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/registry/index';

describe('个人账号报备 (packages/accounts/pages/registry)', () => {
  beforeEach(() => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({ roles: [{ role: 'propagandaStaff', unitName: '长沙市公安局', unitId: 'u-cs' }] }),
    });
  });

  it('lists the unit’s personal accounts with owner, real name and marks, and the registrations waiting', async () => {
    wxm.cloud.reply('account', 'registry', {
      ok: true,
      data: {
        items: [
          registryItem(),
          registryItem({
            accountId: 'acc-p2',
            name: '辅警小周',
            owner: { id: 'p-z', name: '周丽' },
            ownerAuxiliary: true,
            realNameVerified: false,
            mark: { kind: 'reminder', note: '更新过少', at: '2026-03-09T10:00:00.000+08:00', byName: '陈静' },
          }),
        ],
        nextOffset: null,
        awaiting: 1,
      },
    });
    const page = await openPage(ROUTE);
    expect(wxm.cloud.sent('account', 'registry')).toEqual([
      { action: 'registry', unitId: 'u-cs', offset: 0, limit: 20 },
    ]);
    expect(page.text('#personal-acc-p1')).toContain('交警林晓（微博）');
    expect(page.text('#personal-acc-p1')).toContain('林晓 · 长沙市公安局交警支队 · weibo-linxiao · 已实名');
    expect(page.text('#personal-acc-p2')).toContain('周丽（辅警）');
    expect(page.text('#personal-acc-p2')).toContain('提醒：更新过少');
    expect(page.text('#awaiting')).toContain('1 个涉密岗位民警的账号报备待本单位审批');
    await page.fire('#awaiting', 'tap');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/packages/accounts/pages/applications/index?box=toDecide' }),
    );
  });

  it('marks an account as 优秀 with a note (第四十二条), asking for the note first', async () => {
    wxm.cloud.reply('account', 'registry', {
      ok: true,
      data: { items: [registryItem()], nextOffset: null, awaiting: 0 },
    });
    const page = await openPage<{ markError: string; marking: unknown }>(ROUTE);
    await page.fire('#mark-acc-p1', 'click');
    expect(page.data().marking).not.toBeNull();
    await page.fire('#mark-dialog', 'confirm', { dialog: { stopLoading: jest.fn() } });
    expect(page.data().markError).toBe('请写明标记的理由');
    await page.fire('#mark-note', 'change', '坚持发布交通安全知识');
    wxm.cloud.reply('account', 'mark', {
      ok: true,
      data: registryItem({
        mark: { kind: 'support', note: '坚持发布交通安全知识', at: '2026-03-10T10:00:00.000+08:00', byName: '陈静' },
      }),
    });
    await page.fire('#mark-dialog', 'confirm', { dialog: { stopLoading: jest.fn() } });
    expect(wxm.cloud.sent('account', 'mark')).toEqual([
      { action: 'mark', accountId: 'acc-p1', expectedRev: 1, kind: 'support', note: '坚持发布交通安全知识' },
    ]);
    expect(page.data().marking).toBeNull();
    expect(page.text('#personal-acc-p1')).toContain('优秀·保护支持：坚持发布交通安全知识');
  });

  it('says when no one has registered', async () => {
    wxm.cloud.reply('account', 'registry', { ok: true, data: { items: [], nextOffset: null, awaiting: 0 } });
    const page = await openPage(ROUTE);
    expect(page.text('#list')).toContain('暂无报备的个人账号');
    expect(page.exists('#awaiting')).toBe(false);
  });
});
