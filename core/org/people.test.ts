import type { Person, RoleGrant } from '../../typings/org';
import { authorize } from '../auth/authorize';
import { demoOrg } from './demo';
import { addTraining, isTrained, setRoles, upsertPerson, type PersonInput } from './people';
import { buildTree } from './tree';

const NOW = Date.parse('2026-03-02T16:00:00Z');
const org = demoOrg();
const tree = buildTree(org.units);
function person(id: string): Person {
  const found = org.people.find((p) => p._id === id);
  if (!found) throw new Error(`no demo person ${id}`);
  return found;
}
const cityAdmin = person('p-cs-admin');
const provinceAdmin = person('p-hn-admin');
const countyAdmin: Person = {
  ...person('p-ly-leader'),
  _id: 'p-ly-admin',
  roles: [{ role: 'unitAdmin', unitId: 'u-ly' }],
};

const code = <T>(r: { ok: true; next: T } | { ok: false; error: { code: string } }): string =>
  r.ok ? 'OK' : r.error.code;

describe('upsertPerson', () => {
  const input: PersonInput = {
    name: ' 钱程 ',
    badgeNo: '430099',
    unitId: 'u-ly-wa',
    phone: '13900000099',
    auxiliary: false,
    classifiedPost: false,
    active: true,
  };

  it('creates a person without roles, trainings or binding', () => {
    const result = upsertPerson(null, input, { tree, now: NOW, expectedRev: 0, newId: () => 'p-qian' });
    if (!result.ok) throw result.error;
    expect(result.next).toEqual({
      ...input,
      name: '钱程',
      _id: 'p-qian',
      roles: [],
      trainings: [],
      openid: null,
      createdAt: '2026-03-03T00:00:00.000+08:00',
      updatedAt: '2026-03-03T00:00:00.000+08:00',
      rev: 1,
    });
    expect(result.effects[0]).toMatchObject({
      kind: 'audit',
      summary: '新增人员：钱程（浏阳市公安局网安大队）',
      unitPath: ['u-hn', 'u-cs', 'u-ly', 'u-ly-wa'],
    });
  });

  it('refuses a stale copy, an unknown unit and blank fields', () => {
    const current = person('p-ly-operator');
    expect(code(upsertPerson(current, input, { tree, now: NOW, expectedRev: 0, newId: () => 'x' }))).toBe('CONFLICT');
    expect(
      code(upsertPerson(null, { ...input, unitId: 'u-gone' }, { tree, now: NOW, expectedRev: 0, newId: () => 'x' })),
    ).toBe('UNIT_UNKNOWN');
    expect(
      code(upsertPerson(null, { ...input, badgeNo: ' ' }, { tree, now: NOW, expectedRev: 0, newId: () => 'x' })),
    ).toBe('PERSON_INVALID');
  });

  it('ends the WeChat binding on deactivation, and hides phone numbers from the log', () => {
    const current = person('p-ly-operator');
    const result = upsertPerson(
      current,
      { ...current, phone: '13800000000', active: false },
      { tree, now: NOW, expectedRev: 1, newId: () => 'x' },
    );
    if (!result.ok) throw result.error;
    expect(result.next).toMatchObject({ openid: null, active: false, roles: current.roles, rev: 2 });
    expect(result.effects).toContainEqual({
      kind: 'bindingRevoked',
      personId: 'p-ly-operator',
      openid: 'demo-county-operator',
    });
    expect(JSON.stringify(result.effects)).not.toContain('13800000000');
    expect(result.effects[0]).toMatchObject({
      changes: [{ field: 'active', from: true, to: false }, { field: 'phone' }],
    });
  });
});

