import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema, type CollectionSpec } from '../core/schema';
import { REPO, main, parseCli } from './deploy';
import { readCredentials } from './deploy/credentials';
import {
  TRIGGER_CREATED,
  executeDeploy,
  type CloudClients,
  type DeployClients,
  type WechatClients,
} from './deploy/execute';
import { DENY_ALL_RULE, FUNCTION_RUNTIME, planDeploy, unmetPreconditions, type Step } from './deploy/plan';

const ofKind = <K extends Step['kind']>(steps: Step[], kind: K): Extract<Step, { kind: K }>[] =>
  steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind);

/** The error `fn` throws (code and message), or undefined when it does not throw. */
const thrown = (fn: () => unknown): { code?: unknown; message?: string } | undefined => {
  try {
    fn();
  } catch (err) {
    return err as { code?: unknown; message?: string };
  }
  return undefined;
};
const codeOf = (fn: () => unknown): unknown => thrown(fn)?.code;

describe('planDeploy on the real repository', () => {
  const steps = planDeploy(REPO);
  const functionDirs = readdirSync(join(REPO, 'cloudfunctions')).filter((n) =>
    existsSync(join(REPO, 'cloudfunctions', n, 'index.ts')),
  );

  it('builds first, then functions, triggers, schema, and the mini-program last', () => {
    const phase = (s: Step): number =>
      s.kind === 'buildFunctions'
        ? 0
        : ['ensureFunction', 'uploadFunction', 'configureFunction'].includes(s.kind)
          ? 1
          : s.kind === 'createTimeTriggers'
            ? 2
            : s.kind === 'uploadMiniprogram'
              ? 4
              : 3;
    const phases = steps.map(phase);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(steps[0]?.kind).toBe('buildFunctions');
    expect(steps.at(-1)?.kind).toBe('uploadMiniprogram');
  });

  it('names every function folder: built, created if missing, uploaded and configured', () => {
    expect(functionDirs.length).toBeGreaterThan(0);
    expect(ofKind(steps, 'buildFunctions')[0]?.names.slice().sort()).toEqual(functionDirs.slice().sort());
    for (const name of functionDirs) {
      const mine = steps.filter((s) => 'name' in s && s.name === name).map((s) => s.kind);
      expect(mine).toEqual(['ensureFunction', 'uploadFunction', 'configureFunction']);
    }
    for (const s of ofKind(steps, 'ensureFunction')) expect(s.runtime).toBe(FUNCTION_RUNTIME);
    for (const s of ofKind(steps, 'uploadFunction')) expect(s.path).toBe(join(REPO, 'cloudfunctions', s.name));
  });

  it('carries every trigger of every config.json with its cron, and timeouts from config.json', () => {
    for (const name of functionDirs) {
      const file = join(REPO, 'cloudfunctions', name, 'config.json');
      const config = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as {
            timeout?: number;
            triggers?: { name: string; config: string }[];
          })
        : {};
      const planned = ofKind(steps, 'createTimeTriggers').find((s) => s.functionName === name);
      const expected = (config.triggers ?? []).map((t) => ({ name: t.name, cron: t.config }));
      expect(planned?.triggers ?? []).toEqual(expected);
      const configure = ofKind(steps, 'configureFunction').find((s) => s.name === name);
      expect(configure?.timeoutSeconds).toBe(config.timeout ?? 3);
    }
  });

  it('creates every collection of core/schema.ts, denies client access to each, and declares each index', () => {
    expect(ofKind(steps, 'ensureCollection').map((s) => s.collection)).toEqual(schema.map((c) => c.name));
    const rules = ofKind(steps, 'setSecurityRule');
    expect(rules.map((s) => s.collection)).toEqual(schema.map((c) => c.name));
    for (const rule of rules) expect(rule.rule).toEqual({ read: false, write: false });
    for (const collection of schema) {
      const planned = ofKind(steps, 'ensureIndexes').find((s) => s.collection === collection.name);
      expect(planned?.indexes ?? []).toEqual(collection.indexes);
    }
  });

  it('uploads the mini-program from the repository with the packed npm where project.config.json says', () => {
    const [upload] = ofKind(steps, 'uploadMiniprogram');
    const config = JSON.parse(readFileSync(join(REPO, 'project.config.json'), 'utf8')) as { miniprogramRoot: string };
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(upload).toMatchObject({
      projectPath: REPO,
      miniprogramRoot: config.miniprogramRoot,
      npmDir: join(REPO, config.miniprogramRoot, 'miniprogram_npm'),
      version: pkg.version,
      robot: 1,
      setting: { useProjectConfig: true },
    });
  });

  it('keeps only the requested targets', () => {
    expect(new Set(planDeploy(REPO, { only: ['schema'] }).map((s) => s.kind))).toEqual(
      new Set(['ensureCollection', 'setSecurityRule', 'ensureIndexes']),
    );
    expect(planDeploy(REPO, { only: ['miniprogram'], version: '2.0.1', desc: '测试' })).toEqual([
      expect.objectContaining({ kind: 'uploadMiniprogram', version: '2.0.1', desc: '测试' }),
    ]);
  });
});

