/**
 * What `npm run deploy` will do, computed from the repository alone: no credentials, no network.
 * `--dry-run` prints this plan; the executor (./execute.ts) carries it out with injected clients.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as v from 'valibot';
import { schema as declaredSchema, type CollectionSpec, type IndexSpec } from '../../core/schema';
import { DomainError } from '../../core/errors';
import { functionNames } from '../build-functions';
import { readFunctionConfig } from '../local-cloud/src/runtime/functions';
import { parseScfCron } from '../local-cloud/src/timers/cron';

export type DeployTarget = 'functions' | 'schema' | 'miniprogram';
export const DEPLOY_TARGETS: readonly DeployTarget[] = ['functions', 'schema', 'miniprogram'];

export const isDeployTarget = (value: string): value is DeployTarget =>
  (DEPLOY_TARGETS as readonly string[]).includes(value);

/**
 * 第三十二条 (内部安全管理, 后台数据管理): the client never reads or writes a collection directly;
 * every access goes through a cloud function, which checks who is asking.
 */
export const DENY_ALL_RULE = { read: false, write: false } as const;
export type SecurityRule = typeof DENY_ALL_RULE;

/**
 * Runtime for functions the deploy creates. build-functions.ts bundles for node16; miniprogram-ci
 * would create a missing function on Nodejs8.9, which cannot parse that bundle, and the runtime of a
 * function cannot be changed afterwards.
 */
export const FUNCTION_RUNTIME = 'Nodejs16.13';

/** The mini-program's compile settings come from project.config.json, as in the developer tools. */
export const MINIPROGRAM_SETTING = { useProjectConfig: true } as const;
export const MINIPROGRAM_ROBOT = 1;

export interface TimerTrigger {
  name: string;
  /** 7-field cron (second minute hour day month weekday year), Beijing time. */
  cron: string;
}

export interface FunctionSettings {
  timeoutSeconds: number;
  envVariables: Record<string, string>;
}

export type Step =
  | { kind: 'buildFunctions'; names: string[] }
  | ({ kind: 'ensureFunction'; name: string; runtime: string; functionsRoot: string } & FunctionSettings)
  | { kind: 'uploadFunction'; name: string; path: string }
  | ({ kind: 'configureFunction'; name: string } & FunctionSettings)
  | { kind: 'createTimeTriggers'; functionName: string; triggers: TimerTrigger[] }
  | { kind: 'ensureCollection'; collection: string }
  | { kind: 'setSecurityRule'; collection: string; rule: SecurityRule }
  | { kind: 'ensureIndexes'; collection: string; indexes: IndexSpec[] }
  | {
      kind: 'uploadMiniprogram';
      projectPath: string;
      /** From project.config.json; null when that file is missing (the upload then refuses to start). */
      miniprogramRoot: string | null;
      /** Where `npm run build` leaves the packed npm; the upload refuses to start without it. */
      npmDir: string | null;
      version: string;
      desc: string;
      robot: number;
      setting: typeof MINIPROGRAM_SETTING;
    };

export type StepKind = Step['kind'];

export interface PlanOptions {
  /** Targets to deploy, in the fixed order functions → schema → mini-program. Default: all. */
  only?: readonly DeployTarget[];
  /** Mini-program version (WX_VERSION); default: package.json's version. */
  version?: string;
  /** Mini-program upload note (WX_DESC). */
  desc?: string;
  /** Declared collections; default: core/schema.ts. */
  collections?: readonly CollectionSpec[];
}

/** SCF trigger names: a letter first, then letters, digits, - and _, at most 60 characters. */
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

const ProjectConfigSchema = v.looseObject({ miniprogramRoot: v.optional(v.string()) });
const PackageSchema = v.looseObject({ version: v.string() });

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function planFunctions(repo: string): Step[] {
  const functionsRoot = join(repo, 'cloudfunctions');
  const names = functionNames(functionsRoot);
  const configs = names.map((name) => {
    const config = readFunctionConfig(join(functionsRoot, name), name);
    for (const timer of config.timers) {
      if (!TRIGGER_NAME.test(timer.name)) {
        throw new DomainError(
          'TRIGGER_NAME_INVALID',
          `云函数 ${name} 的触发器名称 ${timer.name} 不合规：须以字母开头，仅含字母、数字、- 和 _，最长 60 个字符`,
        );
      }
      try {
        // The same parser the local cloud fires timers with, so a cron that runs locally deploys.
        parseScfCron(timer.cron);
      } catch (err) {
        throw new DomainError(
          'TRIGGER_CRON_INVALID',
          `云函数 ${name} 的触发器 ${timer.name}：${(err as Error).message}`,
        );
      }
    }
    return { name, config };
  });

  const settings = (c: (typeof configs)[number]['config']): FunctionSettings => ({
    timeoutSeconds: c.timeoutMs / 1000,
    envVariables: c.envVariables,
  });
  const steps: Step[] = [{ kind: 'buildFunctions', names }];
  for (const { name, config } of configs) {
    steps.push(
      { kind: 'ensureFunction', name, runtime: FUNCTION_RUNTIME, functionsRoot, ...settings(config) },
      { kind: 'uploadFunction', name, path: join(functionsRoot, name) },
      // miniprogram-ci uploads code only; timeout and environment from config.json are applied here.
      { kind: 'configureFunction', name, ...settings(config) },
    );
  }
  for (const { name, config } of configs) {
    if (config.timers.length === 0) continue;
    steps.push({
      kind: 'createTimeTriggers',
      functionName: name,
      triggers: config.timers.map((t) => ({ name: t.name, cron: t.cron })),
    });
  }
  return steps;
}

