import { Inject, Injectable } from '@nestjs/common';
import {
  BookingsPatterns,
  CustomersPatterns,
  DomainError,
  ErrorCodes,
  LoyaltyPatterns,
  MarketingPatterns,
  SERVICES,
  type ServiceName,
} from '@app/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import type { CallContext } from '../rpc/call-context';
import { RpcGateway } from '../rpc/rpc-gateway.service';
import { assembleProfile, type ServicePart } from './profile-assembly';

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

/**
 * The aggregated profile (P1) and the export (C18): the four services are asked in parallel.
 * For the profile each has PROFILE_TIMEOUT_MS; one that fails or is late makes only its sections
 * `unavailable`. An export must be complete, so any service missing is a 503.
 */
@Injectable()
export class ProfileService {
  constructor(
    private readonly rpc: RpcGateway,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async profile(caller: CallContext, id: string, tabLimit: number | undefined) {
    const answers = await Promise.allSettled(
      SERVICES.map((service) => {
        const { pattern, payload } = PROFILE_PATTERNS[service];
        return this.rpc.send<any>(pattern, caller, { ...payload(id), tabLimit }, { timeoutMs: this.config.profileTimeoutMs });
      }),
    );
    const parts = Object.fromEntries(
      SERVICES.map((service, i): [ServiceName, ServicePart] => {
        const answer = answers[i];
        return [service, answer.status === 'fulfilled' ? { ok: true, value: answer.value } : { ok: false, error: answer.reason }];
      }),
    ) as Record<ServiceName, ServicePart>;
    // The customers service decides whether there is such a customer; the others only add to it.
    const customers = parts.customers;
    if (!customers.ok && customers.error instanceof DomainError && customers.error.status === 404) throw customers.error;
    return assembleProfile(id, parts);
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
