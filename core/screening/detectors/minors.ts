/**
 * 第十七条（二）4: a case involving a minor must not identify the child. Within a sentence that
 * marks a minor, a full name, a named school or a class is an identifying detail; 王某、李某某 and
 * 化名 are how posts are meant to write it and do not fire.
 */
import { detectorText, MINOR_NAME, MINOR_SCHOOL, scan, type DetectorHit } from './types';

export const MINOR_MARK =
  /未成年|少年|少女|男童|女童|儿童|幼童|幼儿|婴儿|男孩|女孩|小孩|孩子|学生|同学|小朋友|(?<!\d)(?:[1-9]|1[0-7])(?:岁|周岁)(?!以上)/;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const SURNAME = `(?:欧阳|司马|上官|诸葛|[${SURNAMES}])`;
/** The given name stops where a sentence usually goes on after a name. */
const NAME_END = '(?=[，,。、；：:（(）)\\s\\d]|同学|小朋友|今年|年仅|的|在|被|因|与|和|等|家|放学|上学|独自)';
const GIVEN = `[\\u4e00-\\u9fa5]{1,2}?${NAME_END}`;
const NAME_AFTER_MARK = new RegExp(
  `(?:姓名|名叫|叫做|学生|男孩|女孩|男童|女童|少年|少女)[:：]?(${SURNAME}${GIVEN})`,
  'g',
);
const NAME_BEFORE_AGE = new RegExp(
  `(${SURNAME}${GIVEN})(?:[（(，,]\\s*(?:男|女)?[，,]?\\s*\\d{1,2}\\s*岁|同学|小朋友)`,
  'g',
);
const SCHOOL = /[\u4e00-\u9fa5]{2,10}?(?:小学|中学|初级中学|高级中学|幼儿园|学校)/g;
const GENERIC_SCHOOL = /^(?:一所|该|某|附近|当地|辖区|所在|这所|那所|全市|全县|全区|各|中|大|本|就读|一名|我)/;
/** Words that are never part of a school's name: the pattern started too early (孩子幼儿园, 学生家长…学校). */
const NOT_A_NAME = /学生|家长|孩子|小孩|照片|信息|全班|班级|毕业|中小学/;
/** A kind of school with no place or name before it (特殊教育学校, 职业学校) names none. */
const KIND_OF_SCHOOL = /^(?:特殊教育|职业|技术|寄宿|民办|私立|体育|艺术|民族|外国语|实验)(?:学校|小学|中学)$/;
/** A bare 学校 names one only with a qualifier such as 第一, 实验 or a place level. */
const NAMED_SCHOOL = /[市县区镇乡村第]|实验|外国语|职业|技术|私立|民办|希望|育才|附属|寄宿|特殊教育|体育|艺术|民族/;
const CLASS = /(?:[一二三四五六1-6]年级|初[一二三]|高[一二三])[（(]?(?:\d{1,2}|[一二三四五六七八九十]{1,2})[）)]?班/g;

interface Detail {
  start: number;
  end: number;
  value: string;
  /** What the detail is, as the hit names it: a name identifies the child; a school or class narrows it. */
  rule: typeof MINOR_NAME | typeof MINOR_SCHOOL;
}

/** A detail at `start` (original offset), unless masked already or found there before. */
function addDetail(found: Detail[], start: number, value: string, rule: Detail['rule']): void {
  if (/某|×|\*|X{2}|化名/.test(value)) return;
  for (const d of found) if (d.start === start) return;
  found.push({ start, end: start + value.length, value, rule });
}

export function details(sentence: string, offset: number): Detail[] {
  const found: Detail[] = [];
  // Each pattern needs a word of its own; a sentence without one is not read with it.
  const withNames = [
    /姓名|名叫|叫做|学生|男孩|女孩|男童|女童|少年|少女/.test(sentence) ? NAME_AFTER_MARK : null,
    /岁|同学|小朋友/.test(sentence) ? NAME_BEFORE_AGE : null,
  ];
  for (const re of withNames) {
    if (!re) continue;
    for (const m of scan(re, sentence)) {
      const name = m.groups[0] ?? '';
      const at = m.value.indexOf(name);
      const after = sentence.slice(m.start + at + name.length, m.start + at + name.length + 4);
      if (!/^[（(]化名/.test(after)) addDetail(found, offset + m.start + at, name, MINOR_NAME);
    }
  }
  for (const m of /小学|中学|幼儿园|学校/.test(sentence) ? scan(SCHOOL, sentence) : []) {
    // The name starts after the last word that cannot be part of one (进, 在, 于 …).
    const name = m.value.replace(/^.*[进在到于是的了从去读入往向至和与及因对把被让给晒露满为]/, '');
    if (name.length <= 3 || GENERIC_SCHOOL.test(name) || NOT_A_NAME.test(name) || KIND_OF_SCHOOL.test(name)) continue;
    if (name.endsWith('学校') && !/(?:小学|中学)$/.test(name) && !NAMED_SCHOOL.test(name.slice(0, -2))) continue;
    addDetail(found, offset + m.start + (m.value.length - name.length), name, MINOR_SCHOOL);
  }
  if (sentence.includes('班'))
    for (const m of scan(CLASS, sentence)) addDetail(found, offset + m.start, m.value, MINOR_SCHOOL);
  return found;
}

export function detectMinorIdentity(original: string, view = detectorText(original)): DetectorHit[] {
  const text = view;
  const hits: DetectorHit[] = [];
  for (const s of scan(/[^。！？!?\n\r\u2028\u2029；;]+/g, text)) {
    if (!MINOR_MARK.test(s.value)) continue;
    for (const d of details(s.value, s.start)) {
      hits.push({
        start: d.start,
        end: d.end,
        category: 'vulnerable',
        detector: 'minorIdentity',
        rule: d.rule,
        matched: original.slice(d.start, d.end),
      });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
