/**
 * A whole province's year, generated from a fixed seed and written in bulk straight into the local
 * cloud's store (issue 18): the unit tree (province, 14 cities, 122 counties, their propaganda desks
 * and departments), about 20,000 people with roles and trainings, about 3,000 accounts on the
 * platforms 第九条 asks for (every bureau's 微博 and 微信公众号, departments' and personal accounts),
 * a year of posts taken through the real chain rules (core/post: create → submit → each step's
 * decision by a person who holds it → publication; some sent back, withdrawn or still waiting, with
 * their approvals-queue entries and frozen versions), messages and referrals through the referral
 * core (deadline classes, signed, answered on time or late, some still open and coming due), and each
 * role holder's inbox.
 *
 * `scale` (0–1] is the share of the year's records (posts, messages, referrals, notices) generated;
 * the organisation is always whole, so a bench compares the same pages at 10% and 100% of the data.
 * A tool, not an API: it writes documents directly, as an administrator's import would, not through
 * the functions. The same seed and scale give the same documents.
 */
import type { Account, Person, Platform, Role, RoleGrant, TrainingRecord, Unit } from '../../typings/org';
import type { Post, PostContent, PostEffect, PostEvent, PostScreening, SensitivityLevel } from '../../typings/post';
import type { Message, Referral, Triage } from '../../typings/referral';
import type { Notification } from '../../typings/notify';
import { applyPostEvent, createDraft, pendingKeysOfPerson } from '../../core/post';
import { queueEntries } from '../../server/post/effects';
import { createReferral, applyReferralEvent } from '../../core/referral/referral';
import { DEFAULT_REFERRAL_CONFIG, type DomainCtx } from '../../core/referral/common';
import { createWorkCalendar } from '../../core/calendar/calendar';
import { isDomainError } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { auditNote, changesOf, excerpt, REFERRAL_FIELDS } from '../../server/referral/notices';
import { adoptAccounts } from '../../core/account/adopt';
import { buildTotals } from '../../core/account/matrix';
import { buildReach } from '../../core/linkage/reach';
import { reachableNow } from '../../server/linkage/reach';
import { buildTree } from '../../core/org/tree';
import type { CadenceDay } from '../../typings/post';
import type { Effect } from '../../typings/referral';
import {
  AuditCollector,
  generateApplications,
  generateConsents,
  generateLinkage,
  generateSecurity,
  generateTraining,
  type World,
} from './records';
import type { LocalDatabase } from '../local-cloud/src';
import type { Doc } from '../local-cloud/src/db/ejson';

/** The province's "now": the end of the generated year, a Monday morning. */
export const PROVINCE_NOW = '2026-11-30T09:00:00.000+08:00';
const YEAR_START = Date.parse('2026-01-01T08:00:00+08:00');
const NOW_MS = Date.parse(PROVINCE_NOW);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface ProvinceOptions {
  seed?: number;
  /** Share of the year's records, (0, 1]. Default 1. */
  scale?: number;
  log?: (line: string) => void;
}

/** Who to sign in as, per role, for a bench or a look around (all bound, all trained). */
export interface ProvinceCallers {
  cityOperator: string;
  countyOperator: string;
  cityReviewer: string;
  cityLeader: string;
  cityAdmin: string;
  cityDesk: string;
  provinceDesk: string;
  provinceLeader: string;
  handler: string;
  personalOwner: string;
}

export interface ProvinceReport {
  seed: number;
  scale: number;
  counts: { [collection: string]: number };
  callers: ProvinceCallers;
  /** OPENID → person id of every caller above. */
  ms: number;
}

// --- a seeded generator (mulberry32) ----------------------------------------------------------------

export class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from nothing');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A whole count with mean `mean`, also below 1 (the fraction by chance). */
  about(mean: number): number {
    const whole = Math.floor(mean);
    return whole + (this.chance(mean - whole) ? 1 : 0);
  }
  /** A count with mean `mean` (a rounded exponential-ish spread, never negative). */
  count(mean: number): number {
    return Math.max(0, Math.round(mean * (0.5 + this.next())));
  }
}

