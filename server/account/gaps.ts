/** 第九条 gaps: how they read, and the notice a bureau with one receives. */
import type { MatrixTotals } from '../../typings/account';
import { linkTo, type Notice } from '../../core/account/notices';
import { propagandaDeskOf, type UnitTree } from '../../core/org/tree';

const GAP_WORDS: Record<'weibo' | 'wechat', string> = { weibo: '微博', wechat: '微信公众号' };
export const gapLabel = (gaps: ReadonlyArray<'weibo' | 'wechat'>): string =>
  `缺${gaps.map((g) => GAP_WORDS[g]).join('、')}`;

/** 第九条: the notice a bureau with a gap receives (its desk; nobody there → its responsible person). */
export function gapNotice(doc: MatrixTotals, tree: UnitTree, occasion: string): Notice | null {
  const bureau = tree.byId.get(doc._id);
  const desk = propagandaDeskOf(doc._id, tree);
  if (!bureau || !desk) return null;
  const label = gapLabel(doc.gaps);
  return {
    kind: 'accountGap',
    to: [{ desk: desk._id }],
    title: `${bureau.name}${label}`,
    text: `各市州县（区）公安（分）局必须开设微博、微信公众平台（第九条），请尽快提出开设申请`,
    link: linkTo('matrix', { unitId: bureau._id }),
    subject: { collection: 'matrixTotals', id: doc._id },
    values: {
      subject: `${bureau.name}${label}`,
      status: '未开设',
      dueAt: doc.gapSince ?? doc.updatedAt,
      remark: '请提出开设申请（第九条）',
    },
    occasion,
  };
}
