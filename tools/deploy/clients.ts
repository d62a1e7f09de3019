/**
 * The real SDK clients behind DeployClients. Loaded only by a real deploy: the dry run and the tests
 * never import miniprogram-ci or @cloudbase/manager-node.
 */
import { existsSync } from 'node:fs';
import type { Project } from 'miniprogram-ci';
import { DomainError } from '../../core/errors';
import { buildFunctions } from '../build-functions';
import type { Credentials } from './credentials';
import type { CloudClients, DeployClients, WechatClients } from './execute';

const missing = (what: string): DomainError =>
  new DomainError('DEPLOY_CREDENTIALS_MISSING', `缺少部署所需的环境变量：${what}`);

export function createClients(repo: string, credentials: Credentials): DeployClients<Project> {
  return {
    envId: credentials.envId,
    build: (names) => buildFunctions({ names }),
    exists: existsSync,
    async wechat(): Promise<WechatClients<Project>> {
      const wechat = credentials.wechat;
      if (!wechat) throw missing('WX_APPID、WX_PRIVATE_KEY_PATH');
      const ci = await import('miniprogram-ci');
      const project = new ci.Project({
        appid: wechat.appid,
        type: 'miniProgram',
        // project.config.json at the repository root names miniprogramRoot and cloudfunctionRoot.
        projectPath: repo,
        privateKeyPath: wechat.privateKeyPath,
        ignores: ['node_modules/**/*'],
      });
      return {
        project,
        ci: {
          uploadFunction: (options) => ci.cloud.uploadFunction(options),
          createTimeTrigger: (options) => ci.cloud.createTimeTrigger(options),
          upload: (options) => ci.upload(options),
        },
      };
    },
    async cloud(): Promise<CloudClients> {
      const secrets = credentials.cloud;
      if (!secrets || credentials.envId === null) {
        throw missing('TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY');
      }
      const { default: CloudBase } = await import('@cloudbase/manager-node');
      const app = new CloudBase({ secretId: secrets.secretId, secretKey: secrets.secretKey, envId: credentials.envId });
      return { functions: app.functions, database: app.database, tcb: app.commonService('tcb') };
    },
  };
}
