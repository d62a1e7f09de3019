/**
 * `wx` doubles for UI tests: the cloud transport answers from per-test replies, and the navigation
 * and tab-bar APIs are spied on. Only the mini-program's tests use this; server tests never mock wx.
 */
import type { ApiResult } from '../../typings/common';
import type { ResultIn } from '../services/api';
import type { ClientApi } from '../services/contract';

interface CallFunctionParam {
  name: string;
  data: { action: string };
}

type Answer = () => Promise<{ result: unknown }>;

export interface Deferred<R> {
  resolve(result: ApiResult<R>): Promise<void>;
}

export interface CloudMock<C = ClientApi> {
  /** Every call to fn.action answers `result` from now on. */
  reply<F extends keyof C & string, A extends keyof C[F] & string>(
    fn: F,
    action: A,
    result: ApiResult<ResultIn<C, F, A>>,
  ): void;
  /** The next call to fn.action stays pending until the returned handle resolves it. */
  hold<F extends keyof C & string, A extends keyof C[F] & string>(fn: F, action: A): Deferred<ResultIn<C, F, A>>;
  /** Calls to fn.action fail as a lost connection does. */
  failNetwork(fn: keyof C & string, action: string): void;
  /** The data sent to fn.action, oldest first. */
  sent(fn: keyof C & string, action: string): object[];
}

export interface WxSpies {
  cloud: CloudMock;
  navigateTo: jest.SpyInstance;
  switchTab: jest.SpyInstance;
  reLaunch: jest.SpyInstance;
  setTabBarBadge: jest.SpyInstance;
  removeTabBarBadge: jest.SpyInstance;
  showTabBarRedDot: jest.SpyInstance;
  hideTabBarRedDot: jest.SpyInstance;
  showToast: jest.SpyInstance;
  stopPullDownRefresh: jest.SpyInstance;
}

/** Lets pending promise callbacks (transport, setData) run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function createCloud(): { mock: CloudMock; callFunction: (param: CallFunctionParam) => Promise<{ result: unknown }> } {
  const answers = new Map<string, Answer[]>();
  const fixed = new Map<string, Answer>();
  const log = new Map<string, object[]>();
  const key = (fn: string, action: string): string => `${fn}.${action}`;

  const mock: CloudMock = {
    reply(fn, action, result) {
      fixed.set(key(fn, action), () => Promise.resolve({ result }));
    },
    hold(fn, action) {
      let settle: (value: { result: unknown }) => void = () => undefined;
      const pending = new Promise<{ result: unknown }>((resolve) => {
        settle = resolve;
      });
      const queue = answers.get(key(fn, action)) ?? [];
      queue.push(() => pending);
      answers.set(key(fn, action), queue);
      return {
        resolve: (result) => {
          settle({ result });
          return flush();
        },
      };
    },
    failNetwork(fn, action) {
      fixed.set(key(fn, action), () => Promise.reject(new Error('request:fail timeout')));
    },
    sent(fn, action) {
      return log.get(key(fn, action)) ?? [];
    },
  };

  const callFunction = (param: CallFunctionParam): Promise<{ result: unknown }> => {
    const k = key(param.name, param.data.action);
    log.set(k, [...(log.get(k) ?? []), param.data]);
    const answer = answers.get(k)?.shift() ?? fixed.get(k);
    return answer ? answer() : Promise.reject(new Error(`no reply set for ${k}`));
  };
  return { mock, callFunction };
}

/** Installs fresh doubles before each test of the calling file and restores wx after it. */
export function useWx(): WxSpies {
  const spies = {} as WxSpies;
  beforeEach(() => {
    const cloud = createCloud();
    Object.assign(wx, { cloud: { init: jest.fn(), callFunction: jest.fn(cloud.callFunction) } });
    Object.assign(spies, {
      cloud: cloud.mock,
      navigateTo: jest.spyOn(wx, 'navigateTo'),
      switchTab: jest.spyOn(wx, 'switchTab'),
      reLaunch: jest.spyOn(wx, 'reLaunch'),
      setTabBarBadge: jest.spyOn(wx, 'setTabBarBadge'),
      removeTabBarBadge: jest.spyOn(wx, 'removeTabBarBadge'),
      showTabBarRedDot: jest.spyOn(wx, 'showTabBarRedDot'),
      hideTabBarRedDot: jest.spyOn(wx, 'hideTabBarRedDot'),
      showToast: jest.spyOn(wx, 'showToast'),
      stopPullDownRefresh: jest.spyOn(wx, 'stopPullDownRefresh'),
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return spies;
}
