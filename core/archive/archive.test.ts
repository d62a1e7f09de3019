import {
  ARCHIVE_KINDS,
  compareWithManifest,
  exportRangeProblem,
  jsonLine,
  monthPeriod,
  nextCollectCursor,
  previousMonth,
  startCursor,
  until,
} from './archive';

describe('archive rules (第三十二条)', () => {
  it('a month is its Beijing days, December into the next year', () => {
    expect(monthPeriod('2026-12')).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthPeriod('2028-02').to).toBe('2028-02-29');
    expect(new Date(monthPeriod('2026-11').startMs).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(previousMonth(Date.parse('2027-01-01T00:10:00+08:00'))).toBe('2026-12');
    expect(previousMonth(Date.parse('2026-12-31T23:59:00+08:00'))).toBe('2026-11');
  });

  it('the cursor stays on a unit while chunks come full, then moves unit, kind, and on to assembling', () => {
    const c0 = startCursor();
    const full = nextCollectCursor(c0, 2, 200, 200, { at: 'a', id: 'x' }, true);
    expect(full).toMatchObject({ phase: 'collect', kindIndex: 0, unitIndex: 0, after: { at: 'a', id: 'x' }, part: 1 });
    const nextUnit = nextCollectCursor(full, 2, 3, 200, { at: 'b', id: 'y' }, true);
    expect(nextUnit).toMatchObject({ kindIndex: 0, unitIndex: 1, after: null, part: 2 });
    const nextKind = nextCollectCursor(nextUnit, 2, 0, 200, null, false);
    expect(nextKind).toMatchObject({ kindIndex: 1, unitIndex: 0, part: 0 });
    const last = { ...nextKind, kindIndex: ARCHIVE_KINDS.length - 1, unitIndex: 1 };
    expect(nextCollectCursor(last, 2, 0, 200, null, false).phase).toBe('assemble');
  });

  it('a record is one canonical line whatever the order of its keys; timelines stop at the period end', () => {
    expect(jsonLine({ b: 1, a: { d: 2, c: 3 } })).toBe(jsonLine({ a: { c: 3, d: 2 }, b: 1 }));
    const end = Date.parse('2026-11-30T23:59:59.999+08:00');
    expect(
      until([{ at: '2026-11-30T23:00:00+08:00' }, { at: '2026-12-01T00:00:00+08:00' }], end).map((e) => e.at),
    ).toEqual(['2026-11-30T23:00:00+08:00']);
  });

  it('an export covers past whole days, in order, at most 366 of them', () => {
    const now = Date.parse('2026-12-04T10:00:00+08:00');
    expect(exportRangeProblem('2026-01-01', '2026-12-03', now)).toBeNull();
    expect(exportRangeProblem('2026-12-01', '2026-12-04', now)?.code).toBe('EXPORT_RANGE_INVALID');
    expect(exportRangeProblem('2026-11-02', '2026-11-01', now)?.code).toBe('EXPORT_RANGE_INVALID');
    expect(exportRangeProblem('2025-01-01', '2026-11-01', now)?.code).toBe('EXPORT_RANGE_INVALID');
    expect(exportRangeProblem('2026-02-30', '2026-03-01', now)?.code).toBe('EXPORT_RANGE_INVALID');
  });

  it('a file re-read is missing, of another size, or of other content', () => {
    const entries = ['a', 'b', 'c', 'd'].map((name) => ({ name, bytes: 3, sha256: `sha-${name}`, records: 1 }));
    const checks = compareWithManifest(
      entries,
      new Map([
        ['a', { bytes: 3, sha256: 'sha-a' }],
        ['b', null],
        ['c', { bytes: 4, sha256: 'sha-c' }],
        ['d', { bytes: 3, sha256: 'other' }],
      ]),
    );
    expect(checks.map((c) => [c.name, c.ok, c.problem])).toEqual([
      ['a', true, null],
      ['b', false, '文件缺失'],
      ['c', false, '大小不一致'],
      ['d', false, '内容不一致'],
    ]);
  });
});
