/**
 * The edge rules every action shares (issue 11), for docs/api.md: rendered from the constants the
 * functions enforce (server/edge.ts, server/schemas.ts, core/post's config), so the page cannot drift.
 */
import { defaultPostConfig } from '../core/post';
import { MAX_MESSAGE_TEXT, MAX_NICKNAME } from '../core/message/message';
import { MAX_BATCH_ITEMS, MAX_PASTE_CHARS } from '../core/message/batch';
import { ECHO_MAX_CHARS, EDGE_LIMITS } from '../server/edge';
import { LIST_BOUNDS } from '../server/schemas';

export function edgeRulesSection(): string[] {
  const n = (x: number): string => x.toLocaleString('en-US');
  return [
    '## 入口规则（所有 action 通用）',
    '',
    '以下检查在读数据库、内容筛查之前完成，拒绝一个请求的开销约等于一次 `system.ping`（`npm run bench -- edge`）。',
    '',
    `- 参数名不得为 \`Object.prototype\` 的成员名（\`__proto__\`、\`constructor\`、\`toString\`、\`valueOf\`、\`hasOwnProperty\` 等）或 \`prototype\`，任何层级都拒绝，不做任何修改：\`INVALID_INPUT\`。`,
    `- 嵌套最多 ${EDGE_LIMITS.maxDepth} 层、参数名最多 ${EDGE_LIMITS.maxKeyChars} 个字符：\`INVALID_INPUT\`。`,
    `- 一次请求最多 ${n(EDGE_LIMITS.maxValues)} 个参数值，字符串合计最多 ${n(EDGE_LIMITS.maxTextChars)} 个字符：\`REQUEST_TOO_LARGE\`。`,
    `- action 名最多 ${EDGE_LIMITS.maxActionChars} 个字符，未知者：\`UNKNOWN_ACTION\`。`,
    `- 所有列表分页相同：\`offset\` 为 0 至 ${n(LIST_BOUNDS.maxOffset)} 的整数；\`limit\` 为 0 至 ${LIST_BOUNDS.maxLimit} 的整数（0 只返回页头，如合计，不返回条目）；\`cursor\` 为列表返回的原样字符串，最多 ${LIST_BOUNDS.maxCursorChars} 个字符（\`org.auditLog\` 的 \`before\` 为正整数）；超出：\`INVALID_INPUT\`。`,
    `- 稿件（\`post.draftSave\`、\`post.publish\`）：标题最多 ${defaultPostConfig.maxTitleChars} 字、正文最多 ${n(defaultPostConfig.maxTextChars)} 字（按字符计，一个表情算一个字）、图片最多 ${defaultPostConfig.maxImages} 张：\`TITLE_TOO_LONG\`、\`TEXT_TOO_LONG\`、\`TOO_MANY_IMAGES\`。`,
    `- 留言（\`referral.messageRecord\`）：每条最多 ${n(MAX_MESSAGE_TEXT)} 字、昵称最多 ${MAX_NICKNAME} 字（\`MESSAGE_INVALID\`，粘贴时注明第几行）；一次粘贴最多 ${n(MAX_PASTE_CHARS)} 字、${MAX_BATCH_ITEMS} 条（\`BATCH_TOO_LARGE\`）；每条都先检查再筛查。`,
    '',
    `错误说明中引用调用方输入的部分（未知的 action 名、参数名等）最多 ${ECHO_MAX_CHARS} 个字符，超出以“…”截断；整条说明不超过 400 个字符。`,
  ];
}
