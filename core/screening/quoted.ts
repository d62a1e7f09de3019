/**
 * A unit's answer to a netizen's message (留言回复, 网友问/警官答, a Weibo 回复@…//@…): the post quotes the message and
 * then answers it, or answers first and quotes after. What the unit says is the reply; the message is what it chose
 * to publish of someone else's words. 语义研判 reads the reply on its own and holds what it finds only beside the
 * message to a stricter reading (classifier.ts, QUOTED_ASSENT; docs/screening.md, the quoted message).
 */

export interface Span {
  start: number;
  end: number;
}

/** Where a post quotes a message and where it answers it; offsets into the text, end exclusive. */
export interface QuotedMessage {
  message: Span;
  reply: Span;
}

// A message opens the post: 【网友留言】, 网友问：, 粉丝提问：, 网友“某某”：, @某某：, 留言内容：, 来信：, 私信：…
const MESSAGE_TAG = /^【[^】\n]{0,8}(?:留言|提问|问|来信|私信|评论|网友|粉丝|读者|网民|听众)[^】\n]{0,6}】/;
const MESSAGE_LEAD =
  /^(?:【[^】\n]{1,8}】\s*)?(?:[^\n：:，。！？!?]{0,10}(?:问|留言|提问|来信|私信|评论|来电|反映|诉求)(?:内容)?[：:]|(?:有)?(?:网友|粉丝|读者|网民|市民|群众|听众|评论区|记者)[^\n：:，。！？!?]{0,16}[：:]|@[^\s：:]{1,16}[：:])/;
// A reply answers it: 回复：, 答：, 警官答：, 【小编回复】, 回复内容：, 办理结果：, 复函：, @平安某某：, 某某公安回复@某某：
const REPLY_TAG_SOURCE = '【[^】\\n]{0,8}(?:回复|答复|答|回应)[^】\\n]{0,4}】';
const REPLY_TAG = new RegExp(REPLY_TAG_SOURCE);
const REPLY_LEAD = new RegExp(
  [
    REPLY_TAG_SOURCE,
    '[^\\n：:，。！？!?]{0,12}(?:回复|答复|答|复函|办理结果|处理结果|办理情况)[^\\n：:，。！？!?@]{0,4}[：:]',
    '[^\\n：:，。！？!?]{0,12}回复@[^\\s：:]{1,20}[：:]',
    '@[^\\s：:]{1,16}[：:]',
    // the unit answers in its own name: 小编：, 【青溪警方】, 平安临江：
    '(?:小编|编辑|警官|民警|(?:新闻)?发言人)[：:]',
    '【[^】\\n]{0,8}(?:公安|警方|警察|派出所|交警|分局|大队|平安)[^】\\n]{0,4}】',
    '[^\\n：:，。！？!?]{0,8}(?:公安|警方|派出所|交警|分局|大队)[：:]',
  ]
    .map((p) => `^(?:${p})`)
    .join('|'),
);
// or after the message in the same line, once a sentence of it has ended: …？答：…, …。回复内容：…, …。复函：…
const REPLY_INLINE = new RegExp(
  `[。！？!?”」』）)…\\s](?:${REPLY_TAG_SOURCE}|(?:[^\\n：:，。！？!?【】“”「」]{0,6}(?:回复|答复|复函|办理结果|处理结果|办理情况)[^\\n：:，。！？!?@]{0,4}|(?:警官|民警|小编|我)?答|(?:新闻)?发言人)[：:])`,
);
// 微博's reply chain: 平安某某：回复@某某：answer//@某某：the message
const REPLY_CHAIN = /^[^\n：:，。！？!?]{0,12}[：:]?\s*回复@[^\s：:]{1,20}[：:]/;

/** A post's title as the post shell screens it (`title + '\n' + text`): one short line before the body. */
const TITLE_CHARS = 40;

/**
 * The message a post quotes and the reply that answers it, or null for any other post. A title line before the
 * body is neither: the unit's own words, outside both spans.
 */
export function quotedMessage(text: string): QuotedMessage | null {
  return underTitle(text, quotedFrom);
}

/** What `read` finds from the start of `text`, or else after a title line. */
function underTitle<T>(text: string, read: (text: string, from: number) => T | null): T | null {
  const found = read(text, 0);
  if (found !== null) return found;
  const br = text.indexOf('\n');
  return br > 0 && br <= TITLE_CHARS ? read(text, br + 1) : null;
}

/**
 * A post that opens with a netizen's message and never answers it (【有问必答】网友问：听说有民警出警受伤了，是真的吗？):
 * the span of the message after its marker, or null. Published without a reply, the message is what the unit says;
 * its marker does not make it someone else's words (classifier.ts reads it as the unit's own). `quoted` is
 * quotedMessage(text), where the caller has it already.
 */
export function unansweredMessage(text: string, quoted = quotedMessage(text)): Span | null {
  return quoted === null ? underTitle(text, messageBody) : null;
}

function messageBody(text: string, from: number): Span | null {
  let rest = text.slice(from).trimStart();
  const tag = MESSAGE_TAG.exec(rest);
  if (tag) rest = rest.slice(tag[0].length).trimStart();
  const lead = MESSAGE_LEAD.exec(rest);
  if (lead) rest = rest.slice(lead[0].length);
  if (!tag && !lead) return null;
  const start = text.length - rest.length;
  return start < text.length ? { start, end: text.length } : null;
}

function quotedFrom(text: string, from: number): QuotedMessage | null {
  const body = text.slice(from);
  const chain = REPLY_CHAIN.exec(body);
  const quote = body.indexOf('//@');
  if (chain && quote > chain[0].length)
    return { reply: { start: from, end: from + quote }, message: { start: from + quote, end: text.length } };
  const opening = body.trimStart();
  const lead = text.length - opening.length;
  if (!MESSAGE_TAG.test(opening) && !MESSAGE_LEAD.test(opening)) return null;
  // the reply on a line of its own
  let at = text.indexOf('\n', lead);
  while (at >= 0) {
    const line = text.slice(at + 1).trimStart();
    const start = text.length - line.length;
    if (line.length > 0 && REPLY_LEAD.test(line)) return split(lead, start, text.length);
    at = text.indexOf('\n', at + 1);
  }
  // or after the message in the same line, under a tag of its own: 【网友提问】…【警方回复】…
  const tag = REPLY_TAG.exec(opening.slice(1));
  if (tag) return split(lead, lead + 1 + tag.index, text.length);
  const inline = REPLY_INLINE.exec(opening);
  if (inline) return split(lead, lead + inline.index + 1, text.length);
  return null;
}

function split(messageStart: number, replyStart: number, end: number): QuotedMessage | null {
  if (replyStart <= messageStart) return null;
  return { message: { start: messageStart, end: replyStart }, reply: { start: replyStart, end } };
}
