/**
 * Demo data for `npm start` and the integration tests: the demo organisation (core/org/demo.ts), written
 * straight into the local cloud's store the way an administrator's import would be. Everything that
 * has a workflow (posts, referrals) is created afterwards through the functions themselves.
 */
import { demoOrg } from '../core/org/demo';
import type { LocalDatabase } from './local-cloud/src';
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
      roles: p.roles.map((r) => `${r.role}@${unitName.get(r.unitId) ?? r.unitId}`).join(', '),
    }));
}
