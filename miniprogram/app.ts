import { config, currentBackend } from './config';

App<IAppOption>({
  globalData: { backend: 'cloud' },
  onLaunch() {
    const backend = currentBackend();
    this.globalData.backend = backend;
    if (backend === 'cloud') {
      wx.cloud.init({ ...(config.envId ? { env: config.envId } : {}), traceUser: true });
    }
  },
});
