import type { AppConfig, EnvVersion } from './config';

/** What app.ts hands to App(); its onLaunch reads no launch options. */
type AppOptions = IAppOption & { onLaunch(): void };

const registered: AppOptions[] = [];
let init: jest.Mock;

/** Loads app.ts fresh, with its own config module set to `settings`, and runs onLaunch. */
function launch(envVersion: EnvVersion, settings: Partial<AppConfig>): IAppOption {
  Object.assign(wx, {
    getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion, version: '' } }),
  });
  jest.isolateModules(() => {
    Object.assign(jest.requireActual<{ config: AppConfig }>('./config').config, settings);
    jest.requireActual('./app');
  });
  const app = registered.pop();
  if (!app) throw new Error('app.ts did not call App()');
  app.onLaunch();
  return app;
}

beforeEach(() => {
  init = jest.fn();
  Object.assign(wx, { cloud: { init, callFunction: jest.fn() } });
  (globalThis as unknown as { App: (options: AppOptions) => void }).App = (options) => {
    registered.push(options);
  };
});

describe('app', () => {
  it('initialises the cloud with user tracing on launch', () => {
    const app = launch('release', { backend: 'cloud', envId: 'police-prod-1a2b' });
    expect(init).toHaveBeenCalledWith({ env: 'police-prod-1a2b', traceUser: true });
    expect(app.globalData.backend).toBe('cloud');
  });

  it('leaves the environment to DevTools when none is configured', () => {
    launch('develop', { backend: 'cloud', envId: '' });
    expect(init).toHaveBeenCalledWith({ traceUser: true });
  });

  it('does not touch the cloud when developing against the local backend', () => {
    const app = launch('develop', { backend: 'local' });
    expect(init).not.toHaveBeenCalled();
    expect(app.globalData.backend).toBe('local');
  });

  it('still uses the cloud in a release build configured for local', () => {
    const app = launch('release', { backend: 'local' });
    expect(init).toHaveBeenCalledTimes(1);
    expect(app.globalData.backend).toBe('cloud');
  });

  it('calls nothing on wx at import time', () => {
    const getAccountInfoSync = jest.fn();
    Object.assign(wx, { getAccountInfoSync });
    jest.isolateModules(() => {
      jest.requireActual('./app');
    });
    expect(registered).toHaveLength(1);
    expect(getAccountInfoSync).not.toHaveBeenCalled();
    expect(init).not.toHaveBeenCalled();
    registered.pop();
  });
});
