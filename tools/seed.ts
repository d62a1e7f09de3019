/**
 * Demo data for `npm start` and the integration tests: the demo organisation (core/org/demo.ts), written
 * straight into the local cloud's store the way an administrator's import would be. Everything that
 * has a workflow (posts, referrals) is created afterwards through the functions themselves.
 */
import { demoOrg } from '../core/org/demo';
import { ROLE_LABELS } from '../core/org/people';
import type { LocalCloud, LocalDatabase } from './local-cloud/src';
import type { Doc } from './local-cloud/src/db/ejson';

export interface SeedReport {
  units: number;
  people: number;
  accounts: number;
}

const asDocs = <T extends object>(rows: readonly T[]): Doc[] => rows.map((r) => ({ ...r }) as unknown as Doc);

export function seedOrg(db: LocalDatabase): SeedReport {
  const org = demoOrg();
  db.insert('units', asDocs(org.units));
  db.insert('people', asDocs(org.people));
  db.insert('accounts', asDocs(org.accounts));
  return { units: org.units.length, people: org.people.length, accounts: org.accounts.length };
}

/** The demo OPENIDs, one per role, as README documents them. */
export function demoOpenids(): Array<{ openid: string; name: string; roles: string }> {
  const org = demoOrg();
  const unitName = new Map(org.units.map((u) => [u._id, u.name]));
  return org.people
    .filter((p) => p.openid !== null)
    .map((p) => ({
      openid: p.openid as string,
      name: p.name,
      roles: p.roles.map((r) => `${unitName.get(r.unitId) ?? r.unitId}${ROLE_LABELS[r.role]}`).join('、') || '（无角色）',
    }));
}

/**
 * A demo scenario creates objects with a workflow through the functions themselves (HTTP, as the
 * mini-program would), so the demo data is exactly what the product would have made. Each domain
 * registers its own; they run in order after the organisation is seeded.
 */
export type DemoScenario = (call: DemoCall) => Promise<string>;
export type DemoCall = (fn: string, body: Record<string, unknown>, openid: string) => Promise<unknown>;

export const demoScenarios: DemoScenario[] = [];

export async function seedDemo(cloud: LocalCloud): Promise<string[]> {
  const org = seedOrg(cloud.db);
  const report = [`${org.units}个单位`, `${org.people}名人员`, `${org.accounts}个账号`];
  const call: DemoCall = async (fn, body, openid) => {
    const res = await fetch(`${cloud.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { ok?: boolean; error?: { message: string } };
    if (res.status !== 200 || answer.ok !== true) {
      throw new Error(`演示数据写入失败（${fn}.${String(body['action'])}）：${answer.error?.message ?? res.status}`);
    }
    return answer;
  };
  for (const scenario of demoScenarios) report.push(await scenario(call));
  return report;
}
