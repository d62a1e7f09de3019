/**
 * Deterministic demo organisation: one province, one city (长沙), one county (浏阳), people in every role
 * and five accounts. Stable ids; every record valid under checkTree / validateAccount (tested).
 *
 * Demo OPENIDs (sign in as these in the local cloud):
 *   demo-operator-a, demo-operator-b     长沙 city accounts' A角 / B角
 *   demo-reviewer                        长沙 审核民警
 *   demo-leader                          长沙 分管领导
 *   demo-city-propaganda                 长沙市公安局政治部宣传处 宣传干事
 *   demo-province-propaganda             省厅政治部宣传处 宣传干事
 *   demo-handler-cyber, demo-handler-criminal   长沙 网安 / 刑侦 警种联络人
 *   demo-admin                           长沙市公安局 单位管理员
 *   demo-province-admin, demo-province-leader   省厅 单位管理员 / 分管领导
 *   demo-county-operator, demo-county-reviewer, demo-county-leader   浏阳
 *   demo-county-admin                    浏阳市公安局 单位管理员
 *   demo-personal                        交警 with a personal account (个人公安新媒体)
 *   demo-untrained                       an operator without completed training (第三十五条)
 * The 国保 person (p-cs-guobao) has no OPENID and no role: 第九条.
 */
import type {
  Account,
  DepartmentFunction,
  Person,
  Responsibility,
  RoleGrant,
  TrainingRecord,
  Unit,
  UnitKind,
} from '../../typings/org';

export const DEMO_TIME = '2026-01-05T09:00:00.000+08:00';

const NOBODY: Responsibility = { leaderId: null, departmentId: null, personId: null };

function units(): Unit[] {
  const out: Unit[] = [];
  const add = (
    _id: string,
    name: string,
    kind: UnitKind,
    parentId: string | null,
    extra: { fn?: DepartmentFunction; specialWork?: boolean; responsibility?: Responsibility } = {},
  ): void => {
    const parent = out.find((u) => u._id === parentId);
    const level = !parent
      ? 'province'
      : kind !== 'bureau'
        ? parent.level
        : parent.level === 'province'
          ? 'city'
          : 'county';
    out.push({
      _id,
      name,
      kind,
      level,
      parentId,
      path: [...(parent?.path ?? []), _id],
      ...(extra.fn ? { departmentFunction: extra.fn } : {}),
      specialWork: extra.specialWork ?? false,
      responsibility: extra.responsibility ?? NOBODY,
      createdAt: DEMO_TIME,
      updatedAt: DEMO_TIME,
      rev: 1,
    });
  };
  add('u-hn', '湖南省公安厅', 'bureau', null, {
    responsibility: { leaderId: 'p-hn-leader', departmentId: 'u-hn-xcc', personId: 'p-hn-propaganda' },
  });
  add('u-hn-xcc', '湖南省公安厅政治部宣传处', 'propagandaDesk', 'u-hn');
  add('u-hn-wa', '湖南省公安厅网安总队', 'department', 'u-hn', { fn: 'cyberSecurity' });
  add('u-hn-xz', '湖南省公安厅刑侦总队', 'department', 'u-hn', { fn: 'criminal' });
  add('u-hn-dc', '湖南省公安厅警务督察总队', 'department', 'u-hn', { fn: 'inspection' });
  add('u-hn-yq', '湖南省公安厅舆情导控中心', 'department', 'u-hn', { fn: 'publicOpinion' });

  add('u-cs', '长沙市公安局', 'bureau', 'u-hn', {
    responsibility: { leaderId: 'p-cs-leader', departmentId: 'u-cs-xcc', personId: 'p-cs-propaganda' },
  });
  add('u-cs-xcc', '长沙市公安局政治部宣传处', 'propagandaDesk', 'u-cs');
  add('u-cs-xz', '长沙市公安局刑侦支队', 'department', 'u-cs', { fn: 'criminal' });
  add('u-cs-jj', '长沙市公安局交警支队', 'department', 'u-cs', { fn: 'traffic' });
  add('u-cs-wa', '长沙市公安局网安支队', 'department', 'u-cs', { fn: 'cyberSecurity' });
  add('u-cs-za', '长沙市公安局治安支队', 'department', 'u-cs', { fn: 'publicOrder' });
  add('u-cs-dc', '长沙市公安局督察支队', 'department', 'u-cs', { fn: 'inspection' });
  add('u-cs-jw', '长沙市公安局纪检监察室', 'department', 'u-cs', { fn: 'discipline' });
  add('u-cs-gb', '长沙市公安局国保支队', 'department', 'u-cs', { fn: 'other', specialWork: true });

  add('u-ly', '浏阳市公安局', 'bureau', 'u-cs', {
    responsibility: { leaderId: 'p-ly-leader', departmentId: 'u-ly-xc', personId: 'p-ly-reviewer' },
  });
  add('u-ly-xc', '浏阳市公安局政工宣传室', 'propagandaDesk', 'u-ly');
  add('u-ly-xz', '浏阳市公安局刑侦大队', 'department', 'u-ly', { fn: 'criminal' });
  add('u-ly-wa', '浏阳市公安局网安大队', 'department', 'u-ly', { fn: 'cyberSecurity' });
  add('u-ly-za', '浏阳市公安局治安大队', 'department', 'u-ly', { fn: 'publicOrder' });
  return out;
}

