import { me } from '../../test-utils/fixtures';
import { peoplePage, personView, unitSummary, unitView } from '../../test-utils/org-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

interface UnitData {
  sheetActions: { name: string; value: string }[];
}

const county = unitView({
  id: 'u-ly',
  name: '浏阳市公安局',
  level: 'county',
  bureauId: 'u-ly',
  rev: 4,
  responsibility: {
    leaderId: 'p-ly-leader',
    leaderName: '何军',
    departmentId: null,
    departmentName: null,
    personId: null,
    personName: null,
  },
});
const LEADER_ROLE = {
  role: 'leader' as const,
  unitId: 'u-ly',
  unitName: '浏阳市公安局',
  scopeUnitId: 'u-ly',
  scopeUnitName: '浏阳市公安局',
  scopeLevel: 'county' as const,
};
const countyPage = peoplePage({
  unit: county,
  children: [
    unitSummary({ id: 'u-ly-xc', name: '浏阳市公安局政工宣传室', kind: 'propagandaDesk', level: 'county' }),
    unitSummary({ id: 'u-ly-sub', name: '某派出所所在分局', kind: 'bureau', level: 'county' }),
  ],
  items: [
    personView({ id: 'p-ly-leader', name: '何军', unitId: 'u-ly', unitName: '浏阳市公安局', roles: [LEADER_ROLE] }),
    personView({ id: 'p-ly-operator', name: '郑洁', unitId: 'u-ly-xc', unitName: '浏阳市公安局政工宣传室' }),
    personView({ id: 'p-far', name: '远处', unitId: 'u-ly-sub', unitName: '某派出所所在分局' }),
    personView({ id: 'p-gone', name: '离职', unitId: 'u-ly', unitName: '浏阳市公安局', active: false }),
  ],
});

describe('单位责任 (pages/unit)', () => {
  it('shows a loading state, then who answers for the unit (第二十九条)', async () => {
    const pending = wxm.cloud.hold('org', 'listPeople');
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: countyPage });
    const page = await openPage('pages/unit/index', { unitId: 'u-ly' });
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve({ ok: true, data: peoplePage({ unit: county, items: [] }) });
    expect(page.text('#unit')).toContain('浏阳市公安局');
    expect(page.text('#leader')).toContain('何军');
    expect(page.text('#department')).toContain('未指定');
    for (const id of ['#leader', '#department', '#person'])
      expect(JSON.stringify(page.root.querySelector(id)?.toJSON())).toContain('max-width:6.2em');
    expect(wxm.cloud.sent('org', 'listPeople')).toEqual([
      { action: 'listPeople', unitId: 'u-ly', limit: 0 },
      { action: 'listPeople', unitId: 'u-ly', limit: 100 },
    ]);
  });

  it("opens on the admin's own unit when none is given", async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({ roles: [{ role: 'unitAdmin', unitName: '浏阳市公安局', unitId: 'u-ly' }] }),
    });
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: countyPage });
    await openPage('pages/unit/index');
    expect(wxm.cloud.sent('org', 'listPeople')[0]).toEqual({ action: 'listPeople', unitId: 'u-ly', limit: 0 });
  });

  it('offers leaders, internal departments and active people of the bureau only', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: countyPage });
    const page = await openPage<UnitData>('pages/unit/index', { unitId: 'u-ly' });
    await page.fire('#leader', 'click');
    expect(page.data().sheetActions.map((c) => c.value)).toEqual(['', 'p-ly-leader']);
    await page.fire('#department', 'click');
    expect(page.data().sheetActions.map((c) => c.value)).toEqual(['', 'u-ly-xc']);
    await page.fire('#person', 'click');
    expect(page.data().sheetActions).toEqual([
      { name: '未指定', value: '' },
      { name: '何军（浏阳市公安局）', value: 'p-ly-leader' },
      { name: '郑洁（浏阳市公安局政工宣传室）', value: 'p-ly-operator' },
    ]);
  });

  it('saves the choice on the loaded rev', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: countyPage });
    const page = await openPage('pages/unit/index', { unitId: 'u-ly' });
    await page.fire('#department', 'click');
    await page.fire('#sheet', 'select', { name: '浏阳市公安局政工宣传室', value: 'u-ly-xc' });
    await page.fire('#person', 'click');
    await page.fire('#sheet', 'select', { name: '郑洁（浏阳市公安局政工宣传室）', value: 'p-ly-operator' });
    expect(page.text('#person')).toContain('郑洁');
    const saved = unitView({
      ...county,
      rev: 5,
      responsibility: {
        leaderId: 'p-ly-leader',
        leaderName: '何军',
        departmentId: 'u-ly-xc',
        departmentName: '浏阳市公安局政工宣传室',
        personId: 'p-ly-operator',
        personName: '郑洁',
      },
    });
    wxm.cloud.reply('org', 'setResponsibility', { ok: true, data: saved });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('org', 'setResponsibility')).toEqual([
      {
        action: 'setResponsibility',
        unitId: 'u-ly',
        expectedRev: 4,
        responsibility: { leaderId: 'p-ly-leader', departmentId: 'u-ly-xc', personId: 'p-ly-operator' },
      },
    ]);
    expect(page.text('#department')).toContain('浏阳市公安局政工宣传室');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('shows a refusal, such as a stale rev', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: countyPage });
    const page = await openPage('pages/unit/index', { unitId: 'u-ly' });
    await page.fire('#leader', 'click');
    await page.fire('#sheet', 'select', { name: '未指定', value: '' });
    expect(page.text('#leader')).toContain('未指定');
    wxm.cloud.reply('org', 'setResponsibility', {
      ok: false,
      error: { code: 'CONFLICT', message: '数据已被他人修改，请刷新后重试' },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('org', 'setResponsibility')[0]).toMatchObject({ responsibility: { leaderId: null } });
    expect(page.text('#save-error')).toContain('数据已被他人修改');
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.reply('org', 'listPeople', {
      ok: false,
      error: { code: 'OUT_OF_SCOPE', message: '超出本人管辖范围，无权操作' },
    });
    const page = await openPage('pages/unit/index', { unitId: 'u-hn' });
    expect(page.text('#error')).toContain('超出本人管辖范围');
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: countyPage });
    await page.fire('#error', 'retry');
    expect(page.text('#unit')).toContain('浏阳市公安局');
  });
});
