import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdempotencyService, OutboxService } from '@app/platform';

/**
 * The one way loyalty changes data: a transaction (once per Idempotency-Key when one is given)
 * whose events go to the outbox with the change; the relay is woken after commit.
 */
@Injectable()
export class WriteTransaction {
  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly outbox: OutboxService,
  ) {}

  async run<T>(tenantId: string, key: unknown, scope: string, request: unknown, work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.idempotency.run(tenantId, key, scope, request, work);
    this.outbox.flush();
    return result;
  }
}
