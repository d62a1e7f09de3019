/** Shared fixtures for the post and cadence tests: a three-level tree with desks, people and accounts. */
import type { Account, Person, Role, RoleGrant, Unit, UnitKind, UnitLevel } from '../../typings/org';
import type { DraftInput, PostContent, PostScreening } from '../../typings/post';

const T0 = '2026-01-01T00:00:00.000+08:00';

function unit(_id: string, name: string, kind: UnitKind, level: UnitLevel, parent: Unit | null): Unit {
  return {
    _id,
    name,
    kind,
    level,
    parentId: parent ? parent._id : null,
    path: parent ? [...parent.path, _id] : [_id],
    specialWork: false,
    responsibility: { leaderId: null, departmentId: null, personId: null },
    createdAt: T0,
    updatedAt: T0,
    rev: 1,
  };
}

export const province = unit('u-prov', '湖南省公安厅', 'bureau', 'province', null);
export const provinceDesk = unit('u-prov-desk', '政治部宣传处', 'propagandaDesk', 'province', province);
export const city = unit('u-city', '长沙市公安局', 'bureau', 'city', province);
export const cityDesk = unit('u-city-desk', '宣传处', 'propagandaDesk', 'city', city);
export const cityTraffic = unit('u-city-traffic', '交警支队', 'department', 'city', city);
export const county = unit('u-county', '浏阳市公安局', 'bureau', 'county', city);
export const countyDesk = unit('u-county-desk', '政工室', 'propagandaDesk', 'county', county);
export const units: Unit[] = [province, provinceDesk, city, cityDesk, cityTraffic, county, countyDesk];

export function person(_id: string, unitId: string, grants: Array<[Role, string]>): Person {
  const roles: RoleGrant[] = grants.map(([role, u]) => ({ role, unitId: u }));
  return {
    _id,
    name: _id,
    badgeNo: `B-${_id}`,
    unitId,
    phone: '13800000000',
    auxiliary: false,
    classifiedPost: false,
    active: true,
    roles,
    trainings: [{ course: '新媒体业务培训', date: '2025-12-01', issuer: '省厅政治部宣传处', completed: true }],
    openid: null,
    createdAt: T0,
    updatedAt: T0,
    rev: 1,
  };
}

/** Per bureau level: operators A/B, a reviewer, a leader, a propaganda leader and desk staff. */
function staffOf(b: Unit, desk: Unit) {
  const tag = b.level;
  return {
    opA: person(`${tag}-opA`, b._id, [['operator', b._id]]),
    opB: person(`${tag}-opB`, b._id, [['operator', b._id]]),
    reviewer: person(`${tag}-reviewer`, b._id, [['reviewer', b._id]]),
    leader: person(`${tag}-leader`, b._id, [['leader', b._id]]),
    propagandaLeader: person(`${tag}-prop-leader`, desk._id, [['leader', desk._id]]),
    staff: person(`${tag}-staff`, desk._id, [['propagandaStaff', desk._id]]),
    /** A police officer with a personal account. */
    officer: person(`${tag}-officer`, b._id, []),
  };
}

export const staff = {
  province: staffOf(province, provinceDesk),
  city: staffOf(city, cityDesk),
  county: staffOf(county, countyDesk),
};

export function institutional(b: Unit, platform: Account['platform'] = 'weibo'): Account {
  const s = staff[b.level];
  return {
    _id: `acc-${b.level}-${platform}`,
    platform,
    name: `${b.name}${platform === 'weibo' ? '微博' : '微信'}`,
    platformId: `pid-${b._id}`,
    unitId: b._id,
    kind: 'institutional',
    ownerId: null,
    realNameVerified: true,
    operatorA: s.opA._id,
    operatorB: s.opB._id,
    reviewerIds: [s.reviewer._id],
    state: 'active',
    exceptionApproval: null,
    createdAt: T0,
    updatedAt: T0,
    rev: 1,
  };
}

export function personal(b: Unit): Account {
  const owner = staff[b.level].officer;
  return {
    ...institutional(b),
    _id: `acc-${b.level}-personal`,
    name: `${owner.name}的个人微博`,
    kind: 'personal',
    ownerId: owner._id,
    operatorA: owner._id,
    operatorB: null,
    reviewerIds: [],
  };
}

export const clean: PostScreening = { blocked: false, minLevel: 'ordinary', hits: [] };

export const content = (over: Partial<PostContent> = {}): PostContent => ({
  title: '冬季道路交通安全提示',
  text: '近期气温骤降，请广大驾驶人减速慢行。',
  images: ['cloud://env.demo/posts/1.jpg'],
  kind: 'original',
  source: null,
  ...over,
});

export const draft = (over: Partial<DraftInput> = {}): DraftInput => ({
  content: content(),
  nature: 'official',
  declaredLevel: 'ordinary',
  sourceVerified: false,
  plannedAt: null,
  screening: clean,
  ...over,
});

/** A clock that only moves when told. */
export function clock(startIso: string) {
  let now = Date.parse(startIso);
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
      return now;
    },
  };
}

let seq = 0;
export const newId = (): string => {
  seq += 1;
  return `post-${seq}`;
};
