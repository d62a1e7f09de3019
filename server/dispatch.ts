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
import { DomainError, commonErrors, isDomainError } from '../core/errors';
import { passwordFindings, passwordRefusal } from '../core/security/passwords';
import { callerIdentity } from './cloud';
import { ECHO_MAX_CHARS, EDGE_LIMITS, echo, edgeProblem } from './edge';
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

/** An error message never grows past this, whatever it repeats (issue 11: short echoes). */
const MAX_MESSAGE_CHARS = 400;

const answerOf = (err: DomainError): ApiResult<never> => ({
  ok: false,
  error: {
    code: err.code,
    message: err.message.length > MAX_MESSAGE_CHARS ? echo(err.message, MAX_MESSAGE_CHARS) : err.message,
  },
});

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

/** Our own schemas' messages (server/schemas.ts) say what is wrong in Chinese; valibot's say it in English. */
function invalidInputOf(issue: v.BaseIssue<unknown> | undefined): DomainError {
  if (!issue) return commonErrors.invalidInput(null);
  if (issue.message.startsWith('请求参数不合法')) return new DomainError('INVALID_INPUT', issue.message);
  const path = v.getDotPath(issue);
  return commonErrors.invalidInput(path ? echo(path, ECHO_MAX_CHARS * 2) : null);
}

export type Main = (event: unknown, context?: unknown) => Promise<ApiResult<unknown>>;

/**
 * Every action table a function entry built in this process, for the edge's contract test (issue 11:
 * one bound for every offset, limit and cursor — checked on every action, whichever lane added it).
 */
export const actionTables: ReadonlyArray<Readonly<Record<string, ActionDef<unknown, unknown> | undefined>>> = [];

export function createMain<F extends FunctionName>(handlers: Handlers<F>, options: RuntimeOptions = {}): Main {
  const clock = options.clock ?? { now: () => Date.now() };
  const newId = options.newId ?? (() => randomUUID().replace(/-/g, ''));
  const table = handlers as Record<string, ActionDef<unknown, unknown> | undefined>;
  (actionTables as Array<typeof table>).push(table);

  return async (event, context) => {
    try {
      // The edge, in order, each before anything costlier: the event's shape (forbidden keys at any
      // depth, nesting, size), the action's name, then the action's schema with its rules' limits.
      // Nothing here reads the database or screens text.
      const problem = edgeProblem(event);
      if (problem) throw problem;
      const name = (event as { action?: unknown }).action;
      if (typeof name !== 'string') throw commonErrors.invalidInput('action');
      const def =
        name.length <= EDGE_LIMITS.maxActionChars && Object.prototype.hasOwnProperty.call(table, name)
          ? table[name]
          : undefined;
      if (!def) throw commonErrors.unknownAction(echo(name));

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
        throw invalidInputOf(parsed.issues[0]);
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
      if (isDomainError(err)) return answerOf(err);
      // Unexpected: log for operators, answer without internals.
      console.error('[unexpected]', err);
      return answerOf(commonErrors.internal());
    }
  };
}
