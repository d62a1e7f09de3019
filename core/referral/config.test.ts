import { DEFAULT_REFERRAL_CONFIG, referralConfigFrom } from './common';

describe('referral rules from the deployment environment', () => {
  it('keeps the defaults of the measures when nothing is set (17:00 cut-off, 第二十七条)', () => {
    expect(referralConfigFrom({})).toEqual(DEFAULT_REFERRAL_CONFIG);
  });

  it('reads a cut-off and reminder stages', () => {
    expect(
      referralConfigFrom({
        REFERRAL_CUTOFF: '16:30',
        REFERRAL_DUE_SOON_WORKING_DAYS: '2',
        REFERRAL_DUE_SOON_HOURS: '4',
        REFERRAL_GENERAL_REPLY_WORKING_DAYS: '3',
      }),
    ).toEqual({
      ...DEFAULT_REFERRAL_CONFIG,
      cutoff: { hour: 16, minute: 30 },
      dueSoon: { workingDays: 2, hours: 4 },
      generalReplyWorkingDays: 3,
    });
  });

  it('refuses malformed values, naming each, rather than moving deadlines silently', () => {
    expect(() => referralConfigFrom({ REFERRAL_CUTOFF: '5pm', REFERRAL_DUE_SOON_HOURS: '-1' })).toThrow(
      /REFERRAL_CUTOFF=5pm.*REFERRAL_DUE_SOON_HOURS=-1/,
    );
    expect(() => referralConfigFrom({ REFERRAL_CUTOFF: '24:00' })).toThrow(RangeError);
  });
});
