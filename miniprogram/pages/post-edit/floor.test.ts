/** 第十六条 in the editor (issue 11): a level raised on the chain is kept; lower levels are not offered. */
import { detail, post } from '../../test-utils/post-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const RETURNED = detail({
  post: post({
    state: 'returned',
    version: 1,
    rev: 6,
    round: 1,
    declaredLevel: 'ordinary',
    level: 'major',
    levelChanges: [
      {
        kind: 'raise',
        from: 'ordinary',
        to: 'major',
        version: 1,
        round: 1,
        stepKey: 'reviewer',
        stepLabel: '审核民警审核',
        stepIndex: 0,
        personId: 'p-r',
        reason: null,
        at: '2026-11-27T02:00:00.000Z',
      },
    ],
  }),
  levelFloor: {
    level: 'major',
    stepKey: 'reviewer',
    stepLabel: '审核民警审核',
    stepIndex: 0,
    personId: 'p-r',
    version: 1,
    at: '2026-11-27T02:00:00.000Z',
  },
});

describe('编辑稿件：审批中提高的等级 (第十六条)', () => {
  it('keeps the raised level: says so, lifts the declaration and offers nothing below it', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: RETURNED });
    const page = await openPage<{ declaredLevel: string; levelOptions: Array<{ value: string }>; dirty: boolean }>(
      'pages/post-edit/index',
      { id: 'p1' },
    );
    expect(page.text('#raised-floor')).toBe(
      '审批中已在“审核民警审核”步骤将敏感等级提高为“重大敏感”，本稿以后各版不得低于此等级（第十六条）',
    );
    expect(page.data().declaredLevel).toBe('major');
    expect(page.data().levelOptions.map((o) => o.value)).toEqual(['major', 'especiallyMajor']);
    // The lifted declaration is a change the next save carries.
    expect(page.data().dirty).toBe(true);
  });

  it('shows nothing of the kind for a post no decider raised', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: detail() });
    const page = await openPage<{ levelOptions: unknown[] }>('pages/post-edit/index', { id: 'p1' });
    expect(page.exists('#raised-floor')).toBe(false);
    expect(page.data().levelOptions).toHaveLength(3);
  });
});
