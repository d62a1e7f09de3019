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
  const triage = new Set<ScreeningCategoryId>();
  for (const h of hits) {
    if (h.effect === 'block') blocked = true;
    else if (h.effect === 'caution' && h.levelFloor) level = higherLevel(level, h.levelFloor);
    else if (h.effect === 'triage') triage.add(h.category);
  }
  return {
    lexiconVersion,
    context,
    hits,
    level,
    blocked,
    triage: SCREENING_CATEGORIES.filter((c) => triage.has(c.id)).map((c) => c.id),
    suggestions,
  };
}
