/**
 * Carries out a deploy plan. The SDKs come in through DeployClients, shaped like the subset of
 * miniprogram-ci and @cloudbase/manager-node that is used, so tests run the executor against fakes
 * that record every call.
 */
import { DomainError } from '../../core/errors';
import type { IndexSpec } from '../../core/schema';
import type { BuiltFunction } from '../build-functions';
import { describeStep, unmetPreconditions, type SecurityRule, type Step } from './plan';

/** miniprogram-ci, as `ci.cloud.uploadFunction`, `ci.cloud.createTimeTrigger` and `ci.upload` take it. */
export interface CiApi<Project> {
  uploadFunction(options: {
    project: Project;
    env: string;
    name: string;
    path: string;
    remoteNpmInstall: boolean;
  }): Promise<{ filesCount: number; packSize: number }>;
  createTimeTrigger(options: {
    project: Project;
    envId: string;
    functionName: string;
    triggersConfig: { name: string; type: string; config: string }[];
  }): Promise<string>;
  upload(options: {
    project: Project;
    version: string;
    desc: string;
    robot: number;
    setting: { useProjectConfig: boolean };
  }): Promise<unknown>;
}

export interface WechatClients<Project> {
  project: Project;
  ci: CiApi<Project>;
}

/** @cloudbase/manager-node `functions`. */
export interface FunctionAdmin {
  getFunctionDetail(name: string): Promise<unknown>;
  createFunction(param: {
    func: {
      name: string;
      runtime: string;
      timeout: number;
      envVariables: Record<string, string>;
      installDependency: boolean;
      handler: string;
    };
    functionRootPath: string;
    force: boolean;
  }): Promise<unknown>;
  updateFunctionConfig(func: { name: string; timeout: number; envVariables: Record<string, string> }): Promise<unknown>;
}

export interface CloudIndexKey {
  Name?: string;
  Direction?: string;
}

/** @cloudbase/manager-node `database`. */
export interface DatabaseAdmin {
  createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
  describeCollection(name: string): Promise<{ Indexes?: { Name: string; Keys: CloudIndexKey[]; Unique: boolean }[] }>;
  updateCollection(
    name: string,
    info: {
      CreateIndexes?: {
        IndexName: string;
        MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
      }[];
      DropIndexes?: { IndexName: string }[];
    },
  ): Promise<unknown>;
}

/**
 * TCB cloud API through @cloudbase/manager-node `commonService('tcb')`. The manager SDK (4.10.6) has
 * no database security-rule method (only storage ACLs), so the rule goes through the documented
 * generic call to the TCB API ModifySafeRule.
 */
export interface TcbApi {
  call(options: {
    Action: 'ModifySafeRule';
    Param: { EnvId: string; CollectionName: string; AclTag: 'CUSTOM'; Rule: string };
  }): Promise<unknown>;
}

export interface CloudClients {
  functions: FunctionAdmin;
  database: DatabaseAdmin;
  tcb: TcbApi;
}

export interface DeployClients<Project> {
  /** TCB_ENV_ID; null when the deploy touches no cloud environment (mini-program only). */
  envId: string | null;
  build(names: string[]): Promise<BuiltFunction[]>;
  exists(path: string): boolean;
  /** Created on first use, so a deploy that needs no WeChat upload needs no upload key. */
  wechat(): Promise<WechatClients<Project>>;
  /** Created on first use, so a mini-program-only deploy needs no Tencent Cloud secret. */
  cloud(): Promise<CloudClients>;
}

export const TRIGGER_CREATED = '创建定时触发器成功';
/** Every collection has this one; it is never declared and never dropped. */
const ID_INDEX = '_id_';

const sameIndex = (have: { Keys: CloudIndexKey[]; Unique: boolean }, want: IndexSpec): boolean =>
  have.Unique === (want.unique ?? false) &&
  have.Keys.length === want.keys.length &&
  want.keys.every((k, i) => have.Keys[i]?.Name === k.field && String(have.Keys[i]?.Direction) === String(k.direction));

const toCreateIndex = (index: IndexSpec) => ({
  IndexName: index.name,
  MgoKeySchema: {
    MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: String(k.direction) })),
    MgoIsUnique: index.unique ?? false,
  },
});

/** SCF reports a missing function with a ResourceNotFound.* code. */
const isNotFound = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && String(err.code).startsWith('ResourceNotFound');

