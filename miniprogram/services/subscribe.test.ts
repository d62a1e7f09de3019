import { useWx } from '../test-utils/wx';
import { answersOf, askConsent, prepareConsent, resetConsentSession } from './subscribe';

const wxm = useWx();

function answerWith(result: Record<string, string> | 'fail'): jest.SpyInstance {
  return jest
    .spyOn(wx, 'requestSubscribeMessage')
    .mockImplementation((option: WechatMiniprogram.RequestSubscribeMessageOption) => {
      if (result === 'fail') option.fail?.({ errMsg: 'requestSubscribeMessage:fail', errCode: 20004 });
      else option.success?.({ errMsg: 'requestSubscribeMessage:ok', ...result });
      return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' });
    });
}

describe('subscribe prompts', () => {
  beforeEach(() => resetConsentSession());

  it('asks for the first planned group inside the tap, reports only the asked ids, and asks once per session', async () => {
    wxm.cloud.reply('notify', 'consentPlan', {
      ok: true,
      data: {
        requests: [
          { subscription: 'oneTime', templateIds: ['t-review', 't-publish'] },
          { subscription: 'longTerm', templateIds: ['t-cadence'] },
        ],
      },
    });
    wxm.cloud.reply('notify', 'reportConsent', { ok: true, data: { templates: [] } });
    const ask = answerWith({ 't-review': 'accept', 't-publish': 'reject', forged: 'accept' });

    await prepareConsent('afterSubmit');
    expect(await askConsent('afterSubmit')).toBe('asked');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['t-review', 't-publish'] }));
    expect(wxm.cloud.sent('notify', 'reportConsent')).toEqual([
      { action: 'reportConsent', answers: { 't-review': 'accept', 't-publish': 'reject' } },
    ]);

    await prepareConsent('afterSubmit');
    expect(await askConsent('afterSubmit')).toBe('skipped');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(wxm.cloud.sent('notify', 'consentPlan')).toHaveLength(1);
  });

  it('skips without a dialog when nothing is planned or the plan could not be fetched', async () => {
    const ask = answerWith({});
    wxm.cloud.reply('notify', 'consentPlan', { ok: true, data: { requests: [] } });
    await prepareConsent('openApprovals');
    expect(await askConsent('openApprovals')).toBe('skipped');
    wxm.cloud.failNetwork('notify', 'consentPlan');
    await prepareConsent('openReferrals');
    expect(await askConsent('openReferrals')).toBe('skipped');
    expect(await askConsent('afterRefer')).toBe('skipped');
    expect(ask).not.toHaveBeenCalled();
  });

  it('reports nothing when the platform refuses the dialog', async () => {
    wxm.cloud.reply('notify', 'consentPlan', {
      ok: true,
      data: { requests: [{ subscription: 'longTerm', templateIds: ['t-cadence'] }] },
    });
    answerWith('fail');
    await prepareConsent('openWorkbench');
    expect(await askConsent('openWorkbench')).toBe('skipped');
    expect(wxm.cloud.sent('notify', 'reportConsent')).toEqual([]);
  });

  it('keeps only WeChat answers for the ids asked', () => {
    expect(
      answersOf({ errMsg: 'requestSubscribeMessage:ok', a: 'accept', b: 'maybe', c: 'ban' }, ['a', 'b', 'c', 'd']),
    ).toEqual({
      a: 'accept',
      c: 'ban',
    });
  });
});
