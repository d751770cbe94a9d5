/**
 * How a person looks wherever an avatar shows them (boards, campaign drafts, the user menu): a
 * steady colour from their id and their initials.
 */

/** A steady colour per person, so the same colleague always wears the same avatar colour. */
export function personColor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(hash) % 360} 65% 42%)`;
}

/** "Ana Souza" → "AS", "Ana" → "A", "" → "?". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [name.trim()[0]];
  return letters.join('').toUpperCase() || '?';
}
