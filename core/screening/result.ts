import type {
  ScreeningCategoryId,
  ScreeningContext,
  ScreeningHit,
  ScreeningResult,
  SensitivityLevel,
  WordingSuggestion,
} from '../../typings/screening';
import { higherLevel, SCREENING_CATEGORIES } from './categories';

/** Level, block and triage follow from the hits alone, so every producer of hits shares this. */
export function summarise(
  lexiconVersion: string,
  context: ScreeningContext,
  hits: ScreeningHit[],
  suggestions: WordingSuggestion[] = [],
): ScreeningResult {
  let level: SensitivityLevel = 'ordinary';
  let blocked = false;
  // Only a netizen's message has triage hits: the set is made for those alone.
  let triage: Set<ScreeningCategoryId> | null = null;
  for (const h of hits) {
    if (h.effect === 'block') blocked = true;
    else if (h.effect === 'caution' && h.levelFloor) level = higherLevel(level, h.levelFloor);
    else if (h.effect === 'triage') (triage ??= new Set()).add(h.category);
  }
  const triaged = triage;
  return {
    lexiconVersion,
    context,
    hits,
    level,
    blocked,
    triage: triaged === null ? [] : SCREENING_CATEGORIES.filter((c) => triaged.has(c.id)).map((c) => c.id),
    suggestions,
  };
}
