/**
 * 第三十三条 "防止密码泄露": the product never holds a platform password, so nothing that looks like one
 * may enter it — not a field named like one at any depth of a request (the check people's and accounts'
 * forms always had, now at every function's edge), nor a text that states one ("密码：Abc@1234",
 * "password=…"). Pure: the dispatch edge calls `passwordFindings` on every request before anything else.
 */
import { echo } from '../errors';

/** Field names that ask for a secret. `passed`, `passage` and the like are not. */
const PASSWORD_KEY = /^pass$|password|passwd|pwd|passcode|secret|口令|密码/i;

/**
 * A text that states a password: the word, a "is" sign, then a credential-like token of printable
 * ASCII (a Chinese phrase such as "密码为弱密码" or "密码是不是太简单" is not one).
 */
const PASSWORD_STATEMENT = /(?:密码|口令|password|passwd|pwd|passcode)\s*(?:是|为|:|：|=|＝)\s*["'“‘]?[\x21-\x7e]{4,}/i;

export interface PasswordFinding {
  /** Dot path of the field. */
  path: string;
  /** `key`: the field is named like a password; `value`: its text states one. */
  why: 'key' | 'value';
}

/** Every field named like a password, and every text that states one, at any depth. */
export function passwordFindings(value: unknown, at = ''): PasswordFinding[] {
  if (typeof value === 'string') return PASSWORD_STATEMENT.test(value) ? [{ path: at || '(请求)', why: 'value' }] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = at ? `${at}.${key}` : key;
    return [...(PASSWORD_KEY.test(key) ? [{ path, why: 'key' as const }] : []), ...passwordFindings(child, path)];
  });
}

/** The dot paths of the fields named like a password (the older, key-only check). */
export function passwordLikeFields(value: unknown): string[] {
  return passwordFindings(value)
    .filter((f) => f.why === 'key')
    .map((f) => f.path);
}

/** What the refusal says: a few of the fields, shortened (they are the caller's), so the person knows what to remove. */
export function passwordRefusal(findings: readonly PasswordFinding[]): string {
  const few = (paths: string[]): string => {
    const named = paths
      .slice(0, 3)
      .map((p) => echo(p))
      .join('、');
    return paths.length > 3 ? `${named}等 ${paths.length} 个字段` : named;
  };
  const keys = findings.filter((f) => f.why === 'key').map((f) => f.path);
  const values = findings.filter((f) => f.why === 'value').map((f) => f.path);
  const parts = [
    ...(keys.length > 0 ? [`请删除字段：${few(keys)}`] : []),
    ...(values.length > 0 ? [`请勿在内容中填写密码：${few(values)}`] : []),
  ];
  return `系统不保存新媒体平台账号密码，${parts.join('；')}（第三十三条）`;
}