describe('setRoles', () => {
  const target = person('p-ly-operator');
  const apply = (actor: Person, grants: RoleGrant[], who: Person = target, expectedRev = who.rev) =>
    setRoles(who, grants, { actor, tree, now: NOW, expectedRev });

  it('lets a city admin assign roles in its county', () => {
    const result = apply(cityAdmin, [
      ...target.roles,
      { role: 'reviewer', unitId: 'u-ly' },
      { role: 'reviewer', unitId: 'u-ly' },
    ]);
    if (!result.ok) throw result.error;
    expect(result.next.roles).toEqual([
      { role: 'operator', unitId: 'u-ly' },
      { role: 'reviewer', unitId: 'u-ly' },
    ]);
    expect(result.effects[0]).toMatchObject({
      action: 'org.setRoles',
      changes: [
        { field: 'roles', from: ['运营民警@浏阳市公安局'], to: ['运营民警@浏阳市公安局', '审核民警@浏阳市公安局'] },
      ],
    });
  });

  it('refuses a role outside the admin scope', () => {
    const outside = apply(countyAdmin, [...target.roles, { role: 'reviewer', unitId: 'u-cs' }]);
    expect(!outside.ok && [outside.error.code, outside.error.message]).toEqual([
      'ROLE_OUT_OF_SCOPE',
      '审核民警（长沙市公安局）超出本人管理范围，不能分配或撤销',
    ]);
  });

  it('refuses to touch a person outside the admin scope', () => {
    expect(code(apply(countyAdmin, [], person('p-cs-operator-a')))).toBe('ROLE_OUT_OF_SCOPE');
    expect(code(apply(cityAdmin, [], person('p-hn-propaganda')))).toBe('ROLE_OUT_OF_SCOPE');
    expect(code(apply(provinceAdmin, [], person('p-cs-operator-a')))).toBe('OK');
  });

  it('refuses to remove a grant the admin could not have given', () => {
    const spanning: Person = { ...target, roles: [...target.roles, { role: 'leader', unitId: 'u-cs' }] };
    expect(code(apply(countyAdmin, target.roles, spanning))).toBe('ROLE_OUT_OF_SCOPE');
    expect(code(apply(cityAdmin, target.roles, spanning))).toBe('OK');
  });

  it('refuses a non-admin', () => {
    expect(code(apply(person('p-cs-leader'), []))).toBe('ROLE_OUT_OF_SCOPE');
  });

  it('puts each role only where it makes sense', () => {
    expect(code(apply(cityAdmin, [{ role: 'propagandaStaff', unitId: 'u-ly' }]))).toBe('ROLE_UNIT_KIND');
    expect(code(apply(cityAdmin, [{ role: 'propagandaStaff', unitId: 'u-ly-xc' }]))).toBe('OK');
    expect(code(apply(cityAdmin, [{ role: 'departmentHandler', unitId: 'u-ly-xc' }]))).toBe('ROLE_UNIT_KIND');
    expect(code(apply(cityAdmin, [{ role: 'leader', unitId: 'u-ly-xc' }]))).toBe('OK');
    expect(code(apply(cityAdmin, [{ role: 'operator', unitId: 'u-gone' }]))).toBe('UNIT_UNKNOWN');
  });

  it('gives special-work units and their people no account role (第九条)', () => {
    const guobao = person('p-cs-guobao');
    expect(code(apply(cityAdmin, [{ role: 'operator', unitId: 'u-cs-gb' }], target))).toBe('SPECIAL_WORK_NO_ACCOUNT');
    expect(code(apply(cityAdmin, [{ role: 'reviewer', unitId: 'u-cs' }], guobao))).toBe('SPECIAL_WORK_NO_ACCOUNT');
    expect(code(apply(cityAdmin, [{ role: 'departmentHandler', unitId: 'u-cs-gb' }], guobao))).toBe('OK');
  });

  it('refuses an inactive person and a stale copy', () => {
    expect(code(apply(cityAdmin, [], { ...target, active: false }))).toBe('PERSON_INACTIVE');
    expect(code(apply(cityAdmin, [], target, target.rev - 1))).toBe('CONFLICT');
  });
});

describe('addTraining (第三十五条)', () => {
  const untrained = person('p-cs-untrained');
  const record = {
    course: '公安新媒体业务培训',
    date: '2026-03-01',
    issuer: '长沙市公安局政治部宣传处',
    completed: true,
  };

  it('a completed training lifts TRAINING_REQUIRED', () => {
    const account = { ...org.accounts[0], operatorB: untrained._id };
    const target = { kind: 'account', account } as const;
    expect(isTrained(untrained)).toBe(false);
    expect(authorize(untrained, 'post.draftSave', target, tree)).toEqual({
      allowed: false,
      code: 'TRAINING_REQUIRED',
      message: '未完成新媒体业务培训，暂不能进行运营或审核操作（第三十五条）',
    });
    const result = addTraining(untrained, record, { tree, now: NOW, expectedRev: 1 });
    if (!result.ok) throw result.error;
    expect(isTrained(result.next)).toBe(true);
    expect(result.next.trainings).toHaveLength(2);
    expect(authorize(result.next, 'post.draftSave', target, tree)).toMatchObject({ allowed: true });
  });

  it('an unfinished training does not', () => {
    const result = addTraining(untrained, { ...record, completed: false }, { tree, now: NOW, expectedRev: 1 });
    expect(result.ok && isTrained(result.next)).toBe(false);
  });

  it('refuses an incomplete record and a stale copy', () => {
    expect(code(addTraining(untrained, { ...record, date: '2026-13-01' }, { tree, now: NOW, expectedRev: 1 }))).toBe(
      'TRAINING_INVALID',
    );
    expect(code(addTraining(untrained, { ...record, course: '' }, { tree, now: NOW, expectedRev: 1 }))).toBe(
      'TRAINING_INVALID',
    );
    expect(code(addTraining(untrained, record, { tree, now: NOW, expectedRev: 5 }))).toBe('CONFLICT');
  });
});
