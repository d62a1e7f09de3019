import { categoryFromLabel, checkRows, isHeader, parseCsv, phraseProblem, TERM_MAX } from './rows';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, with the line each record starts on', () => {
    const { records, error } = parseCsv('\uFEFFterm,category\r\n"a,b","say ""hi"""\r\n\r\n"two\nlines",x\nlast,y');
    expect(error).toBeNull();
    expect(records).toEqual([
      { line: 1, fields: ['term', 'category'] },
      { line: 2, fields: ['a,b', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'x'] },
      { line: 6, fields: ['last', 'y'] },
    ]);
  });

  it('keeps empty fields and a trailing comma as a third field', () => {
    expect(parseCsv('a,\n,b\nc,d,').records.map((r) => r.fields)).toEqual([
      ['a', ''],
      ['', 'b'],
      ['c', 'd', ''],
    ]);
  });

  it('reports a quote left open on the line it opened', () => {
    expect(parseCsv('term,category\nok,x\n"broken,x\nmore,y').error).toEqual({ line: 3, message: '引号未闭合' });
  });
});

describe('rows', () => {
  it('takes either header, in any case', () => {
    expect(isHeader(['Term ', ' CATEGORY'])).toBe(true);
    expect(isHeader(['词条', '类别'])).toBe(true);
    expect(isHeader(['词条', '类别', ''])).toBe(false);
    expect(isHeader(['布控方案', 'secret'])).toBe(false);
  });

  it('accepts a category by id or Chinese title, but not one only detectors fill', () => {
    expect(categoryFromLabel('privacy')).toBe('privacy');
    expect(categoryFromLabel(' Privacy ')).toBe('privacy');
    expect(categoryFromLabel('涉及国家秘密、警务工作秘密')).toBe('secret');
    expect(categoryFromLabel('platformRisky')).toBeNull();
    expect(categoryFromLabel('sourceMissing')).toBeNull();
    expect(categoryFromLabel('水果')).toBeNull();
  });

  it('refuses empty, over-long, line-broken and symbol-only phrases', () => {
    expect(phraseProblem('', '词条')).toBe('词条为空');
    expect(phraseProblem('长'.repeat(TERM_MAX), '词条')).toBeNull();
    expect(phraseProblem('长'.repeat(TERM_MAX + 1), '词条')).toContain('过长');
    expect(phraseProblem('两\n行', '白名单短语')).toBe('白名单短语不能包含换行');
    expect(phraseProblem('*** ', '词条')).toContain('无法匹配');
  });

  it('reports every bad row with its line, all problems of a row together', () => {
    const result = checkRows([
      { line: 2, fields: ['好词', 'secret'] },
      { line: 3, fields: ['', '水果'] },
      { line: 5, fields: ['单列'] },
    ]);
    expect(result).toEqual({
      ok: false,
      rows: 3,
      errors: [
        { line: 3, message: '词条为空；类别“水果”不存在' },
        { line: 5, message: '应为 2 列（词条,类别），实为 1 列' },
      ],
    });
    expect(checkRows([{ line: 2, fields: [' 好词 ', ' secret '] }])).toEqual({
      ok: true,
      rows: [{ line: 2, term: '好词', category: 'secret' }],
    });
  });
});
