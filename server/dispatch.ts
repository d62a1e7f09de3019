/**
 * The thin shell every cloud function uses: validate the event at the edge, resolve the caller from
 * the cloud context, run exactly one typed handler, and answer `{ ok, data }` or `{ ok: false, error }`.
 * Unknown actions, malformed input and unexpected exceptions become clear errors, never stack traces.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { ActionName, FunctionName, ParamsOf, ResultOf } from '../typings/api';
import type { ApiResult } from '../typings/common';
import type { Person } from '../typings/org';
import { commonErrors, DomainError, isDomainError } from '../core/errors';
import { passwordFindings, passwordRefusal } from '../core/security/passwords';
import { callerIdentity } from './cloud';
import { store, type Store } from './store';

/**
 * Who may reach an action at all (finer rules are core/auth's):
 * - anyone: no identity needed;
 * - openid: a WeChat user, bound or not (binding itself);
 * - person: a bound, active person.
 */
export type Access = 'anyone' | 'openid' | 'person';

export interface Clock {
  now(): number;
}

export interface HandlerContext {
  openid: string | null;
  /** Set when access is 'person'. */
  caller: Person | null;
  requestId: string;
  /** The instant the request started; one value for the whole request. */
  now: number;
  store: Store;
  newId(): string;
}

export interface ActionDef<P, R> {
  access: Access;
  input: v.GenericSchema<unknown, P>;
  handle(params: P, ctx: HandlerContext): Promise<R>;
}

export type Handlers<F extends FunctionName> = {
  [A in ActionName<F>]: ActionDef<ParamsOf<F, A>, ResultOf<F, A>>;
};

/** Helper that keeps the handler's parameter type tied to its schema. */
export function action<P, R>(def: ActionDef<P, R>): ActionDef<P, R> {
  return def;
}

export interface RuntimeOptions {
  clock?: Clock;
  newId?: () => string;
}

const eventSchema = v.object({ action: v.string() });

async function loadCaller(openid: string): Promise<Person | null> {
  const found = await store.find<Person>('people', { openid }, { limit: 1 });
  return found[0] ?? null;
}

function requestIdOf(context: unknown): string {
  if (context && typeof context === 'object' && 'request_id' in context) {
    const id = (context as { request_id: unknown }).request_id;
    if (typeof id === 'string' && id) return id;
  }
  return randomUUID();
}

export type Main = (event: unknown, context?: unknown) => Promise<ApiResult<unknown>>;

export function createMain<F extends FunctionName>(handlers: Handlers<F>, options: RuntimeOptions = {}): Main {
  const clock = options.clock ?? { now: () => Date.now() };
  const newId = options.newId ?? (() => randomUUID().replace(/-/g, ''));
  const table = handlers as Record<string, ActionDef<unknown, unknown> | undefined>;

  return async (event, context) => {
    try {
      const head = v.safeParse(eventSchema, event);
      if (!head.success) throw commonErrors.invalidInput('action');
      const def = Object.prototype.hasOwnProperty.call(table, head.output.action)
        ? table[head.output.action]
        : undefined;
      if (!def) throw commonErrors.unknownAction(head.output.action);

      // `userInfo` is added by the platform to every mini-program call; identity comes from the
      // cloud context instead, so it is dropped rather than trusted or refused.
      const { action: _action, userInfo: _userInfo, ...rawParams } = event as { action: string; userInfo?: unknown };
      void _action;
      void _userInfo;
      // 第三十三条: no function takes anything that looks like a password, at any depth (issue 15).
      const secrets = passwordFindings(rawParams);
      if (secrets.length > 0) throw new DomainError('PASSWORD_FORBIDDEN', passwordRefusal(secrets));
      const parsed = v.safeParse(def.input, rawParams);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        throw commonErrors.invalidInput(issue ? v.getDotPath(issue) : null);
      }

      const { openid } = callerIdentity();
      let caller: Person | null = null;
      if (def.access !== 'anyone' && !openid) throw commonErrors.notSignedIn();
      if (def.access === 'person') {
        caller = await loadCaller(openid as string);
        if (!caller) throw commonErrors.notSignedIn();
        if (!caller.active) throw commonErrors.inactive();
      }

      const ctx: HandlerContext = {
        openid,
        caller,
        requestId: requestIdOf(context),
        now: clock.now(),
        store,
        newId,
      };
      const data = await def.handle(parsed.output, ctx);
      return { ok: true, data };
    } catch (err) {
      if (isDomainError(err)) return { ok: false, error: { code: err.code, message: err.message } };
      // Unexpected: log for operators, answer without internals.
      console.error('[unexpected]', err);
      const internal = commonErrors.internal();
      return { ok: false, error: { code: internal.code, message: internal.message } };
    }
  };
}