const CITIES = [
  ['cs', '长沙'],
  ['zz', '株洲'],
  ['xt', '湘潭'],
  ['hy', '衡阳'],
  ['sy', '邵阳'],
  ['yy', '岳阳'],
  ['cd', '常德'],
  ['zjj', '张家界'],
  ['yiy', '益阳'],
  ['cz', '郴州'],
  ['yz', '永州'],
  ['hh', '怀化'],
  ['ld', '娄底'],
  ['xx', '湘西州'],
] as const;
/** 122 counties over 14 cities. */
const COUNTIES_PER_CITY = [9, 9, 5, 12, 12, 9, 9, 4, 6, 11, 11, 13, 5, 7];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红波辉鹏宇浩凯健斌俊峰晨阳欣怡婷雪琳';
const TRAINED: TrainingRecord = {
  course: '公安新媒体业务培训',
  date: '2025-12-20',
  issuer: '湖南省公安厅政治部宣传处',
  completed: true,
};
const CITY_DEPARTMENTS = [
  ['xz', '刑侦支队', 'criminal'],
  ['jj', '交警支队', 'traffic'],
  ['wa', '网安支队', 'cyberSecurity'],
  ['za', '治安支队', 'publicOrder'],
  ['dc', '督察支队', 'inspection'],
  ['jw', '纪检监察室', 'discipline'],
] as const;
const COUNTY_DEPARTMENTS = [
  ['xz', '刑侦大队', 'criminal'],
  ['jj', '交警大队', 'traffic'],
  ['za', '治安大队', 'publicOrder'],
] as const;

export interface Bureau {
  unit: Unit;
  desk: Unit;
  departments: Unit[];
  operators: Person[];
  reviewers: Person[];
  leader: Person;
  admin: Person;
  deskStaff: Person[];
  handlers: Map<string, Person>;
  accounts: Account[];
}

/** The writer: documents go to the store in batches, as an import would write them. */
export class Writer {
  readonly counts: { [collection: string]: number } = {};
  private readonly buffers = new Map<string, Doc[]>();
  constructor(private readonly db: LocalDatabase) {}
  add(collection: string, doc: object): void {
    const buffer = this.buffers.get(collection) ?? [];
    buffer.push({ ...doc } as unknown as Doc);
    this.buffers.set(collection, buffer);
    if (buffer.length >= 5_000) this.flush(collection);
  }
  flush(collection?: string): void {
    for (const [name, docs] of this.buffers) {
      if (collection !== undefined && name !== collection) continue;
      if (docs.length === 0) continue;
      this.db.insert(name, docs);
      this.counts[name] = (this.counts[name] ?? 0) + docs.length;
      this.buffers.set(name, []);
    }
  }
}

