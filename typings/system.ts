import type { ActionSpec, NoParams } from './api';
import type { IsoTime } from './common';

/** Health and identity probes, no domain state. */
export interface SystemApi {
  /** A no-op round trip: the baseline of every benchmark. */
  ping: ActionSpec<NoParams, { now: IsoTime }>;
  /** The caller as the cloud sees them (OPENID only; the person comes from org.me). */
  whoami: ActionSpec<NoParams, { openid: string | null }>;
}
