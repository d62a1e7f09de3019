import type { Incident } from '../../typings/security';
import { isDomainError, type DomainError } from '../errors';
import {
  closeIncident,
  holdsAfter,
  liftSuspension,
  missingForClose,
  postingSuspension,
  recordStep,
  reportIncident,
} from './incidents';

const NOW = Date.parse('2026-11-28T10:00:00+08:00');
const report = (kind: Incident['kind']): Incident => {
  const r = reportIncident({
    id: 'inc-1',
    account: { _id: 'acc', name: '长沙警事', platform: 'weibo', unitId: 'u-cs' },
    unitPath: ['u-hn', 'u-cs'],
    kind,
    happenedAt: '2026-11-28T09:30:00+08:00',
    description: '异地登录',
    reportedBy: 'p1',
    now: NOW,
  });
  if ('code' in r) throw r;
  return r;
};
const ok = (x: Incident | DomainError): Incident => {
  if (isDomainError(x)) throw x;
  return x;
};

describe('incidents (第三十三条)', () => {
  it('compromising kinds suspend posting, with the article; others do not', () => {
    expect(report('abnormalLogin')).toMatchObject({ suspends: true, suspended: true, state: 'open' });
    expect(report('wrongPost')).toMatchObject({ suspends: false, suspended: false });
    const hold = [{ incidentId: 'inc-1', kind: 'passwordLeaked' as const, since: '2026-11-28T10:00:00.000+08:00' }];
    expect(postingSuspension({ postingHolds: hold })).toMatchObject({
      code: 'POSTING_SUSPENDED',
      message: '该账号因安全事件（密码泄露）已暂停发布，待宣传部门解除后方可发布（第三十三条）',
    });
    expect(postingSuspension({ postingHolds: [] })).toBeNull();
    expect(postingSuspension(null)).toBeNull();
  });

  it('refuses a report from the future or without a description', () => {
    const base = {
      id: 'i',
      account: { _id: 'a', name: 'n', platform: 'weibo' as const, unitId: 'u' },
      unitPath: ['u'],
      kind: 'other' as const,
      reportedBy: 'p',
      now: NOW,
    };
    expect(reportIncident({ ...base, happenedAt: '2026-11-29T10:00:00+08:00', description: 'x' })).toMatchObject({
      code: 'TIME_IN_FUTURE',
    });
    expect(reportIncident({ ...base, happenedAt: '2026-11-28T09:00:00+08:00', description: ' ' })).toMatchObject({
      code: 'TEXT_REQUIRED',
    });
  });

  it('the timeline: each step once, the suspension lifted only once secured, closing only when complete', () => {
    let i = report('accountStolen');
    expect(missingForClose(i)).toEqual(['platformContacted', 'secured']);
    expect(liftSuspension(i, '', 'desk', NOW)).toMatchObject({ code: 'LIFT_NEEDS_SECURED' });
    i = ok(
      recordStep(
        i,
        {
          kind: 'platformContacted',
          at: '2026-11-28T09:40:00+08:00',
          platformContact: '微博客服',
          ticket: 'T1',
          note: '',
        },
        'p1',
        NOW,
      ),
    );
    expect(
      recordStep(
        i,
        { kind: 'platformContacted', at: '2026-11-28T09:40:00+08:00', platformContact: 'x', ticket: '', note: '' },
        'p1',
        NOW,
      ),
    ).toMatchObject({
      code: 'INCIDENT_STEP_DONE',
    });
    expect(closeIncident(i, '小结', 'desk', NOW)).toMatchObject({
      code: 'CLOSE_MISSING_STEPS',
      message: '尚未登记：账号已恢复安全，不能结案',
    });
    i = ok(recordStep(i, { kind: 'secured', at: '2026-11-28T09:50:00+08:00', note: '已改密' }, 'p1', NOW));
    const closed = ok(closeIncident(i, '已处置完毕', 'desk', NOW));
    expect(closed).toMatchObject({ state: 'closed', suspended: false, summary: '已处置完毕' });
    expect(closed.steps.map((s) => s.kind)).toEqual([
      'reported',
      'platformContacted',
      'secured',
      'suspensionLifted',
      'closed',
    ]);
    expect(recordStep(closed, { kind: 'note', at: '2026-11-28T09:50:00+08:00', note: 'x' }, 'p1', NOW)).toMatchObject({
      code: 'INCIDENT_CLOSED',
    });
  });

  it('one hold per open suspending incident', () => {
    const i = report('passwordLeaked');
    const security = { postingHolds: [{ incidentId: 'other', kind: 'abnormalLogin' as const, since: 'x' }] } as never;
    expect(holdsAfter(security, i).map((h) => h.incidentId)).toEqual(['other', 'inc-1']);
    expect(holdsAfter(security, { ...i, suspended: false }).map((h) => h.incidentId)).toEqual(['other']);
  });
});
