/**
 * Deploy credentials, from the environment only (第三十三条: keys are managed, never committed):
 * which ones a deploy needs depends on its targets.
 */
import { existsSync } from 'node:fs';
import { DomainError } from '../../core/errors';
import type { DeployTarget } from './plan';

export type CredentialName =
  | 'WX_APPID'
  | 'WX_PRIVATE_KEY_PATH'
  | 'TCB_ENV_ID'
  | 'TENCENTCLOUD_SECRETID'
  | 'TENCENTCLOUD_SECRETKEY';

const WECHAT: CredentialName[] = ['WX_APPID', 'WX_PRIVATE_KEY_PATH'];
const CLOUD: CredentialName[] = ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'];

/** Functions go up through miniprogram-ci (WeChat key) and are configured through the manager SDK (secrets). */
const NEEDED: Record<DeployTarget, CredentialName[]> = {
  functions: [...WECHAT, ...CLOUD],
  schema: CLOUD,
  miniprogram: WECHAT,
};

export interface WechatCredentials {
  appid: string;
  privateKeyPath: string;
}

export interface CloudCredentials {
  secretId: string;
  secretKey: string;
}

export interface Credentials {
  envId: string | null;
  wechat: WechatCredentials | null;
  cloud: CloudCredentials | null;
}

export type Env = Readonly<Partial<Record<string, string>>>;

export function neededCredentials(targets: readonly DeployTarget[]): CredentialName[] {
  const needed = new Set(targets.flatMap((t) => NEEDED[t]));
  return [...WECHAT, ...CLOUD].filter((name) => needed.has(name));
}

/** Reads what `targets` need; a missing one (or an upload key that is not there) is one clear refusal. */
export function readCredentials(
  env: Env,
  targets: readonly DeployTarget[],
  fileExists: (path: string) => boolean = existsSync,
): Credentials {
  const needed = neededCredentials(targets);
  const value = (name: CredentialName): string | null => env[name]?.trim() || null;
  const missing = needed.filter((name) => value(name) === null);
  if (missing.length > 0) {
    throw new DomainError(
      'DEPLOY_CREDENTIALS_MISSING',
      `缺少部署所需的环境变量：${missing.join('、')}。说明见 docs/deploy.md；只查看部署步骤可加 --dry-run`,
    );
  }
  const keyPath = value('WX_PRIVATE_KEY_PATH');
  if (needed.includes('WX_PRIVATE_KEY_PATH') && keyPath !== null && !fileExists(keyPath)) {
    throw new DomainError(
      'DEPLOY_PRIVATE_KEY_NOT_FOUND',
      `WX_PRIVATE_KEY_PATH 指向的代码上传密钥文件不存在：${keyPath}`,
    );
  }
  const appid = value('WX_APPID');
  const secretId = value('TENCENTCLOUD_SECRETID');
  const secretKey = value('TENCENTCLOUD_SECRETKEY');
  return {
    envId: needed.includes('TCB_ENV_ID') ? value('TCB_ENV_ID') : null,
    wechat: needed.includes('WX_APPID') && appid && keyPath ? { appid, privateKeyPath: keyPath } : null,
    cloud: needed.includes('TENCENTCLOUD_SECRETID') && secretId && secretKey ? { secretId, secretKey } : null,
  };
}

/** For the dry run: which needed variables are set, never their values. */
export function credentialStatus(env: Env, targets: readonly DeployTarget[]): string {
  return neededCredentials(targets)
    .map((name) => `${name} ${env[name]?.trim() ? '已设置' : '未设置'}`)
    .join('，');
}
