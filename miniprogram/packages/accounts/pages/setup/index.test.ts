import { setupView } from '../../../../test-utils/account-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/accounts/pages/setup/index';

describe('开设任务 (packages/accounts/pages/setup)', () => {
  it('shows each task and what is left; a name the rule refuses says why', async () => {
    wxm.cloud.reply('account', 'setup', { ok: true, data: setupView() });
    const page = await openPage(ROUTE, { accountId: 'acc-1' });
    expect(page.text('#progress')).toContain('还有 5 项任务未完成');
    expect(page.text('#task-standardName')).toContain('长沙警事');
    await page.fire('#name-input', 'change', '长沙警事官方');
    wxm.cloud.reply('account', 'completeTask', {
      ok: false,
      error: { code: 'NAME_NONSTANDARD', message: '名称不符合全省命名规范：含有禁用词“官方”（第十二条）' },
    });
    await page.fire('#name-submit', 'click');
    expect(wxm.cloud.sent('account', 'completeTask')).toEqual([
      {
        action: 'completeTask',
        accountId: 'acc-1',
        expectedRev: 2,
        task: { key: 'standardName', name: '长沙警事官方' },
      },
    ]);
    expect(page.text('#refusal')).toContain('禁用词');

    wxm.cloud.reply('account', 'completeTask', { ok: true, data: setupView(['standardName']) });
    await page.fire('#name-input', 'change', '长沙警事');
    await page.fire('#name-submit', 'click');
    expect(page.text('#task-standardName')).toContain('已完成');
    expect(page.text('#progress')).toContain('还有 4 项');
  });

  it('uploads an image to storage and completes the task with its file id; the last task activates', async () => {
    wxm.cloud.reply('account', 'setup', {
      ok: true,
      data: setupView(['standardName', 'realName', 'avatar', 'background']),
    });
    jest.spyOn(wx, 'chooseMedia').mockImplementation((o) => {
      o.success?.({ tempFiles: [{ tempFilePath: 'wxfile://plan.png' }], type: 'image', errMsg: 'ok' } as never);
      return undefined as never;
    });
    const uploadFile = jest.fn((o: { cloudPath: string }) => Promise.resolve({ fileID: `cloud://env/${o.cloudPath}` }));
    Object.assign(wx.cloud, { uploadFile });
    const page = await openPage(ROUTE, { accountId: 'acc-1' });
    wxm.cloud.reply('account', 'completeTask', {
      ok: true,
      data: setupView(['standardName', 'realName', 'avatar', 'background', 'columnPlan'], { state: 'active' }),
    });
    await page.fire('#upload-columnPlan', 'click');
    expect(wxm.cloud.sent('account', 'completeTask')).toEqual([
      {
        action: 'completeTask',
        accountId: 'acc-1',
        expectedRev: 2,
        task: {
          key: 'columnPlan',
          fileID: expect.stringMatching(/^cloud:\/\/env\/accounts\/acc-1\/columnPlan\/\d+\.png$/),
        },
      },
    ]);
    expect(page.text('#progress')).toContain('账号可以发布');
    expect(page.text('#state')).toContain('正常运营');
  });
});
