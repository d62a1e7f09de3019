/**
 * FNV-1a over UTF-16 code units, as eight hex digits: a short, stable name for a piece of data (a
 * model's weights, what makes a rule fire). Not for anything an adversary chooses to collide.
 */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16).padStart(8, '0');
}
