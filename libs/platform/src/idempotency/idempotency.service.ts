import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { idempotentTransaction } from './idempotent-transaction';

/** How long a key is remembered; a repeat after that runs again. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Idempotency-Key for requests that create or move value (API.md); see idempotentTransaction. */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);
  private lastPurge = 0;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a transaction, once per (tenant, scope, key). `scope` names the operation
   * (its message pattern, plus the target id where a key is per target); `request` is what must
   * match on a repeat. Without a key it is a plain transaction.
   */
  run<T>(tenantId: string, key: unknown, scope: string, request: unknown, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (key) this.purgeNowAndThen();
    return idempotentTransaction(this.dataSource, { tenantId, key, scope, request }, work);
  }

  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.dataSource
      .query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [IDEMPOTENCY_KEY_TTL_HOURS])
      .catch((e) => this.logger.warn(`Purging old idempotency keys failed: ${e?.message ?? e}`));
  }
}
