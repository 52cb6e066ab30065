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
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import type { CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { assembleProfile, type ServicePart } from './profile-assembly';
import { ProfileCopies, type HeldPart } from './profile-copies';

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
  part?: unknown;
}

/**
 * The aggregated profile (P1) and the export (C18): the four services are asked in parallel.
 * For the profile each has PROFILE_TIMEOUT_MS; one that fails or is late makes only its sections
 * `unavailable`. An export must be complete, so any service missing is a 503.
 *
 * Each part request names the stored copy of that part the gateway holds (`storedAs`, see
 * ProfileCopies); a service whose stored part is still that one answers without it, and when
 * all four do, the profile answered last time is answered again as it was.
 */
@Injectable()
export class ProfileService {
  private readonly copies: ProfileCopies;

  constructor(
    private readonly rpc: RpcGateway,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.copies = new ProfileCopies(config.profileCopies);
  }

  /** The profile as JSON. */
  async profile(caller: CallContext, id: string, tabLimit: number | undefined): Promise<string> {
    const key = `${caller.tenantId}|${id}|${caller.actor.type === 'customer' ? 'portal' : 'staff'}:${tabLimit ?? PROFILE_TAB_DEFAULT_LIMIT}`;
    const held = this.copies.get(key);
    const answers = await Promise.allSettled(
      SERVICES.map((service) => {
        const { pattern, payload } = PROFILE_PATTERNS[service];
        const storedAs = held?.parts[service].storedAs ?? null;
        return this.rpc.send<PartAnswer>(pattern, caller, { ...payload(id), tabLimit, storedAs }, { timeoutMs: this.config.profileTimeoutMs });
      }),
    );
    let unchanged = held !== undefined;
    const toHold = {} as Record<ServiceName, HeldPart | null>;
    const parts = Object.fromEntries(
      SERVICES.map((service, i): [ServiceName, ServicePart] => {
        const answer = answers[i];
        if (answer.status === 'rejected') {
          unchanged = false;
          toHold[service] = null;
          return [service, { ok: false, error: answer.reason }];
        }
        const { storedAs, part } = answer.value;
        if (part === undefined && held) {
          toHold[service] = held.parts[service];
          return [service, { ok: true, value: held.parts[service].value as any }];
        }
        unchanged = false;
        toHold[service] = storedAs ? { storedAs, value: part } : null;
        return [service, { ok: true, value: part as any }];
      }),
    ) as Record<ServiceName, ServicePart>;
    if (unchanged) return held!.json;
    // The customers service decides whether there is such a customer; the others only add to it.
    const customers = parts.customers;
    if (!customers.ok && customers.error instanceof DomainError && customers.error.status === 404) {
      this.copies.delete(key);
      throw customers.error;
    }
    const json = JSON.stringify(assembleProfile(id, parts));
    if (SERVICES.every((service) => toHold[service])) this.copies.set(key, { parts: toHold as Record<ServiceName, HeldPart>, json });
    else this.copies.delete(key);
    return json;
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
