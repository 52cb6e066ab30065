import type { ServiceName } from '@app/contracts';

/** The last whole profile answered for a customer and reader (variant). */
export interface HeldProfile {
  /** The etag of each service's stored part in it. */
  storedAs: Record<ServiceName, string>;
  json: string;
  /**
   * When (ProfileFeeds.mark) the four parts were last asked for and found to be these, while no
   * change to the customer had been announced since; null once one has been.
   */
  confirmedAt: number | null;
  /** Epoch ms from which the clock alone changes a part (Infinity: never). */
  validUntil: number;
}

/**
 * The gateway's copies of recently answered profiles, up to `capacityBytes` of JSON, the least
 * recently read customer dropped first. A copy is answered again only when every service says
 * its part is still the one the copy was made of, or ProfileFeeds vouches that none has
 * changed since that was last said; it saves asking, moving, parsing, assembling and
 * serialising parts that have not changed. Copies are kept as JSON text, which costs the
 * garbage collector nothing to trace.
 */
export class ProfileCopies {
  /** Per `tenant|customer`, the copies per variant; the Map's order is the order of last use. */
  private readonly customers = new Map<string, Map<string, HeldProfile>>();
  private bytes = 0;
  private count = 0;

  constructor(private readonly capacityBytes: number) {}

  get(customer: string, variant: string): HeldProfile | undefined {
    const variants = this.customers.get(customer);
    if (!variants) return undefined;
    this.customers.delete(customer);
    this.customers.set(customer, variants);
    return variants.get(variant);
  }

  set(customer: string, variant: string, copy: HeldProfile): void {
    this.delete(customer, variant);
    if (copy.json.length > this.capacityBytes) return;
    let variants = this.customers.get(customer);
    if (!variants) this.customers.set(customer, (variants = new Map()));
    variants.set(variant, copy);
    this.bytes += copy.json.length;
    this.count++;
    for (const [oldest, held] of this.customers) {
      if (this.bytes <= this.capacityBytes) break;
      this.customers.delete(oldest);
      for (const dropped of held.values()) this.forget(dropped);
    }
  }

  delete(customer: string, variant: string): void {
    const variants = this.customers.get(customer);
    const copy = variants?.get(variant);
    if (!variants || !copy) return;
    variants.delete(variant);
    if (variants.size === 0) this.customers.delete(customer);
    this.forget(copy);
  }

  /** Something in the customer's profile changed: none of their copies is confirmed any more. */
  changed(customer: string): void {
    for (const copy of this.customers.get(customer)?.values() ?? []) copy.confirmedAt = null;
  }

  get size(): number {
    return this.count;
  }

  private forget(copy: HeldProfile): void {
    this.bytes -= copy.json.length;
    this.count--;
  }
}
