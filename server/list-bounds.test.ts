/**
 * Issue 11: one bound for every offset, limit and cursor, across every action of every function —
 * including those added after this test: each list parameter is the shared schema of server/schemas.ts
 * (the very object), never a local copy with its own bound.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as v from 'valibot';
import { actionTables } from './dispatch';
import { listCursor, listLimit, listOffset, seqCursor } from './schemas';

const FUNCTIONS = join(__dirname, '..', 'cloudfunctions');

const SHARED: { [param: string]: readonly unknown[] } = {
  offset: [listOffset],
  limit: [listLimit],
  cursor: [listCursor],
  before: [seqCursor, listCursor],
};

/** The entries of an object schema (strictObject, object, looseObject), or null. */
function entriesOf(schema: unknown): { [key: string]: unknown } | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const s = schema as { type?: string; entries?: { [key: string]: unknown } };
  return s.entries && (s.type === 'strict_object' || s.type === 'object' || s.type === 'loose_object')
    ? s.entries
    : null;
}

/** Object schemas inside a schema: itself, and each option of a union / variant. */
function objectsIn(schema: unknown): { [key: string]: unknown }[] {
  const own = entriesOf(schema);
  if (own) return [own];
  const options = (schema as { options?: unknown[] } | null)?.options;
  return Array.isArray(options) ? options.flatMap(objectsIn) : [];
}

describe('every list action takes the shared list bound', () => {
  beforeAll(() => {
    for (const name of readdirSync(FUNCTIONS)) {
      const entry = join(FUNCTIONS, name, 'index.ts');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (existsSync(entry)) require(entry);
    }
  });

  it('finds the action tables of every function', () => {
    expect(actionTables.length).toBeGreaterThanOrEqual(10);
  });

  it('uses server/schemas.ts for offset, limit, cursor and before, everywhere', () => {
    const local: string[] = [];
    let lists = 0;
    for (const table of actionTables) {
      for (const [action, def] of Object.entries(table)) {
        if (!def) continue;
        for (const entries of objectsIn(def.input as v.GenericSchema)) {
          for (const [param, allowed] of Object.entries(SHARED)) {
            if (!(param in entries)) continue;
            if (param === 'limit') lists++;
            if (!allowed.includes(entries[param])) local.push(`${action}.${param}`);
          }
        }
      }
    }
    expect(lists).toBeGreaterThanOrEqual(15);
    expect(local).toEqual([]);
  });
});
