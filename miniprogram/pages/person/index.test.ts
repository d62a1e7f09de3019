import { peoplePage, personView, unitSummary, unitView } from '../../test-utils/org-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

interface PersonData {
  isNew: boolean;
  rev: number;
  form: { name: string; unitId: string; classifiedPost: boolean };
  sheetKey: string;
}

const ROLE = {
  role: 'operator' as const,
  unitId: 'u-cs',
  unitName: '长沙市公安局',
  scopeUnitId: 'u-cs',
  scopeUnitName: '长沙市公安局',
  scopeLevel: 'city' as const,
};
const saved = personView({ id: 'p-1', name: '王明', rev: 2, roles: [ROLE] });
const page1 = peoplePage({ items: [saved], children: [unitSummary({ id: 'u-cs-xz', name: '长沙市公安局刑侦支队' })] });

describe('人员信息 (pages/person)', () => {
  it('shows a loading state, then the person with roles, training and binding', async () => {
    const pending = wxm.cloud.hold('org', 'listPeople');
    const page = await openPage('pages/person/index', { id: 'p-1', unitId: 'u-cs' });
    expect(page.exists('#loading')).toBe(true);
    await pending.resolve({
      ok: true,
      data: peoplePage({
        items: [
          personView({
            id: 'p-1',
            roles: [ROLE],
            trained: false,
            bound: false,
            trainings: [
              {
                course: '公安新媒体业务培训',
                date: '2026-01-10',
                issuer: '长沙市公安局政治部宣传处',
                completed: false,
              },
            ],
          }),
        ],
      }),
    });
    expect(wxm.cloud.sent('org', 'listPeople')).toEqual([
      { action: 'listPeople', unitId: 'u-cs', personId: 'p-1', limit: 1 },
    ]);
    expect(page.text('#roles')).toContain('运营民警 · 长沙市公安局');
    expect(page.text('#training-status')).toContain('未完成培训');
    expect(page.text('#training-0')).toContain('2026-01-10 · 长沙市公安局政治部宣传处');
    expect(page.text('#binding')).toContain('未绑定');
  });

  it('says so when the person is not in the unit', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: peoplePage({ items: [] }) });
    const page = await openPage('pages/person/index', { id: 'p-9', unitId: 'u-cs' });
    expect(page.text('#error')).toContain('该人员不存在或不在本单位');
  });

  it('registers a new person in the unit, then offers roles and training', async () => {
    wxm.cloud.reply('org', 'listPeople', {
      ok: true,
      data: peoplePage({ items: [], unit: unitView({ id: 'u-cs-xz', name: '长沙市公安局刑侦支队' }) }),
    });
    const page = await openPage<PersonData>('pages/person/index', { unitId: 'u-cs-xz' });
    expect(wxm.cloud.sent('org', 'listPeople')).toEqual([{ action: 'listPeople', unitId: 'u-cs-xz', limit: 0 }]);
    expect(page.exists('#roles')).toBe(false);
    expect(page.text('#unit')).toContain('长沙市公安局刑侦支队');

    await page.fire('#save', 'click');
    expect(page.text('#form-error')).toContain('请填写姓名和警号');
    expect(wxm.cloud.sent('org', 'upsertPerson')).toHaveLength(0);

    await page.fire('#name', 'change', '赵云');
    await page.fire('#badge-no', 'change', '431005');
    await page.fire('#classified', 'change', true);
    wxm.cloud.reply('org', 'upsertPerson', {
      ok: true,
      data: personView({ id: 'p-new', name: '赵云', badgeNo: '431005', rev: 1 }),
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('org', 'upsertPerson')).toEqual([
      {
        action: 'upsertPerson',
        id: null,
        expectedRev: 0,
        person: {
          name: '赵云',
          badgeNo: '431005',
          phone: '',
          unitId: 'u-cs-xz',
          auxiliary: false,
          classifiedPost: true,
          active: true,
        },
      },
    ]);
    expect(page.data()).toMatchObject({ isNew: false, rev: 1 });
    expect(page.exists('#roles')).toBe(true);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
  });

  it('edits on the loaded rev and shows a refusal such as a taken badge number', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: page1 });
    const page = await openPage<PersonData>('pages/person/index', { id: 'p-1', unitId: 'u-cs' });
    await page.fire('#unit', 'click');
    expect(page.data().sheetKey).toBe('unit');
    await page.fire('#sheet', 'select', { name: '长沙市公安局刑侦支队', value: 'u-cs-xz' });
    expect(page.text('#unit')).toContain('长沙市公安局刑侦支队');
    wxm.cloud.reply('org', 'upsertPerson', {
      ok: false,
      error: { code: 'BADGE_TAKEN', message: '该警号已登记给其他人员，请核对后重新输入' },
    });
    await page.fire('#save', 'click');
    expect(wxm.cloud.sent('org', 'upsertPerson')[0]).toMatchObject({
      id: 'p-1',
      expectedRev: 2,
      person: { unitId: 'u-cs-xz' },
    });
    expect(page.text('#form-error')).toContain('该警号已登记给其他人员');
  });

  it('adds a role in a chosen unit and removes one, each on the current rev', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: page1 });
    const page = await openPage<PersonData>('pages/person/index', { id: 'p-1', unitId: 'u-cs' });
    await page.fire('#add-role', 'click');
    expect(page.text('#role-error')).toContain('请选择角色和单位');

    await page.fire('#pick-role', 'click');
    await page.fire('#sheet', 'select', { name: '审核民警', value: 'reviewer' });
    await page.fire('#pick-role-unit', 'click');
    await page.fire('#sheet', 'select', { name: '长沙市公安局', value: 'u-cs' });
    const reviewer = { ...ROLE, role: 'reviewer' as const };
    wxm.cloud.reply('org', 'setRoles', { ok: true, data: { ...saved, rev: 3, roles: [ROLE, reviewer] } });
    await page.fire('#add-role', 'click');
    expect(wxm.cloud.sent('org', 'setRoles')[0]).toEqual({
      action: 'setRoles',
      personId: 'p-1',
      expectedRev: 2,
      roles: [
        { role: 'operator', unitId: 'u-cs' },
        { role: 'reviewer', unitId: 'u-cs' },
      ],
    });
    expect(page.text('#roles')).toContain('审核民警 · 长沙市公安局');

    wxm.cloud.reply('org', 'setRoles', {
      ok: false,
      error: { code: 'ROLE_OUT_OF_SCOPE', message: '运营民警（湖南省公安厅）超出本人管理范围，不能分配或撤销' },
    });
    await page.fire('#role-0', 'close');
    expect(wxm.cloud.sent('org', 'setRoles')[1]).toEqual({
      action: 'setRoles',
      personId: 'p-1',
      expectedRev: 3,
      roles: [{ role: 'reviewer', unitId: 'u-cs' }],
    });
    expect(page.text('#role-error')).toContain('超出本人管理范围');
  });

  it('records a training (第三十五条)', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: peoplePage({ items: [{ ...saved, trained: false }] }) });
    const page = await openPage('pages/person/index', { id: 'p-1', unitId: 'u-cs' });
    await page.fire('#add-training', 'click');
    expect(page.text('#training-error')).toContain('培训日期');

    await page.fire('#date', 'change', '2026-11-20');
    await page.fire('#issuer', 'change', '长沙市公安局政治部宣传处');
    const record = {
      course: '公安新媒体业务培训',
      date: '2026-11-20',
      issuer: '长沙市公安局政治部宣传处',
      completed: true,
    };
    wxm.cloud.reply('org', 'addTraining', { ok: true, data: { ...saved, rev: 3, trained: true, trainings: [record] } });
    await page.fire('#add-training', 'click');
    expect(wxm.cloud.sent('org', 'addTraining')).toEqual([
      { action: 'addTraining', personId: 'p-1', expectedRev: 2, training: record },
    ]);
    expect(page.text('#training-status')).toContain('已完成培训');
    expect(page.text('#training-0')).toContain('2026-11-20');
  });

  it('opens the invite page for the person', async () => {
    wxm.cloud.reply('org', 'listPeople', { ok: true, data: page1 });
    const page = await openPage('pages/person/index', { id: 'p-1', unitId: 'u-cs' });
    await page.fire('#invite', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: `/pages/invite/index?personId=p-1&name=${encodeURIComponent('王明')}` }),
    );
  });
});
