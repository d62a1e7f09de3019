/**
 * Who did what (第十七条（一）1): n-grams cannot tell 民警殴打一名男子 from 民警被一名男子殴打, the same words in
 * both. So each clause that names an officer and an act of force or abuse says which way the act runs, as
 * one more feature the model weighs like a gram: the officer does it, has it done to him (被, 遭, or the act
 * named first: 殴打民警), or stops it (制止, 劝阻 between the two). The lists are the regulation's own
 * concern, an officer's conduct, not phrases taken from any part of the corpus.
 */
const OFFICER = /民警|警察|交警|辅警|协警|特警|巡警|片警|刑警|警员|警官|所长|执法人员|黑警/g;
const FORCE =
  /殴打|打人|打伤|打了|拳打脚踢|推搡|推倒|推了|扇|耳光|掌掴|踹|踢|掐|锁喉|拖拽|拖行|拽|揍|动手|抽打|摔|辱骂|骂|威胁|恐吓|暴力/g;
// test() moves a global pattern's lastIndex, and matchAll() starts from it: the test has its own
const NAMES_OFFICER = new RegExp(OFFICER.source);
const SUFFERED = /被|遭|挨|受到/;
const STOPPED = /制止|阻止|劝阻|劝开|拉开|制服/;
const CLAUSE = /[^，,。！？!?；;：:\n]+/g;
export type Role = 'acts' | 'suffers' | 'stops' | 'follows';
export interface RoleFound {
  role: Role;
  /** The offset of the last unit of the later of the officer and the act. */
  at: number;
  /** Where the words it was read from begin: the officer's, or the act's where he comes after it or before the clause. */
  start: number;
}
const SENTENCE_END = /[。！？!?；;\n]/;

/**
 * Per clause of `text` naming an officer and an act of force: the role, at the offset of the later of the
 * two's last unit. A clause with the act and no officer, after one that named him in the same sentence,
 * is 'follows' (交警态度极差，还动手推搡群众: Chinese leaves the subject out), weighed apart as the weaker cue.
 */
export function roles(text: string): RoleFound[] {
  if (!NAMES_OFFICER.test(text)) return [];
  const out: RoleFound[] = [];
  let officerBefore = false;
  let sentenceFrom = 0;
  for (const clause of text.matchAll(CLAUSE)) {
    const body = clause[0];
    if (SENTENCE_END.test(text.slice(sentenceFrom, clause.index))) officerBefore = false;
    sentenceFrom = clause.index;
    const officers = [...body.matchAll(OFFICER)];
    for (const act of body.matchAll(FORCE)) {
      const actEnd = act.index + act[0].length;
      // the officer nearest before the act; else the first after it
      const before = officers.filter((o) => o.index + o[0].length <= act.index).pop();
      const after = officers.find((o) => o.index >= actEnd);
      let role: Role;
      let start = act.index;
      let end = actEnd;
      if (before) {
        start = before.index;
        const between = body.slice(before.index + before[0].length, act.index);
        role = STOPPED.test(between) ? 'stops' : SUFFERED.test(between) ? 'suffers' : 'acts';
      } else if (after) {
        role = 'suffers';
        end = after.index + after[0].length;
      } else if (officerBefore && !SUFFERED.test(body.slice(0, act.index))) role = 'follows';
      else continue;
      out.push({ role, at: clause.index + end - 1, start: clause.index + start });
    }
    if (officers.length > 0) officerBefore = true;
  }
  return out;
}

/**
 * The unit saying, after the act, what was done about it: 第十七条（一）1 is the conduct told as nothing, not a 通报
 * of it dealt with (the officer suspended, investigated, detained, an apology made).
 */
const DEALT_WITH =
  /停止执行职务|停职|禁闭|立案|调查|核查|处分|问责|追责|拘留|辞退|清退|开除|免职|撤职|道歉|致歉|督察|纪委|监察|移送|检察|追究|处理/;

/**
 * The spans of an officer's own acts of force or abuse that `text` tells without saying, after the act, what was
 * done about it: the conduct 第十七条（一）1's readers were written for. An act followed by 者 names whoever did it
 * (民警赶到后将打人者控制), not an act of the officer's.
 */
export function actsUnanswered(text: string): { start: number; end: number }[] {
  return roles(text).flatMap((r) =>
    r.role === 'acts' && text[r.at + 1] !== '者' && !DEALT_WITH.test(text.slice(r.at + 1))
      ? [{ start: r.start, end: r.at + 1 }]
      : [],
  );
}
