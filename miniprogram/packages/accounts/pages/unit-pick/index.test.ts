import type { ApplicantUnit } from '../../../../../typings/account';
import { openPage, type PageHarness } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/unit-pick/index';

const unit = (id: string, name: string, parentName: string | null = '长沙市公安局'): ApplicantUnit => ({
  id,
  name,
  parentName,
});
const page = (items: ApplicantUnit[], nextOffset: number | null = null) => ({
  ok: true as const,
  data: { items, nextOffset },
});

/** The page's event channel, as WeChat gives a page opened with `events`. */
function channel(p: PageHarness<unknown>): jest.Mock {
  const emit = jest.fn();
  Object.assign(p.root.instance, { getOpenerEventChannel: () => ({ emit }) });
  return emit;
}

describe('选择申请单位 (packages/accounts/pages/unit-pick)', () => {
  it('lists the units the caller may apply for, page after page, and marks the form’s unit', async () => {
    wxm.cloud.reply(
      'account',
      'applicantUnits',
      page([unit('u-cs', '长沙市公安局', '湖南省公安厅'), unit('u-cs-jj', '长沙市公安局交警支队')], 2),
    );
    const p = await openPage(ROUTE, { current: 'u-cs' });
    expect(wxm.cloud.sent('account', 'applicantUnits')).toEqual([{ action: 'applicantUnits', limit: 30 }]);
    expect(p.text('#unit-u-cs')).toContain('长沙市公安局');
    expect(p.text('#unit-u-cs')).toContain('上级：湖南省公安厅');
    expect(p.text('#unit-u-cs')).toContain('当前');
    expect(p.text('#unit-u-cs-jj')).not.toContain('当前');
    // The parent is said only where the name does not already say it.
    expect(p.text('#unit-u-cs-jj')).not.toContain('上级');
    wxm.cloud.reply('account', 'applicantUnits', page([unit('u-ly', '浏阳市公安局')]));
    await p.reachBottom();
    expect(wxm.cloud.sent('account', 'applicantUnits')[1]).toEqual({ action: 'applicantUnits', limit: 30, offset: 2 });
    expect(p.exists('#unit-u-ly')).toBe(true);
  });

  it('searches by name from the first page, and says when nothing matches', async () => {
    wxm.cloud.reply('account', 'applicantUnits', page([unit('u-cs', '长沙市公安局', null)]));
    const p = await openPage(ROUTE);
    wxm.cloud.reply('account', 'applicantUnits', page([]));
    await p.fire('#search', 'search', ' 特警 ');
    expect(wxm.cloud.sent('account', 'applicantUnits')[1]).toEqual({
      action: 'applicantUnits',
      limit: 30,
      search: '特警',
    });
    expect(p.text('#list >>> #empty')).toContain('没有名称含“特警”的单位');
  });

  it('hands the tapped unit back to the form and closes', async () => {
    wxm.cloud.reply('account', 'applicantUnits', page([unit('u-cs-jj', '长沙市公安局交警支队')]));
    const p = await openPage(ROUTE);
    const emit = channel(p);
    const back = jest.spyOn(wx, 'navigateBack');
    await p.fire('#unit-u-cs-jj', 'click');
    expect(emit).toHaveBeenCalledWith('picked', { id: 'u-cs-jj', name: '长沙市公安局交警支队' });
    expect(back).toHaveBeenCalledWith(expect.objectContaining({ delta: 1 }));
  });
});
