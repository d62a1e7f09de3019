/**
 * The rules every request meets at the edge, before its action's schema, before any database read
 * and before any screening (issue 11). They cost one pass over the event, so a hostile or careless
 * request is refused for about the price of a ping:
 *
 * - keys named like `Object.prototype` members (`__proto__`, `constructor`, `toString`, …) are
 *   refused at any depth: a validator would silently drop them, so a call meant to be refused runs;
 * - nesting, the number of values, key lengths and the total text a request may carry are bounded;
 * - what an error echoes of the caller's input is a short, truncated piece (`echo`).
 *
 * The per-field limits (a post's 20,000 characters, a paste's 200 messages …) are the actions'
 * schemas' (server/schemas.ts builds them, with the rule's own code), also checked before any work.
 */
import { DomainError, ECHO_MAX_CHARS, commonErrors, echo } from '../core/errors';

/** Bounds on the shape of any event; far above anything the mini-program sends. */
export const EDGE_LIMITS = {
  /** Objects and arrays inside objects and arrays: the deepest real request has 4 levels. */
  maxDepth: 16,
  /** Values (objects, arrays, scalars) in one event. */
  maxValues: 20_000,
  /** A parameter name. */
  maxKeyChars: 64,
  /** All strings of one event together, in UTF-16 units (a 200,000-character paste fits). */
  maxTextChars: 250_000,
  /** An action name. */
  maxActionChars: 64,
} as const;

export { ECHO_MAX_CHARS, echo };

/** Every name `Object.prototype` answers to (and `prototype`): none is ever a real parameter. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export const edgeErrors = {
  forbiddenKey: (path: string) => new DomainError('INVALID_INPUT', `请求参数不合法：不允许的参数名 ${echo(path, 48)}`),
  tooDeep: () => new DomainError('INVALID_INPUT', `请求参数不合法：嵌套超过 ${EDGE_LIMITS.maxDepth} 层`),
  keyTooLong: (key: string) =>
    new DomainError(
      'INVALID_INPUT',
      `请求参数不合法：参数名过长（${echo(key)}，最多 ${EDGE_LIMITS.maxKeyChars} 个字符）`,
    ),
  tooLarge: () =>
    new DomainError(
      'REQUEST_TOO_LARGE',
      `请求过大：一次请求最多 ${EDGE_LIMITS.maxValues} 个参数值、合计 ${EDGE_LIMITS.maxTextChars} 个字符`,
    ),
  notAnObject: () => commonErrors.invalidInput(null),
} as const;

const pathOf = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/**
 * The first edge rule the event breaks, or null. Iterative (a 100,000-deep event costs no stack) and
 * stops at the first problem, so its cost is bounded by the limits, not by the event.
 */
export function edgeProblem(event: unknown): DomainError | null {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return edgeErrors.notAnObject();
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: event, depth: 0, path: '' }];
  let values = 0;
  let text = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop() as { value: unknown; depth: number; path: string };
    values += 1;
    if (values > EDGE_LIMITS.maxValues) return edgeErrors.tooLarge();
    if (typeof value === 'string') {
      text += value.length;
      if (text > EDGE_LIMITS.maxTextChars) return edgeErrors.tooLarge();
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= EDGE_LIMITS.maxDepth) return edgeErrors.tooDeep();
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, path });
      continue;
    }
    // Own keys only: a JSON-parsed `__proto__` is an own key, and exactly what must be caught.
    for (const key of Object.keys(value)) {
      if (key.length > EDGE_LIMITS.maxKeyChars) return edgeErrors.keyTooLong(key);
      const at = pathOf(path, key);
      if (FORBIDDEN_KEYS.has(key)) return edgeErrors.forbiddenKey(at);
      text += key.length;
      if (text > EDGE_LIMITS.maxTextChars) return edgeErrors.tooLarge();
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: at });
    }
  }
  return null;
}
