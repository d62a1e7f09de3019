/**
 * The prompt: the desk's instructions, the items in the measures' own words (with the desk's hints),
 * and the answer format the parser holds the model to. The instructions and hints are data (one
 * version per edit, kept in the database like the lexicon); the format is the code's, because
 * core/reader/answer.ts parses exactly it.
 */
import type { AccountKind } from '../../typings/org';
import type { ReaderItem } from '../../typings/reader';
import { itemsFor, READER_ITEMS } from './items';

/** One item as a prompt version keeps it: the words it was sent with, and the desk's hint. */
export interface PromptItem {
  code: string;
  ref: string;
  words: string;
  hint: string;
}

/** A prompt version as stored (version 0 is this file's default, before any edit). */
export interface PromptData {
  version: number;
  instructions: string;
  items: PromptItem[];
}

export const INSTRUCTIONS_MAX = 2000;
export const HINT_MAX = 200;
/** What the model may quote and explain: enough for a sentence, short enough to check. */
export const QUOTE_MAX = 100;
export const REASON_MAX = 200;

export const DEFAULT_INSTRUCTIONS = [
  '你是公安机关新媒体信息发布的审读助手，依据《湖南公安新媒体管理办法（试行）》审读待发布的稿件。',
  '请逐条对照下列条款原文，判断稿件是否涉及其中的情形。只依据条款原文和稿件内容判断，不推测稿件以外的事实；',
  '没有把握的情形给出较低的置信度。你的意见仅供审核人员参考，是否发布由人工审核决定。',
].join('');

/** Fixed by the code: the parser accepts exactly this shape. */
export const ANSWER_FORMAT = [
  '答复要求：只输出一个 JSON 对象，不要输出任何其他文字。格式如下：',
  '{"findings":[{"item":"条款编号","quote":"证据原文","reason":"理由","confidence":0.8}]}',
  '- item：只能是上面清单中的条款编号；',
  `- quote：从稿件中逐字摘录的一段连续原文（含标点，不超过 ${QUOTE_MAX} 字），不得改写、省略或拼接；`,
  `- reason：用中文说明为何涉及该条款，不超过 ${REASON_MAX} 字；`,
  '- confidence：0 到 1 之间的数字，表示你的把握程度；',
  '- 同一条款有多处证据时分别列出；没有发现任何情形时输出 {"findings":[]}。',
].join('\n');

export function defaultPrompt(): PromptData {
  return {
    version: 0,
    instructions: DEFAULT_INSTRUCTIONS,
    items: READER_ITEMS.map((item) => ({ code: item.code, ref: item.ref, words: item.words, hint: '' })),
  };
}

const SECTIONS: ReadonlyArray<{ title: string; test: (item: ReaderItem) => boolean }> = [
  { title: '第十七条第一款 严禁发布或转发的信息', test: (i) => i.code.startsWith('17.1.') },
  { title: '第十七条第二款 需要慎重发布的信息', test: (i) => i.code.startsWith('17.2.') },
  {
    title: '民警个人新媒体另须遵守（第十八条、第四十条、第四十一条）',
    test: (i) => i.scope === 'personalPost',
  },
];

/**
 * The system message for one account kind: instructions, then the items that bind that kind (a
 * personal account's post also answers to 第十八、四十、四十一条), then the answer format.
 */
export function systemPrompt(prompt: PromptData, accountKind: AccountKind): string {
  const stored = new Map(prompt.items.map((item) => [item.code, item]));
  const applicable = itemsFor(accountKind);
  const lines: string[] = [prompt.instructions.trim(), '', '条款清单（编号｜条款｜原文）：'];
  for (const section of SECTIONS) {
    const items = applicable.filter(section.test);
    if (items.length === 0) continue;
    lines.push(`【${section.title}】`);
    for (const item of items) {
      const kept = stored.get(item.code);
      if (!kept) continue;
      const hint = kept.hint.trim() ? `（说明：${kept.hint.trim()}）` : '';
      lines.push(`${kept.code}｜${kept.ref}｜${kept.words}${hint}`);
    }
  }
  lines.push('', ANSWER_FORMAT);
  return lines.join('\n');
}

/** The user message: one part of the post, fenced so the model cannot mistake it for instructions. */
export function userPrompt(part: string, index: number, parts: number): string {
  const head =
    parts > 1 ? `待审读稿件（长稿分段审读：第 ${index + 1} 部分，共 ${parts} 部分，只审读本部分）：` : '待审读稿件：';
  return `${head}\n<<<\n${part}\n>>>`;
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export function messagesFor(
  prompt: PromptData,
  accountKind: AccountKind,
  part: string,
  index: number,
  parts: number,
): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt(prompt, accountKind) },
    { role: 'user', content: userPrompt(part, index, parts) },
  ];
}

/** Problems with an edit, in Chinese; empty when it can be saved. */
export function promptProblems(instructions: string, hints: Record<string, string>): string[] {
  const problems: string[] = [];
  const text = instructions.trim();
  if (text === '') problems.push('审读说明不能为空');
  if ([...text].length > INSTRUCTIONS_MAX) problems.push(`审读说明不能超过 ${INSTRUCTIONS_MAX} 字`);
  const codes = new Set(READER_ITEMS.map((item) => item.code));
  for (const [code, hint] of Object.entries(hints)) {
    if (!codes.has(code)) problems.push(`没有编号为 ${code} 的条款`);
    else if ([...hint.trim()].length > HINT_MAX) problems.push(`${code} 的补充说明不能超过 ${HINT_MAX} 字`);
  }
  return problems;
}

/** The next version from an edit: the same items, in the measures' words, with the new hints. */
export function editedPrompt(current: PromptData, instructions: string, hints: Record<string, string>): PromptData {
  return {
    version: current.version + 1,
    instructions: instructions.trim(),
    items: READER_ITEMS.map((item) => {
      const kept = current.items.find((i) => i.code === item.code);
      const hint = hints[item.code] ?? kept?.hint ?? '';
      return { code: item.code, ref: item.ref, words: item.words, hint: hint.trim() };
    }),
  };
}
