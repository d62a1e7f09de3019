/** The editor's live check: a draft screened as submission would screen it (第十五条, 第十七条). */
import * as v from 'valibot';
import type { ScreenedText } from '../../typings/screening';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { screenText } from './service';

export const check = action({
  access: 'person',
  input: v.strictObject({
    text: v.pipe(v.string(), v.maxLength(20_000)),
    title: v.optional(v.pipe(v.string(), v.maxLength(200))),
    accountKind: v.optional(v.picklist(['institutional', 'personal'] as const)),
    source: v.optional(
      v.strictObject({ outlet: v.pipe(v.string(), v.maxLength(100)), link: v.pipe(v.string(), v.maxLength(2000)) }),
    ),
  }),
  handle: async (params, ctx): Promise<ScreenedText> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'screen.check', { kind: 'none' }, await loadTree());
    return screenText({
      text: params.text,
      ...(params.title !== undefined ? { title: params.title } : {}),
      accountKind: params.accountKind ?? 'institutional',
      source: params.source ?? null,
      openid: ctx.openid,
    });
  },
});
