import type { Role } from '../../typings/org';
import { authorize } from '../auth/authorize';
import { validateAccount } from './accounts';
import { demoOrg } from './demo';
import { isTrained } from './people';
import { buildTree, checkTree } from './tree';
import { checkResponsibility } from './units';

const org = demoOrg();
const tree = buildTree(org.units);
const people = new Map(org.people.map((p) => [p._id, p]));

describe('demo organisation', () => {
  it('is deterministic and handed out as a fresh copy', () => {
    const again = demoOrg();
    expect(again).toEqual(org);
    again.people[0].roles.push({ role: 'unitAdmin', unitId: 'u-hn' });
    again.accounts[0].reviewerIds.push('p-x');
    expect(demoOrg()).toEqual(org);
    expect(org.accounts[1].reviewerIds).toEqual(['p-cs-reviewer']);
  });

  it('has a sound tree: province, 长沙, 浏阳, each with its desk; 国保 flagged', () => {
    expect(checkTree(org.units)).toEqual([]);
    const names = org.units.map((u) => u.name);
    expect(names).toEqual(
      expect.arrayContaining(['湖南省公安厅政治部宣传处', '长沙市公安局政治部宣传处', '浏阳市公安局']),
    );
    expect(org.units.filter((u) => u.specialWork).map((u) => u.name)).toEqual(['长沙市公安局国保支队']);
    expect(org.units.filter((u) => u.kind === 'bureau').map((u) => u.level)).toEqual(['province', 'city', 'county']);
  });

  it('has valid accounts of every kind asked for', () => {
    for (const account of org.accounts)
      expect([account._id, validateAccount(account, { tree, people })]).toEqual([account._id, []]);
    expect(org.accounts.map((a) => `${a.unitId}:${a.platform}:${a.kind}`)).toEqual([
      'u-cs:weibo:institutional',
      'u-cs:wechatSubscription:institutional',
      'u-cs:wechatService:institutional',
      'u-ly:weibo:institutional',
      'u-cs-jj:douyin:personal',
    ]);
  });

  it('has valid responsibilities (第二十九条)', () => {
    for (const unit of org.units) expect(checkResponsibility(unit, unit.responsibility, tree, people)).toEqual([]);
  });

  it('binds the documented OPENIDs to people holding the documented roles', () => {
    const roleOf = (openid: string): string[] => {
      const person = org.people.find((p) => p.openid === openid);
      if (!person) throw new Error(`no person with ${openid}`);
      return person.roles.map((g) => `${g.role}@${g.unitId}`);
    };
    const expected: Record<string, string[]> = {
      'demo-operator-a': ['operator@u-cs'],
      'demo-operator-b': ['operator@u-cs'],
      'demo-reviewer': ['reviewer@u-cs'],
      'demo-leader': ['leader@u-cs'],
      'demo-city-propaganda': ['propagandaStaff@u-cs-xcc'],
      'demo-province-propaganda': ['propagandaStaff@u-hn-xcc'],
      'demo-handler-cyber': ['departmentHandler@u-cs-wa'],
      'demo-handler-criminal': ['departmentHandler@u-cs-xz'],
      'demo-admin': ['unitAdmin@u-cs'],
      'demo-province-admin': ['unitAdmin@u-hn'],
      'demo-province-leader': ['leader@u-hn'],
      'demo-county-operator': ['operator@u-ly'],
      'demo-county-reviewer': ['reviewer@u-ly'],
      'demo-county-leader': ['leader@u-ly'],
      'demo-county-admin': ['unitAdmin@u-ly'],
      'demo-personal': ['operator@u-cs-jj'],
      'demo-untrained': ['operator@u-cs'],
    };
    for (const [openid, roles] of Object.entries(expected)) expect([openid, roleOf(openid)]).toEqual([openid, roles]);
    const openids = org.people.map((p) => p.openid).filter((o) => o !== null);
    expect(openids.sort()).toEqual(Object.keys(expected).sort());
  });

  it('covers every role, trains everyone but one, keeps ids and badge numbers unique', () => {
    const roles = new Set<Role>(org.people.flatMap((p) => p.roles.map((g) => g.role)));
    expect(roles.size).toBe(6);
    expect(org.people.filter((p) => !isTrained(p)).map((p) => p.openid)).toEqual(['demo-untrained']);
    expect(new Set(org.people.map((p) => p.badgeNo)).size).toBe(org.people.length);
    const ids = [...org.units, ...org.people, ...org.accounts].map((x) => x._id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the 国保 person out of every account (第九条)', () => {
    const guobao = org.people.find((p) => p._id === 'p-cs-guobao');
    expect(guobao).toMatchObject({ openid: null, roles: [] });
    const named = org.accounts.flatMap((a) => [a.ownerId, a.operatorA, a.operatorB, ...a.reviewerIds]);
    expect(named).not.toContain('p-cs-guobao');
  });

  it('lets demo-operator-a write for 长沙警事 and refuses demo-untrained (第三十五条)', () => {
    const byOpenid = (openid: string) => org.people.find((p) => p.openid === openid) ?? null;
    const weibo = { kind: 'account', account: org.accounts[0] } as const;
    expect(authorize(byOpenid('demo-operator-a'), 'post.draftSave', weibo, tree).allowed).toBe(true);
    const asB = { kind: 'account', account: { ...org.accounts[0], operatorB: 'p-cs-untrained' } } as const;
    expect(authorize(byOpenid('demo-untrained'), 'post.draftSave', asB, tree)).toMatchObject({
      code: 'TRAINING_REQUIRED',
    });
  });
});
