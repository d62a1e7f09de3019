/** Answers of the account function for the account lifecycle pages' tests (第九条—第十四条, 第三十九条—第四十二条). */
import type {
  ApplicationDetail,
  ApplicationSummary,
  FilingView,
  MatrixPage,
  RegistryItem,
  SetupView,
} from '../../typings/account';
import type { AccountView } from '../../typings/org';

export function summary(over: Partial<ApplicationSummary> = {}): ApplicationSummary {
  return {
    id: 'app-1',
    type: 'open',
    typeLabel: '开设申请',
    state: 'pending',
    stateLabel: '待审批',
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    kind: 'institutional',
    platform: 'douyin',
    platformLabel: '抖音',
    name: '长沙警事',
    applicantName: '赵敏',
    deciderName: '湖南省公安厅政治部宣传处',
    submittedAt: '2026-03-09T10:00:00.000+08:00',
    decidedAt: null,
    accountId: null,
    rev: 1,
    ...over,
  };
}

export function detail(over: Partial<ApplicationDetail> = {}): ApplicationDetail {
  return {
    ...summary(over),
    deciderId: 'u-hn-xcc',
    deciderArticle: '第十条',
    opening: {
      purpose: '短视频发布警情通报',
      columnPlan: '警情速递；防骗课堂',
      conditions: {
        operatorA: 'p-a',
        operatorB: 'p-b',
        reviewerIds: ['p-r'],
        technicalSupport: '网安支队技术保障组',
        equipment: { attested: true, note: '专用手机2部' },
        premises: { attested: true, note: '新媒体工作室' },
        funding: { attested: false, note: '' },
        exceptionApproval: null,
      },
    },
    registration: null,
    reason: null,
    owner: null,
    staff: {
      operatorA: { id: 'p-a', name: '王明' },
      operatorB: { id: 'p-b', name: '陈静' },
      reviewers: [{ id: 'p-r', name: '刘强' }],
    },
    log: [
      {
        step: 'submit',
        label: '提交申请',
        article: '第十条',
        at: '2026-03-09T10:00:00.000+08:00',
        personId: 'p-admin',
        personName: '赵敏',
        note: null,
      },
    ],
    openItems: null,
    can: { decide: false, withdraw: false, amend: false },
    namingAdvice: null,
    ...over,
  };
}

export function filing(over: Partial<FilingView> = {}): FilingView {
  return {
    id: 'f-1',
    event: 'open',
    eventLabel: '开设备案',
    state: 'due',
    stateLabel: '待报备',
    accountId: 'acc-1',
    accountName: '长沙警事',
    platformLabel: '抖音',
    unitName: '长沙市公安局',
    filerDeskName: '长沙市公安局政治部宣传处',
    receiverDeskName: '湖南省公安厅政治部宣传处',
    approvedAt: '2026-03-09T10:00:00.000+08:00',
    dueAt: '2026-03-16T23:59:59.999+08:00',
    overdue: false,
    filedAt: null,
    acknowledgedAt: null,
    note: null,
    documents: [],
    log: [
      {
        step: 'created',
        at: '2026-03-09T10:00:00.000+08:00',
        personId: null,
        personName: '系统',
        note: null,
      },
    ],
    can: { file: false, acknowledge: false, query: false },
    rev: 1,
    ...over,
  };
}

export function accountView(over: Partial<AccountView> = {}): AccountView {
  return {
    id: 'acc-1',
    platform: 'douyin',
    name: '长沙警事',
    platformId: '',
    unitId: 'u-cs',
    unitName: '长沙市公安局',
    kind: 'institutional',
    owner: null,
    realNameVerified: false,
    operatorA: { id: 'p-a', name: '王明' },
    operatorB: { id: 'p-b', name: '陈静' },
    reviewers: [{ id: 'p-r', name: '刘强' }],
    state: 'approved',
    exceptionApproval: null,
    violations: [],
    rev: 2,
    ...over,
  };
}

const TASK_LABELS = {
  standardName: '规范命名',
  realName: '实名认证',
  avatar: '头像',
  background: '背景图',
  columnPlan: '栏目规划',
} as const;

export function setupView(done: Array<keyof typeof TASK_LABELS> = [], over: Partial<AccountView> = {}): SetupView {
  return {
    account: accountView(over),
    tasks: (Object.keys(TASK_LABELS) as Array<keyof typeof TASK_LABELS>).map((key) => ({
      key,
      label: TASK_LABELS[key],
      article: '第十二条',
      done: done.includes(key),
      value: done.includes(key) ? (key === 'standardName' ? '长沙警事' : `cloud://env/${key}.png`) : null,
      doneAt: done.includes(key) ? '2026-03-10T09:00:00.000+08:00' : null,
      doneBy: done.includes(key) ? 'p-a' : null,
    })),
    nameExamples: ['长沙警事', '长沙公安'],
    imageUrls: {},
    approvingDeskName: '湖南省公安厅政治部宣传处',
  };
}

export function matrixPage(over: Partial<MatrixPage> = {}): MatrixPage {
  return {
    unit: { id: 'u-hn', name: '湖南省公安厅', level: 'province', parentId: null },
    summary: {
      total: 12,
      open: 11,
      byPlatform: [
        { platform: 'weibo', platformLabel: '微博', byState: { active: 5 }, total: 5 },
        { platform: 'wechatSubscription', platformLabel: '微信订阅号', byState: { active: 4 }, total: 4 },
      ],
      byKind: { institutional: 10, personal: 2 },
      gapBureaus: 1,
    },
    view: 'units',
    units: [
      {
        unitId: 'u-cs',
        unitName: '长沙市公安局',
        level: 'city',
        hasChildren: true,
        open: 9,
        byFamily: { weibo: 4, wechat: 3 },
        gaps: [],
      },
      {
        unitId: 'u-yy',
        unitName: '岳阳市公安局',
        level: 'city',
        hasChildren: true,
        open: 0,
        byFamily: {},
        gaps: ['weibo', 'wechat'],
      },
    ],
    gaps: [],
    accounts: [],
    nextOffset: null,
    ...over,
  };
}

export function registryItem(over: Partial<RegistryItem> = {}): RegistryItem {
  return {
    accountId: 'acc-p1',
    name: '交警林晓',
    platformLabel: '微博',
    platformId: 'weibo-linxiao',
    owner: { id: 'p-lx', name: '林晓' },
    ownerAuxiliary: false,
    ownerClassified: false,
    unitName: '长沙市公安局交警支队',
    realNameVerified: true,
    state: 'active',
    stateLabel: '正常运营',
    origin: 'registered',
    exceptionApproval: null,
    mark: null,
    rev: 1,
    ...over,
  };
}
