import { NETWORK_ERROR } from '../../services/api';
import { me } from '../../test-utils/fixtures';
import { peoplePage, personView, unitSummary, unitView } from '../../test-utils/org-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

describe('人员管理 (pages/people)', () => {
  it('shows a loading state until the list arrives', async () => {
    const pending = wxm.cloud.hold('org', 'listPeople');
    const page = await openPage('pages/people/index', { unitId: 'u-cs' });
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve({ ok: true, data: peoplePage() });
    expect(page.exists('#list >>> #loading')).toBe(false);
    expect(page.exists('#list')).toBe(true);
  });

  it("opens on the unit the caller's role reaches when none is given", async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({
        roles: [
          { role: 'operator', unitName: '长沙市公安局', unitId: 'u-cs' },
          { role: 'propagandaStaff', unitName: '长沙市公安局政治部宣传处', unitId: 'u-cs-xcc', scopeUnitId: 'u-cs' },
        ],
      }),
    });
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: peoplePage() });
    await openPage('pages/people/index');
    expect(wxm.cloud.sent('org', 'listPeople')).toEqual([{ action: 'listPeople', unitId: 'u-cs', limit: 20 }]);
  });

  it('tells a caller without a role that may list people', async () => {
    wxm.cloud.reply('org', 'me', { ok: true, data: me({ roles: [{ role: 'operator', unitName: '长沙市公安局' }] }) });
    const page = await openPage('pages/people/index');
    expect(page.text('#list >>> #error')).toContain('当前角色无权使用此功能');
    expect(wxm.cloud.sent('org', 'listPeople')).toHaveLength(0);
  });

  it('shows the unit, its sub-units and its people with what needs attention', async () => {
    wxm.cloud.reply('org', 'listPeople', {
      ok: true,
      data: peoplePage({
        unit: unitView({
          id: 'u-cs-gb',
          name: '长沙市公安局国保支队',
          specialWork: true,
          ancestors: [
            unitSummary({ id: 'u-hn', name: '湖南省公安厅' }),
            unitSummary({ id: 'u-cs', name: '长沙市公安局' }),
          ],
        }),
        children: [unitSummary({ id: 'u-x', name: '一大队' })],
        items: [
          personView({
            id: 'p-1',
            name: '罗斌',
            badgeNo: '430017',
            trained: false,
            bound: false,
            classifiedPost: true,
          }),
          personView({ id: 'p-2', name: '林晓', active: false, bound: false }),
        ],
      }),
    });
    const page = await openPage('pages/people/index', { unitId: 'u-cs-gb' });
    expect(page.text('#unit')).toContain('湖南省公安厅 / 长沙市公安局');
    expect(page.text('#unit')).toContain('特殊工作部门（第九条）');
    expect(page.text('#child-u-x')).toContain('一大队');
    expect(page.text('#person-p-1')).toContain('警号 430017');
    expect(page.text('#person-p-1')).toContain('未培训 未绑定微信 涉密岗位');
    expect(page.text('#person-p-2')).toContain('已停用');
    expect(page.text('#person-p-2')).not.toContain('未绑定微信');
  });

  it('shows an empty state for a unit without people', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: peoplePage({ items: [] }) });
    const page = await openPage('pages/people/index', { unitId: 'u-cs' });
    expect(page.text('#list >>> #empty')).toContain('本单位暂无人员');
  });

  it('loads the next page at the bottom', async () => {
    wxm.cloud.reply('org', 'listPeople', {
      ok: true,
      data: peoplePage({ items: [personView({ id: 'p-1' })], nextOffset: 1 }),
    });
    const page = await openPage<{ list: { items: { id: string }[] } }>('pages/people/index', { unitId: 'u-cs' });
    // No total from the server (counting reads every person): what is shown, and that more follows.
    expect(page.text('#total')).toContain('已列出 1 人，更多见下方');
    wxm.cloud.reply('org', 'listPeople', {
      ok: true,
      data: peoplePage({ items: [personView({ id: 'p-2' })], nextOffset: null }),
    });
    await page.fire('#list >>> #more', 'tap');
    expect(wxm.cloud.sent('org', 'listPeople')[1]).toEqual({
      action: 'listPeople',
      unitId: 'u-cs',
      offset: 1,
      limit: 20,
    });
    expect(page.data().list.items.map((p) => p.id)).toEqual(['p-1', 'p-2']);
    expect(page.text('#list >>> #end')).toContain('没有更多了');
    expect(page.text('#total')).toContain('共 2 人');
  });

  it('opens a person, a sub-unit, a new person and the unit pages', async () => {
    wxm.cloud.reply('org', 'listPeople', {
      ok: true,
      data: peoplePage({ children: [unitSummary({ id: 'u-ly', name: '浏阳市公安局' })] }),
    });
    const page = await openPage('pages/people/index', { unitId: 'u-cs' });
    await page.fire('#person-p-1', 'click');
    await page.fire('#child-u-ly', 'click');
    await page.fire('#add', 'click');
    await page.fire('#to-unit', 'click');
    await page.fire('#to-accounts', 'click');
    await page.fire('#to-audit', 'click');
    expect(wxm.navigateTo.mock.calls.map(([options]: [{ url: string }]) => options.url)).toEqual([
      '/pages/person/index?id=p-1&unitId=u-cs',
      '/pages/people/index?unitId=u-ly',
      '/pages/person/index?unitId=u-cs',
      '/pages/unit/index?unitId=u-cs',
      '/pages/accounts/index?unitId=u-cs',
      '/pages/audit/index?unitId=u-cs',
    ]);
  });

  it('shows a refusal with 重试', async () => {
    wxm.cloud.reply('org', 'listPeople', {
      ok: false,
      error: { code: 'OUT_OF_SCOPE', message: '超出本人管辖范围，无权操作' },
    });
    const page = await openPage('pages/people/index', { unitId: 'u-hn' });
    expect(page.text('#list >>> #error')).toContain('超出本人管辖范围');
    wxm.cloud.failNetwork('org', 'listPeople');
    await page.fire('#list >>> #error', 'retry');
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
  });
});