const TRAINED: TrainingRecord = {
  course: '公安新媒体业务培训',
  date: '2025-12-20',
  issuer: '湖南省公安厅政治部宣传处',
  completed: true,
};
const ENROLLED: TrainingRecord = {
  course: '公安新媒体业务培训',
  date: '2026-01-10',
  issuer: '长沙市公安局政治部宣传处',
  completed: false,
};

function people(): Person[] {
  let n = 0;
  const person = (
    _id: string,
    name: string,
    unitId: string,
    openid: string | null,
    roles: RoleGrant[],
    extra: Partial<Pick<Person, 'trainings' | 'classifiedPost'>> = {},
  ): Person => {
    n += 1;
    const seq = String(n).padStart(2, '0');
    return {
      _id,
      name,
      badgeNo: `4300${seq}`,
      unitId,
      phone: `139000000${seq}`,
      auxiliary: false,
      classifiedPost: extra.classifiedPost ?? false,
      active: true,
      roles,
      trainings: (extra.trainings ?? [TRAINED]).map((t) => ({ ...t })),
      openid,
      createdAt: DEMO_TIME,
      updatedAt: DEMO_TIME,
      rev: 1,
    };
  };
  return [
    person('p-hn-propaganda', '周芳', 'u-hn-xcc', 'demo-province-propaganda', [
      { role: 'propagandaStaff', unitId: 'u-hn-xcc' },
    ]),
    person('p-hn-admin', '唐敏', 'u-hn', 'demo-province-admin', [{ role: 'unitAdmin', unitId: 'u-hn' }]),
    person('p-hn-leader', '邓文', 'u-hn', 'demo-province-leader', [{ role: 'leader', unitId: 'u-hn' }]),
    person('p-cs-operator-a', '王明', 'u-cs-xcc', 'demo-operator-a', [{ role: 'operator', unitId: 'u-cs' }]),
    person('p-cs-operator-b', '李娜', 'u-cs-xcc', 'demo-operator-b', [{ role: 'operator', unitId: 'u-cs' }]),
    person('p-cs-reviewer', '张伟', 'u-cs-xcc', 'demo-reviewer', [{ role: 'reviewer', unitId: 'u-cs' }]),
    person('p-cs-leader', '刘强', 'u-cs', 'demo-leader', [{ role: 'leader', unitId: 'u-cs' }]),
    person('p-cs-propaganda', '陈静', 'u-cs-xcc', 'demo-city-propaganda', [
      { role: 'propagandaStaff', unitId: 'u-cs-xcc' },
    ]),
    person('p-cs-handler-cyber', '赵磊', 'u-cs-wa', 'demo-handler-cyber', [
      { role: 'departmentHandler', unitId: 'u-cs-wa' },
    ]),
    person('p-cs-handler-criminal', '孙杰', 'u-cs-xz', 'demo-handler-criminal', [
      { role: 'departmentHandler', unitId: 'u-cs-xz' },
    ]),
    person('p-cs-admin', '吴刚', 'u-cs', 'demo-admin', [{ role: 'unitAdmin', unitId: 'u-cs' }]),
    person('p-ly-operator', '郑洁', 'u-ly-xc', 'demo-county-operator', [{ role: 'operator', unitId: 'u-ly' }]),
    person('p-ly-reviewer', '黄涛', 'u-ly-xc', 'demo-county-reviewer', [{ role: 'reviewer', unitId: 'u-ly' }]),
    person('p-ly-leader', '何军', 'u-ly', 'demo-county-leader', [{ role: 'leader', unitId: 'u-ly' }]),
    person('p-cs-personal', '林晓', 'u-cs-jj', 'demo-personal', [{ role: 'operator', unitId: 'u-cs-jj' }]),
    person('p-cs-untrained', '马超', 'u-cs-xcc', 'demo-untrained', [{ role: 'operator', unitId: 'u-cs' }], {
      trainings: [ENROLLED],
    }),
    person('p-cs-guobao', '罗斌', 'u-cs-gb', null, [], { classifiedPost: true }),
    // Demo for every identity (issue 16): a county's own admin, within 浏阳 only.
    person('p-ly-admin', '谢红', 'u-ly', 'demo-county-admin', [{ role: 'unitAdmin', unitId: 'u-ly' }]),
  ];
}

