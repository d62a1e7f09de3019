/** The account function's request shapes, checked at the edge before any handler runs. */
import * as v from 'valibot';
import type { AccountState, Platform } from '../../typings/org';
import type { FilingState } from '../../typings/account';
import { PLATFORM_CATALOGUE } from '../../core/account/catalogue';
import { id, text } from '../org/input';
import { pageParams } from '../schemas';

export { id, text };

const keysOf = <K extends string>(all: Record<K, true>): K[] => Object.keys(all) as K[];

export const platform = v.picklist(PLATFORM_CATALOGUE.map((e) => e.platform) as [Platform, ...Platform[]]);
export const accountKind = v.picklist(['institutional', 'personal'] as const);
export const accountState = v.picklist(
  keysOf<AccountState>({ approved: true, active: true, suspended: true, closed: true, cancelled: true }),
);
export const filingState = v.picklist(
  keysOf<FilingState>({ due: true, filed: true, queried: true, acknowledged: true }),
);
export const rev = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000));

/** A client's idempotency key: one per form submission, reused by retries. */
export const clientKey = v.pipe(v.string(), v.minLength(8), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/));

/** Storage file ids (cloud://env.bucket/path) the client uploaded. */
export const fileId = v.pipe(v.string(), v.minLength(1), v.maxLength(512), v.startsWith('cloud://'));

export const PAGE_DEFAULT = 20;

/** THE list bound (server/schemas.ts): offset 0–10,000, limit 0–100 (0 answers the header only). */
export const paged = pageParams;

/** The next offset after a page read with `limit + 1`: null on the last page (or a header-only read). */
export const nextOf = (offset: number, limit: number, fetched: number): number | null =>
  limit > 0 && fetched > limit ? offset + limit : null;

const attestation = v.strictObject({ attested: v.boolean(), note: text(200) });

export const openingFields = {
  unitId: id,
  platform,
  name: text(40),
  purpose: text(500),
  columnPlan: text(2000),
  conditions: v.strictObject({
    operatorA: v.nullable(id),
    operatorB: v.nullable(id),
    reviewerIds: v.pipe(v.array(id), v.maxLength(10)),
    technicalSupport: text(200),
    equipment: attestation,
    premises: attestation,
    funding: attestation,
    exceptionApproval: v.nullable(text(200)),
  }),
};

export const registrationFields = {
  platform,
  name: text(40),
  platformId: text(128),
  realNameVerified: v.boolean(),
};

export const taskInput = v.variant('key', [
  v.strictObject({ key: v.literal('standardName'), name: text(40) }),
  v.strictObject({ key: v.literal('realName'), platformId: text(128) }),
  v.strictObject({ key: v.picklist(['avatar', 'background', 'columnPlan'] as const), fileID: fileId }),
]);

export const rulesInput = v.strictObject({
  naming: v.strictObject({
    patterns: v.pipe(
      v.array(
        v.strictObject({
          pattern: text(40),
          for: v.picklist(['bureau', 'department'] as const),
          example: text(40),
        }),
      ),
      v.maxLength(30),
    ),
    maxLength: v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(40)),
    forbiddenWords: v.pipe(v.array(text(20)), v.maxLength(50)),
  }),
  filingWorkingDays: v.pipe(v.number(), v.integer()),
  acknowledgeWorkingDays: v.pipe(v.number(), v.integer()),
});
