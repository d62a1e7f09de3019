import type { Account, Unit } from '../../typings/org';
import type { ChainPlan, SensitivityLevel } from '../../typings/post';
import { computeChain, holdsStep, pendingKeysOfPerson, pendingKeysOfStep, recipientsOfStep } from './chain';
import {
  city,
  cityDesk,
  cityTraffic,
  county,
  countyDesk,
  institutional,
  personal,
  province,
  provinceDesk,
  staff,
  units,
} from './testkit';

function planOf(
  account: Account,
  level: SensitivityLevel,
  touchesArticle18 = false,
  tree: readonly Unit[] = units,
): ChainPlan {
  const r = computeChain({ account, units: tree, level, touchesArticle18 });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.plan;
}

const keys = (p: ChainPlan): string[] => p.steps.map((s) => s.key);

describe('computeChain: every level × institutional/personal × county/city/province', () => {
  const bureaus = { province, city, county };
  // Expected step keys, written out by hand from 第十六条 / 第十八条.
  const expected: Record<
    'institutional' | 'personal',
    Record<keyof typeof bureaus, Record<SensitivityLevel, string[]>>
  > = {
    institutional: {
      province: {
        ordinary: ['reviewer'],
        major: ['reviewer', 'leader'],
        especiallyMajor: ['reviewer', 'leader', 'desk:u-prov-desk'],
      },
      city: {
        ordinary: ['reviewer'],
        major: ['reviewer', 'leader'],
        especiallyMajor: ['reviewer', 'leader', 'desk:u-prov-desk'],
      },
      county: {
        ordinary: ['reviewer'],
        major: ['reviewer', 'leader'],
        especiallyMajor: ['reviewer', 'leader', 'desk:u-city-desk', 'desk:u-prov-desk'],
      },
    },
    personal: {
      province: { ordinary: [], major: ['desk:u-prov-desk'], especiallyMajor: ['desk:u-prov-desk'] },
      city: { ordinary: [], major: ['desk:u-city-desk'], especiallyMajor: ['desk:u-city-desk', 'desk:u-prov-desk'] },
      county: {
        ordinary: [],
        major: ['desk:u-county-desk'],
        especiallyMajor: ['desk:u-county-desk', 'desk:u-city-desk', 'desk:u-prov-desk'],
      },
    },
  };
  const cases = (['institutional', 'personal'] as const).flatMap((kind) =>
    (['province', 'city', 'county'] as const).flatMap((b) =>
      (['ordinary', 'major', 'especiallyMajor'] as const).map((level) => [kind, b, level] as const),
    ),
  );

  it.each(cases)('%s account of the %s bureau, %s', (kind, b, level) => {
    const account = kind === 'institutional' ? institutional(bureaus[b]) : personal(bureaus[b]);
    const plan = planOf(account, level);
    expect(keys(plan)).toEqual(expected[kind][b][level]);
    expect(plan.logged).toBe(kind === 'personal' && level === 'ordinary');
    expect(plan.level).toBe(level);
    for (const step of plan.steps) expect(step.label).toMatch(/[审核批]$/);
  });

  it('names the account reviewers on the reviewer step, in the account unit', () => {
    const [reviewer] = planOf(institutional(county), 'ordinary').steps;
    expect(reviewer.holders).toEqual([{ role: 'reviewer', unitId: 'u-county', personIds: ['county-reviewer'] }]);
    expect(reviewer.label).toBe('审核民警审核');
    expect(reviewer.unitName).toBe('浏阳市公安局');
  });

  it('lets the unit leader or the same level propaganda leader decide the leader step', () => {
    const leader = planOf(institutional(city), 'major').steps[1];
    expect(leader.label).toBe('分管领导审批');
    expect(leader.holders).toEqual([
      { role: 'leader', unitId: 'u-city', personIds: null },
      { role: 'leader', unitId: 'u-city-desk', personIds: null },
    ]);
    expect(holdsStep(leader, staff.city.leader)).toBe(true);
    expect(holdsStep(leader, staff.city.propagandaLeader)).toBe(true);
    expect(holdsStep(leader, staff.county.leader)).toBe(false);
  });

  it('routes a department account through its own leader and its bureau desk leader', () => {
    const account = { ...institutional(city), _id: 'acc-traffic', unitId: cityTraffic._id };
    const plan = planOf(account, 'especiallyMajor');
    expect(plan.steps[0].holders[0].unitId).toBe('u-city-traffic');
    expect(plan.steps[1].holders.map((h) => h.unitId)).toEqual(['u-city-traffic', 'u-city-desk']);
    expect(keys(plan)).toEqual(['reviewer', 'leader', 'desk:u-prov-desk']);
  });

  it('labels the provincial desk step as 省厅政治部宣传处 and the rest by bureau', () => {
    const plan = planOf(institutional(county), 'especiallyMajor');
    expect(plan.steps.map((s) => s.label)).toEqual([
      '审核民警审核',
      '分管领导审批',
      '长沙市公安局宣传处审批',
      '湖南省公安厅政治部宣传处审批',
    ]);
    expect(plan.summary).toBe(
      '特别重大敏感或涉及全省信息：审核民警审核 → 分管领导审批 → 长沙市公安局宣传处审批 → 湖南省公安厅政治部宣传处审批',
    );
  });

  it('does not repeat the bureau name when a desk is named in full', () => {
    const named = units.map((u) => (u._id === cityDesk._id ? { ...u, name: `${city.name}政治部宣传处` } : u));
    const plan = planOf(institutional(county), 'especiallyMajor', false, named);
    expect(plan.steps[2]?.label).toBe(`${city.name}政治部宣传处审批`);
  });

  it('sends a personal post that touches 第十八条 to its desk even when declared ordinary', () => {
    const plan = planOf(personal(county), 'ordinary', true);
    expect(plan.logged).toBe(false);
    expect(keys(plan)).toEqual(['desk:u-county-desk']);
    expect(plan.steps[0].article).toBe('第十八条');
    expect(plan.steps[0].holders).toEqual([{ role: 'propagandaStaff', unitId: countyDesk._id, personIds: null }]);
  });

  it('logs an ordinary personal post without approval', () => {
    const plan = planOf(personal(city), 'ordinary');
    expect(plan.steps).toEqual([]);
    expect(plan.summary).toContain('无需审批');
  });

  it('refuses an institutional account without a reviewer (第十六条)', () => {
    const r = computeChain({
      account: { ...institutional(city), reviewerIds: [] },
      units,
      level: 'ordinary',
      touchesArticle18: false,
    });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'NO_REVIEWER' }) });
  });

  it('reports a missing propaganda desk instead of skipping it', () => {
    const tree = units.filter((u) => u !== cityDesk);
    const r = computeChain({
      account: institutional(county),
      units: tree,
      level: 'especiallyMajor',
      touchesArticle18: false,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CHAIN_UNRESOLVED');
      expect(r.error.message).toContain('长沙市公安局');
    }
    // The same tree still serves an ordinary post, which needs no desk.
    expect(
      computeChain({ account: institutional(county), units: tree, level: 'ordinary', touchesArticle18: false }).ok,
    ).toBe(true);
  });

  it('reports an account whose unit is unknown', () => {
    const r = computeChain({
      account: { ...institutional(city), unitId: 'nowhere' },
      units,
      level: 'ordinary',
      touchesArticle18: false,
    });
    expect(r.ok || r.error.code).toBe('CHAIN_UNRESOLVED');
  });
});