function accounts(): Account[] {
  const account = (
    _id: string,
    platform: Account['platform'],
    name: string,
    unitId: string,
    staff: Pick<Account, 'operatorA' | 'operatorB' | 'reviewerIds'>,
    ownerId: string | null = null,
  ): Account => ({
    _id,
    platform,
    name,
    platformId: `demo-${_id}`,
    unitId,
    kind: ownerId === null ? 'institutional' : 'personal',
    ownerId,
    realNameVerified: true,
    ...staff,
    reviewerIds: [...staff.reviewerIds],
    state: 'active',
    exceptionApproval: null,
    createdAt: DEMO_TIME,
    updatedAt: DEMO_TIME,
    rev: 1,
  });
  const cityStaff = { operatorA: 'p-cs-operator-a', operatorB: 'p-cs-operator-b', reviewerIds: ['p-cs-reviewer'] };
  return [
    account('acc-cs-weibo', 'weibo', '长沙警事', 'u-cs', cityStaff),
    account('acc-cs-wechat-sub', 'wechatSubscription', '长沙警事', 'u-cs', cityStaff),
    account('acc-cs-wechat-service', 'wechatService', '长沙公安服务', 'u-cs', cityStaff),
    account('acc-ly-weibo', 'weibo', '浏阳公安', 'u-ly', {
      operatorA: 'p-ly-operator',
      operatorB: null,
      reviewerIds: ['p-ly-reviewer'],
    }),
    account(
      'acc-cs-personal',
      'douyin',
      '交警林晓',
      'u-cs-jj',
      { operatorA: 'p-cs-personal', operatorB: null, reviewerIds: [] },
      'p-cs-personal',
    ),
  ];
}

export interface DemoOrg {
  units: Unit[];
  people: Person[];
  accounts: Account[];
}

/** A fresh copy each call, so a caller that mutates it cannot change another's data. */
export function demoOrg(): DemoOrg {
  return { units: units(), people: people(), accounts: accounts() };
}
