import type { ServiceName } from '@app/contracts';

/** A service's stored part as the gateway holds it: the etag it is stored as, and the part. */
export interface HeldPart {
  storedAs: string;
  value: unknown;
}

/** The last whole profile answered for a customer and reader kind: its parts and its JSON. */
export interface HeldProfile {
  parts: Record<ServiceName, HeldPart>;
  json: string;
}

/**
 * The gateway's copies of recently answered profiles, at most `capacity` of them, the least
 * recently used dropped first. A copy is only ever served after each service has said that the
 * part it holds is still the one it has stored as current (ProfileDocuments' etags), so a copy
 * cannot be stale; it saves moving, parsing, assembling and serialising parts that have not
 * changed.
 */
export class ProfileCopies {
  private readonly copies = new Map<string, HeldProfile>();

  constructor(private readonly capacity: number) {}

  get(key: string): HeldProfile | undefined {
    const copy = this.copies.get(key);
    if (copy) {
      this.copies.delete(key);
      this.copies.set(key, copy);
    }
    return copy;
  }

  set(key: string, copy: HeldProfile): void {
    if (this.capacity === 0) return;
    this.copies.delete(key);
    this.copies.set(key, copy);
    if (this.copies.size > this.capacity) this.copies.delete(this.copies.keys().next().value!);
  }

  delete(key: string): void {
    this.copies.delete(key);
  }

  get size(): number {
    return this.copies.size;
  }
}
