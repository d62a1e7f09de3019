/**
 * Screening of a netizen message for its triage suggestion (第二十二至二十八条), on the shared lexicon
 * (server/screen/service.ts). The platform's msgSecCheck is not asked here: its verdict carries no
 * triage category, and a pasted batch would cost one platform call per message.
 */
import type { ScreeningCategoryId } from '../../typings/screening';
import { screenMessageText } from '../screen/service';

/** The triage categories screening finds in the text (ScreeningResult.triage). */
export async function screenMessage(text: string): Promise<ScreeningCategoryId[]> {
  return (await screenMessageText({ text, openid: null })).triage;
}
