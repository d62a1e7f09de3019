/** Shared steps of the referral integration tests: a message recorded, triaged, referred, signed. */
import type { Notification } from '../typings/notify';
import type { Person } from '../typings/org';
import type { MessageDetail, Referral, ReferralDetail, Triage } from '../typings/referral';
import { ok } from './support/answers';
import type { TestCloud } from './support/cloud';

export const OPERATOR = 'demo-operator-a';
export const CRIMINAL = 'demo-handler-criminal';
export const CYBER = 'demo-handler-cyber';
export const CITY_DESK = 'demo-city-propaganda';
export const PROVINCE_DESK = 'demo-province-propaganda';

/** Records a message on 长沙警事 (weibo) as its A角 and triages it. */
export async function triaged(
  t: TestCloud,
  text: string,
  triage: Triage,
  raisesProblem = false,
): Promise<MessageDetail> {
  const rec = await ok(
    t.call(
      'referral',
      'messageRecord',
      {
        accountId: 'acc-cs-weibo',
        senderNickname: '网友',
        text,
        receivedAt: new Date(t.cloud.clock.now() - 60_000).toISOString(),
        link: null,
      },
      OPERATOR,
    ),
  );
  const m = rec.messages[0];
  if (!m) throw new Error('nothing recorded');
  return await ok(
    t.call('referral', 'messageTriage', { messageId: m.id, expectedRev: m.rev, triage, raisesProblem }, OPERATOR),
  );
}

/** Refers a consultation to 长沙 刑侦 with the class given. */
export async function referred(
  t: TestCloud,
  deadlineClass: Referral['deadlineClass'] = 'complex',
  text = '请问网上办理无犯罪记录证明需要多久？',
): Promise<{ detail: MessageDetail; referral: Referral }> {
  const m = await triaged(t, text, 'consultation');
  const detail = await ok(
    t.call(
      'referral',
      'refer',
      {
        messageId: m.message._id,
        expectedRev: m.message.rev,
        departmentId: 'u-cs-xz',
        deadlineClass,
        question: '请核实办理时限并提供回复口径',
      },
      OPERATOR,
    ),
  );
  const id = detail.referrals[detail.referrals.length - 1]?.id;
  const referral = id ? (t.cloud.db.get('referrals', id) as unknown as Referral | null) : null;
  if (!referral) throw new Error('no referral stored');
  return { detail, referral };
}

export async function signed(t: TestCloud, referral: Referral, openid = CRIMINAL): Promise<ReferralDetail> {
  return await ok(t.call('referral', 'sign', { referralId: referral._id, expectedRev: referral.rev }, openid));
}

export function notifications(t: TestCloud, filter: Record<string, unknown> = {}): Notification[] {
  return t.cloud.db.find('notifications', filter, { sort: [['dedupeKey', 1]] }) as unknown as Notification[];
}

/** Adds a second 刑侦 handler (demo has one), for races between two people. */
export function addCriminalHandler(t: TestCloud): void {
  const base = t.cloud.db.get('people', 'p-cs-handler-criminal') as unknown as Person;
  const twin: Person = {
    ...base,
    _id: 'p-cs-handler-criminal-2',
    name: '钱亮',
    badgeNo: '430099',
    phone: '13900000099',
    openid: 'demo-handler-criminal-2',
  };
  t.cloud.db.insert('people', [twin as never]);
}

export async function fireTimer(t: TestCloud): Promise<void> {
  const [record] = await t.cloud.timers.fire('timer');
  if (!record) throw new Error('timer did not fire');
}
