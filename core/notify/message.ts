/**
 * From a notice to the subscribe message WeChat takes: each template field gets its value, cut to the
 * field type's rule; times are shown in Beijing time. Plus the two string builders every producer uses:
 * deep links and dedupe keys.
 */
import type {
  DeepLink,
  EnvTemplates,
  MessageValues,
  SubscribeMessage,
  TemplateSpec,
  TextSource,
  TimeSource,
} from '../../typings/notify';
import type { IsoTime } from '../../typings/common';
import { formatText, formatTime } from './fields';

/** `/pages/post-detail/index` + `{ id: 'p1' }` → `/pages/post-detail/index?id=p1`. */
export function deepLink(page: DeepLink, query: Record<string, string> = {}): DeepLink {
  const pairs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return pairs.length ? `${page}?${pairs.join('&')}` : page;
}

/**
 * The unique key of one notice to one person on one occasion, e.g.
 * `referralDueSoon:referrals/r1:2026-11-28:p5`. The occasion (a day, a threshold, a version) is what makes
 * a repeated run of a planner produce the same key, so the outbox stores it once.
 */
export function dedupeKey(kind: string, subject: string, occasion: string, recipientId: string): string {
  return [kind, subject, occasion, recipientId].join(':');
}

/** The text fields a notice offers to its template. */
export interface NoticeContent {
  title: string;
  text: string;
  values: MessageValues;
  link: DeepLink;
  createdAt: IsoTime;
}

function textValue(content: NoticeContent, from: TextSource): string | number | undefined {
  switch (from) {
    case 'title':
      return content.title;
    case 'text':
      return content.text;
    default:
      return content.values[from];
  }
}

function timeValue(content: NoticeContent, from: TimeSource): number {
  const iso = from === 'createdAt' ? content.createdAt : (content.values[from] ?? content.createdAt);
  return Date.parse(iso);
}

/** The message for one notice; WeChat's `page` is relative (no leading slash). */
export function buildSubscribeMessage(
  spec: TemplateSpec,
  env: Pick<EnvTemplates, 'miniprogramState'>,
  content: NoticeContent,
): SubscribeMessage {
  const data: Record<string, { value: string }> = {};
  for (const field of spec.fields) {
    const value =
      field.type === 'time' || field.type === 'date'
        ? formatTime(field.type, timeValue(content, field.from))
        : formatText(field.type, textValue(content, field.from));
    data[field.key] = { value };
  }
  return {
    templateId: spec.templateId,
    subscription: spec.subscription,
    page: (spec.page ?? content.link).replace(/^\//u, ''),
    data,
    miniprogramState: env.miniprogramState,
    lang: 'zh_CN',
  };
}
