/**
 * `npm run deploy [-- --dry-run] [-- --only functions|schema|miniprogram]`: builds and uploads the
 * cloud functions with their timer triggers, applies the declared schema with deny-all security
 * rules, and uploads the mini-program. See docs/deploy.md for the credentials it reads.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError } from '../core/errors';
import { credentialStatus, readCredentials, type Env } from './deploy/credentials';
import {
  DEPLOY_TARGETS,
  describeStep,
  isDeployTarget,
  planDeploy,
  unmetPreconditions,
  type DeployTarget,
} from './deploy/plan';

export const REPO = resolve(__dirname, '..');

export interface CliOptions {
  dryRun: boolean;
  targets: DeployTarget[];
}

/** `--only` may repeat or hold a comma list; targets always run in the fixed order. */
export function parseCli(argv: string[]): CliOptions {
  let values: { 'dry-run'?: boolean; only?: string[] };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'dry-run': { type: 'boolean' }, only: { type: 'string', multiple: true } },
      strict: true,
    }));
  } catch (err) {
    throw new DomainError('DEPLOY_ARGS_INVALID', `参数无效：${(err as Error).message}`);
  }
  const requested = (values.only ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = requested.filter((t) => !isDeployTarget(t));
  if (unknown.length > 0) {
    throw new DomainError(
      'DEPLOY_TARGET_INVALID',
      `未知的部署目标：${unknown.join('、')}（可选：${DEPLOY_TARGETS.join('、')}）`,
    );
  }
  const targets = requested.length === 0 ? [...DEPLOY_TARGETS] : DEPLOY_TARGETS.filter((t) => requested.includes(t));
  return { dryRun: values['dry-run'] ?? false, targets };
}

export async function main(argv: string[], env: Env, log: (line: string) => void): Promise<void> {
  const { dryRun, targets } = parseCli(argv);
  const steps = planDeploy(REPO, {
    only: targets,
    version: env.WX_VERSION?.trim() || undefined,
    desc: env.WX_DESC?.trim() || undefined,
  });
  if (dryRun) {
    log(`部署预演（--dry-run，不连接任何服务）：${targets.join('、')}，共 ${steps.length} 步`);
    log(`凭据：${credentialStatus(env, targets)}`);
    steps.forEach((step, i) => log(`[${i + 1}/${steps.length}] ${describeStep(step, REPO)}`));
    for (const problem of unmetPreconditions(steps, existsSync)) log(`注意 [${problem.code}]：${problem.message}`);
    return;
  }
  const credentials = readCredentials(env, targets);
  // Loaded here so the dry run never pulls in the SDKs.
  const [{ createClients }, { executeDeploy }] = await Promise.all([
    import('./deploy/clients'),
    import('./deploy/execute'),
  ]);
  await executeDeploy(steps, createClients(REPO, credentials), REPO, log);
  log('部署完成');
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, (line) => console.log(line)).catch((err: unknown) => {
    if (err instanceof Error && 'code' in err) console.error(`部署失败 [${String(err.code)}]：${err.message}`);
    else console.error('部署失败：', err);
    process.exit(1);
  });
}
