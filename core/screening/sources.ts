/**
 * 第二十一条: a repost names its source; 第十七条（一）12: and the source is not a foreign outlet or
 * site. Also finds foreign sites linked from the text itself.
 */
import type { RepostSource, SpanHit } from '../../typings/screening';
import { spanHit } from './categories';
import type { DetectorHit } from './detectors/types';
import { detectorText, scan } from './detectors/types';
import { FOREIGN_OUTLETS, VANITY_TLDS } from './foreign-sources';
import { buildMatcher, type Matcher } from './matcher';

let outletMatcher: Matcher | null = null;

function outlets(): Matcher {
  outletMatcher ??= buildMatcher(
    {
      version: 'foreign-outlets',
      terms: FOREIGN_OUTLETS.flatMap((o) => o.names.map((term) => ({ term, category: 'foreignMedia' as const }))),
      allow: [],
    },
    { cues: false },
  );
  return outletMatcher;
}

const LISTED = new Set(FOREIGN_OUTLETS.flatMap((o) => o.domains));
const VANITY = new Set(VANITY_TLDS);

/**
 * Whether a host is a foreign site: a listed domain or one of its subdomains, or — when
 * `byCountryCode` — any two-letter top-level domain but .cn and the vanity ones.
 */
export function isForeignHost(host: string, byCountryCode = true): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const labels = h.split('.');
  for (let i = 0; i < labels.length - 1; i++) if (LISTED.has(labels.slice(i).join('.'))) return true;
  const tld = labels[labels.length - 1];
  return byCountryCode && labels.length > 1 && /^[a-z]{2}$/.test(tld) && tld !== 'cn' && !VANITY.has(tld);
}

const HOST_IN_LINK = /^\s*(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#\s]*@)?([^/?#:\s]+)/i;
export const URL_IN_TEXT =
  /(?<![a-z0-9.@-])(?:(https?:\/\/)|(www\.))?((?:[a-z0-9-]+\.)+[a-z]{2,})(?![a-z0-9-])(?::\d+)?(?:\/[^\s,;!?()<>"'\u3000-\u303f\u4e00-\u9fa5\uff00-\uffef]*)?/gi;

export function checkSource(source: RepostSource): SpanHit[] {
  const outlet = source.outlet.trim();
  const link = source.link.trim();
  if (outlet === '' && link === '') {
    return [spanHit('sourceMissing', 'sourceMissing', '转发须注明出处', 'outlet', { start: 0, end: 0, matched: '' })];
  }
  const hits: SpanHit[] = outlets()
    .match(source.outlet)
    .hits.map((h) =>
      spanHit('foreignMedia', 'foreignOutlet', h.term, 'outlet', {
        start: h.start,
        end: h.end,
        matched: source.outlet.slice(h.start, h.end),
      }),
    );
  const m = HOST_IN_LINK.exec(source.link);
  if (m && m[1] && isForeignHost(m[1])) {
    const start = m.index + m[0].length - m[1].length;
    hits.push(
      spanHit('foreignMedia', 'foreignDomain', '境外网站域名', 'link', {
        start,
        end: start + m[1].length,
        matched: m[1],
      }),
    );
  }
  return hits;
}

/** Foreign sites linked in the text: listed domains always, other country codes only in a URL. */
export function detectForeignLinks(original: string, view = detectorText(original)): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (const m of scan(URL_IN_TEXT, view)) {
    const host = m.groups[2] ?? '';
    const isUrl = m.groups[0] !== undefined || m.groups[1] !== undefined;
    if (isForeignHost(host, isUrl)) {
      hits.push({
        start: m.start,
        end: m.end,
        category: 'foreignMedia',
        detector: 'foreignDomain',
        rule: '境外网站链接',
        matched: original.slice(m.start, m.end),
      });
    }
  }
  return hits;
}
