import type { ApiResult } from '../../typings/common';
import type { Role } from '../../typings/org';
import { call } from './api';

/**
 * The unit an admin page opens on when none is given: where the caller's first role among `roles`
 * reaches (the bureau, for a role held in its propaganda desk).
 */
export async function homeUnitFor(roles: readonly Role[]): Promise<ApiResult<string>> {
  const me = await call('org', 'me', {});
  if (!me.ok) return me;
  const grant = me.data.person.roles.find((r) => roles.includes(r.role));
  if (!grant) return { ok: false, error: { code: 'ROLE_REQUIRED', message: '当前角色无权使用此功能' } };
  return { ok: true, data: grant.scopeUnitId };
}
