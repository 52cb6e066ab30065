/**
 * Pure pieces of moving attachment bytes between HTTP and the customers service (no Nest
 * imports, so unit tests reach them).
 */

/**
 * Re-cuts a stream of buffers of any size into chunks of exactly `size` bytes (the last may be
 * shorter). `onBytes` sees the running total as data arrives, before it is buffered, so a
 * limit is enforced on what was read rather than on whole chunks.
 */
export async function* rechunk(source: AsyncIterable<Buffer>, size: number, onBytes: (total: number) => void = () => undefined): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  for await (const piece of source) {
    total += piece.length;
    onBytes(total);
    pending.push(piece);
    pendingBytes += piece.length;
    while (pendingBytes >= size) {
      const joined = Buffer.concat(pending, pendingBytes);
      yield joined.subarray(0, size);
      const rest = joined.subarray(size);
      pending = rest.length ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * `Content-Disposition: attachment` with the file name: an ASCII fallback for old clients and
 * the exact name in RFC 5987 form. "attachment" (never inline) so a browser does not render an
 * uploaded file in the API's origin.
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Whether an If-None-Match header names this entity tag (or is "*"). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim().replace(/^W\//, '');
    return t === '*' || t === etag;
  });
}
