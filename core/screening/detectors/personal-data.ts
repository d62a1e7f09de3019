/**
 * 第十七条（一）8: a citizen's personal data in a post. Every hit shows a masked value, never the
 * full number — the hit list itself is stored and displayed.
 */
import { detectorText, overlaps, scan, type DetectorHit } from './types';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** GB/T 2260 province codes (81/82/83: residence permits of Hong Kong, Macao and Taiwan residents). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** A PRC resident ID: 18 characters with a valid birth date and check character, or the 15-digit legacy form. */
export function isResidentId(id: string): boolean {
  if (/^\d{17}[\dXx]$/.test(id)) {
    if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
    const year = Number(id.slice(6, 10));
    if (year < 1900 || year > 2099) return false;
    if (!validDate(year, Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
    return residentIdCheckChar(id.slice(0, 17)) === id[17].toUpperCase();
  }
  if (/^\d{15}$/.test(id)) {
    if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
    return validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
  }
  return false;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const keep = (s: string, head: number, tail: number): string =>
  s.slice(0, head) + '*'.repeat(Math.max(0, s.length - head - tail)) + s.slice(s.length - tail);

export const maskResidentId = (id: string): string => keep(id, 3, 2);
export const maskMobile = (mobile: string): string => keep(mobile, 3, 4);
export const maskBankCard = (card: string): string => keep(card, 4, 4);
export const maskPlate = (plate: string): string => keep(plate, 2, 1);
export const maskAddress = (address: string): string => address.replace(/\d/g, '*');

const NOT_ALNUM_BEFORE = '(?<![0-9A-Za-z])';
const NOT_ALNUM_AFTER = '(?![0-9A-Za-z])';
// One space or hyphen may separate digits, as people write 6-8-4 or 4-4-4-4 groups.
export const ID18 = new RegExp(`${NOT_ALNUM_BEFORE}(?:\\d[ -]?){17}[\\dXx]${NOT_ALNUM_AFTER}`, 'g');
export const ID15 = new RegExp(`${NOT_ALNUM_BEFORE}\\d{15}${NOT_ALNUM_AFTER}`, 'g');
export const CARD = new RegExp(`${NOT_ALNUM_BEFORE}[3-6](?:\\d[ -]?){14,17}\\d${NOT_ALNUM_AFTER}`, 'g');
export const MOBILE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:\\+?86[ -]?)?1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}${NOT_ALNUM_AFTER}`,
  'g',
);
export const PLATE = new RegExp(
  `(?<![0-9A-Za-z])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・. -]?[A-HJ-NP-Z0-9]{5,6}${NOT_ALNUM_AFTER}`,
  'g',
);
const NUM = '(?:\\d{1,5}|[一二三四五六七八九十]{1,3})';
const PART = `${NUM}(?:号院|号楼|号|栋|幢|座|单元|楼|层|室|户)`;
const PLACE = '(?:[\\u4e00-\\u9fa5]{1,8}?(?:路|街|大道|巷|弄|胡同|小区|花园|公寓|社区|新村|家园|苑|村|大厦))?';
// Two parts or more, one of them a dwelling part: a 路…号 alone is just as often an office.
export const ADDRESS = new RegExp(`${PLACE}${PART}(?:[ -]?${PART})+`, 'g');
export const DWELLING = /(?:\d|[一二三四五六七八九十])(?:栋|幢|单元|室|户|号楼)/;

export const POLICE_CONTACT = /(?:民警|警官|警务室|工作手机|值班电话|值班手机)[^，。；,;]*$/;

export const digitsOf = (s: string): string => s.replace(/[^0-9Xx]/g, '').toUpperCase();

export function detectPersonalData(original: string, view = detectorText(original)): DetectorHit[] {
  const text = view;
  const hits: DetectorHit[] = [];
  const push = (start: number, end: number, detector: DetectorHit['detector'], rule: string, matched: string): void => {
    hits.push({ start, end, category: 'privacy', detector, rule, matched });
  };
  for (const re of [ID18, ID15]) {
    for (const m of scan(re, text)) {
      const id = digitsOf(m.value);
      if (isResidentId(id) && !overlaps(m, hits))
        push(m.start, m.end, 'idNumber', '居民身份证号码', maskResidentId(id));
    }
  }
  for (const m of scan(CARD, text)) {
    const card = digitsOf(m.value);
    if (luhnValid(card) && !overlaps(m, hits)) push(m.start, m.end, 'bankCard', '银行卡号', maskBankCard(card));
  }
  for (const m of scan(MOBILE, text)) {
    const mobile = digitsOf(m.value).replace(/^86(?=1\d{10}$)/, '');
    // A police officer's published work number (警民联系卡) is contact data, not a citizen's.
    if (POLICE_CONTACT.test(text.slice(Math.max(0, m.start - 12), m.start))) continue;
    if (!overlaps(m, hits)) push(m.start, m.end, 'mobile', '手机号码', maskMobile(mobile));
  }
  for (const m of scan(PLATE, text)) {
    if (/\d/.test(m.value)) {
      const plate = m.value.replace(/[·•・. -]/g, '');
      push(m.start, m.end, 'plate', '机动车号牌', maskPlate(plate));
    }
  }
  for (const m of scan(ADDRESS, text)) {
    // The place pattern starts as early as it can; a leading 住/在/位于 is not part of the address.
    const lead = /^(?:家住|居住在|居住于|住在|住址|位于|住|在|于|是)*/.exec(m.value)?.[0].length ?? 0;
    const span = { start: m.start + lead, end: m.end };
    if (DWELLING.test(m.value) && !overlaps(span, hits))
      push(span.start, span.end, 'address', '详细住址', maskAddress(m.value.slice(lead)));
  }
  return hits;
}
