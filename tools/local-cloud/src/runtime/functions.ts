/**
 * Discovers deployable functions and reads their config.json the way the cloud does: a function is a
 * folder with package.json and a built index.js; config.json is optional.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';

/** SCF's default when config.json says nothing. */
export const DEFAULT_TIMEOUT_SECONDS = 3;

const TriggerSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  type: v.string(),
  config: v.string(),
});

const ConfigSchema = v.looseObject({
  timeout: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(900))),
  triggers: v.optional(v.array(TriggerSchema)),
  envVariables: v.optional(v.record(v.string(), v.string())),
  permissions: v.optional(v.looseObject({ openapi: v.optional(v.array(v.string())) })),
});

export interface TimerTriggerConfig {
  name: string;
  /** 7-field SCF cron: second minute hour day month weekday year (Beijing time). */
  cron: string;
}

export interface FunctionConfig {
  timeoutMs: number;
  timers: TimerTriggerConfig[];
  envVariables: Record<string, string>;
  /** Cloud-call (OpenAPI) names the function declared in permissions.openapi. */
  openapi: string[];
}

export interface FunctionInfo {
  name: string;
  dir: string;
  entry: string;
  config: FunctionConfig;
}

export class FunctionConfigError extends Error {
  readonly code = 'FUNCTION_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'FunctionConfigError';
  }
}

export function readFunctionConfig(dir: string, name: string): FunctionConfig {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) {
    return { timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000, timers: [], envVariables: {}, openapi: [] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new FunctionConfigError(`云函数 ${name} 的 config.json 不是有效的 JSON：${(err as Error).message}`);
  }
  const parsed = v.safeParse(ConfigSchema, raw);
  if (!parsed.success) {
    throw new FunctionConfigError(`云函数 ${name} 的 config.json 无效：${v.summarize(parsed.issues)}`);
  }
  const cfg = parsed.output;
  const timers: TimerTriggerConfig[] = [];
  for (const trigger of cfg.triggers ?? []) {
    if (trigger.type !== 'timer') {
      throw new FunctionConfigError(
        `云函数 ${name} 的触发器 ${trigger.name} 类型 ${trigger.type} 不受支持（仅支持 timer）`,
      );
    }
    if (timers.some((t) => t.name === trigger.name)) {
      throw new FunctionConfigError(`云函数 ${name} 的触发器名称重复：${trigger.name}`);
    }
    timers.push({ name: trigger.name, cron: trigger.config });
  }
  return {
    timeoutMs: (cfg.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    timers,
    envVariables: cfg.envVariables ?? {},
    openapi: cfg.permissions?.openapi ?? [],
  };
}

export function discoverFunctions(functionsDir: string): FunctionInfo[] {
  if (!existsSync(functionsDir)) return [];
  return readdirSync(functionsDir)
    .sort()
    .map((name) => ({ name, dir: join(functionsDir, name) }))
    .filter(
      ({ dir }) =>
        statSync(dir).isDirectory() && existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'index.js')),
    )
    .map(({ name, dir }) => ({ name, dir, entry: join(dir, 'index.js'), config: readFunctionConfig(dir, name) }));
}
