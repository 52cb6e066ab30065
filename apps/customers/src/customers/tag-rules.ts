/**
 * A tag as stored: trimmed, inner whitespace collapsed to one space, 1-64 characters.
 * Case is kept as written (tags are labels people read); null when the tag is not acceptable.
 */
export function normalizeTag(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const tag = raw.trim().replace(/\s+/g, ' ');
  if (tag.length < 1 || tag.length > 64) return null;
  return tag;
}

export const TAG_RULE = 'must be 1-64 characters after trimming';
