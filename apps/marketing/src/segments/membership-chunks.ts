/** segmentMembership.changed carries at most this many ids per list; a larger change is several events. */
export const MEMBERSHIP_EVENT_IDS = 1000;

/** Added and removed ids as event-sized pieces: each piece has at most `size` of each, nothing is left out or repeated. */
export function membershipChunks(added: string[], removed: string[], size = MEMBERSHIP_EVENT_IDS): Array<{ added: string[]; removed: string[] }> {
  const chunks: Array<{ added: string[]; removed: string[] }> = [];
  const count = Math.max(Math.ceil(added.length / size), Math.ceil(removed.length / size));
  for (let i = 0; i < count; i++) {
    chunks.push({ added: added.slice(i * size, (i + 1) * size), removed: removed.slice(i * size, (i + 1) * size) });
  }
  return chunks;
}
