/**
 * Screening of a netizen message for its triage suggestion (第二十二至二十八条). Until the screening
 * service (server/screen/service.ts: lexicon from the database) exists, the starter lexicon stands in;
 * switching is this one function.
 */
import type { ScreeningCategoryId } from '../../typings/screening';
import { screen } from '../../core/screening/screen';
import { STARTER_LEXICON } from '../../core/screening/starter-lexicon';

/** The triage categories screening finds in the text (ScreeningResult.triage). */
export async function screenMessage(text: string): Promise<ScreeningCategoryId[]> {
  return screen({ text, context: { kind: 'message' } }, STARTER_LEXICON).triage;
}
