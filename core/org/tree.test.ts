import type { Unit } from '../../typings/org';
import { demoOrg } from './demo';
import {
  buildTree,
  bureauOf,
  checkTree,
  departmentsByFunction,
  escalationTargets,
  inScope,
  isSpecialWork,
  nearestDepartment,
  propagandaDeskOf,
  scopeRootOf,
  superiorBureauOf,
  unitsInScope,
} from './tree';

const units = demoOrg().units;
const tree = buildTree(units);
function unit(id: string): Unit {
  const found = units.find((u) => u._id === id);
  if (!found) throw new Error(`no demo unit ${id}`);
  return found;
}
const ids = (list: readonly (Unit | undefined)[]): (string | undefined)[] => list.map((u) => u?._id);

describe('buildTree / checkTree', () => {
  it('accepts the demo tree', () => {
    expect(checkTree(units)).toEqual([]);
    expect(tree.root._id).toBe('u-hn');
  });

  it('refuses to index a forest or an empty list', () => {
    expect(() => buildTree([])).toThrow('exactly one root');
    const second = { ...units[0], _id: 'u-other', path: ['u-other'] };
    expect(() => buildTree([...units, second])).toThrow('exactly one root');
  });

  const broken: [string, (list: Unit[]) => Unit[], string, string][] = [
    [
      'a path that skips the parent',
      (l) => l.map((u) => (u._id === 'u-ly-wa' ? { ...u, path: ['u-hn', 'u-ly-wa'] } : u)),
      'u-ly-wa',
      'PATH',
    ],
    [
      'a county bureau marked city',
      (l) => l.map((u) => (u._id === 'u-ly' ? { ...u, level: 'city' } : u)),
      'u-ly',
      'LEVEL',
    ],
    [
      'a department with another level than its bureau',
      (l) => l.map((u) => (u._id === 'u-cs-wa' ? { ...u, level: 'county' } : u)),
      'u-cs-wa',
      'LEVEL',
    ],
    ['a bureau without its propaganda desk', (l) => l.filter((u) => u._id !== 'u-ly-xc'), 'u-ly', 'DESK'],
    [
      'a bureau with two desks',
      (l) => [...l, { ...unit('u-ly-xc'), _id: 'u-ly-xc2', path: ['u-hn', 'u-cs', 'u-ly', 'u-ly-xc2'] }],
      'u-ly',
      'DESK',
    ],
    [
      'a dangling parent',
      (l) => l.map((u) => (u._id === 'u-ly-za' ? { ...u, parentId: 'u-gone' } : u)),
      'u-ly-za',
      'PARENT_UNKNOWN',
    ],
    ['a duplicate id', (l) => [...l, { ...l[3] }], units[3]._id, 'DUPLICATE_ID'],
    [
      'a department under a desk',
      (l) =>
        l.map((u) =>
          u._id === 'u-ly-za' ? { ...u, parentId: 'u-ly-xc', path: ['u-hn', 'u-cs', 'u-ly', 'u-ly-xc', 'u-ly-za'] } : u,
        ),
      'u-ly-za',
      'KIND',
    ],
    [
      'a root below province level',
      (l) => l.map((u) => (u._id === 'u-hn' ? { ...u, level: 'city' } : u)),
      'u-hn',
      'ROOT',
    ],
  ];
  it.each(broken)('reports %s', (_label, mutate, unitId, code) => {
    expect(checkTree(mutate(units.map((u) => ({ ...u }))))).toContainEqual(expect.objectContaining({ unitId, code }));
  });
});

describe('scope', () => {
  it('reaches the own unit and everything under it', () => {
    expect(inScope('u-cs-wa', 'u-cs-wa', tree)).toBe(true);
    expect(inScope('u-cs', 'u-cs-wa', tree)).toBe(true);
  });

  it('lets a city see its counties but not a county see its city', () => {
    expect(inScope('u-cs', 'u-ly-xz', tree)).toBe(true);
    expect(inScope('u-ly', 'u-cs', tree)).toBe(false);
    expect(inScope('u-ly', 'u-cs-xz', tree)).toBe(false);
  });

  it('lets the province see all', () => {
    expect(units.every((u) => inScope('u-hn', u._id, tree))).toBe(true);
  });

  it('keeps sibling departments apart', () => {
    expect(inScope('u-cs-wa', 'u-cs-xz', tree)).toBe(false);
    expect(inScope('u-cs-wa', 'u-cs', tree)).toBe(false);
  });

  it('gives a propaganda desk the reach of its whole bureau (第七条)', () => {
    expect(scopeRootOf('u-cs-xcc', tree)).toBe('u-cs');
    expect(inScope('u-cs-xcc', 'u-ly-wa', tree)).toBe(true);
    expect(inScope('u-ly-xc', 'u-ly-za', tree)).toBe(true);
    expect(inScope('u-ly-xc', 'u-cs', tree)).toBe(false);
  });

  it('reaches nothing for unknown units', () => {
    expect(inScope('u-cs', 'u-nowhere', tree)).toBe(false);
    expect(inScope('u-nowhere', 'u-cs', tree)).toBe(false);
  });

  it('lists the units in reach', () => {
    expect(ids(unitsInScope('u-ly', tree)).sort()).toEqual(['u-ly', 'u-ly-wa', 'u-ly-xc', 'u-ly-xz', 'u-ly-za']);
    expect(unitsInScope('u-cs-xcc', tree)).toHaveLength(9 + 5);
    expect(unitsInScope('u-hn', tree)).toHaveLength(units.length);
  });
});

