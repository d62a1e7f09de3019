/**
 * Screening as the post shell needs it (第十七条, 第十八条, 第二十一条): the title and text of a post,
 * and a repost's source, screened for the account's kind by the screening service (the lexicon from
 * the database, WeChat's msgSecCheck merged in; config.json lists security.msgSecCheck for it).
 */
import type { AccountKind } from '../../typings/org';
import type { PostContent, PostScreening } from '../../typings/post';
import { screenText } from '../screen/service';

/**
 * The verdict a transition takes. Span offsets are into `title + '\n' + text` (the editor splits
 * them back into the two fields).
 */
export async function screenPost(
  content: PostContent,
  accountKind: AccountKind,
  openid: string | null,
): Promise<PostScreening> {
  const result = await screenText({
    title: content.title,
    text: content.text,
    accountKind,
    source: content.kind === 'repost' ? content.source : null,
    openid,
  });
  const { setAside } = result;
  return {
    blocked: result.blocked,
    minLevel: result.level,
    hits: result.hits,
    ...(setAside && setAside.length > 0 ? { setAside } : {}),
  };
}
