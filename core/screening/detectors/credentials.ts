/**
 * 第三十三条: keep account passwords from leaking. A password, passcode or verification code written
 * into a post with its value (密码：Abc123, 验证码是 482913) is flagged; the value is never shown.
 * Warnings that name such codes without giving one, or quote a scammer asking for one, do not fire.
 */
import { detectorText, scan, type DetectorHit } from './types';

const WORD =
  '登录密码|初始密码|账号密码|帐号密码|支付密码|后台密码|管理员密码|WiFi密码|wifi密码|密码|口令|验证码|动态码|校验码';
export const CREDENTIAL = new RegExp(
  `(${WORD})(?:\\s*(?:是|为|：|:|=|改成|改为|设为|设置为|设置成|都是))?\\s*([A-Za-z0-9!@#$%^&*._\\-]{4,32})(?![A-Za-z0-9])`,
  'g',
);
/**
 * Words before the code that make the sentence a warning, a lesson or a scam being told: it names a
 * code without leaking one. (After the code, only 等/这类 … mark an example.)
 */
export const CREDENTIAL_SAFE =
  /不要|切勿|请勿|勿将|千万|别把|例如|比如|简单|弱密码|生日|诈骗|骗子|冒充|索要|套取|警惕|提醒|谨防|一律/;
const EXAMPLE_AFTER = /^.{0,3}(?:等|这类|之类|这样的|一类)/;
const CODE_WORD = /验证码|动态码|校验码/;

function isValue(word: string, value: string): boolean {
  if (CODE_WORD.test(word)) return /^\d{4,8}$/.test(value);
  // A password: some digits, or a long enough word with mixed kinds of characters.
  return /\d/.test(value) || (value.length >= 6 && /[A-Z]/.test(value) && /[a-z]/.test(value));
}

/** Hits within one sentence of the detector view (offsets relative to `offset`). */
export function credentialsIn(original: string, sentence: string, offset: number): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (const m of scan(CREDENTIAL, sentence)) {
    const word = m.groups[0] ?? '';
    const value = m.groups[1] ?? '';
    if (!isValue(word, value)) continue;
    if (CREDENTIAL_SAFE.test(sentence.slice(0, m.end)) || EXAMPLE_AFTER.test(sentence.slice(m.end))) continue;
    const start = offset + m.start;
    const end = offset + m.end;
    hits.push({
      start,
      end,
      category: 'credential',
      detector: 'credential',
      rule: CODE_WORD.test(word) ? '验证码' : '帐号密码',
      matched: `${original.slice(start, start + word.length)}${'*'.repeat(Math.min(value.length, 8))}`,
    });
  }
  return hits;
}

export function detectCredentials(original: string, view = detectorText(original)): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (const s of scan(/[^。！？!?\n\r\u2028\u2029；;]+/g, view))
    hits.push(...credentialsIn(original, s.value, s.start));
  return hits;
}
