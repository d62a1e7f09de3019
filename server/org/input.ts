/** The org function's request shapes, checked at the edge before any handler runs. */
import * as v from 'valibot';
import type { AccountKind, AccountState, Platform, Role } from '../../typings/org';
import { passwordLikeFields } from '../../core/org/accounts';
import { orgError } from '../../core/org/errors';
import { echo } from '../edge';
import { listLimit, listOffset } from '../schemas';

const keysOf = <K extends string>(all: Record<K, true>): K[] => Object.keys(all) as K[];

// Records, so that a value added to the union and not here fails to compile.
const ROLES = keysOf<Role>({
  operator: true,
  reviewer: true,
  leader: true,
  propagandaStaff: true,
  departmentHandler: true,
  unitAdmin: true,
});
const PLATFORMS = keysOf<Platform>({
  weibo: true,
  wechatSubscription: true,
  wechatService: true,
  douyin: true,
  kuaishou: true,
  toutiao: true,
  other: true,
});
const ACCOUNT_KINDS = keysOf<AccountKind>({ institutional: true, personal: true });
const ACCOUNT_STATES = keysOf<AccountState>({
  approved: true,
  active: true,
  suspended: true,
  closed: true,
  cancelled: true,
});

export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
export const text = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));
export const rev = v.pipe(v.number(), v.integer(), v.minValue(0));
export const role = v.picklist(ROLES);
/** The shared list bound (server/schemas.ts): every list action pages the same way. */
export const offset = listOffset;
export const limit = listLimit;
export const scope = v.optional(v.picklist(['unit', 'subtree'] as const));

export const roleGrant = v.strictObject({ role, unitId: id });

export const personFields = v.strictObject({
  name: text(32),
  badgeNo: text(32),
  unitId: id,
  phone: text(32),
  auxiliary: v.boolean(),
  classifiedPost: v.boolean(),
  active: v.boolean(),
});

export const training = v.strictObject({
  course: text(64),
  date: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)),
  issuer: text(64),
  completed: v.boolean(),
});

export const accountFields = v.strictObject({
  platform: v.picklist(PLATFORMS),
  name: text(64),
  platformId: text(128),
  unitId: id,
  kind: v.picklist(ACCOUNT_KINDS),
  ownerId: v.nullable(id),
  realNameVerified: v.boolean(),
  operatorA: v.nullable(id),
  operatorB: v.nullable(id),
  reviewerIds: v.pipe(v.array(id), v.maxLength(20)),
  state: v.picklist(ACCOUNT_STATES),
  exceptionApproval: v.nullable(text(200)),
});

export const responsibility = v.strictObject({
  leaderId: v.nullable(id),
  departmentId: v.nullable(id),
  personId: v.nullable(id),
});

/**
 * 第三十三条: the product never holds a platform password, so a request carrying a field named like
 * one is refused outright — with its own code, before the shape check would call it merely malformed.
 */
export function noPasswords<S extends v.GenericSchema>(schema: S) {
  return v.pipe(
    v.unknown(),
    v.transform((raw: unknown) => {
      const fields = passwordLikeFields(raw);
      if (fields.length > 0) {
        // The field names are the caller's: repeat a few, shortened.
        const named = fields
          .slice(0, 3)
          .map((f) => echo(f))
          .join('、');
        const more = fields.length > 3 ? `等 ${fields.length} 个字段` : '';
        throw orgError('PASSWORD_FORBIDDEN', `系统不保存新媒体平台账号密码，请删除字段：${named}${more}（第三十三条）`);
      }
      return raw;
    }),
    schema,
  );
}
