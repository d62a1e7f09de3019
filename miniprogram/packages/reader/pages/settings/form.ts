/** The settings form's number fields, checked on the phone with the server's bounds (core/reader/settings.ts). */
export const TIMEOUT = { min: 1, max: 12 };
const CHUNK = { min: 500, max: 20_000 };
const TOKENS_MAX = 100_000_000;

export type NumberField = 'chunkChars' | 'monthlyTokens' | 'raiseConfidence';

/** A number field's value, or why it cannot be saved. */
export function parseField(field: NumberField, text: string): { value: number } | { error: string } {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n)) return { error: '请填写数字' };
  if (field === 'raiseConfidence') return n >= 0.5 && n <= 1 ? { value: n } : { error: '置信度须在 0.5 至 1 之间' };
  if (!Number.isInteger(n)) return { error: '请填写整数' };
  if (field === 'chunkChars')
    return n >= CHUNK.min && n <= CHUNK.max ? { value: n } : { error: `须在 ${CHUNK.min} 至 ${CHUNK.max} 字之间` };
  return n >= 0 && n <= TOKENS_MAX ? { value: n } : { error: `须在 0 至 ${TOKENS_MAX} 之间` };
}
