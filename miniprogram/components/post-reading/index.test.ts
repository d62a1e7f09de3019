import { postReading, reading } from '../../test-utils/reader-fixtures';
import { flush, harness, render } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

async function open(props: { postId: string; version: number }) {
  const v = harness(render('components/post-reading/index', props));
  await flush();
  return v;
}

describe('post-reading', () => {
  it('loads the reading of the post and shows the model’s marks', async () => {
    wxm.cloud.reply('reader', 'forPost', { ok: true, data: postReading({ canJudge: false }) });
    const v = await open({ postId: 'post-1', version: 1 });
    expect(wxm.cloud.sent('reader', 'forPost')).toEqual([{ action: 'forPost', postId: 'post-1' }]);
    expect(v.text()).toContain('“以泪洗面”');
    expect(v.text()).toContain('第 1 版 · hunyuan-exp/hunyuan-turbos-latest');
    expect(v.text()).not.toContain('判断正确');
  });

  it('shows nothing when there is no reading or the call is refused', async () => {
    wxm.cloud.reply('reader', 'forPost', { ok: true, data: postReading({ reading: null, version: null }) });
    expect((await open({ postId: 'post-1', version: 1 })).text()).toBe('');
    wxm.cloud.reply('reader', 'forPost', { ok: false, error: { code: 'OUT_OF_SCOPE', message: '无权查看' } });
    expect((await open({ postId: 'post-2', version: 1 })).text()).toBe('');
  });

  it('records an approver’s judgement and shows the answer', async () => {
    wxm.cloud.reply('reader', 'forPost', { ok: true, data: postReading() });
    const v = await open({ postId: 'post-1', version: 1 });
    wxm.cloud.reply('reader', 'judge', {
      ok: true,
      data: postReading({
        reading: reading(),
        mine: [{ findingId: 'f1', verdict: 'right' }],
        judgements: [
          { findingId: 'f1', verdict: 'right', personId: 'p1', personName: '张伟', at: '2026-11-30T10:05:00+08:00' },
        ],
      }),
    });
    await v.fire('#marks', 'judge', { findingId: 'f1', verdict: 'right' });
    expect(wxm.cloud.sent('reader', 'judge')).toEqual([
      { action: 'judge', postId: 'post-1', version: 1, findingId: 'f1', verdict: 'right' },
    ]);
    expect(v.text()).toContain('张伟：判断正确');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已记录', icon: 'success' }));
  });

  it('says why a judgement was refused', async () => {
    wxm.cloud.reply('reader', 'forPost', { ok: true, data: postReading() });
    const v = await open({ postId: 'post-1', version: 1 });
    wxm.cloud.reply('reader', 'judge', {
      ok: false,
      error: { code: 'READER_FINDING_NOT_FOUND', message: '该条审读意见不存在，请刷新后重试' },
    });
    await v.fire('#marks', 'judge', { findingId: 'f1', verdict: 'wrong' });
    expect(wxm.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '该条审读意见不存在，请刷新后重试', icon: 'none' }),
    );
  });
});
