/// <reference lib="es2022.intl" />
/**
 * Subscribe-message field values cut to WeChat's per-type rules (subscribeMessage.send 参数值内容限制).
 * A value that breaks a rule makes WeChat answer 47003 and the whole message is lost, so every value is
 * truncated or reshaped here and never refused; an empty value (also a 47003) becomes a placeholder.
 * Lengths count Unicode code points, and a cut never splits a character, a surrogate pair or an emoji sequence.
 */
import type { TextFieldType, TimeFieldType } from '../../typings/notify';
import { beijingParts } from '../time';

const ELLIPSIS = '…';

// Intl.Segmenter knows emoji sequences (ZWJ families, flags, skin tones); engines without it fall back to
// code points, which still never split a surrogate pair.
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('zh', { granularity: 'grapheme' }) : null;

function graphemes(text: string): string[] {
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** At most `max` code points, whole graphemes only, ending with `ellipsis` when something was cut. */
export function fit(text: string, max: number, ellipsis = ''): string {
  if (codePointLength(text) <= max) return text;
  const room = max - codePointLength(ellipsis);
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const n = codePointLength(g);
    if (used + n > room) break;
    out += g;
    used += n;
  }
  return out + ellipsis;
}

/** One line: line breaks and tabs become a space, other control characters go. */
function oneLine(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();
}

const HAN = /\p{Script=Han}/u;

/** A number as plain digits (no exponent, no grouping, no sign), at most 6 decimals. */
function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  return Math.abs(value).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 6 });
}

/** The first number written in a text, e.g. "共 1,234 条" → "1234". */
function numberIn(value: string | number): string {
  if (typeof value === 'number') return plainNumber(value);
  return /\d+(?:\.\d+)?/u.exec(value.replace(/(?<=\d),(?=\d{3})/gu, ''))?.[0] ?? '';
}

function keep(text: string, allowed: RegExp): string {
  return Array.from(text)
    .filter((c) => allowed.test(c))
    .join('');
}

const orPlaceholder = (value: string, placeholder: string): string => (value === '' ? placeholder : value);

const LETTER = /^[A-Za-z]$/u;
const ASCII_SYMBOL = /^[!-/:-@[-`{-~]$/u;
const ASCII_VISIBLE = /^[!-~]$/u;
const PHONE = /^[0-9+\-]$/u;
const ALNUM = /^[A-Za-z0-9]$/u;
const NAME_CHAR = /^[\p{L}·. -]$/u;

function formatName(value: string): string {
  const cleaned = keep(oneLine(value), NAME_CHAR).replace(/ {2,}/gu, ' ').trim();
  // 10 Chinese characters, or 20 letters; a mix counts as Chinese.
  return orPlaceholder(fit(cleaned, HAN.test(cleaned) ? 10 : 20).trim(), '无');
}

function formatAmount(value: string | number): string {
  const n = Number(numberIn(value));
  const integer = Math.trunc(n).toString();
  // One currency sign and at most ten digits, decimals included.
  if (integer.length + 2 <= 10) return `¥${n.toFixed(2)}`;
  return integer.length <= 10 ? `¥${integer}` : '¥9999999999';
}

function formatCarNumber(value: string): string {
  const chars = Array.from(oneLine(value).replace(/ /gu, '').toUpperCase());
  // Only the first and last character may be Chinese (粤A8Z888挂); the rest are letters or digits.
  const kept = chars.filter((c, i) => ALNUM.test(c) || ((i === 0 || i === chars.length - 1) && HAN.test(c)));
  // Too long: keep the head and the last character (挂, 学, 警 carry meaning).
  const plate = kept.length > 8 ? [...kept.slice(0, 7), ...kept.slice(-1)] : kept;
  return orPlaceholder(plate.join(''), '-');
}

/** A text-typed field value within WeChat's rule for its type. */
export function formatText(type: TextFieldType, raw: string | number | undefined): string {
  const value = raw ?? '';
  const text = typeof value === 'number' ? plainNumber(value) : oneLine(value);
  switch (type) {
    case 'thing':
      return orPlaceholder(fit(text, 20, ELLIPSIS), '无');
    case 'phrase':
      // 5 Chinese characters and nothing else: any other character is a 47003.
      return orPlaceholder(fit(keep(text, HAN), 5), '无');
    case 'number': {
      const n = numberIn(value);
      const digits = n.length > 32 ? (n.split('.')[0] ?? '').slice(0, 32) : n;
      return orPlaceholder(digits, '0');
    }
    case 'letter':
      return orPlaceholder(keep(text, LETTER).slice(0, 32), 'NA');
    case 'symbol':
      return orPlaceholder(keep(text, ASCII_SYMBOL).slice(0, 5), '-');
    case 'character_string':
      return orPlaceholder(keep(text, ASCII_VISIBLE).slice(0, 32), '-');
    case 'name':
      return formatName(text);
    case 'amount':
      return formatAmount(value);
    case 'phone_number':
      return orPlaceholder(keep(text, PHONE).slice(0, 17), '-');
    case 'car_number':
      return formatCarNumber(text);
  }
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 2026年11月28日 16:00 (time) or 2026年11月28日 (date), in Beijing time whatever the machine's TZ. */
export function formatTime(type: TimeFieldType, ms: number): string {
  const p = beijingParts(ms);
  const day = `${p.year}年${p.month}月${p.day}日`;
  return type === 'date' ? day : `${day} ${pad2(p.hour)}:${pad2(p.minute)}`;
}
