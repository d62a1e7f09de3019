/**
 * People, roles, training, invites and unit responsibility through the local cloud: what an admin
 * does, what is refused and why, and what two people doing it at once get.
 */
import type { ApiResult } from '../typings/common';
import type { AuditEntry, Invite, PeoplePage, Person, PersonFields, PersonView } from '../typings/org';
import { verifyChain } from '../core/audit/chain';
import { startTestCloud, type TestCloud } from './support/cloud';

const ADMIN = 'demo-admin';
const HOUR = 3600_000;

function data<T>(answer: ApiResult<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

const newcomer = (over: Partial<PersonFields> = {}): PersonFields => ({
  name: '新警员',
  badgeNo: '431001',
  unitId: 'u-cs-xz',
  phone: '13800000001',
  auxiliary: false,
  classifiedPost: false,
  active: true,
  ...over,
});

const TRAINING = {
  course: '公安新媒体业务培训',
  date: '2026-11-20',
  issuer: '长沙市公安局政治部宣传处',
  completed: true,
};

describe('people, roles, training and invites through the local cloud', () => {
  let t: TestCloud;
  const log = (): AuditEntry[] => t.cloud.db.find('auditLog', {}, { sort: [['seq', 1]] }) as unknown as AuditEntry[];
  const stored = (id: string): Person => t.cloud.db.get('people', id) as unknown as Person;

  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-28T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  let recruit: PersonView;

  it('registers a person, audited with who did it, in which role, on which unit path', async () => {
    recruit = data(await t.call('org', 'upsertPerson', { id: null, expectedRev: 0, person: newcomer() }, ADMIN));
    expect(recruit).toMatchObject({
      name: '新警员',
      unitName: '长沙市公安局刑侦支队',
      roles: [],
      trained: false,
      bound: false,
      rev: 1,
    });
    const [entry] = log();
    expect(entry).toMatchObject({
      action: 'org.upsertPerson',
      actor: { personId: 'p-cs-admin', role: 'unitAdmin', unitId: 'u-cs' },
      object: { collection: 'people', id: recruit.id },
      unitPath: ['u-hn', 'u-cs', 'u-cs-xz'],
    });
    expect(entry.summary).toContain('新警员');
  });

  it('keeps badge numbers unique, also when two admins register the same one at once', async () => {
    const again = await t.call(
      'org',
      'upsertPerson',
      { id: null, expectedRev: 0, person: newcomer({ name: '重复' }) },
      ADMIN,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'BADGE_TAKEN' } });

    const racing = await Promise.all(
      [ADMIN, 'demo-province-admin'].map((who) =>
        t.call(
          'org',
          'upsertPerson',
          { id: null, expectedRev: 0, person: newcomer({ name: who, badgeNo: '431002', unitId: 'u-cs-jw' }) },
          who,
        ),
      ),
    );
    expect(racing.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['BADGE_TAKEN', 'ok']);
    expect(t.cloud.db.find('people', { badgeNo: '431002' })).toHaveLength(1);
  });

  it('lists the people of a unit in scope, paged by badge number, with its sub-units', async () => {
    const first = data(await t.call('org', 'listPeople', { unitId: 'u-cs', limit: 5 }, 'demo-leader'));
    expect(first.unit).toMatchObject({
      id: 'u-cs',
      name: '长沙市公安局',
      responsibility: { leaderName: '刘强', personName: '陈静' },
    });
    expect(first.children.map((u) => u.id)).toContain('u-ly');
    expect(first.items).toHaveLength(5);
    const all: string[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: PeoplePage = data(
        await t.call('org', 'listPeople', { unitId: 'u-cs', offset, limit: 5 }, 'demo-leader'),
      );
      all.push(...page.items.map((p) => p.badgeNo));
      expect(page).not.toHaveProperty('total'); // no total: counting would read every person
      offset = page.nextOffset;
    }
    const whole: PeoplePage = data(await t.call('org', 'listPeople', { unitId: 'u-cs', limit: 100 }, 'demo-leader'));
    expect(whole.nextOffset).toBeNull();
    expect(all).toEqual(whole.items.map((p) => p.badgeNo));
    expect(all).toEqual([...all].sort());
    // 长沙 reaches 浏阳; 浏阳's people are 长沙's too, but not the province's.
    const badges = new Set(all);
    expect(badges.has('430012')).toBe(true);
    expect(badges.has('430001')).toBe(false);

    const own = data(
      await t.call('org', 'listPeople', { unitId: 'u-cs-xz', scope: 'unit', limit: 100 }, 'demo-leader'),
    );
    expect(own.items.map((p) => p.name).sort()).toEqual(['孙杰', '新警员'].sort());
    const operators = data(
      await t.call('org', 'listPeople', { unitId: 'u-cs', role: 'operator', limit: 100 }, 'demo-leader'),
    );
    expect(operators.items.every((p) => p.roles.some((r) => r.role === 'operator'))).toBe(true);
    expect(operators.items.map((p) => p.name)).toEqual(expect.arrayContaining(['王明', '李娜', '郑洁']));
    // The OPENID itself never leaves the server.
    expect(JSON.stringify(first)).not.toContain('demo-');
  });

  it('refuses a move unless the admin reaches both the old and the new unit', async () => {
    const toProvince = await t.call(
      'org',
      'upsertPerson',
      { id: recruit.id, expectedRev: 1, person: newcomer({ unitId: 'u-hn-wa' }) },
      ADMIN,
    );
    expect(toProvince).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    const provinceLeader = stored('p-hn-leader');
    const fromProvince = await t.call(
      'org',
      'upsertPerson',
      {
        id: provinceLeader._id,
        expectedRev: provinceLeader.rev,
        person: { ...newcomer(), name: provinceLeader.name, badgeNo: provinceLeader.badgeNo },
      },
      ADMIN,
    );
    expect(fromProvince).toMatchObject({ ok: false, error: { code: 'OUT_OF_SCOPE' } });
    const moved = data(
      await t.call(
        'org',
        'upsertPerson',
        { id: recruit.id, expectedRev: 1, person: newcomer({ unitId: 'u-ly-xz' }) },
        ADMIN,
      ),
    );
    expect(moved).toMatchObject({ unitId: 'u-ly-xz', unitName: '浏阳市公安局刑侦大队', rev: 2 });
    recruit = moved;
  });

  it('refuses unknown people and units, and malformed input, with stable codes', async () => {
    expect(
      await t.call('org', 'upsertPerson', { id: 'p-nobody', expectedRev: 1, person: newcomer() }, ADMIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'PERSON_UNKNOWN', message: '人员不存在' },
    });
    expect(
      await t.call(
        'org',
        'upsertPerson',
        { id: null, expectedRev: 0, person: newcomer({ badgeNo: '431009', unitId: 'u-nowhere' }) },
        ADMIN,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNIT_UNKNOWN' },
    });
    expect(await t.call('org', 'setRoles', { personId: 'p-nobody', expectedRev: 1, roles: [] }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'PERSON_UNKNOWN' },
    });
    const blank = await t.call(
      'org',
      'upsertPerson',
      { id: null, expectedRev: 0, person: newcomer({ name: '  ', badgeNo: '431010' }) },
      ADMIN,
    );
    expect(blank).toMatchObject({ ok: false, error: { code: 'PERSON_INVALID' } });
    const extra = await t.post(
      'org',
      { action: 'upsertPerson', id: null, expectedRev: 0, person: { ...newcomer({ badgeNo: '431011' }), openid: 'x' } },
      ADMIN,
    );
    expect(extra.body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请求参数不合法：person.openid' },
    });
    const pwd = await t.post(
      'org',
      { action: 'upsertPerson', id: null, expectedRev: 0, person: { ...newcomer({ badgeNo: '431012' }), passwd: 'x' } },
      ADMIN,
    );
    expect(pwd.body).toMatchObject({ ok: false, error: { code: 'PASSWORD_FORBIDDEN' } });
  });

  it('assigns roles within the admin scope only, and never an account role in a special-work unit (第九条)', async () => {
    const outside = await t.call(
      'org',
      'setRoles',
      { personId: recruit.id, expectedRev: 2, roles: [{ role: 'operator', unitId: 'u-hn' }] },
      ADMIN,
    );
    expect(outside).toMatchObject({ ok: false, error: { code: 'ROLE_OUT_OF_SCOPE' } });
    expect(!outside.ok && outside.error.message).toContain('湖南省公安厅');

    const guobao = stored('p-cs-guobao');
    const special = await t.call(
      'org',
      'setRoles',
      { personId: guobao._id, expectedRev: guobao.rev, roles: [{ role: 'operator', unitId: 'u-cs' }] },
      ADMIN,
    );
    expect(special).toMatchObject({ ok: false, error: { code: 'SPECIAL_WORK_NO_ACCOUNT' } });
    expect(!special.ok && special.error.message).toContain('第九条');

    const granted = data(
      await t.call(
        'org',
        'setRoles',
        { personId: recruit.id, expectedRev: 2, roles: [{ role: 'operator', unitId: 'u-ly' }] },
        ADMIN,
      ),
    );
    expect(granted.roles).toEqual([
      {
        role: 'operator',
        unitId: 'u-ly',
        unitName: '浏阳市公安局',
        scopeUnitId: 'u-ly',
        scopeUnitName: '浏阳市公安局',
        scopeLevel: 'county',
      },
    ]);
    expect(log().at(-1)).toMatchObject({
      action: 'org.setRoles',
      changes: [{ field: 'roles', from: [], to: ['运营民警@浏阳市公安局'] }],
    });
    recruit = granted;
  });

  it('records training (第三十五条): a completed course makes the person trained', async () => {
    const bad = await t.call(
      'org',
      'addTraining',
      { personId: recruit.id, expectedRev: recruit.rev, training: { ...TRAINING, date: '2026-13-01' } },
      'demo-city-propaganda',
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'TRAINING_INVALID' } });
    const stale = await t.call(
      'org',
      'addTraining',
      { personId: recruit.id, expectedRev: recruit.rev - 1, training: TRAINING },
      'demo-city-propaganda',
    );
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const trained = data(
      await t.call(
        'org',
        'addTraining',
        { personId: recruit.id, expectedRev: recruit.rev, training: TRAINING },
        'demo-city-propaganda',
      ),
    );
    expect(trained).toMatchObject({ trained: true, trainings: [TRAINING] });
    expect(log().at(-1)).toMatchObject({
      action: 'org.addTraining',
      actor: { role: 'propagandaStaff', unitId: 'u-cs-xcc' },
    });
    recruit = trained;
  });

  let code = '';

  it('gives the admin a one-time code for the person; the person binds with it, once', async () => {
    const issued = data(
      await t.call('org', 'createInvite', { personId: recruit.id, requestKey: 'invite-key-0001' }, ADMIN),
    );
    expect(issued).toMatchObject({
      personId: recruit.id,
      personName: '新警员',
    });
    // 72 hours from now, in Beijing time (the local cloud's clock runs on from 09:00).
    expect(issued.expiresAt).toMatch(/^2026-12-01T09:00:\d\d\.\d{3}\+08:00$/);
    expect(issued.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    code = issued.code;
    // The code is a credential: it is in the answer to the admin and nowhere in the log.
    expect(JSON.stringify(log())).not.toContain(code);

    expect(data(await t.call('org', 'bind', { inviteCode: code.toLowerCase() }, 'recruit-phone'))).toEqual({
      name: '新警员',
    });
    expect(data(await t.call('org', 'me', {}, 'recruit-phone')).person).toMatchObject({
      name: '新警员',
      trained: true,
    });
    expect(await t.call('org', 'bind', { inviteCode: code }, 'someone-else')).toMatchObject({
      ok: false,
      error: { code: 'INVITE_USED' },
    });
    expect(await t.call('org', 'me', {}, 'someone-else')).toMatchObject({ ok: false, error: { code: 'NOT_BOUND' } });
  });

  it('makes one invite of a double tap, and a new code for a new request', async () => {
    const taps = await Promise.all(
      [1, 2].map(() =>
        t.call('org', 'createInvite', { personId: 'p-cs-reviewer', requestKey: 'double-tap-01' }, ADMIN),
      ),
    );
    const [a, b] = taps.map(data);
    expect(a).toEqual(b);
    const invites = t.cloud.db.find('invites', { personId: 'p-cs-reviewer' }) as unknown as Invite[];
    expect(invites).toHaveLength(1);
    expect(log().filter((e) => e.object.id === a.inviteId)).toHaveLength(1);

    const next = data(
      await t.call('org', 'createInvite', { personId: 'p-cs-reviewer', requestKey: 'double-tap-02' }, ADMIN),
    );
    expect(next.code).not.toBe(a.code);
    expect(t.cloud.db.find('invites', { personId: 'p-cs-reviewer' })).toHaveLength(2);
  });

  it('refuses an expired code, and codes for unknown or inactive people', async () => {
    const issued = data(
      await t.call('org', 'createInvite', { personId: 'p-cs-leader', requestKey: 'expiring-001' }, ADMIN),
    );
    await t.advance(72 * HOUR);
    expect(await t.call('org', 'bind', { inviteCode: issued.code }, 'late-phone')).toMatchObject({
      ok: false,
      error: { code: 'INVITE_EXPIRED', message: '邀请码已过期，请联系单位管理员重新生成' },
    });
    expect(
      await t.call('org', 'createInvite', { personId: 'p-nobody', requestKey: 'unknown-0001' }, ADMIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'PERSON_UNKNOWN' },
    });
  });

  it('ends the WeChat binding of a deactivated person, who then can neither sign in nor be invited', async () => {
    const off = data(
      await t.call(
        'org',
        'upsertPerson',
        // Binding saved the person since the admin loaded them: the admin reloads first.
        { id: recruit.id, expectedRev: stored(recruit.id).rev, person: newcomer({ unitId: 'u-ly-xz', active: false }) },
        ADMIN,
      ),
    );
    expect(off).toMatchObject({ active: false, bound: false });
    expect(stored(recruit.id).openid).toBeNull();
    expect(await t.call('org', 'me', {}, 'recruit-phone')).toMatchObject({ ok: false, error: { code: 'NOT_BOUND' } });
    expect(
      await t.call('org', 'createInvite', { personId: recruit.id, requestKey: 'inactive-001' }, ADMIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'PERSON_INACTIVE' },
    });
    expect(
      await t.call('org', 'setRoles', { personId: recruit.id, expectedRev: off.rev, roles: [] }, ADMIN),
    ).toMatchObject({
      ok: false,
      error: { code: 'PERSON_INACTIVE' },
    });
  });

  it('names the responsible leader, department and person of a unit (第二十九条), which every instance then reads', async () => {
    const before = data(await t.call('org', 'listPeople', { unitId: 'u-ly', limit: 0 }, 'demo-county-leader'));
    expect(before.unit.responsibility).toMatchObject({ leaderId: 'p-ly-leader', personId: 'p-ly-reviewer' });
    const wrong = await t.call(
      'org',
      'setResponsibility',
      {
        unitId: 'u-ly',
        expectedRev: before.unit.rev,
        responsibility: { leaderId: 'p-ly-operator', departmentId: 'u-cs-xcc', personId: 'p-ly-operator' },
      },
      ADMIN,
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RESPONSIBILITY_INVALID' } });
    expect(!wrong.ok && wrong.error.message).toMatch(/郑洁不是本单位的分管领导.*责任部门须为本局的内设部门/);

    const responsibility = { leaderId: 'p-ly-leader', departmentId: 'u-ly-xc', personId: 'p-ly-operator' };
    const racing = await Promise.all(
      [ADMIN, 'demo-province-admin'].map((who) =>
        t.call('org', 'setResponsibility', { unitId: 'u-ly', expectedRev: before.unit.rev, responsibility }, who),
      ),
    );
    expect(racing.map((a) => (a.ok ? 'ok' : a.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    expect(t.cloud.db.get('counters', 'unitsVersion')).toMatchObject({ value: 1 });
    // Read back through listPeople, which serves the unit from the cached tree: the version made it reload.
    const after = data(await t.call('org', 'listPeople', { unitId: 'u-ly', limit: 0 }, 'demo-county-leader'));
    expect(after.unit).toMatchObject({
      rev: before.unit.rev + 1,
      responsibility: {
        ...responsibility,
        leaderName: '何军',
        departmentName: '浏阳市公安局政工宣传室',
        personName: '郑洁',
      },
    });
    expect(after.items).toEqual([]);
  });

  it('kept one unbroken audit chain of every change', () => {
    const entries = log();
    expect(verifyChain(entries)).toMatchObject({ ok: true, count: entries.length });
    expect(new Set(entries.map((e) => e.action))).toEqual(
      new Set([
        'org.upsertPerson',
        'org.setRoles',
        'org.addTraining',
        'org.createInvite',
        'org.bind',
        'org.setResponsibility',
      ]),
    );
  });
});
