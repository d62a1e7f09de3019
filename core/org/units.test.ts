import type { Unit } from '../../typings/org';
import { demoOrg } from './demo';
import { ViolationsError } from './errors';
import { checkResponsibility, setResponsibility } from './units';
import { buildTree } from './tree';

const NOW = Date.parse('2026-03-02T02:00:00Z');
const org = demoOrg();
const tree = buildTree(org.units);
const people = new Map(org.people.map((p) => [p._id, p]));
function unit(id: string): Unit {
  const found = org.units.find((u) => u._id === id);
  if (!found) throw new Error(`no demo unit ${id}`);
  return found;
}

describe('responsibility (第二十九条)', () => {
  it('holds for every demo unit', () => {
    for (const u of org.units)
      expect([u._id, checkResponsibility(u, u.responsibility, tree, people)]).toEqual([u._id, []]);
  });

  it('names a leader who leads, a department and a person of the own bureau', () => {
    const ly = unit('u-ly');
    const broken = checkResponsibility(
      ly,
      { leaderId: 'p-ly-reviewer', departmentId: 'u-cs-xcc', personId: 'p-cs-operator-a' },
      tree,
      people,
    );
    expect(broken.map((v) => v.code)).toEqual(['LEADER_ROLE_MISSING', 'DEPARTMENT_INVALID', 'PERSON_OUTSIDE']);
    expect(broken.every((v) => v.article === '第二十九条')).toBe(true);
    const unknown = checkResponsibility(
      ly,
      { leaderId: 'p-gone', departmentId: 'u-ly', personId: 'p-gone' },
      tree,
      people,
    );
    expect(unknown.map((v) => v.code)).toEqual(['LEADER_UNKNOWN', 'DEPARTMENT_INVALID', 'PERSON_UNKNOWN']);
  });

  it('saves a valid change with an audit entry of what changed', () => {
    const ly = unit('u-ly');
    const result = setResponsibility(
      ly,
      { ...ly.responsibility, personId: 'p-ly-operator' },
      { tree, people, now: NOW, expectedRev: 1 },
    );
    if (!result.ok) throw result.error;
    expect(result.next).toMatchObject({
      rev: 2,
      updatedAt: '2026-03-02T10:00:00.000+08:00',
      responsibility: { personId: 'p-ly-operator' },
    });
    expect(result.effects[0]).toMatchObject({
      action: 'org.setResponsibility',
      object: { collection: 'units', id: 'u-ly' },
      changes: [{ field: 'personId', from: 'p-ly-reviewer', to: 'p-ly-operator' }],
    });
  });

  it('refuses an invalid change with every violation, and a stale copy', () => {
    const ly = unit('u-ly');
    const bad = setResponsibility(
      ly,
      { leaderId: 'p-ly-reviewer', departmentId: null, personId: null },
      { tree, people, now: NOW, expectedRev: 1 },
    );
    expect(!bad.ok && bad.error).toBeInstanceOf(ViolationsError);
    expect(!bad.ok && bad.error.message).toBe(
      '责任领导、责任部门或责任人员设置有误（第二十九条）：黄涛不是本单位的分管领导',
    );
    const stale = setResponsibility(ly, ly.responsibility, { tree, people, now: NOW, expectedRev: 0 });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
  });
});
