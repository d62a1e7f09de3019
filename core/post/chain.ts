/**
 * The approval chain (第十五条, 第十六条, 第十八条): ONE pure function from the account, the unit tree
 * and the level. `units` must hold at least the account's unit, its ancestors (its `path`) and the
 * propaganda desks under those bureaus.
 */
import type { Account, Person, Unit } from '../../typings/org';
import type { ChainPlan, ChainStep, PostError, Recipient, SensitivityLevel, StepHolder } from '../../typings/post';
import { bureauOf, buildTree, propagandaDeskOf, superiorBureauOf, unitOf, type UnitTree } from '../org/tree';
import { postError } from './errors';
import { compareLevels, levelLabels } from './levels';

export interface ChainInput {
  account: Account;
  units: readonly Unit[];
  level: SensitivityLevel;
  /** Screening found a 第十八条 topic (weighs only for a personal account). */
  touchesArticle18: boolean;
}

export type ChainResult = { ok: true; plan: ChainPlan } | { ok: false; error: PostError };

/** Superior bureaus, nearest first, ending at the province. */
function superiorBureaus(bureau: Unit, tree: UnitTree): Unit[] {
  const out: Unit[] = [];
  for (
    let b = superiorBureauOf(bureau._id, tree);
    b && out.length < bureau.path.length;
    b = superiorBureauOf(b._id, tree)
  ) {
    out.push(b);
  }
  return out;
}

const unresolved = (detail: string): ChainResult => ({ ok: false, error: postError('CHAIN_UNRESOLVED', detail) });

function deskStep(bureau: Unit, desk: Unit, article: string): ChainStep {
  // A desk may be named in full (长沙市公安局政治部宣传处) or by its own name only (政治部宣传处).
  const fullName = desk.name.startsWith(bureau.name) ? desk.name : `${bureau.name}${desk.name}`;
  return {
    key: `desk:${desk._id}`,
    kind: 'propagandaDesk',
    holders: [{ role: 'propagandaStaff', unitId: desk._id, personIds: null }],
    unitId: desk._id,
    unitName: fullName,
    label: `${fullName}审批`,
    article,
  };
}

/**
 * 第十六条 "逐级上报省厅政治部宣传处": the desks of the bureaus above, level by level, up to the
 * province's; the province's own desk when the account is provincial. `fromOwn` starts at the
 * account's own bureau (a personal post first needs its own unit's desk, 第十八条).
 */
function deskLadder(tree: UnitTree, bureau: Unit, fromOwn: boolean, ownArticle: string): ChainStep[] | string {
  const superiors = superiorBureaus(bureau, tree);
  const ladder = fromOwn || superiors.length === 0 ? [bureau, ...superiors] : superiors;
  const steps: ChainStep[] = [];
  for (const b of ladder) {
    const desk = propagandaDeskOf(b._id, tree);
    if (!desk) return `未找到${b.name}的政工宣传部门`;
    steps.push(deskStep(b, desk, b === bureau ? ownArticle : '第十六条'));
  }
  return steps;
}

export function computeChain(input: ChainInput): ChainResult {
  const { account, level } = input;
  // The org tree wants exactly one root (the province); anything else is incomplete data, not a crash.
  if (input.units.filter((u) => u.parentId === null).length !== 1) return unresolved('单位数据不完整');
  const tree = buildTree(input.units);
  const unit = unitOf(account.unitId, tree);
  if (!unit) return unresolved('账号所属单位不存在');
  const bureau = bureauOf(unit._id, tree);
  if (!bureau) return unresolved(`未找到${unit.name}所属的公安机关`);

  if (account.kind === 'personal') {
    // 第十八条: only sensitive topics need the unit's propaganda desk; the rest is logged.
    const needsDesk = input.touchesArticle18 || compareLevels(level, 'ordinary') > 0;
    if (!needsDesk) {
      return {
        ok: true,
        plan: {
          level,
          steps: [],
          logged: true,
          summary: '个人公安新媒体一般信息：无需审批，发布后登记备查（第十八条）',
        },
      };
    }
    const own = propagandaDeskOf(bureau._id, tree);
    if (!own) return unresolved(`未找到${bureau.name}的政工宣传部门`);
    const steps =
      level === 'especiallyMajor' ? deskLadder(tree, bureau, true, '第十八条') : [deskStep(bureau, own, '第十八条')];
    if (typeof steps === 'string') return unresolved(steps);
    return { ok: true, plan: plan(level, steps) };
  }

  // 第十六条: an institutional account has at least one named reviewer.
  if (account.reviewerIds.length === 0) return { ok: false, error: postError('NO_REVIEWER') };
  const steps: ChainStep[] = [
    {
      key: 'reviewer',
      kind: 'reviewer',
      holders: [{ role: 'reviewer', unitId: unit._id, personIds: [...account.reviewerIds] }],
      unitId: unit._id,
      unitName: unit.name,
      label: '审核民警审核',
      article: '第十六条',
    },
  ];
  if (compareLevels(level, 'major') >= 0) {
    // 所在单位分管领导, or 同级分管宣传工作领导 (a leader held in the bureau's propaganda desk).
    const holders: StepHolder[] = [{ role: 'leader', unitId: unit._id, personIds: null }];
    const desk = propagandaDeskOf(bureau._id, tree);
    if (desk && desk._id !== unit._id) holders.push({ role: 'leader', unitId: desk._id, personIds: null });
    steps.push({
      key: 'leader',
      kind: 'leader',
      holders,
      unitId: unit._id,
      unitName: unit.name,
      label: '分管领导审批',
      article: '第十六条',
    });
  }
  if (level === 'especiallyMajor') {
    const ladder = deskLadder(tree, bureau, false, '第十六条');
    if (typeof ladder === 'string') return unresolved(ladder);
    steps.push(...ladder);
  }
  return { ok: true, plan: plan(level, steps) };
}

function plan(level: SensitivityLevel, steps: ChainStep[]): ChainPlan {
  return {
    level,
    steps,
    logged: false,
    summary: `${levelLabels[level]}信息：${steps.map((s) => s.label).join(' → ')}`,
  };
}

/** Whether the person may decide the step: holds one of its (role, unit) pairs, and is named if it names people. */
export function holdsStep(step: ChainStep, person: Pick<Person, '_id' | 'roles'>): boolean {
  return step.holders.some(
    (h) =>
      (h.personIds === null || h.personIds.includes(person._id)) &&
      person.roles.some((g) => g.role === h.role && g.unitId === h.unitId),
  );
}

/** Keys under which a post waiting for this step is listed (posts.pendingWith). */
export function pendingKeysOfStep(step: ChainStep): string[] {
  return step.holders.flatMap((h) =>
    h.personIds ? h.personIds.map((id) => `person:${id}`) : [`role:${h.role}@${h.unitId}`],
  );
}

/** Keys to query posts.pendingWith for a person's approvals list ("待审批"). */
export function pendingKeysOfPerson(person: Pick<Person, '_id' | 'roles'>): string[] {
  return [`person:${person._id}`, ...person.roles.map((g) => `role:${g.role}@${g.unitId}`)];
}

export function recipientsOfStep(step: ChainStep): Recipient[] {
  return step.holders.flatMap((h): Recipient[] =>
    h.personIds
      ? h.personIds.map((personId) => ({ type: 'person', personId }))
      : [{ type: 'role', role: h.role, unitId: h.unitId }],
  );
}
