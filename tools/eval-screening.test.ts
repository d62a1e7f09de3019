/**
 * The evaluation script's wiring, on the local cloud's scripted model (which finds only what it is
 * told, so these figures are about the arithmetic, not about any model): the corpus goes through the
 * same reader path as the product, and recall and precision come out per item for rules, model, both.
 */
import { precision, READER_CATEGORIES, recall } from '../core/reader/eval';
import { itemsFor } from '../core/reader/items';
import { measureItems } from '../core/screening/quality';
import { STARTER_LEXICON } from '../core/screening/starter-lexicon';
import { SCREENING_CORPUS } from '../test/screening-corpus/corpus';
import { CORPUS_ITEMS } from '../test/screening-corpus/items/sample';
import { PARTS } from '../test/screening-corpus/items/parts';
import { createLocalCloud, type LocalCloud } from './local-cloud/src';
import { routeGateway } from './local-cloud/src/ai/route';
import { evaluate, parseArgs, printReport } from './eval-screening';

jest.setTimeout(120_000);

describe('npm run eval:screening', () => {
  let cloud: LocalCloud;
  let undo: () => void;
  const saved = { ...process.env };

  beforeAll(async () => {
    cloud = await createLocalCloud({ port: 0, dataDir: null, timers: false, onLog: () => undefined });
    Object.assign(process.env, cloud.sdkEnv());
    undo = routeGateway(() => ({ host: '127.0.0.1', port: cloud.port }));
  });
  afterAll(async () => {
    undo();
    process.env = saved;
    await cloud.close();
  });

  it('takes the environment or --local, never both, and refuses what it does not know', () => {
    expect(parseArgs(['--env', 'prod-1a2b'])).toMatchObject({ env: 'prod-1a2b', local: false, concurrency: 2 });
    expect(parseArgs(['--local', '--model', 'deepseek/deepseek-v3.2', '--limit', '5'])).toMatchObject({
      local: true,
      model: 'deepseek/deepseek-v3.2',
      limit: 5,
    });
    expect(() => parseArgs([])).toThrow('exactly one');
    expect(() => parseArgs(['--env', 'x', '--local'])).toThrow('exactly one');
    expect(() => parseArgs(['--env'])).toThrow('needs a value');
    expect(() => parseArgs(['--env', 'x', '--model', 'nogroup'])).toThrow('group/model');
    expect(() => parseArgs(['--env', 'x', '--secret', 'y'])).toThrow('unknown argument');
    expect(parseArgs(['--env', 'x', '--part', 'h7'])).toMatchObject({ part: 'h7' });
    expect(() => parseArgs(['--env', 'x', '--part', 'h99'])).toThrow('--part must be one of dev, h1');
  });

  it('scores the model’s answers per item against the labels, beside the rules and both', async () => {
    const posts = SCREENING_CORPUS.filter((e) => e.kind === 'post');
    // The scripted model answers each labelled post with its first label's item, quoting its opening.
    const rules = posts.flatMap((entry) => {
      const items = itemsFor(entry.accountKind ?? 'institutional');
      const item = items.find((i) => i.category !== null && entry.expected.includes(i.category));
      if (!item) return [];
      const quote = entry.text.slice(0, 12);
      const findings = [{ item: item.code, quote, reason: '脚本答复', confidence: 0.9 }];
      return [{ contains: entry.text.slice(0, 40), reply: { content: JSON.stringify({ findings }) } }];
    });
    cloud.ai.script({ clear: true, rules });
    const lines: string[] = [];
    const report = await evaluate(
      { model: 'hunyuan-exp/hunyuan-turbos-latest', timeoutMs: 10_000, concurrency: 4, chunkChars: 3000 },
      (l) => lines.push(l),
    );
    expect(report.texts).toBe(posts.length);
    expect(report.score.unread).toEqual([]);
    expect(cloud.ai.received()).toHaveLength(posts.length);
    // Whatever the model marked was labelled, so its precision is 100% wherever it marked anything.
    for (const item of report.score.items) {
      if (item.counts.model.tp + item.counts.model.fp > 0) expect(precision(item.counts.model)).toBe(1);
      // Both is never worse in recall than either reader alone.
      const both = recall(item.counts.both);
      if (both !== null) {
        expect(both).toBeGreaterThanOrEqual(recall(item.counts.rules) ?? 0);
        expect(both).toBeGreaterThanOrEqual(recall(item.counts.model) ?? 0);
      }
    }
    expect(report.score.overall.model.tp).toBe(rules.length);
    expect(report.tokens).toBeGreaterThan(0);

    printReport(report, (l) => lines.push(l));
    expect(lines.some((l) => l.startsWith('reputation') && l.includes('第十七条（一）1'))).toBe(true);
    expect(lines.some((l) => l.startsWith('overall (micro): rules P'))).toBe(true);
  });

  it('reads a part of the per-item corpus as the items test scores the rules: also-items are no false alarm', async () => {
    const part = PARTS.find((p) => p.id === 'h7');
    if (!part) throw new Error('held-out 7 is missing');
    // The first two items' 26 positives and 26 near misses each.
    const samples = part.samples.slice(0, 104);
    const withAlso = samples.filter((s) => !s.positive && s.also.length > 0);
    expect(withAlso.length).toBeGreaterThan(0);
    // The scripted model marks each positive with its own item and each near miss with its first
    // also-item: every mark is one the labels allow, none a false alarm.
    const rules = samples.flatMap((s) => {
      const category = s.positive ? s.item : s.also[0];
      const item = itemsFor(s.accountKind).find((i) => i.category === category);
      if (!item) return [];
      const findings = [{ item: item.code, quote: s.text.slice(0, 10), reason: '脚本答复', confidence: 0.9 }];
      return [{ contains: s.text.slice(0, 40), reply: { content: JSON.stringify({ findings }) } }];
    });
    cloud.ai.script({ clear: true, rules });
    const report = await evaluate(
      {
        model: 'hunyuan-exp/hunyuan-turbos-latest',
        timeoutMs: 10_000,
        concurrency: 4,
        chunkChars: 3000,
        part: 'h7',
        limit: 104,
      },
      () => undefined,
    );
    expect(report.source).toBe('sentences of the per-item corpus, held-out 7 (training)');
    expect(report.texts).toBe(104);
    expect(report.score.unread).toEqual([]);
    expect(report.score.overall.model.fp).toBe(0);
    const positives = samples.filter((s) => s.positive).length;
    expect(report.score.overall.model.tp).toBe(positives);
    expect(report.score.overall.model.fn).toBe(0);

    // The rules' column is what items-quality.test.ts measures on the same sentences.
    const counted = new Set(READER_CATEGORIES.map((c) => c.category));
    const measured = measureItems(samples, STARTER_LEXICON, CORPUS_ITEMS);
    for (const item of report.score.items) {
      const m = measured.items.find((i) => i.item === item.category);
      if (!m || m.positives === 0) continue;
      expect({ item: item.category, found: item.counts.rules.tp }).toEqual({ item: item.category, found: m.found });
    }
    expect(report.score.overall.rules.fp).toBe(measured.alarms.filter((a) => counted.has(a.category)).length);
  });

  it('counts a post the model did not read as finding nothing, and says so', async () => {
    cloud.ai.script({ clear: true, replies: [{ delayMs: 1500 }, { content: '不是 JSON' }] });
    const report = await evaluate(
      { model: 'deepseek/deepseek-v3.2', timeoutMs: 500, concurrency: 1, chunkChars: 3000, limit: 3 },
      () => undefined,
    );
    expect(report.texts).toBe(3);
    expect(report.score.unread).toHaveLength(2);
    expect(report.failures).toEqual({ timeout: 1, MALFORMED: 1 });
    const lines: string[] = [];
    printReport(report, (l) => lines.push(l));
    expect(lines.at(-1)).toBe('not read (counted as finding nothing): timeout ×1, MALFORMED ×1');
  });
});
