/**
 * 第三十四条 on the post pages: a post written as a linkage response carries its directive and clock
 * (`Post.linkage`); the editor and every approver on the chain see it.
 */
import type { PostLinkage } from '../../typings/post';
import { formatBeijingShort } from './time';

/** 联动响应：《title》（重大正面宣传）· 12-01 10:00 前响应 · 剩余 23 分钟 */
export function linkageBanner(marker: PostLinkage, now: number = Date.now()): string {
  const left = Date.parse(marker.dueAt) - now;
  const minutes = Math.ceil(Math.abs(left) / 60_000);
  const clock = left > 0 ? `剩余 ${minutes} 分钟` : `已超时 ${minutes} 分钟`;
  return `联动响应（第三十四条）：《${marker.title}》（${marker.kindLabel}）· ${formatBeijingShort(marker.dueAt)} 前响应 · ${clock}`;
}
