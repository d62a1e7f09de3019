/**
 * The one place that touches wx-server-sdk. `cloud.init` runs once per instance, at module scope,
 * with the environment the function is deployed in (on the local cloud: SCF_NAMESPACE).
 */
import * as cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };

export interface CallerIdentity {
  openid: string | null;
  appid: string | null;
  env: string | null;
}

/** Identity is the caller's OPENID from the cloud context, never a field of the event. */
export function callerIdentity(): CallerIdentity {
  const ctx = cloud.getWXContext();
  const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  return { openid: str(ctx.OPENID), appid: str(ctx.APPID), env: str(ctx.ENV) };
}
