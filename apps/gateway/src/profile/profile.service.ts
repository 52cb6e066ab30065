import { Inject, Injectable } from '@nestjs/common';
import {
  BookingsPatterns,
  CustomersPatterns,
  DomainError,
  ErrorCodes,
  LoyaltyPatterns,
  MarketingPatterns,
  PROFILE_TAB_DEFAULT_LIMIT,
  SERVICES,
  type ServiceName,
} from '@app/contracts';
import { profileAnswers } from '@app/platform';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import type { CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { assembleProfile, type ServicePart } from './profile-assembly';
import type { HeldProfile } from './profile-copies';
import { ProfileFeedListener } from './profile-feed-listener';

/** Each service's part of the profile: one request each, asked at once. */
const PROFILE_PATTERNS: Record<ServiceName, { pattern: string; payload: (id: string) => object }> = {
  customers: { pattern: CustomersPatterns.profile, payload: (id) => ({ id }) },
  bookings: { pattern: BookingsPatterns.customerProfile, payload: (customerId) => ({ customerId }) },
  loyalty: { pattern: LoyaltyPatterns.profile, payload: (customerId) => ({ customerId }) },
  marketing: { pattern: MarketingPatterns.customerProfile, payload: (customerId) => ({ customerId }) },
};
const EXPORT_PATTERNS: Record<ServiceName, { pattern: string; payload: (id: string) => object }> = {
  customers: { pattern: CustomersPatterns.export, payload: (id) => ({ id }) },
  bookings: { pattern: BookingsPatterns.customerExport, payload: (customerId) => ({ customerId }) },
  loyalty: { pattern: LoyaltyPatterns.export, payload: (customerId) => ({ customerId }) },
  marketing: { pattern: MarketingPatterns.customerExport, payload: (customerId) => ({ customerId }) },
};

/** A service's answer to a part request that says which stored copy the gateway holds. */
interface PartAnswer {
  storedAs: string | null;
  /** From when the clock alone changes the stored part (null: never; absent: unknown). */
  validUntil?: string | null;
  part?: unknown;
}

/** The first instant any part changes by the clock alone, as epoch ms; a part that does not say is never vouched for. */
function validUntilOf(answers: PromiseSettledResult<PartAnswer>[]): number {
  let until = Infinity;
  for (const answer of answers) {
    if (answer.status !== 'fulfilled' || answer.value.validUntil === undefined) return 0;
    if (answer.value.validUntil !== null) until = Math.min(until, Date.parse(answer.value.validUntil));
  }
  return until;
}

/**
 * The aggregated profile (P1) and the export (C18): the four services are asked in parallel.
 * For the profile each has PROFILE_TIMEOUT_MS; one that fails or is late makes only its sections
 * `unavailable`. An export must be complete, so any service missing is a 503.
 *
 * The gateway keeps a copy of each profile it answered (ProfileCopies). While the services'
 * change feeds vouch that none of its parts changed (ProfileFeeds), the copy is the answer.
 * Otherwise each part request names the stored part the copy was made from (`storedAs`); a
 * service whose stored part is still that one answers without it, and when all four do, the
 * copy is answered again as it was.
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly rpc: RpcGateway,
    private readonly listener: ProfileFeedListener,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** The profile as JSON. */
  async profile(caller: CallContext, id: string, tabLimit: number | undefined): Promise<string> {
    const { copies, feeds } = this.listener;
    const customer = `${caller.tenantId}|${id}`;
    const variant = `${caller.actor.type === 'customer' ? 'portal' : 'staff'}:${tabLimit ?? PROFILE_TAB_DEFAULT_LIMIT}`;
    const held = copies.get(customer, variant);
    if (held && Date.now() < held.validUntil && feeds.vouchFor(caller.tenantId, held.confirmedAt)) {
      profileAnswers.inc({ source: 'copy' });
      return held.json;
    }
    // Every part is read after this mark; a change the feeds announce after it may be missing from them.
    const askedAt = feeds.mark();
    const confirmedAt = () => (feeds.changedSince(caller.tenantId, id, askedAt) ? null : askedAt);
    let answers = await this.askParts(caller, id, tabLimit, held);
    if (held && answers.every((a, i) => a.status === 'fulfilled' && a.value.part === undefined && a.value.storedAs === held.storedAs[SERVICES[i]])) {
      held.confirmedAt = confirmedAt();
      held.validUntil = validUntilOf(answers);
      profileAnswers.inc({ source: 'confirmed' });
      return held.json;
    }
    // Some parts changed: the copy cannot be reused, so the unchanged parts are asked for again in full.
    if (held) answers = await this.askParts(caller, id, tabLimit, undefined, answers);
    const parts = Object.fromEntries(
      SERVICES.map((service, i): [ServiceName, ServicePart] => {
        const answer = answers[i];
        return [service, answer.status === 'fulfilled' ? { ok: true, value: answer.value.part as any } : { ok: false, error: answer.reason }];
      }),
    ) as Record<ServiceName, ServicePart>;
    // The customers service decides whether there is such a customer; the others only add to it.
    const customers = parts.customers;
    if (!customers.ok && customers.error instanceof DomainError && customers.error.status === 404) {
      copies.delete(customer, variant);
      throw customers.error;
    }
    const json = JSON.stringify(assembleProfile(id, parts));
    profileAnswers.inc({ source: 'assembled' });
    const storedAs = answers.map((a) => (a.status === 'fulfilled' ? a.value.storedAs : null));
    // Only a profile made wholly of stored parts can be confirmed later, part by part.
    if (storedAs.every((etag) => etag !== null)) {
      const byService = Object.fromEntries(SERVICES.map((service, i) => [service, storedAs[i]])) as Record<ServiceName, string>;
      copies.set(customer, variant, { storedAs: byService, json, confirmedAt: confirmedAt(), validUntil: validUntilOf(answers) });
    } else {
      copies.delete(customer, variant);
    }
    return json;
  }

  /**
   * Each service's part, asked at once; with `held`, only whether the part in that copy is still
   * current. With `earlier` answers, only the services whose part is missing from them are asked.
   */
  private askParts(caller: CallContext, id: string, tabLimit: number | undefined, held?: HeldProfile, earlier?: PromiseSettledResult<PartAnswer>[]) {
    return Promise.allSettled(
      SERVICES.map((service, i) => {
        const before = earlier?.[i];
        if (before?.status === 'rejected') return Promise.reject(before.reason);
        if (before?.status === 'fulfilled' && before.value.part !== undefined) return before.value;
        const { pattern, payload } = PROFILE_PATTERNS[service];
        return this.rpc
          .send<PartAnswer>(pattern, caller, { ...payload(id), tabLimit, storedAs: held?.storedAs[service] ?? null }, { timeoutMs: this.config.profileTimeoutMs })
          .then((answer) => (answer && typeof answer === 'object' && 'storedAs' in answer ? answer : { storedAs: null, part: answer })); // a service that does not store parts answers the part itself
      }),
    );
  }

  async export(caller: CallContext, id: string) {
    const answers = await Promise.allSettled(SERVICES.map((service) => this.rpc.send<unknown>(EXPORT_PATTERNS[service].pattern, caller, EXPORT_PATTERNS[service].payload(id))));
    const customers = answers[0];
    if (customers.status === 'rejected' && customers.reason instanceof DomainError && customers.reason.status === 404) throw customers.reason;
    const missing = SERVICES.filter((_s, i) => answers[i].status === 'rejected');
    if (missing.length) {
      throw new DomainError(503, ErrorCodes.serviceUnavailable, `The export needs every service; ${missing.join(', ')} did not answer`, { services: missing });
    }
    return {
      customerId: id,
      exportedAt: new Date().toISOString(),
      ...Object.fromEntries(SERVICES.map((service, i) => [service, (answers[i] as PromiseFulfilledResult<unknown>).value])),
    };
  }
}