describe('the dry run', () => {
  it('prints every function, collection, index and the rules, needing no credentials', async () => {
    const lines: string[] = [];
    await main(['--dry-run'], {}, (line) => lines.push(line));
    const out = lines.join('\n');
    expect(out).toContain('WX_APPID 未设置');
    for (const name of ofKind(planDeploy(REPO), 'uploadFunction').map((s) => s.name)) {
      expect(out).toContain(`上传云函数 ${name}`);
    }
    for (const c of schema) {
      expect(out).toContain(`集合 ${c.name} 安全规则：{"read":false,"write":false}`);
      for (const index of c.indexes) expect(out).toMatch(new RegExp(`集合 ${c.name} 索引：.*${index.name}\\(`));
    }
    expect(out).toContain('上传小程序：版本');
  });

  it('refuses unknown targets and orders requested ones', () => {
    expect(parseCli(['--only', 'miniprogram,functions'])).toEqual({
      dryRun: false,
      targets: ['functions', 'miniprogram'],
    });
    expect(parseCli(['--only', 'schema', '--only', 'functions', '--dry-run'])).toEqual({
      dryRun: true,
      targets: ['functions', 'schema'],
    });
    expect(parseCli([]).targets).toEqual(['functions', 'schema', 'miniprogram']);
    expect(codeOf(() => parseCli(['--only', 'database']))).toBe('DEPLOY_TARGET_INVALID');
    expect(codeOf(() => parseCli(['--force']))).toBe('DEPLOY_ARGS_INVALID');
  });
});

describe('credentials', () => {
  const all = {
    WX_APPID: 'wx123',
    WX_PRIVATE_KEY_PATH: '/keys/upload.key',
    TCB_ENV_ID: 'prod-1',
    TENCENTCLOUD_SECRETID: 'id',
    TENCENTCLOUD_SECRETKEY: 'key',
  };
  const present = (): boolean => true;

  it('lists exactly the missing variables the targets need', () => {
    const err = thrown(() =>
      readCredentials({ WX_APPID: 'wx123', TCB_ENV_ID: ' ' }, ['functions', 'schema', 'miniprogram'], present),
    );
    expect(err?.code).toBe('DEPLOY_CREDENTIALS_MISSING');
    expect(err?.message).toContain('WX_PRIVATE_KEY_PATH、TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY');
    expect(err?.message).not.toContain('WX_APPID');
  });

  it('asks a schema-only deploy for no WeChat key and a mini-program-only deploy for no cloud secret', () => {
    expect(
      readCredentials({ TCB_ENV_ID: 'e', TENCENTCLOUD_SECRETID: 'i', TENCENTCLOUD_SECRETKEY: 'k' }, ['schema']),
    ).toEqual({
      envId: 'e',
      wechat: null,
      cloud: { secretId: 'i', secretKey: 'k' },
    });
    expect(readCredentials({ WX_APPID: 'wx1', WX_PRIVATE_KEY_PATH: '/k' }, ['miniprogram'], present)).toEqual({
      envId: null,
      wechat: { appid: 'wx1', privateKeyPath: '/k' },
      cloud: null,
    });
    expect(readCredentials(all, ['functions'], present).envId).toBe('prod-1');
  });

  it('refuses an upload key path that points at nothing', () => {
    expect(codeOf(() => readCredentials(all, ['miniprogram'], () => false))).toBe('DEPLOY_PRIVATE_KEY_NOT_FOUND');
  });
});

