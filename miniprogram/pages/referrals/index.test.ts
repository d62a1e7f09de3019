import { NETWORK_ERROR } from '../../services/api';
import { NOW, referralSummary } from '../../test-utils/referral-fixtures';
import { openPage, type SimNode } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

function classOf(root: SimNode, selector: string): string {
  const attr = root
    .querySelector(selector)
    ?.toJSON()
    .attrs.find((a) => a.name === 'class');
  return typeof attr?.value === 'string' ? attr.value : '';
}

const list = (
  items = [referralSummary({ id: 'r1' })],
  warnings: string[] = [],
  more: { nextOffset?: number | null; departments?: { id: string; name: string }[] } = {},
) =>
  ({
    ok: true,
    data: {
      unitId: 'u-cs-xz',
      unitName: '长沙市公安局刑侦支队',
      now: NOW,
      items,
      warnings,
      nextOffset: more.nextOffset ?? null,
      departments: more.departments ?? [],
    },
  }) as const;

interface ListData {
  query: { view: string; departmentId: string };
  list: { items: { id: string; countdown: string; urgency: string }[] };
}

describe('流转事项 (pages/referrals)', () => {
  it('shows a loading state, then the department’s open referrals', async () => {
    const pending = wxm.cloud.hold('referral', 'list');
    const page = await openPage('pages/referrals/index');
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve(list());
    expect(page.exists('#list >>> #loading')).toBe(false);
    expect(page.text('#unit')).toBe('长沙市公安局刑侦支队');
    expect(page.text('#referral-r1')).toContain('请核实无犯罪记录证明办理时限');
    expect(wxm.cloud.sent('referral', 'list')).toEqual([{ action: 'list', view: 'open', offset: 0, limit: 20 }]);
  });

  it('counts down to each deadline from the server’s clock, due soon in orange and overdue in red', async () => {
    wxm.cloud.reply(
      'referral',
      'list',
      list([
        referralSummary({ id: 'far', dueAt: '2026-03-12T23:59:59.999+08:00', urgency: 'normal' }),
        referralSummary({ id: 'soon', dueAt: '2026-03-10T23:59:59.999+08:00', urgency: 'dueSoon' }),
        referralSummary({ id: 'late', dueAt: '2026-03-09T23:59:59.999+08:00', urgency: 'overdue', state: 'pending' }),
      ]),
    );
    const page = await openPage<ListData>('pages/referrals/index');
    expect(page.data().list.items.map((i) => [i.id, i.countdown, i.urgency])).toEqual([
      ['far', '剩余2天3小时', 'normal'],
      ['soon', '剩余3小时59分', 'dueSoon'],
      ['late', '已逾期20小时', 'overdue'],
    ]);
    expect(classOf(page.root, '#countdown-soon')).toContain('referral__countdown--dueSoon');
    expect(classOf(page.root, '#countdown-late')).toContain('referral__countdown--overdue');
    expect(page.text('#countdown-late')).toBe('已逾期20小时');
    expect(page.text('#referral-late')).toContain('待签收');
    expect(page.text('#referral-late')).toContain('03-09 23:59前');
  });

  it('shows the calendar warning of the list', async () => {
    const warning = '2027年节假日安排未知，暂按周一至周五上班计算，请管理员补录该年节假日安排';
    wxm.cloud.reply('referral', 'list', list([], [warning]));
    const page = await openPage('pages/referrals/index');
    expect(page.text('#warning-0')).toContain(warning);
    expect(page.text('#list >>> #empty')).toContain('暂无流转事项');
  });

  it('switches between 在办, 待回复 and 已办结', async () => {
    wxm.cloud.reply('referral', 'list', list());
    const page = await openPage<ListData>('pages/referrals/index', { unitId: 'u-cs' });
    await page.fire('#view-answered', 'click');
    expect(page.data().query.view).toBe('answered');
    expect(wxm.cloud.sent('referral', 'list')).toEqual([
      { action: 'list', unitId: 'u-cs', view: 'open', offset: 0, limit: 20 },
      { action: 'list', unitId: 'u-cs', view: 'answered', offset: 0, limit: 20 },
    ]);
  });

  it('narrows a bureau’s list to one department and pages to the end', async () => {
    const departments = [
      { id: 'u-cs-xz', name: '刑侦支队' },
      { id: 'u-cs-wa', name: '网安支队' },
    ];
    wxm.cloud.reply('referral', 'list', list([referralSummary({ id: 'r1' })], [], { nextOffset: 20, departments }));
    const page = await openPage<ListData>('pages/referrals/index', { unitId: 'u-cs' });
    wxm.cloud.reply('referral', 'list', list([referralSummary({ id: 'r2' })], [], { departments }));
    await page.reachBottom();
    expect(page.data().list.items.map((i) => i.id)).toEqual(['r1', 'r2']);
    expect(wxm.cloud.sent('referral', 'list')[1]).toMatchObject({ offset: 20 });
    await page.fire('#filter-department', 'change', 'u-cs-wa');
    expect(wxm.cloud.sent('referral', 'list')[2]).toEqual({
      action: 'list',
      unitId: 'u-cs',
      view: 'open',
      departmentId: 'u-cs-wa',
      offset: 0,
      limit: 20,
    });
  });

  it('opens the referral tapped', async () => {
    wxm.cloud.reply('referral', 'list', list());
    const page = await openPage('pages/referrals/index');
    await page.fire('#referral-r1', 'click');
    expect(wxm.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/referral-detail/index?id=r1' }));
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.failNetwork('referral', 'list');
    const page = await openPage('pages/referrals/index');
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('referral', 'list', list());
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#referral-r1')).toBe(true);
  });
});
