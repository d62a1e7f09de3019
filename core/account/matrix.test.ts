import type { MatrixTotals } from '../../typings/account';
import type { Unit } from '../../typings/org';
import { demoOrg } from '../org/demo';
import { buildTree } from '../org/tree';
import { openingDecider, personalDecider, filingDesks, isBureauOwnUnit } from './deciders';
import { applyTotals, buildTotals, facet, facetsOf, gapsOf, summarise, type Counted } from './matrix';

const units = demoOrg().units;
const tree = buildTree(units);

describe('who decides (第十条) and who files (第十四条)', () => {
  it('sends a bureau one level up and a department or officer to its own level', () => {
    expect(openingDecider('u-ly', tree)).toEqual({ deskId: 'u-cs-xcc', article: '第十条' });
    expect(openingDecider('u-ly-xc', tree)?.deskId).toBe('u-cs-xcc'); // the county desk's own account is the bureau's
    expect(openingDecider('u-cs', tree)?.deskId).toBe('u-hn-xcc');
    expect(openingDecider('u-cs-jj', tree)?.deskId).toBe('u-cs-xcc');
    expect(openingDecider('u-ly-xz', tree)?.deskId).toBe('u-ly-xc');
    expect(openingDecider('u-hn', tree)?.deskId).toBe('u-hn-xcc');
    expect(openingDecider('u-hn-wa', tree)?.deskId).toBe('u-hn-xcc');
    expect(openingDecider('nowhere', tree)).toBeNull();
    expect(personalDecider({ unitId: 'u-cs-jj' }, tree)).toEqual({ deskId: 'u-cs-xcc', article: '第三十九条' });
    expect(isBureauOwnUnit(tree.byId.get('u-cs-xcc') as Unit, tree)).toBe(true);
  });

  it('files with the desk one level up; the province files with nobody', () => {
    expect(filingDesks('u-ly', tree)).toEqual({ filerDeskId: 'u-ly-xc', receiverDeskId: 'u-cs-xcc' });
    expect(filingDesks('u-cs-jj', tree)).toEqual({ filerDeskId: 'u-cs-xcc', receiverDeskId: 'u-hn-xcc' });
    expect(filingDesks('u-hn-wa', tree)).toBeNull();
  });
});

const acc = (
  unitId: string,
  platform: Counted['platform'],
  state: Counted['state'] = 'active',
  kind: Counted['kind'] = 'institutional',
): Counted => ({
  unitId,
  platform,
  kind,
  state,
});

describe('facets: one index for every matrix filter', () => {
  it('lists the account under every unit of its path, each part also as a wildcard', () => {
    const facets = facetsOf(acc('u-ly', 'weibo'), ['u-hn', 'u-cs', 'u-ly']);
    expect(facets).toHaveLength(24);
    expect(facets).toContain(facet('u-hn', {}));
    expect(facets).toContain(facet('u-cs', { platform: 'weibo', state: 'active' }));
    expect(facets).toContain('u-ly|weibo|institutional|active');
    expect(facets).not.toContain(facet('u-cs', { state: 'closed' }));
  });
});

describe('totals kept by each change equal totals computed from scratch', () => {
  const AT = '2026-11-30T10:00:00.000+08:00';
  const start: Counted[] = [
    acc('u-cs', 'weibo'),
    acc('u-cs', 'wechatSubscription'),
    acc('u-ly', 'weibo'),
    acc('u-cs-jj', 'douyin', 'active', 'personal'),
  ];

  function replay(changes: Array<[Counted | null, Counted | null]>): Map<string, MatrixTotals> {
    const docs = new Map<string, MatrixTotals>(buildTotals(tree, start, AT).map((d) => [d._id, d]));
    for (const [before, after] of changes) {
      const path = new Set([
        ...(before ? (tree.byId.get(before.unitId)?.path ?? []) : []),
        ...(after ? (tree.byId.get(after.unitId)?.path ?? []) : []),
      ]);
      const current = new Map([...path].map((id) => [id, docs.get(id) ?? null]));
      for (const doc of applyTotals(current, before, after, tree, AT)) docs.set(doc._id, doc);
    }
    return docs;
  }

  it('finds 浏阳 without WeChat (第九条) and counts its gap up the tree', () => {
    const docs = new Map(buildTotals(tree, start, AT).map((d) => [d._id, d]));
    expect(docs.get('u-ly')).toMatchObject({ bureau: true, gap: true, gaps: ['wechat'], gapBureaus: 1 });
    expect(docs.get('u-cs')).toMatchObject({ gap: false, gaps: [], gapBureaus: 1 });
    expect(docs.get('u-hn')).toMatchObject({ bureau: false, gapBureaus: 1 });
    expect(summarise(docs.get('u-hn')?.subtree ?? {})).toMatchObject({ total: 4, open: 4 });
  });

  it('closes and reopens the gap as accounts come and go, and agrees with a rebuild', () => {
    const wechat = acc('u-ly-xc', 'wechatService', 'approved');
    const changes: Array<[Counted | null, Counted | null]> = [
      [null, wechat], // 浏阳's desk gets a WeChat account approved: the gap closes
      [wechat, { ...wechat, state: 'active' }],
      [acc('u-cs', 'weibo'), acc('u-cs', 'weibo', 'closed')], // 长沙 closes its Weibo: a gap opens
      [acc('u-cs-jj', 'douyin', 'active', 'personal'), acc('u-cs-jj', 'douyin', 'cancelled', 'personal')],
    ];
    const kept = replay(changes);
    expect(kept.get('u-ly')).toMatchObject({ gap: false, gapBureaus: 0 });
    expect(kept.get('u-cs')).toMatchObject({ gap: true, gaps: ['weibo'], gapBureaus: 1 });
    expect(kept.get('u-hn')?.gapBureaus).toBe(1);
    const end = [
      acc('u-cs', 'weibo', 'closed'),
      acc('u-cs', 'wechatSubscription'),
      acc('u-ly', 'weibo'),
      acc('u-cs-jj', 'douyin', 'cancelled', 'personal'),
      { ...wechat, state: 'active' as const },
    ];
    const rebuilt = new Map(buildTotals(tree, end, AT).map((d) => [d._id, d]));
    for (const [id, doc] of rebuilt) {
      const mine = kept.get(id);
      expect([id, mine?.subtree, mine?.own, mine?.gaps, mine?.gapBureaus]).toEqual([
        id,
        doc.subtree,
        doc.own,
        doc.gaps,
        doc.gapBureaus,
      ]);
    }
  });

  it('counts only open accounts of the bureau itself or its desk for 第九条', () => {
    expect(gapsOf({ 'weibo|closed': 1, 'wechatService|active': 1 })).toEqual(['weibo']);
    expect(gapsOf({ 'weibo|suspended': 1, 'wechatSubscription|approved': 2 })).toEqual([]);
    // A department's Weibo does not fill its bureau's gap.
    const docs = new Map(
      buildTotals(tree, [acc('u-ly-xz', 'weibo'), acc('u-ly', 'wechatService')], AT).map((d) => [d._id, d]),
    );
    expect(docs.get('u-ly')?.gaps).toEqual(['weibo']);
  });
});