/** A throwaway repository: functions with config.json, optionally project.config.json and packed npm. */
function makeRepo(options: {
  functions: Record<string, object | null>;
  projectConfig?: boolean;
  npmBuilt?: boolean;
}): string {
  const repo = mkdtempSync(join(tmpdir(), 'deploy-'));
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ version: '1.2.3' }));
  for (const [name, config] of Object.entries(options.functions)) {
    const dir = join(repo, 'cloudfunctions', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), 'export {};\n');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, main: 'index.js' }));
    if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  }
  // A folder without index.ts is not a function.
  mkdirSync(join(repo, 'cloudfunctions', 'notes'), { recursive: true });
  if (options.projectConfig ?? true) {
    writeFileSync(join(repo, 'project.config.json'), JSON.stringify({ miniprogramRoot: 'mp/' }));
  }
  if (options.npmBuilt ?? true) mkdirSync(join(repo, 'mp', 'miniprogram_npm'), { recursive: true });
  return repo;
}

const collections: CollectionSpec[] = [
  {
    name: 'posts',
    indexes: [
      {
        name: 'account',
        keys: [
          { field: 'accountId', direction: 1 },
          { field: 'updatedAt', direction: -1 },
        ],
      },
      { name: 'state', keys: [{ field: 'state', direction: 1 }] },
      { name: 'slug', keys: [{ field: 'slug', direction: 1 }], unique: true },
    ],
  },
  { name: 'leases', indexes: [] },
];

type Call = [string, ...unknown[]];
const PROJECT = { fake: 'project' } as const;
type FakeProject = typeof PROJECT;