function planSchema(collections: readonly CollectionSpec[]): Step[] {
  // Rule right after creation: a new collection must not stay open to clients while indexes build.
  return collections.flatMap((c): Step[] => [
    { kind: 'ensureCollection', collection: c.name },
    { kind: 'setSecurityRule', collection: c.name, rule: DENY_ALL_RULE },
    ...(c.indexes.length > 0 ? [{ kind: 'ensureIndexes' as const, collection: c.name, indexes: c.indexes }] : []),
  ]);
}

function planMiniprogram(repo: string, options: PlanOptions): Step {
  const configFile = join(repo, 'project.config.json');
  let miniprogramRoot: string | null = null;
  if (existsSync(configFile)) {
    const parsed = v.safeParse(ProjectConfigSchema, readJson(configFile));
    if (!parsed.success) throw new DomainError('PROJECT_CONFIG_INVALID', 'project.config.json 格式无效');
    miniprogramRoot = parsed.output.miniprogramRoot ?? '';
  }
  const version = options.version ?? v.parse(PackageSchema, readJson(join(repo, 'package.json'))).version;
  return {
    kind: 'uploadMiniprogram',
    projectPath: repo,
    miniprogramRoot,
    npmDir: miniprogramRoot === null ? null : join(repo, miniprogramRoot, 'miniprogram_npm'),
    version,
    desc: options.desc ?? `公安新媒体工作台 ${version}`,
    robot: MINIPROGRAM_ROBOT,
    setting: MINIPROGRAM_SETTING,
  };
}

/** Every step of a deploy of `repo`, in execution order. Throws DomainError on an invalid function config. */
export function planDeploy(repo: string, options: PlanOptions = {}): Step[] {
  const only = new Set(options.only ?? DEPLOY_TARGETS);
  const steps: Step[] = [];
  if (only.has('functions')) steps.push(...planFunctions(repo));
  if (only.has('schema')) steps.push(...planSchema(options.collections ?? declaredSchema));
  if (only.has('miniprogram')) steps.push(planMiniprogram(repo, options));
  return steps;
}

/** What must hold on this machine before the plan can run; the dry run lists these, a deploy refuses on the first. */
export function unmetPreconditions(steps: readonly Step[], exists: (path: string) => boolean): DomainError[] {
  return steps.flatMap((step): DomainError[] => {
    if (step.kind !== 'uploadMiniprogram') return [];
    if (step.miniprogramRoot === null || step.npmDir === null) {
      return [
        new DomainError(
          'MINIPROGRAM_PROJECT_MISSING',
          '缺少 project.config.json，无法确定小程序目录（miniprogramRoot），不能上传小程序',
        ),
      ];
    }
    if (!exists(step.npmDir)) {
      return [
        new DomainError(
          'MINIPROGRAM_NPM_NOT_BUILT',
          `尚未构建小程序 npm（缺少 ${step.npmDir}），请先运行 npm run build`,
        ),
      ];
    }
    return [];
  });
}

const indexText = (index: IndexSpec): string =>
  `${index.name}(${index.keys.map((k) => `${k.field}${k.direction === 1 ? '↑' : '↓'}`).join(', ')})${
    index.unique ? ' 唯一' : ''
  }`;

/** One line per step, in Chinese, for the dry run and the progress log. Paths are shown relative to `repo`. */
export function describeStep(step: Step, repo: string): string {
  const rel = (path: string): string => relative(repo, path) || '.';
  const env = (vars: Record<string, string>): string => {
    const keys = Object.keys(vars);
    return keys.length === 0 ? '无环境变量' : `环境变量 ${keys.join('、')}`;
  };
  switch (step.kind) {
    case 'buildFunctions':
      return `构建云函数：${step.names.join('、')}`;
    case 'ensureFunction':
      return `云函数 ${step.name}：不存在则创建（运行时 ${step.runtime}，超时 ${step.timeoutSeconds} 秒，${env(step.envVariables)}）`;
    case 'uploadFunction':
      return `上传云函数 ${step.name}（${rel(step.path)}，云端安装依赖）`;
    case 'configureFunction':
      return `配置云函数 ${step.name}：超时 ${step.timeoutSeconds} 秒，${env(step.envVariables)}`;
    case 'createTimeTriggers':
      return `定时触发器 ${step.functionName}：${step.triggers.map((t) => `${t.name}「${t.cron}」`).join('、')}（北京时间）`;
    case 'ensureCollection':
      return `集合 ${step.collection}：不存在则创建`;
    case 'setSecurityRule':
      return `集合 ${step.collection} 安全规则：${JSON.stringify(step.rule)}`;
    case 'ensureIndexes':
      return `集合 ${step.collection} 索引：${step.indexes.map(indexText).join('；')}`;
    case 'uploadMiniprogram':
      return [
        `上传小程序：版本 ${step.version}，备注「${step.desc}」，机器人 ${step.robot}`,
        `项目 ${rel(step.projectPath)}，小程序目录 ${
          step.miniprogramRoot === null ? '（缺少 project.config.json）' : step.miniprogramRoot || '.'
        }，编译设置 ${JSON.stringify(step.setting)}`,
      ].join('；');
  }
}
