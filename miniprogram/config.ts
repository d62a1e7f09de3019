/**
 * The one switch between the real cloud and the local CloudBase stand-in (tools/local-cloud).
 * Set `backend: 'local'` to develop against the local cloud from DevTools; it only takes effect in
 * the development build, so a trial or release package can never point at 127.0.0.1.
 */
export type Backend = 'cloud' | 'local';

export type EnvVersion = 'develop' | 'trial' | 'release';

export interface AppConfig {
  backend: Backend;
  /** Base URL of the local cloud; functions are served at `${localUrl}/functions/<name>`. */
  localUrl: string;
  /** The OPENID the local cloud attributes calls to (sent as `x-wx-openid`). */
  localOpenid: string;
  /** CloudBase environment id; empty means the DevTools default environment. */
  envId: string;
}

export const config: AppConfig = {
  backend: 'cloud',
  localUrl: 'http://127.0.0.1:3700',
  localOpenid: 'demo-operator-a',
  envId: '',
};

export function effectiveBackend(cfg: AppConfig, envVersion: EnvVersion): Backend {
  return cfg.backend === 'local' && envVersion === 'develop' ? 'local' : 'cloud';
}

/** Reads the running build's version; call it at run time, never at import time. */
export function currentBackend(cfg: AppConfig = config): Backend {
  return effectiveBackend(cfg, wx.getAccountInfoSync().miniProgram.envVersion);
}