/** Fake SDKs recording every call in order. `existing` functions exist; the posts collection already has some indexes. */
function fakeClients(options: { existing?: string[]; triggerAnswer?: string; envId?: string | null } = {}) {
  const calls: Call[] = [];
  const opened: string[] = [];
  const existing = new Set(options.existing ?? []);
  const wechat: WechatClients<FakeProject> = {
    project: PROJECT,
    ci: {
      uploadFunction: async (o) => (calls.push(['ci.uploadFunction', o]), { filesCount: 3, packSize: 2048 }),
      createTimeTrigger: async (o) => (
        calls.push(['ci.createTimeTrigger', o]),
        options.triggerAnswer ?? TRIGGER_CREATED
      ),
      upload: async (o) => (calls.push(['ci.upload', o]), {}),
    },
  };
  const cloud: CloudClients = {
    functions: {
      getFunctionDetail: async (name) => {
        calls.push(['functions.getFunctionDetail', name]);
        if (!existing.has(name)) throw Object.assign(new Error('not found'), { code: 'ResourceNotFound.Function' });
        return {};
      },
      createFunction: async (p) => (calls.push(['functions.createFunction', p]), {}),
      updateFunctionConfig: async (f) => (calls.push(['functions.updateFunctionConfig', f]), {}),
    },
    database: {
      createCollectionIfNotExists: async (name) => (
        calls.push(['database.createCollectionIfNotExists', name]),
        { IsCreated: name === 'leases' }
      ),
      describeCollection: async (name) => {
        calls.push(['database.describeCollection', name]);
        return {
          Indexes: [
            { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
            // unchanged
            {
              Name: 'account',
              Keys: [
                { Name: 'accountId', Direction: '1' },
                { Name: 'updatedAt', Direction: '-1' },
              ],
              Unique: false,
            },
            // uniqueness changed in the schema: rebuilt
            { Name: 'slug', Keys: [{ Name: 'slug', Direction: '1' }], Unique: false },
            { Name: 'legacy', Keys: [{ Name: 'old', Direction: '1' }], Unique: false },
          ],
        };
      },
      updateCollection: async (name, info) => (calls.push(['database.updateCollection', name, info]), {}),
    },
    tcb: { call: async (o) => (calls.push(['tcb.call', o]), {}) },
  };
  const clients: DeployClients<FakeProject> = {
    envId: options.envId === undefined ? 'env-test' : options.envId,
    build: async (names) => (calls.push(['build', names]), names.map((name) => ({ name, bytes: 1024 }))),
    exists: existsSync,
    wechat: async () => (opened.push('wechat'), wechat),
    cloud: async () => (opened.push('cloud'), cloud),
  };
  return { calls, opened, clients };
}

describe('executeDeploy against fake clients', () => {
  const repos: string[] = [];
  const repo = (options: Parameters<typeof makeRepo>[0]): string => {
    const r = makeRepo(options);
    repos.push(r);
    return r;
  };
  afterAll(() => repos.forEach((r) => rmSync(r, { recursive: true, force: true })));

  const functions = {
    alpha: {
      timeout: 20,
      envVariables: { MODE: 'prod' },
      triggers: [{ name: 'hourly', type: 'timer', config: '0 0 * * * * *' }],
    },
    beta: null,
  };

  it('calls the SDKs in plan order with the documented arguments', async () => {
    const r = repo({ functions });
    const { calls, clients } = fakeClients({ existing: ['beta'] });
    const lines: string[] = [];
    await executeDeploy(planDeploy(r, { collections }), clients, r, (l) => lines.push(l));

    const fnRoot = join(r, 'cloudfunctions');
    expect(calls).toEqual([
      ['build', ['alpha', 'beta']],
      ['functions.getFunctionDetail', 'alpha'],
      [
        'functions.createFunction',
        {
          func: {
            name: 'alpha',
            runtime: FUNCTION_RUNTIME,
            timeout: 20,
            envVariables: { MODE: 'prod' },
            installDependency: true,
            handler: 'index.main',
          },
          functionRootPath: fnRoot,
          force: false,
        },
      ],
      [
        'ci.uploadFunction',
        { project: PROJECT, env: 'env-test', name: 'alpha', path: join(fnRoot, 'alpha'), remoteNpmInstall: true },
      ],
      ['functions.updateFunctionConfig', { name: 'alpha', timeout: 20, envVariables: { MODE: 'prod' } }],
      ['functions.getFunctionDetail', 'beta'],
      [
        'ci.uploadFunction',
        { project: PROJECT, env: 'env-test', name: 'beta', path: join(fnRoot, 'beta'), remoteNpmInstall: true },
      ],
      ['functions.updateFunctionConfig', { name: 'beta', timeout: 3, envVariables: {} }],
      [
        'ci.createTimeTrigger',
        {
          project: PROJECT,
          envId: 'env-test',
          functionName: 'alpha',
          triggersConfig: [{ name: 'hourly', type: 'timer', config: '0 0 * * * * *' }],
        },
      ],
      ['database.createCollectionIfNotExists', 'posts'],
      [
        'tcb.call',
        {
          Action: 'ModifySafeRule',
          Param: { EnvId: 'env-test', CollectionName: 'posts', AclTag: 'CUSTOM', Rule: JSON.stringify(DENY_ALL_RULE) },
        },
      ],
      ['database.describeCollection', 'posts'],
      ['database.updateCollection', 'posts', { DropIndexes: [{ IndexName: 'slug' }] }],
      [
        'database.updateCollection',
        'posts',
        {
          CreateIndexes: [
            {
              IndexName: 'state',
              MgoKeySchema: { MgoIndexKeys: [{ Name: 'state', Direction: '1' }], MgoIsUnique: false },
            },
            {
              IndexName: 'slug',
              MgoKeySchema: { MgoIndexKeys: [{ Name: 'slug', Direction: '1' }], MgoIsUnique: true },
            },
          ],
        },
      ],
      ['database.createCollectionIfNotExists', 'leases'],
      [
        'tcb.call',
        {
          Action: 'ModifySafeRule',
          Param: {
            EnvId: 'env-test',
            CollectionName: 'leases',
            AclTag: 'CUSTOM',
            Rule: '{"read":false,"write":false}',
          },
        },
      ],
      [
        'ci.upload',
        {
          project: PROJECT,
          version: '1.2.3',
          desc: '公安新媒体工作台 1.2.3',
          robot: 1,
          setting: { useProjectConfig: true },
        },
      ],
    ]);
    expect(lines).toContain('  → 新建 1，重建 1，不变 1；未声明的索引保留：legacy');
    expect(lines.filter((l) => /^\[\d+\/\d+\]/.test(l))).toHaveLength(planDeploy(r, { collections }).length);
  });

  it('opens only the clients the targets need', async () => {
    const r = repo({ functions });
    const schemaOnly = fakeClients({ envId: 'env-test' });
    await executeDeploy(planDeploy(r, { only: ['schema'], collections }), schemaOnly.clients, r, () => undefined);
    expect(schemaOnly.opened).toEqual(['cloud']);
    const mpOnly = fakeClients({ envId: null });
    await executeDeploy(planDeploy(r, { only: ['miniprogram'] }), mpOnly.clients, r, () => undefined);
    expect(mpOnly.opened).toEqual(['wechat']);
    expect(mpOnly.calls.map((c) => c[0])).toEqual(['ci.upload']);
  });

  it('stops when miniprogram-ci answers that a trigger was not created', async () => {
    const r = repo({ functions });
    const { calls, clients } = fakeClients({ triggerAnswer: '请检查传入的 triggersConfig 是否符合格式' });
    await expect(executeDeploy(planDeploy(r, { collections }), clients, r, () => undefined)).rejects.toMatchObject({
      code: 'TRIGGER_CREATE_FAILED',
    });
    expect(calls.at(-1)?.[0]).toBe('ci.createTimeTrigger');
  });

  it('propagates a function lookup failure that is not "not found" instead of creating the function', async () => {
    const r = repo({ functions: { alpha: null } });
    const { calls, clients } = fakeClients();
    const cloud = await clients.cloud();
    cloud.functions.getFunctionDetail = async () => {
      throw Object.assign(new Error('denied'), { code: 'AuthFailure' });
    };
    clients.cloud = async () => cloud;
    await expect(executeDeploy(planDeploy(r, { only: ['functions'] }), clients, r, () => undefined)).rejects.toThrow(
      'denied',
    );
    expect(calls.map((c) => c[0])).toEqual(['build']);
  });

  it('touches nothing when the mini-program npm is not built or project.config.json is missing', async () => {
    for (const [options, code] of [
      [{ functions, npmBuilt: false }, 'MINIPROGRAM_NPM_NOT_BUILT'],
      [{ functions, projectConfig: false, npmBuilt: false }, 'MINIPROGRAM_PROJECT_MISSING'],
    ] as const) {
      const r = repo(options);
      const steps = planDeploy(r, { collections });
      expect(unmetPreconditions(steps, existsSync).map((e) => e.code)).toEqual([code]);
      const { calls, opened, clients } = fakeClients();
      await expect(executeDeploy(steps, clients, r, () => undefined)).rejects.toMatchObject({ code });
      expect(calls).toEqual([]);
      expect(opened).toEqual([]);
    }
  });
});

describe('planDeploy validates function configs before anything runs', () => {
  const repos: string[] = [];
  afterAll(() => repos.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const plan = (triggers: object[]) => {
    const r = makeRepo({ functions: { alpha: { triggers } } });
    repos.push(r);
    return () => planDeploy(r, { only: ['functions'] });
  };

  it('refuses a cron that is not the 7-field SCF form', () => {
    expect(codeOf(plan([{ name: 'daily', type: 'timer', config: '0 9 * * *' }]))).toBe('TRIGGER_CRON_INVALID');
  });

  it('refuses a trigger name SCF would reject', () => {
    expect(codeOf(plan([{ name: '9am', type: 'timer', config: '0 0 9 * * * *' }]))).toBe('TRIGGER_NAME_INVALID');
  });

  it('refuses a trigger type other than timer', () => {
    expect(codeOf(plan([{ name: 'daily', type: 'cos', config: '0 0 9 * * * *' }]))).toBe('FUNCTION_CONFIG_INVALID');
  });

  it('accepts a valid trigger and plans it after every function upload', () => {
    const steps = plan([{ name: 'daily-9', type: 'timer', config: '0 0 9 * * MON-FRI *' }])();
    expect(steps.map((s) => s.kind)).toEqual([
      'buildFunctions',
      'ensureFunction',
      'uploadFunction',
      'configureFunction',
      'createTimeTriggers',
    ]);
  });
});
