import type { ServiceName } from '@app/contracts';

/** The last whole profile answered for a customer and reader kind: the etag of each service's stored part in it, and its JSON. */
export interface HeldProfile {
  storedAs: Record<ServiceName, string>;
  json: string;
}

/**
 * The gateway's copies of recently answered profiles, up to `capacityBytes` of JSON, the least
 * recently used dropped first. A copy is only ever served after each service has said that the
 * part it holds is still the one it has stored as current (ProfileDocuments' etags), so a copy
 * cannot be stale; it saves moving, parsing, assembling and serialising parts that have not
 * changed. Copies are kept as JSON text, which costs the garbage collector nothing to trace.
 */
export class ProfileCopies {
  private readonly copies = new Map<string, HeldProfile>();
  private bytes = 0;

  constructor(private readonly capacityBytes: number) {}

  get(key: string): HeldProfile | undefined {
    const copy = this.copies.get(key);
    if (copy) {
      this.copies.delete(key);
      this.copies.set(key, copy);
    }
    return copy;
  }

  set(key: string, copy: HeldProfile): void {
    this.delete(key);
    if (copy.json.length > this.capacityBytes) return;
    this.copies.set(key, copy);
    this.bytes += copy.json.length;
    for (const [oldest, held] of this.copies) {
      if (this.bytes <= this.capacityBytes) break;
      this.copies.delete(oldest);
      this.bytes -= held.json.length;
    }
  }

  delete(key: string): void {
    const copy = this.copies.get(key);
    if (!copy) return;
    this.copies.delete(key);
    this.bytes -= copy.json.length;
  }

  get size(): number {
    return this.copies.size;
  }
}