describe('finding units', () => {
  it('finds the bureau, its desk and the superior bureau', () => {
    expect(bureauOf('u-cs-wa', tree)?._id).toBe('u-cs');
    expect(bureauOf('u-ly', tree)?._id).toBe('u-ly');
    expect(propagandaDeskOf('u-ly-za', tree)?._id).toBe('u-ly-xc');
    expect(propagandaDeskOf('u-hn-wa', tree)?.name).toBe('湖南省公安厅政治部宣传处');
    expect(superiorBureauOf('u-ly-xz', tree)?._id).toBe('u-cs');
    expect(superiorBureauOf('u-cs', tree)?._id).toBe('u-hn');
    expect(superiorBureauOf('u-hn-wa', tree)).toBeUndefined();
    expect(bureauOf('u-nowhere', tree)).toBeUndefined();
  });

  it('finds departments by function in the own bureau only', () => {
    expect(ids(departmentsByFunction('u-cs-jj', 'cyberSecurity', tree))).toEqual(['u-cs-wa']);
    expect(ids(departmentsByFunction('u-ly', 'cyberSecurity', tree))).toEqual(['u-ly-wa']);
    expect(departmentsByFunction('u-ly', 'inspection', tree)).toEqual([]);
  });

  it('falls back to the nearest superior bureau that has the department', () => {
    expect(nearestDepartment('u-ly-xz', 'cyberSecurity', tree)?._id).toBe('u-ly-wa');
    expect(nearestDepartment('u-ly-xz', 'inspection', tree)?._id).toBe('u-cs-dc');
    expect(nearestDepartment('u-ly', 'publicOpinion', tree)?._id).toBe('u-hn-yq');
    expect(nearestDepartment('u-ly', 'commandCenter', tree)).toBeUndefined();
  });

  it('flags special-work units and everything inside them (第九条)', () => {
    const inner: Unit = {
      ...unit('u-cs-za'),
      _id: 'u-cs-gb-1',
      parentId: 'u-cs-gb',
      path: ['u-hn', 'u-cs', 'u-cs-gb', 'u-cs-gb-1'],
    };
    const withInner = buildTree([...units, inner]);
    expect(isSpecialWork('u-cs-gb', withInner)).toBe(true);
    expect(isSpecialWork('u-cs-gb-1', withInner)).toBe(true);
    expect(isSpecialWork('u-cs-wa', withInner)).toBe(false);
  });
});

describe('escalationTargets (第二十九条)', () => {
  it('walks from the unit up to the province: person, department, leader at each level', () => {
    expect(escalationTargets('u-ly-wa', tree).map((t) => `${t.unitId}:${t.kind}:${t.id}`)).toEqual([
      'u-ly:person:p-ly-reviewer',
      'u-ly:department:u-ly-xc',
      'u-ly:leader:p-ly-leader',
      'u-cs:person:p-cs-propaganda',
      'u-cs:department:u-cs-xcc',
      'u-cs:leader:p-cs-leader',
      'u-hn:person:p-hn-propaganda',
      'u-hn:department:u-hn-xcc',
      'u-hn:leader:p-hn-leader',
    ]);
  });

  it("puts the unit's own named people first and names nobody twice", () => {
    const own = units.map((u) =>
      u._id === 'u-cs-wa'
        ? { ...u, responsibility: { leaderId: 'p-cs-leader', departmentId: null, personId: 'p-cs-handler-cyber' } }
        : u,
    );
    const targets = escalationTargets('u-cs-wa', buildTree(own));
    expect(targets.slice(0, 3).map((t) => `${t.unitId}:${t.kind}:${t.id}`)).toEqual([
      'u-cs-wa:person:p-cs-handler-cyber',
      'u-cs-wa:leader:p-cs-leader',
      'u-cs:person:p-cs-propaganda',
    ]);
    expect(targets.filter((t) => t.id === 'p-cs-leader')).toHaveLength(1);
  });

  it('is empty for an unknown unit', () => {
    expect(escalationTargets('u-nowhere', tree)).toEqual([]);
  });
});
