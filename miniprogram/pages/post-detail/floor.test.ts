/** 第十六条 on the post page (issue 11): the level floor, lowering it with a reason, level changes in the diff. */
import type { LevelChange, PostChange } from '../../../typings/post';
import { chain, detail, NO_ABILITIES, post, step } from '../../test-utils/post-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

const RAISE: LevelChange = {
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
};

const AT_LEADER = detail({
  post: post({
    state: 'inReview',
    version: 2,
    rev: 7,
    round: 2,
    level: 'major',
    declaredLevel: 'major',
    levelChanges: [RAISE],
  }),
  chain: chain([
    step({ key: 'reviewer', label: '审核民警审核', status: 'approved' }),
    step({ key: 'leader', label: '分管领导审批', status: 'current' }),
  ]),
  diff: {
    from: 1,
    to: 2,
    diff: {
      title: [{ op: 'equal', text: '反诈提醒' }],
      text: [{ op: 'equal', text: '请勿向陌生账户转账。' }],
      imagesAdded: [],
      imagesRemoved: [],
      kindChanged: null,
      sourceChanged: null,
    },
    level: { from: 'ordinary', to: 'major' },
    levelChanges: [RAISE],
  },
  people: [
    { id: 'p-a', name: '王明' },
    { id: 'p-r', name: '张伟' },
  ],
  levelFloor: {
    level: 'major',
    stepKey: 'reviewer',
    stepLabel: '审核民警审核',
    stepIndex: 0,
    personId: 'p-r',
    version: 1,
    at: '2026-11-27T02:00:00.000Z',
  },
  lowerOptions: ['ordinary'],
  can: { ...NO_ABILITIES, approve: true, sendBack: true, raiseLevel: true, lowerLevel: true },
});

const change = (over: Partial<PostChange> = {}): PostChange => ({
  id: 'p1',
  rev: 8,
  state: 'approved',
  version: 2,
  level: 'ordinary',
  pendingStep: null,
  ...over,
});

describe('稿件详情：敏感等级底线 (第十六条)', () => {
  it('says who raised the level, that later versions keep it, and shows the level change in the diff', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: AT_LEADER });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    expect(page.text('#floor')).toBe(
      '敏感等级不低于“重大敏感”：第 1 版审批时由张伟（审核民警审核）确定，以后各版须按此等级报审（第十六条）',
    );
    expect(page.text('#diff')).toContain('敏感等级：一般 → 重大敏感');
    expect(page.text('#diff')).toContain('第 1 版审批中：张伟（审核民警审核）将敏感等级由“一般”提高为“重大敏感”');
  });

  it('lowers only with a reason, to the levels the server offers', async () => {
    wxm.cloud.reply('post', 'get', { ok: true, data: AT_LEADER });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    expect(page.exists('#lower-ordinary')).toBe(true);
    expect(page.exists('#lower-major')).toBe(false);
    await page.fire('#lower-ordinary', 'click');
    expect(page.text('#decide')).toContain('降低敏感等级须在审批意见中说明理由（第十六条）');
    expect(wxm.cloud.sent('post', 'lowerLevel')).toHaveLength(0);

    wxm.cloud.reply('post', 'lowerLevel', { ok: true, data: change() });
    await page.fire('#comment', 'change', ' 属日常防范提示 ');
    await page.fire('#lower-ordinary', 'click');
    expect(wxm.cloud.sent('post', 'lowerLevel')).toEqual([
      { action: 'lowerLevel', postId: 'p1', expectedRev: 7, version: 2, level: 'ordinary', reason: '属日常防范提示' },
    ]);
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已降低等级' }));
  });

  it('offers no lowering to a decider the server does not allow, and shows no floor when there is none', async () => {
    wxm.cloud.reply('post', 'get', {
      ok: true,
      data: { ...AT_LEADER, levelFloor: null, lowerOptions: [], can: { ...AT_LEADER.can, lowerLevel: false } },
    });
    const page = await openPage('pages/post-detail/index', { id: 'p1' });
    expect(page.exists('#lower')).toBe(false);
    expect(page.exists('#floor')).toBe(false);
  });
});