async function ensureIndexes(db: DatabaseAdmin, collection: string, indexes: IndexSpec[]): Promise<string> {
  const existing = (await db.describeCollection(collection)).Indexes ?? [];
  const byName = new Map(existing.map((i) => [i.Name, i]));
  const create: IndexSpec[] = [];
  const drop: string[] = [];
  for (const index of indexes) {
    const have = byName.get(index.name);
    if (have && sameIndex(have, index)) continue;
    // An index cannot be altered in place: one whose keys or uniqueness changed is rebuilt.
    if (have) drop.push(index.name);
    create.push(index);
  }
  if (drop.length > 0) await db.updateCollection(collection, { DropIndexes: drop.map((IndexName) => ({ IndexName })) });
  if (create.length > 0) await db.updateCollection(collection, { CreateIndexes: create.map(toCreateIndex) });
  // Undeclared indexes are left alone: dropping one under a running function is not a deploy's call.
  const extra = existing.map((i) => i.Name).filter((n) => n !== ID_INDEX && !indexes.some((i) => i.name === n));
  return [
    `新建 ${create.length - drop.length}，重建 ${drop.length}，不变 ${indexes.length - create.length}`,
    ...(extra.length > 0 ? [`未声明的索引保留：${extra.join('、')}`] : []),
  ].join('；');
}

function securityRuleCall(envId: string, collection: string, rule: SecurityRule): Parameters<TcbApi['call']>[0] {
  return {
    Action: 'ModifySafeRule',
    Param: { EnvId: envId, CollectionName: collection, AclTag: 'CUSTOM', Rule: JSON.stringify(rule) },
  };
}

/** Runs the steps in order, logging one line per step; stops at the first failure. */
export async function executeDeploy<P>(
  steps: readonly Step[],
  clients: DeployClients<P>,
  repo: string,
  log: (line: string) => void,
): Promise<void> {
  // Refuse before anything is touched, rather than after the functions are already live.
  const [problem] = unmetPreconditions(steps, clients.exists);
  if (problem) throw problem;
  let wechat: WechatClients<P> | undefined;
  let cloud: CloudClients | undefined;
  const wx = async (): Promise<WechatClients<P>> => (wechat ??= await clients.wechat());
  const tc = async (): Promise<CloudClients> => (cloud ??= await clients.cloud());
  const env = (): string => {
    if (clients.envId === null)
      throw new DomainError('DEPLOY_CREDENTIALS_MISSING', '缺少部署所需的环境变量：TCB_ENV_ID');
    return clients.envId;
  };

  const run = async (step: Step): Promise<string> => {
    switch (step.kind) {
      case 'buildFunctions': {
        const built = await clients.build(step.names);
        return built.map((b) => `${b.name} ${(b.bytes / 1024).toFixed(1)} KB`).join('，');
      }
      case 'ensureFunction': {
        const { functions } = await tc();
        try {
          await functions.getFunctionDetail(step.name);
          return '已存在';
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
        await functions.createFunction({
          func: {
            name: step.name,
            runtime: step.runtime,
            timeout: step.timeoutSeconds,
            envVariables: step.envVariables,
            installDependency: true,
            handler: 'index.main',
          },
          functionRootPath: step.functionsRoot,
          force: false,
        });
        return '已创建';
      }
      case 'uploadFunction': {
        const { project, ci } = await wx();
        const res = await ci.uploadFunction({
          project,
          env: env(),
          name: step.name,
          path: step.path,
          remoteNpmInstall: true,
        });
        return `${res.filesCount} 个文件，${(res.packSize / 1024).toFixed(1)} KB`;
      }
      case 'configureFunction': {
        const { functions } = await tc();
        await functions.updateFunctionConfig({
          name: step.name,
          timeout: step.timeoutSeconds,
          envVariables: step.envVariables,
        });
        return '已配置';
      }
      case 'createTimeTriggers': {
        const { project, ci } = await wx();
        const res = await ci.createTimeTrigger({
          project,
          envId: env(),
          functionName: step.functionName,
          triggersConfig: step.triggers.map((t) => ({ name: t.name, type: 'timer', config: t.cron })),
        });
        // miniprogram-ci reports a rejected trigger in its return value instead of throwing.
        if (res !== TRIGGER_CREATED) {
          throw new DomainError('TRIGGER_CREATE_FAILED', `云函数 ${step.functionName} 的定时触发器创建失败：${res}`);
        }
        return res;
      }
      case 'ensureCollection': {
        const { database } = await tc();
        const res = await database.createCollectionIfNotExists(step.collection);
        return res.IsCreated ? '已创建' : '已存在';
      }
      case 'setSecurityRule': {
        const { tcb } = await tc();
        await tcb.call(securityRuleCall(env(), step.collection, step.rule));
        return '已设置';
      }
      case 'ensureIndexes': {
        const { database } = await tc();
        return ensureIndexes(database, step.collection, step.indexes);
      }
      case 'uploadMiniprogram': {
        const { project, ci } = await wx();
        await ci.upload({ project, version: step.version, desc: step.desc, robot: step.robot, setting: step.setting });
        return `版本 ${step.version} 已上传`;
      }
    }
  };

  for (const [i, step] of steps.entries()) {
    log(`[${i + 1}/${steps.length}] ${describeStep(step, repo)}`);
    log(`  → ${await run(step)}`);
  }
}