export function generateProvince(db: LocalDatabase, options: ProvinceOptions = {}): ProvinceReport {
  const started = Date.now();
  const seed = options.seed ?? 20261130;
  const scale = Math.min(1, Math.max(0.001, options.scale ?? 1));
  const log = options.log ?? (() => undefined);
  const rnd = new Random(seed);
  const out = new Writer(db);
  const iso = (ms: number): string => toBeijingIso(ms);
  const created = iso(YEAR_START - 30 * DAY);

  // --- units -------------------------------------------------------------------------------------
  const units: Unit[] = [];
  const unitById = new Map<string, Unit>();
  const unit = (
    _id: string,
    name: string,
    kind: Unit['kind'],
    parent: Unit | null,
    fn?: Unit['departmentFunction'],
  ): Unit => {
    const level = !parent
      ? 'province'
      : kind !== 'bureau'
        ? parent.level
        : parent.level === 'province'
          ? 'city'
          : 'county';
    const u: Unit = {
      _id,
      name,
      kind,
      level,
      parentId: parent?._id ?? null,
      path: [...(parent?.path ?? []), _id],
      ...(fn ? { departmentFunction: fn } : {}),
      specialWork: false,
      responsibility: { leaderId: null, departmentId: null, personId: null },
      createdAt: created,
      updatedAt: created,
      rev: 1,
    };
    units.push(u);
    unitById.set(_id, u);
    return u;
  };

  // --- people ------------------------------------------------------------------------------------
  let personSeq = 0;
  const people: Person[] = [];
  const person = (unitId: string, roles: RoleGrant[], openid: boolean, auxiliary = false): Person => {
    personSeq++;
    const id = `pp-${String(personSeq).padStart(5, '0')}`;
    const p: Person = {
      _id: id,
      name: `${rnd.pick([...SURNAMES])}${rnd.pick([...GIVEN])}${rnd.chance(0.6) ? rnd.pick([...GIVEN]) : ''}`,
      badgeNo: `43${String(personSeq).padStart(6, '0')}`,
      unitId,
      phone: `139${String(personSeq).padStart(8, '0')}`,
      auxiliary,
      classifiedPost: false,
      active: true,
      roles,
      trainings: [{ ...TRAINED }],
      openid: openid ? `prov-${id}` : null,
      createdAt: created,
      updatedAt: created,
      rev: 1,
    };
    people.push(p);
    return p;
  };
  const grant = (role: Role, unitId: string): RoleGrant => ({ role, unitId });

  const bureaus: Bureau[] = [];
  const makeBureau = (
    id: string,
    name: string,
    parent: Unit | null,
    deskName: string,
    departments: ReadonlyArray<readonly [string, string, Unit['departmentFunction']]>,
    staff: { operators: number; reviewers: number; desk: number; rankAndFile: number },
  ): Bureau => {
    const b = unit(id, name, 'bureau', parent);
    const desk = unit(`${id}-xc`, deskName, 'propagandaDesk', b);
    const depts = departments.map(([code, label, fn]) => unit(`${id}-${code}`, `${name}${label}`, 'department', b, fn));
    const operators = Array.from({ length: staff.operators }, () => person(desk._id, [grant('operator', b._id)], true));
    const reviewers = Array.from({ length: staff.reviewers }, () => person(desk._id, [grant('reviewer', b._id)], true));
    const leader = person(b._id, [grant('leader', b._id)], true);
    const admin = person(b._id, [grant('unitAdmin', b._id)], true);
    const deskStaff = Array.from({ length: staff.desk }, () =>
      person(desk._id, [grant('propagandaStaff', desk._id)], true),
    );
    const handlers = new Map<string, Person>();
    for (const d of depts) handlers.set(d._id, person(d._id, [grant('departmentHandler', d._id)], true));
    // Everyone else: no role here, some auxiliaries (辅警), spread over the departments.
    for (let i = 0; i < staff.rankAndFile; i++) {
      const where = depts.length > 0 ? rnd.pick(depts)._id : b._id;
      person(where, [], false, rnd.chance(0.3));
    }
    b.responsibility = {
      leaderId: leader._id,
      departmentId: desk._id,
      personId: deskStaff[0]?._id ?? reviewers[0]?._id ?? null,
    };
    const bureau: Bureau = {
      unit: b,
      desk,
      departments: depts,
      operators,
      reviewers,
      leader,
      admin,
      deskStaff,
      handlers,
      accounts: [],
    };
    bureaus.push(bureau);
    return bureau;
  };

  const province = makeBureau(
    'u-hn',
    '湖南省公安厅',
    null,
    '湖南省公安厅政治部宣传处',
    [
      ['xz', '刑侦总队', 'criminal'],
      ['wa', '网安总队', 'cyberSecurity'],
      ['dc', '警务督察总队', 'inspection'],
    ],
    { operators: 4, reviewers: 3, desk: 4, rankAndFile: 400 },
  );
  const cities: Bureau[] = [];
  const counties: Bureau[] = [];
  CITIES.forEach(([code, name], ci) => {
    const city = makeBureau(
      `u-${code}`,
      `${name}市公安局`,
      province.unit,
      `${name}市公安局政治部宣传处`,
      CITY_DEPARTMENTS,
      {
        operators: 4,
        reviewers: 2,
        desk: 2,
        rankAndFile: 600,
      },
    );
    cities.push(city);
    const n = COUNTIES_PER_CITY[ci] ?? 8;
    for (let k = 1; k <= n; k++) {
      counties.push(
        makeBureau(
          `u-${code}-${String(k).padStart(2, '0')}`,
          `${name}第${k}县（区）公安局`,
          city.unit,
          `${name}第${k}县（区）公安局政工宣传室`,
          COUNTY_DEPARTMENTS,
          { operators: 3, reviewers: 2, desk: 1, rankAndFile: 85 },
        ),
      );
    }
  });

  // --- accounts (第九条: every 市州/县 bureau on 微博 and 微信; more where they run them) -------------
  let accountSeq = 0;
  const accounts: Account[] = [];
  const account = (
    b: Bureau,
    unitId: string,
    platform: Platform,
    name: string,
    staff: Pick<Account, 'operatorA' | 'operatorB' | 'reviewerIds'>,
    ownerId: string | null = null,
  ): Account => {
    accountSeq++;
    const a: Account = {
      _id: `pa-${String(accountSeq).padStart(5, '0')}`,
      platform,
      name,
      platformId: `prov-${accountSeq}`,
      unitId,
      kind: ownerId === null ? 'institutional' : 'personal',
      ownerId,
      realNameVerified: true,
      ...staff,
      reviewerIds: [...staff.reviewerIds],
      state: 'active',
      exceptionApproval: null,
      createdAt: created,
      updatedAt: created,
      rev: 1,
    };
    accounts.push(a);
    b.accounts.push(a);
    return a;
  };
  const EXTRA: Platform[] = ['douyin', 'toutiao', 'kuaishou', 'wechatService'];
  for (const b of bureaus) {
    const short = b.unit.name.replace(/公安局$|公安厅$/, '');
    const [a1, a2, a3] = b.operators;
    const main = { operatorA: a1?._id ?? null, operatorB: a2?._id ?? null, reviewerIds: b.reviewers.map((r) => r._id) };
    const second = { operatorA: a3?._id ?? a1?._id ?? null, operatorB: a2?._id ?? null, reviewerIds: main.reviewerIds };
    account(b, b.unit._id, 'weibo', `${short}公安`, main);
    account(b, b.unit._id, 'wechatSubscription', `${short}警事`, main);
    for (const p of EXTRA)
      if (b.unit.level !== 'county' || rnd.chance(0.6)) account(b, b.unit._id, p, `${short}公安${p}`, second);
    // Departments' own accounts (交警, 网安 …), run by two of the department's people.
    for (const d of b.departments) {
      if (!rnd.chance(b.unit.level === 'county' ? 0.55 : 0.9)) continue;
      const ops = [person(d._id, [grant('operator', d._id)], true), person(d._id, [grant('operator', d._id)], true)];
      const rev = person(d._id, [grant('reviewer', d._id)], true);
      account(b, d._id, 'weibo', `${d.name}`, {
        operatorA: ops[0]?._id ?? null,
        operatorB: ops[1]?._id ?? null,
        reviewerIds: [rev._id],
      });
      if (rnd.chance(0.5)) {
        account(b, d._id, 'douyin', `${d.name}抖音`, {
          operatorA: ops[0]?._id ?? null,
          operatorB: ops[1]?._id ?? null,
          reviewerIds: [rev._id],
        });
      }
    }
  }
  // Personal accounts (个人公安新媒体, 第三十九条), registered in the owner's unit.
  const owners: Person[] = [];
  for (const b of bureaus) {
    const n = b.unit.level === 'county' ? 14 : b.unit.level === 'city' ? 24 : 10;
    for (let i = 0; i < n; i++) {
      const d = b.departments.length > 0 ? rnd.pick(b.departments) : b.unit;
      const owner = person(d._id, [grant('operator', d._id)], true);
      owners.push(owner);
      account(
        b,
        d._id,
        rnd.pick<Platform>(['douyin', 'kuaishou', 'weibo']),
        `${owner.name}说警事`,
        { operatorA: owner._id, operatorB: null, reviewerIds: [] },
        owner._id,
      );
    }
  }
  // The account lifecycle's fields (approver of record, index fields, name claims) and the matrix's
  // maintained totals, as for accounts that predate the system (core/account/adopt).
  const tree = buildTree(units);
  const audit = new AuditCollector();
  const adopted = adoptAccounts(tree, new Map(people.map((p) => [p._id, p])), accounts, created);
  adopted.accounts.forEach((a, i) => Object.assign(accounts[i], a));
  const world: World = {
    rnd,
    out,
    audit,
    tree,
    people,
    personById: new Map(people.map((p) => [p._id, p])),
    accounts,
    bureaus,
    province,
    cities,
    scale,
    yearStart: YEAR_START,
    now: NOW_MS,
  };
  // 第十条, 第十二条, 第十四条: the last months' opening applications, the accounts they opened, their filings.
  const applications = generateApplications(world, createWorkCalendar());
  accounts.push(...applications.opened);
  log(
    `  账号申请：${applications.applications} 件 ${JSON.stringify(applications.byState)}，新开账号 ${applications.opened.length} 个（开设中 ${applications.inSetup}），备案 ${applications.filings} 件 ${JSON.stringify(applications.filingsByState)}`,
  );
  // 第三十五条: the year's training sessions, written onto each person's records.
  const trained = generateTraining(world);
  people.splice(0, people.length, ...trained);
  world.personById = new Map(people.map((p) => [p._id, p]));
  for (const u of units) out.add('units', u);
  for (const p of people) out.add('people', p);
  for (const a of accounts) out.add('accounts', a);
  for (const c of adopted.claims) out.add('accountNames', c);
  // The matrix's maintained totals, over the adopted accounts and those the applications opened.
  for (const t of buildTotals(tree, accounts, created)) out.add('matrixTotals', t);
  out.flush();
  log(`  组织：${units.length} 个单位，${people.length} 名人员，${accounts.length} 个账号`);

  // --- posts through the chain rules ---------------------------------------------------------------
  const personById = world.personById;
  const holdersOf = new Map<string, Person[]>();
  for (const p of people) {
    for (const key of pendingKeysOfPerson(p)) {
      const list = holdersOf.get(key) ?? [];
      list.push(p);
      holdersOf.set(key, list);
    }
  }
  /** The units a post's chain needs: the account's unit, its ancestors, their propaganda desks. */
  const chainUnits = new Map<string, Unit[]>();
  const unitsFor = (unitId: string): Unit[] => {
    const known = chainUnits.get(unitId);
    if (known) return known;
    const u = unitById.get(unitId);
    const path = u?.path ?? [];
    const list = units.filter(
      (x) => path.includes(x._id) || (x.kind === 'propagandaDesk' && x.parentId !== null && path.includes(x.parentId)),
    );
    chainUnits.set(unitId, list);
    return list;
  };
  const screening = (level: SensitivityLevel): PostScreening => ({ blocked: false, minLevel: level, hits: [] });
  let postSeq = 0;
  const cadenceDays = new Map<string, CadenceDay>();
  const failures: { [code: string]: number } = {};
  const refused = (code: string): void => {
    failures[code] = (failures[code] ?? 0) + 1;
  };

  const runPost = (a: Account, at: number): void => {
    postSeq++;
    const id = `ps-${String(postSeq).padStart(7, '0')}`;
    const author = personById.get(rnd.chance(0.7) || a.operatorB === null ? (a.operatorA ?? '') : a.operatorB);
    if (!author) return;
    const units = unitsFor(a.unitId);
    const ctx = (now: number, actor: Person) => ({ now, actor, account: a, units });
    const content: PostContent = {
      title: `${a.name}：${rnd.pick(['警情通报', '防骗提醒', '交通出行提示', '便民服务', '警营风采', '法治宣传'])}（${postSeq}）`,
      text: `${rnd.pick(['近日', '今天', '本周'])}，${a.name}${rnd.pick(['提醒广大群众注意防范电信诈骗', '发布节假日出行安全提示', '通报一起案件的侦破情况', '介绍户籍业务办理流程'])}。`,
      images: [],
      kind: 'original',
      source: null,
    };
    const r = rnd.next();
    const level: SensitivityLevel = r < 0.9 ? 'ordinary' : r < 0.98 ? 'major' : 'especiallyMajor';
    let t = createDraft(
      {
        accountId: a._id,
        content,
        nature: a.kind === 'personal' ? 'personal' : 'official',
        declaredLevel: level,
        sourceVerified: false,
        plannedAt: null,
        screening: screening('ordinary'),
      },
      { ...ctx(at, author), newId: () => id },
    );
    if (!t.ok) return refused(t.error.code);
    let post: Post = t.next;
    const versions: PostEffect[] = [];
    const unitPath = unitById.get(a.unitId)?.path ?? [a.unitId];
    /** What server/post/effects.ts does with a transition's effects, in bulk. */
    const effects = (list: readonly PostEffect[], now: number, actor: Person): void => {
      for (const e of list) {
        if (e.type === 'storeVersion') versions.push(e);
        else if (e.type === 'audit')
          audit.add(now, actor, e.action, { collection: 'posts', id: e.postId }, e.summary, unitPath);
        else if (e.type === 'countPublished') {
          const dayId = `${e.accountId}:${e.day}`;
          const day = cadenceDays.get(dayId) ?? { _id: dayId, accountId: e.accountId, day: e.day, postIds: [] };
          if (!day.postIds.includes(e.postId)) day.postIds.push(e.postId);
          cadenceDays.set(dayId, day);
        }
      }
    };
    effects(t.effects, at, author);
    const apply = (event: PostEvent, now: number, actor: Person): boolean => {
      t = applyPostEvent(post, event, ctx(now, actor));
      if (!t.ok) {
        refused(t.error.code);
        return false;
      }
      post = t.next;
      effects(t.effects, now, actor);
      return true;
    };
    const fate = rnd.next();
    const recent = NOW_MS - at < 3 * DAY;
    let now = at + rnd.int(60) * MIN;
    if (fate < 0.03) {
      // a draft left
    } else if (apply({ type: 'submit', expectedRev: post.rev, screening: screening('ordinary') }, now, author)) {
      const decide = (): 'done' | 'waiting' | 'failed' => {
        while (post.state === 'inReview' && post.stepIndex !== null) {
          const step = post.chain[post.stepIndex];
          const holder = step
            ? post.pendingWith.flatMap((k) => holdersOf.get(k) ?? []).find((p) => !post.contributorIds.includes(p._id))
            : undefined;
          if (!holder) return 'waiting';
          now += (10 + rnd.int(120)) * MIN;
          if (recent && now > NOW_MS - HOUR) return 'waiting';
          if (!apply({ type: 'approve', expectedRev: post.rev, version: post.version, comment: '同意' }, now, holder))
            return 'failed';
        }
        return 'done';
      };
      if (fate < 0.06) {
        const step = post.stepIndex === null ? undefined : post.chain[post.stepIndex];
        const holder = step ? post.pendingWith.flatMap((k) => holdersOf.get(k) ?? [])[0] : undefined;
        if (holder)
          apply(
            { type: 'sendBack', expectedRev: post.rev, version: post.version, comment: '请核实后修改' },
            now + 30 * MIN,
            holder,
          );
      } else if (fate < 0.08) {
        apply({ type: 'withdraw', expectedRev: post.rev }, now + 20 * MIN, author);
      } else if (decide() === 'done' && post.state === 'approved' && (!recent || rnd.chance(0.5))) {
        now += (5 + rnd.int(60)) * MIN;
        if (now < NOW_MS) {
          apply(
            {
              type: 'recordPublication',
              expectedRev: post.rev,
              version: post.version,
              content: post.content,
              url: `https://weibo.example/${a.platformId}/${postSeq}`,
              publishedAt: iso(now),
            },
            now,
            author,
          );
        }
      }
    }
    out.add('posts', post);
    for (const e of versions) if (e.type === 'storeVersion') out.add('postVersions', e.version);
    for (const entry of queueEntries(post, a, author.name, now)) out.add('approvalQueue', entry);
  };

  // Volume per account and year: a city's main accounts post most; the share `scale` of them is kept.
  const postsPerYear = (a: Account): number => {
    const level = unitById.get(a.unitId)?.level;
    if (a.kind === 'personal') return 12;
    if (unitById.get(a.unitId)?.kind === 'department') return 30;
    if (a.platform === 'weibo' || a.platform === 'wechatSubscription') return level === 'county' ? 90 : 220;
    return 40;
  };
  for (const a of accounts) {
    // Accounts the last months' applications opened have not posted yet.
    if (a.lifecycle?.origin === 'application') continue;
    const n = rnd.count(postsPerYear(a) * scale);
    for (let i = 0; i < n; i++) {
      // Spread over the year, newest within the last hours; the recent ones may still wait.
      const at = NOW_MS - Math.floor(Math.pow(rnd.next(), 1.2) * (NOW_MS - YEAR_START));
      runPost(a, Math.min(at, NOW_MS - 10 * MIN));
    }
  }
  // 第十九条: the published posts per account and Beijing day, as each publication maintains them.
  for (const day of cadenceDays.values()) out.add('cadenceDays', day);
  out.flush();
  log(
    `  稿件：${out.counts['posts'] ?? 0} 篇（版本 ${out.counts['postVersions'] ?? 0}，待审批条目 ${out.counts['approvalQueue'] ?? 0}）`,
  );
  if (Object.keys(failures).length > 0) log(`  规则拒绝（已跳过的步骤）：${JSON.stringify(failures)}`);

  // --- messages and referrals through the referral core ----------------------------------------------
  const calendar = createWorkCalendar();
  const TRIAGES: Triage[] = [
    'general',
    'general',
    'general',
    'consultation',
    'consultation',
    'complaint',
    'abusive',
    'policeReport',
  ];
  let messageSeq = 0;
  let referralSeq = 0;
  for (const b of bureaus) {
    for (const a of b.accounts) {
      if (a.kind === 'personal') continue;
      const n = rnd.count((a.platform === 'weibo' ? 40 : 12) * scale);
      const operator = personById.get(a.operatorA ?? '');
      if (!operator) continue;
      const actor = { personId: operator._id, roles: operator.roles };
      // Referrals coming due now (a bureau's weibo): signed, unanswered, their first reminder within the
      // last hours — what the referral reminders find due this morning (issue 18's timers).
      const comingDue =
        a.platform === 'weibo' && unitById.get(a.unitId)?.kind === 'bureau' && b.departments.length > 0
          ? rnd.about(1.5 * scale)
          : 0;
      for (let i = 0; i < n + comingDue; i++) {
        messageSeq++;
        const extra = i >= n;
        const deadlineClass = rnd.pick(['ordinary', 'ordinary', 'complex', 'major'] as const);
        let receivedMs = NOW_MS - Math.floor(rnd.next() * (NOW_MS - YEAR_START));
        if (extra) {
          // The latest moment of the last twelve days whose referral's first reminder falls in the last 20 hours.
          const department = b.departments[0];
          for (let back = 2 * HOUR + rnd.int(6) * HOUR; back < 12 * DAY; back += 2 * HOUR) {
            const trial = createReferral(
              {
                _id: 'trial',
                message: { _id: 'trial', accountId: a._id, unitId: a.unitId, triage: 'consultation', state: 'triaged' },
                department: { _id: department?._id ?? '', name: department?.name ?? '', kind: 'department' },
                deskId: b.desk._id,
                deadlineClass,
                question: '咨询',
              },
              { now: NOW_MS - back, actor, calendar, config: DEFAULT_REFERRAL_CONFIG },
            );
            if (isDomainError(trial)) break;
            const soon = Date.parse(trial.next.dueSoonAt);
            if (soon <= NOW_MS - 10 * MIN && soon > NOW_MS - 20 * HOUR) {
              receivedMs = NOW_MS - back - 30 * MIN;
              break;
            }
          }
        }
        const triage = extra ? 'consultation' : rnd.pick(TRIAGES);
        const referable = triage === 'consultation' || triage === 'complaint';
        const open = extra || (NOW_MS - receivedMs < 10 * DAY && rnd.chance(0.6));
        const message: Message = {
          _id: `pm-${String(messageSeq).padStart(7, '0')}`,
          accountId: a._id,
          unitId: a.unitId,
          platform: a.platform,
          senderNickname: `网友${messageSeq}`,
          text: `${rnd.pick(['请问', '咨询', '反映', '建议'])}：${rnd.pick(['户口迁移需要哪些材料', '小区附近夜间有人飙车', '身份证补办要多久', '被骗了怎么办'])}`,
          receivedAt: iso(receivedMs),
          link: null,
          suggestedTriage: triage,
          triage,
          raisesProblem: false,
          state: open ? 'triaged' : 'closed',
          replies: open
            ? []
            : [
                {
                  text: '您好，已收悉，感谢您的关注。',
                  at: iso(receivedMs + 3 * HOUR),
                  by: operator._id,
                  followUp: false,
                },
              ],
          notices: [],
          cleanedUpAt: null,
          replyTargetAt: null,
          outcome: open ? null : 'replied',
          closedAt: open ? null : iso(receivedMs + 3 * HOUR),
          closedBy: open ? null : operator._id,
          recordedBy: operator._id,
          createdAt: iso(receivedMs),
          updatedAt: iso(receivedMs),
          rev: 1,
        } as Message;
        out.add('messages', message);
        if (
          !referable ||
          b.departments.length === 0 ||
          (!extra && !rnd.chance(0.5)) ||
          unitById.get(a.unitId)?.kind !== 'bureau'
        )
          continue;
        referralSeq++;
        const department = extra ? (b.departments[0] ?? rnd.pick(b.departments)) : rnd.pick(b.departments);
        const handler = b.handlers.get(department._id);
        const dctx = (now: number, who: Person): DomainCtx => ({
          now,
          actor: { personId: who._id, roles: who.roles },
          calendar,
          config: DEFAULT_REFERRAL_CONFIG,
        });
        const madeMs = receivedMs + 30 * MIN;
        let r = createReferral(
          {
            _id: `pr-${String(referralSeq).padStart(6, '0')}`,
            message: { _id: message._id, accountId: a._id, unitId: a.unitId, triage, state: 'triaged' },
            department: { _id: department._id, name: department.name, kind: 'department' },
            deskId: b.desk._id,
            deadlineClass,
            question: message.text,
          },
          { ...dctx(madeMs, operator), actor },
        );
        if (isDomainError(r)) {
          refused(r.code);
          continue;
        }
        let referral: Referral = r.next;
        const referralPath = unitById.get(a.unitId)?.path ?? [a.unitId];
        /** The transition's audit entries, as server/referral/notices.ts applyEffects writes them. */
        const audited = (effects: readonly Effect[], at: number, who: Person, before: Referral | null): void => {
          for (const e of effects) {
            if (e.kind !== 'audit') continue;
            const note = auditNote(
              e,
              excerpt(referral.question),
              referralPath,
              changesOf(before, referral, REFERRAL_FIELDS),
            );
            audit.add(at, who, note.action, note.object, note.summary, note.unitPath, note.changes);
          }
        };
        audited(r.effects, madeMs, operator, null);
        const step = (event: Parameters<typeof applyReferralEvent>[1], at: number, who: Person): boolean => {
          if (at > NOW_MS) return false;
          const before = referral;
          r = applyReferralEvent(referral, event, dctx(at, who));
          if (isDomainError(r)) {
            refused(r.code);
            return false;
          }
          referral = r.next;
          audited(r.effects, at, who, before);
          return true;
        };
        const signMs = extra ? madeMs + 10 * MIN : madeMs + (1 + rnd.int(20)) * HOUR;
        if (handler && step({ type: 'sign', expectedRev: referral.rev }, signMs, handler) && !extra) {
          const dueMs = Date.parse(referral.dueAt);
          // Most answered in time, some late, the recent ones still open.
          const answerMs = rnd.chance(0.85) ? madeMs + rnd.next() * (dueMs - madeMs) : dueMs + rnd.int(3 * 24) * HOUR;
          if (
            answerMs < NOW_MS &&
            step(
              {
                type: 'answer',
                outcome: '已核实处理',
                replyWording: '经核实，已依法处理。',
                attachments: [],
                expectedRev: referral.rev,
              },
              answerMs,
              handler,
            )
          ) {
            step({ type: 'close', expectedRev: referral.rev }, answerMs + 2 * HOUR, operator);
          }
        }
        out.add('referrals', referral);
      }
    }
  }
  out.flush();
  log(`  留言：${out.counts['messages'] ?? 0} 条，流转：${out.counts['referrals'] ?? 0} 件`);

  // --- inboxes ----------------------------------------------------------------------------------------
  let noticeSeq = 0;
  for (const p of people) {
    if (p.roles.length === 0) continue;
    const n = rnd.count(60 * scale);
    for (let i = 0; i < n; i++) {
      noticeSeq++;
      const at = NOW_MS - Math.floor(rnd.next() * (NOW_MS - YEAR_START));
      const n1: Notification = {
        _id: `pn-${String(noticeSeq).padStart(7, '0')}`,
        recipientId: p._id,
        kind: 'approvalPending',
        title: `有稿件待您审批（${noticeSeq}）`,
        text: '请及时处理',
        link: '/pages/approvals/index',
        subject: null,
        dedupeKey: `province:${noticeSeq}`,
        createdAt: iso(at),
        read: NOW_MS - at > 3 * DAY || rnd.chance(0.5),
        readAt: null,
      } as Notification;
      out.add('notifications', n1);
    }
  }
  out.flush();

  // 第三十三条: rotation records reminded as if the security timer last ran at 23:00 yesterday (the
  // stages at midnight are what its next run finds due); incidents.
  const security = generateSecurity(world, NOW_MS - 10 * HOUR);
  out.flush();
  log(
    `  账号安全：${out.counts['accountSecurity'] ?? 0} 个账号，密码更换登记 ${security.attestations} 次（逾期 ${security.late}），安全事件 ${security.incidents} 起（处置中 ${security.open}）`,
  );
  // 第三十四条: the timer's steps done up to two minutes ago.
  const linkage = generateLinkage(world, NOW_MS - 2 * MIN);
  out.flush();
  log(
    `  联动指令：${linkage.directives} 条，${linkage.targets} 个账号次（按时 ${linkage.onTime}，逾期 ${linkage.late}，未响应 ${linkage.silent}），此刻有步骤到期 ${linkage.dueNow} 条`,
  );
  // Subscribe-message consents: the outbox delivers to most role holders, skips and escalates for the rest.
  const consents = generateConsents(world);
  out.flush();
  log(`  订阅授权：${consents.people} 人（一次性授权共 ${consents.oneTimeAccepts} 次）`);
  // linkage: the preview's counters (core/linkage/reach.ts), over the accounts as they stand and who
  // WeChat can reach now (bound, active, holding a consent to the linkage template).
  const reach = buildReach(
    tree,
    accounts,
    (id) => reachableNow(personById.get(id) ?? null, consents.byPerson.get(id) ?? null),
    created,
  );
  for (const r of reach.reach) out.add('linkageReach', r);
  for (const o of reach.operators) out.add('linkageOperators', o);
  out.flush();
  // The audit log of all the above, chained in time order; the security timer's tail starts at its head.
  const head = audit.write(out);
  const lastAccount = accounts.reduce((m, a) => (a._id > m ? a._id : m), '');
  out.add('counters', { _id: 'securitySync', seq: head?.seq ?? 0, enrolled: true, enrolAfter: lastAccount, rev: 1 });
  out.flush();
  log(`  审计日志：${out.counts['auditLog'] ?? 0} 条`);

  const cs = cities[0];
  const ly = counties[0];
  const openidOf = (p: Person | undefined): string => p?.openid ?? '';
  const callers: ProvinceCallers = {
    cityOperator: openidOf(cs.operators[0]),
    countyOperator: openidOf(ly.operators[0]),
    cityReviewer: openidOf(cs.reviewers[0]),
    cityLeader: openidOf(cs.leader),
    cityAdmin: openidOf(cs.admin),
    cityDesk: openidOf(cs.deskStaff[0]),
    provinceDesk: openidOf(province.deskStaff[0]),
    provinceLeader: openidOf(province.leader),
    handler: openidOf(cs.handlers.get(cs.departments[0]?._id ?? '')),
    personalOwner: openidOf(owners[0]),
  };
  return { seed, scale, counts: { ...out.counts }, callers, ms: Date.now() - started };
}
