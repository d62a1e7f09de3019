/**
 * 第十六条 level floors: a level a reviewer or approver raised on the chain is kept for every later
 * version, so an operator's next resubmission (a small edit, 一般 declared again) cannot make the
 * leader's step disappear. Only a decider at or above the step that raised it may lower it, with a
 * reason; a lowering to a level still above 一般 is itself a floor.
 *
 * A chain only grows with the level (reviewer → leader → desks up to the province, each level's
 * chain a prefix of the next), so a step's index in the chain is its rank.
 */
import type { LevelChange, LevelFloor, Post, PostVersion, SensitivityLevel } from '../../typings/post';
import { compareLevels, maxLevel } from './levels';

const floorOf = (c: LevelChange): LevelFloor => ({
  level: c.to,
  stepKey: c.stepKey,
  stepLabel: c.stepLabel,
  stepIndex: c.stepIndex,
  personId: c.personId,
  version: c.version,
  at: c.at,
});

/** The floors in force after these changes, lowest first. */
export function activeFloors(changes: readonly LevelChange[]): LevelFloor[] {
  let floors: LevelFloor[] = [];
  for (const c of changes) {
    if (c.kind === 'raise') {
      floors.push(floorOf(c));
      continue;
    }
    // A lowering lifts every floor above its level, and stands as a floor of its own.
    floors = floors.filter((f) => compareLevels(f.level, c.to) <= 0);
    if (c.to !== 'ordinary') floors.push(floorOf(c));
  }
  return floors.sort((a, b) => compareLevels(a.level, b.level));
}

/** The highest floor in force: what every later version must be submitted at, at least. */
export function levelFloorOf(post: Pick<Post, 'levelChanges'>): LevelFloor | null {
  const floors = activeFloors(post.levelChanges ?? []);
  return floors[floors.length - 1] ?? null;
}

/** The level a version runs at: what the operator declared, lifted to the screening and chain floors. */
export function effectiveLevel(
  declared: SensitivityLevel,
  screeningFloor: SensitivityLevel,
  floor: LevelFloor | null,
): SensitivityLevel {
  const lifted = maxLevel(declared, screeningFloor);
  return floor ? maxLevel(lifted, floor.level) : lifted;
}

/**
 * Whether a decider at `stepIndex` may bring the level down to `target`: every floor above the target
 * was set at their step or below it.
 */
export function blockingFloor(
  post: Pick<Post, 'levelChanges'>,
  target: SensitivityLevel,
  stepIndex: number,
): LevelFloor | null {
  const above = activeFloors(post.levelChanges ?? []).filter((f) => compareLevels(f.level, target) > 0);
  return above.find((f) => f.stepIndex > stepIndex) ?? null;
}

const ORDER: readonly SensitivityLevel[] = ['ordinary', 'major', 'especiallyMajor'];

/**
 * The least a decider may lower to: what screening requires, and what the operator declared of their
 * own accord. A declaration no higher than a floor set on the chain was the floor's, not theirs.
 */
export function lowestAllowed(post: Pick<Post, 'levelChanges' | 'declaredLevel' | 'floorLevel'>): SensitivityLevel {
  const floor = levelFloorOf(post);
  const ownDeclaration = floor && compareLevels(post.declaredLevel, floor.level) <= 0 ? 'ordinary' : post.declaredLevel;
  return maxLevel(post.floorLevel, ownDeclaration);
}

/**
 * The levels a decider at `stepIndex` may lower the post to: below the current level, not below what
 * the operator declared or screening requires, and past no floor a higher step set.
 */
export function lowerOptions(
  post: Pick<Post, 'levelChanges' | 'level' | 'declaredLevel' | 'floorLevel'>,
  stepIndex: number,
): SensitivityLevel[] {
  const least = lowestAllowed(post);
  return ORDER.filter(
    (l) =>
      compareLevels(l, post.level) < 0 && compareLevels(l, least) >= 0 && blockingFloor(post, l, stepIndex) === null,
  );
}

/**
 * For the reviewer's version diff: the level the earlier version ended at (after any raise or
 * lowering on its chain) against the level now, and the changes made on its chain.
 */
export function levelDiff(
  previous: Pick<PostVersion, 'version' | 'level'>,
  post: Pick<Post, 'level' | 'levelChanges'>,
): { level: { from: SensitivityLevel; to: SensitivityLevel } | null; levelChanges: LevelChange[] } {
  const changes = (post.levelChanges ?? []).filter((c) => c.version === previous.version);
  const ended = changes.length > 0 ? changes[changes.length - 1].to : previous.level;
  return { level: ended === post.level ? null : { from: ended, to: post.level }, levelChanges: changes };
}
