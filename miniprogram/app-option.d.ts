import type { Backend } from './config';

declare global {
  /** The App instance as pages see it through getApp<IAppOption>(). */
  interface IAppOption {
    globalData: {
      /** Which backend this run talks to, decided once at launch (see config.ts). */
      backend: Backend;
    };
  }
}
