/**
 * The circular as documents (第三十六条 每月评估通报): a .docx in the form of a government circular
 * (方正小标宋 title, 仿宋 body, 三号; sections 一、二、…; tables with real Word table cells, so the desk
 * edits it in Word), written with `docx`; and an .xlsx with every score, indicator and deduction line,
 * written with `exceljs`. Both are generated in the cloud function and stored in cloud storage.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import type { AccountResult, MonthString, SchemeData, Standings } from '../../typings/evaluation';
import type { CircularContent, CircularTable } from '../../core/evaluation/circular';
import { platformLabels } from '../../core/cadence/cadence';
import { monthLabel } from '../../core/evaluation/month';

const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
const HEADING_FONT = '黑体';
/** 三号 = 16 pt, in half-points. */
const BODY_SIZE = 32;
const TABLE_SIZE = 24;

const run = (text: string, font = BODY_FONT, size = BODY_SIZE, bold = false): TextRun =>
  new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, bold });

const body = (text: string): Paragraph =>
  new Paragraph({ children: [run(text)], indent: { firstLine: 640 }, spacing: { line: 560 } });

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function table(t: CircularTable): Table {
  const cell = (value: string | number, header: boolean): TableCell =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [run(String(value), header ? HEADING_FONT : BODY_FONT, TABLE_SIZE, header)],
        }),
      ],
      borders: { top: border, bottom: border, left: border, right: border },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(c, true)) }),
      ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(v, false)) })),
    ],
  });
}

export async function circularDocx(content: CircularContent): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 400 },
      children: [run(content.title, TITLE_FONT, 44)],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(content.period, BODY_FONT, 28)] }),
    new Paragraph({ spacing: { before: 300 }, children: [run(content.recipients)] }),
  ];
  for (const section of content.sections) {
    children.push(
      new Paragraph({
        spacing: { before: 200 },
        indent: { firstLine: 640 },
        children: [run(section.heading, HEADING_FONT)],
      }),
    );
    for (const p of section.paragraphs) children.push(body(p));
    for (const t of section.tables) {
      children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(t.title, HEADING_FONT, 28)] }));
      children.push(table(t));
    }
  }
  children.push(
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 600 }, children: [run(content.issuer)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(content.issuedOn)] }),
  );
  const doc = new Document({
    creator: content.issuer,
    title: content.title,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        // A4 with the 公文 margins (上 37mm, 下 35mm, 左 28mm, 右 26mm), in twips.
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export interface WorkbookInput {
  month: MonthString;
  results: readonly AccountResult[];
  standings: Standings;
  scheme: SchemeData;
  unitName(unitId: string): string;
  /** Fixed in the file, so the same month gives the same workbook contents. */
  generatedAt: Date;
}

export async function circularXlsx(input: WorkbookInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '湖南省公安厅政治部宣传处';
  wb.created = input.generatedAt;
  wb.modified = input.generatedAt;
  const sorted = [...input.results].sort(
    (a, b) => b.score - a.score || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
  );

  const scores = wb.addWorksheet('账号得分');
  scores.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '类别名次', key: 'kindRank', width: 8 },
    { header: '账号', key: 'name', width: 18 },
    { header: '账号ID', key: 'id', width: 22 },
    { header: '平台', key: 'platform', width: 10 },
    { header: '类别', key: 'kind', width: 8 },
    { header: '单位', key: 'unit', width: 22 },
    { header: '市州', key: 'city', width: 16 },
    ...input.scheme.indicators.map((i) => ({ header: `${i.label}（${i.weight}分）`, key: `ind_${i.key}`, width: 14 })),
    { header: '指标得分', key: 'indicatorScore', width: 10 },
    { header: '扣分', key: 'deducted', width: 8 },
    { header: '加分', key: 'bonus', width: 8 },
    { header: '总分', key: 'score', width: 8 },
    { header: '等次', key: 'grade', width: 8 },
  ];
  for (const r of sorted) {
    const ranks = input.standings.ranks[r.accountId];
    const row: Record<string, string | number> = {
      rank: ranks?.[0] ?? 0,
      kindRank: ranks?.[1] ?? 0,
      name: r.accountName,
      id: r.accountId,
      platform: platformLabels[r.platform],
      kind: r.kind === 'institutional' ? '机构' : '个人',
      unit: input.unitName(r.unitId),
      city: r.cityId ? input.unitName(r.cityId) : '',
      indicatorScore: r.indicatorScore,
      deducted: r.deducted,
      bonus: r.bonus,
      score: r.score,
      grade: r.grade,
    };
    for (const ind of r.indicators) row[`ind_${ind.key}`] = ind.applicable ? ind.earned : '不适用';
    scores.addRow(row);
  }
  scores.getRow(1).font = { bold: true };
  scores.views = [{ state: 'frozen', ySplit: 1 }];

  const lines = wb.addWorksheet('扣分加分明细');
  lines.columns = [
    { header: '账号', key: 'name', width: 18 },
    { header: '账号ID', key: 'accountId', width: 22 },
    { header: '类型', key: 'kind', width: 6 },
    { header: '事项', key: 'label', width: 20 },
    { header: '依据条款', key: 'article', width: 12 },
    { header: '分值', key: 'points', width: 8 },
    { header: '情况', key: 'reason', width: 50 },
    { header: '证据记录', key: 'evidence', width: 36 },
    { header: '来源', key: 'source', width: 8 },
    { header: '异议结果', key: 'withdrawn', width: 12 },
    { header: '编号', key: 'id', width: 40 },
  ];
  for (const r of [...input.results].sort((a, b) => (a.accountId < b.accountId ? -1 : 1))) {
    for (const l of r.lines) {
      lines.addRow({
        name: r.accountName,
        accountId: r.accountId,
        kind: l.kind === 'deduction' ? '扣分' : '加分',
        label: l.label,
        article: l.article,
        points: l.points,
        reason: l.reason,
        evidence: `${l.evidence.collection}/${l.evidence.id}`,
        source: l.source === 'auto' ? '系统' : '人工',
        withdrawn: l.withdrawn ? '异议成立已撤销' : '',
        id: l.id,
      });
    }
  }
  lines.getRow(1).font = { bold: true };

  const cities = wb.addWorksheet('市州排名');
  cities.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '单位', key: 'name', width: 22 },
    { header: '账号数', key: 'accounts', width: 8 },
    { header: '平均得分', key: 'score', width: 10 },
  ];
  for (const c of input.standings.cities)
    cities.addRow({ rank: c.rank, name: c.unitName, accounts: c.accounts, score: c.score });
  cities.getRow(1).font = { bold: true };

  const scheme = wb.addWorksheet('评估办法');
  scheme.columns = [
    { header: '项目', key: 'label', width: 22 },
    { header: '依据条款', key: 'article', width: 12 },
    { header: '分值', key: 'points', width: 10 },
  ];
  for (const i of input.scheme.indicators)
    scheme.addRow({ label: `指标：${i.label}`, article: i.article, points: i.weight });
  for (const d of input.scheme.autoDeductions)
    scheme.addRow({ label: `扣分：${d.label}（每次）`, article: d.article, points: -d.points });
  scheme.addRow({ label: '月度扣分上限', article: '第三十七条', points: input.scheme.deductionCap });
  scheme.addRow({ label: '月度加分上限', article: '第三十六条', points: input.scheme.bonusCap });
  scheme.getRow(1).font = { bold: true };
  wb.title = `${monthLabel(input.month)}公安新媒体工作评估明细`;

  return Buffer.from(await wb.xlsx.writeBuffer());
}
