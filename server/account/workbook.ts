/**
 * The matrix as an .xlsx workbook (exceljs): 汇总 — every unit below the scope with its open accounts by
 * platform family and its 第九条 gaps; 账号清单 — every account with unit, platform, kind, state and how it
 * came to exist; 缺口 — the bureaus missing a Weibo or a WeChat account.
 */
import ExcelJS from 'exceljs';
import type { MatrixTotals, PlatformFamily, TotalsCounts } from '../../typings/account';
import type { Account, AccountState, Unit } from '../../typings/org';
import {
  ACCOUNT_KIND_LABELS,
  ACCOUNT_STATE_LABELS,
  isOpenState,
  platformEntry,
  platformLabel,
} from '../../core/account/catalogue';
import type { UnitTree } from '../../core/org/tree';
import { formatBeijing } from '../../core/time';

const LEVEL_LABELS = { province: '省级', city: '市州', county: '县市区' } as const;
const ORIGIN_LABELS = { application: '审批开设', preSystem: '系统前已开设', registered: '个人报备' } as const;
const FAMILIES: PlatformFamily[] = ['weibo', 'wechat', 'video', 'news', 'other'];
const GAP_WORDS = { weibo: '微博', wechat: '微信公众号' } as const;

function familyCounts(counts: TotalsCounts): Record<PlatformFamily, number> {
  const out: Record<PlatformFamily, number> = { weibo: 0, wechat: 0, video: 0, news: 0, other: 0 };
  for (const [key, n] of Object.entries(counts)) {
    const parts = key.split('|');
    if (!isOpenState(parts[parts.length - 1] as AccountState)) continue;
    out[platformEntry(parts[0] as Account['platform']).family] += n;
  }
  return out;
}

function header(sheet: ExcelJS.Worksheet): void {
  const first = sheet.getRow(1);
  first.font = { bold: true };
  first.alignment = { vertical: 'middle' };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

export interface WorkbookInput {
  unit: Unit;
  tree: UnitTree;
  totals: readonly MatrixTotals[];
  accounts: readonly Account[];
  at: number;
  familyLabels: Readonly<Record<PlatformFamily, string>>;
}

export async function buildWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { unit, tree } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = '公安新媒体工作台';
  wb.created = new Date(input.at);
  const name = (id: string): string => tree.byId.get(id)?.name ?? id;

  const summary = wb.addWorksheet('汇总');
  summary.columns = [
    { header: '单位', key: 'unit', width: 32 },
    { header: '层级', key: 'level', width: 8 },
    ...FAMILIES.map((f) => ({ header: input.familyLabels[f], key: f, width: 12 })),
    { header: '账号合计（在用）', key: 'open', width: 16 },
    { header: '第九条缺口', key: 'gaps', width: 18 },
  ];
  const ordered = [...input.totals].sort((a, b) => a.unitPath.join('/').localeCompare(b.unitPath.join('/')));
  for (const doc of ordered) {
    const counts = familyCounts(doc.subtree);
    summary.addRow({
      unit: `${'　'.repeat(Math.max(0, doc.unitPath.length - unit.path.length))}${name(doc._id)}`,
      level: LEVEL_LABELS[doc.level],
      ...counts,
      open: FAMILIES.reduce((n, f) => n + counts[f], 0),
      gaps: doc.gap ? `缺${doc.gaps.map((g) => GAP_WORDS[g]).join('、')}` : '',
    });
  }
  header(summary);

  const list = wb.addWorksheet('账号清单');
  list.columns = [
    { header: '账号名称', key: 'name', width: 24 },
    { header: '平台', key: 'platform', width: 12 },
    { header: '类别', key: 'kind', width: 10 },
    { header: '所属单位', key: 'unit', width: 32 },
    { header: '状态', key: 'state', width: 12 },
    { header: '来源', key: 'origin', width: 14 },
    { header: '实名认证', key: 'realName', width: 10 },
    { header: '开设审批时间', key: 'approvedAt', width: 20 },
  ];
  for (const a of input.accounts) {
    list.addRow({
      name: a.name,
      platform: platformLabel(a.platform),
      kind: ACCOUNT_KIND_LABELS[a.kind],
      unit: name(a.unitId),
      state: ACCOUNT_STATE_LABELS[a.state],
      origin: ORIGIN_LABELS[a.lifecycle?.origin ?? 'preSystem'],
      realName: a.realNameVerified ? '是' : '否',
      approvedAt: a.lifecycle?.approvedAt ? formatBeijing(Date.parse(a.lifecycle.approvedAt)) : '',
    });
  }
  header(list);

  const gaps = wb.addWorksheet('缺口');
  gaps.columns = [
    { header: '单位', key: 'unit', width: 32 },
    { header: '层级', key: 'level', width: 8 },
    { header: '缺少', key: 'missing', width: 20 },
    { header: '依据', key: 'article', width: 10 },
  ];
  for (const doc of ordered.filter((d) => d.gap)) {
    gaps.addRow({
      unit: name(doc._id),
      level: LEVEL_LABELS[doc.level],
      missing: doc.gaps.map((g) => GAP_WORDS[g]).join('、'),
      article: '第九条',
    });
  }
  header(gaps);

  const title = wb.addWorksheet('说明');
  title.addRow([`${unit.name} 公安新媒体矩阵`]);
  title.addRow([`导出时间：${formatBeijing(input.at)}`]);
  title.addRow([
    `账号 ${input.accounts.length} 个；单位 ${input.totals.length} 个；缺口单位 ${ordered.filter((d) => d.gap).length} 个`,
  ]);
  title.getColumn(1).width = 60;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