describe('step holders, pending keys and recipients', () => {
  const plan = planOf(institutional(county), 'especiallyMajor');

  it('requires both the named person and the grant for the reviewer step', () => {
    const [reviewer] = plan.steps;
    expect(holdsStep(reviewer, staff.county.reviewer)).toBe(true);
    // Holds the grant but is not named on the account.
    expect(holdsStep(reviewer, { _id: 'someone-else', roles: [{ role: 'reviewer', unitId: 'u-county' }] })).toBe(false);
    // Named but the grant is elsewhere.
    expect(holdsStep(reviewer, { _id: 'county-reviewer', roles: [{ role: 'reviewer', unitId: 'u-city' }] })).toBe(
      false,
    );
  });

  it('keys the approvals list by person for named steps and by role@unit otherwise', () => {
    expect(pendingKeysOfStep(plan.steps[0])).toEqual(['person:county-reviewer']);
    expect(pendingKeysOfStep(plan.steps[2])).toEqual(['role:propagandaStaff@u-city-desk']);
    const cityStaffKeys = pendingKeysOfPerson(staff.city.staff);
    expect(cityStaffKeys).toContain('role:propagandaStaff@u-city-desk');
    expect(pendingKeysOfPerson(staff.county.reviewer)).toContain('person:county-reviewer');
  });

  it('turns steps into notification recipients', () => {
    expect(recipientsOfStep(plan.steps[0])).toEqual([{ type: 'person', personId: 'county-reviewer' }]);
    expect(recipientsOfStep(plan.steps[3])).toEqual([
      { type: 'role', role: 'propagandaStaff', unitId: provinceDesk._id },
    ]);
  });
});
