import type { DataSource, EntityManager } from 'typeorm';
import { ErrorCodes, invalid, unprocessable } from '@app/contracts';
import { requestHash } from './request-hash';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * Runs `work` in a transaction, once per (tenant, scope, key): the first call's answer is
 * stored with its change; a repeat with the same key and request answers that stored result
 * and changes nothing; the same key with another request is 422 `idempotency_key_reused`. A
 * concurrent repeat waits on the first one's key row (its INSERT blocks until the first
 * commits), then answers its result. A call that fails stores nothing, so it may be retried.
 * Without a key it is a plain transaction.
 */
export async function idempotentTransaction<T>(
  dataSource: DataSource,
  call: { tenantId: string; key: unknown; scope: string; request: unknown },
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  const { tenantId, key, scope } = call;
  if (key === undefined || key === null || key === '') return dataSource.transaction(work);
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) throw invalid({ idempotencyKey: ['must be 1-200 visible ASCII characters'] });
  const hash = requestHash(call.request);
  return dataSource.transaction(async (em) => {
    const claimed = await em.query(
      `INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING key`,
      [tenantId, scope, key, hash],
    );
    if (claimed.length === 0) {
      const [first] = await em.query(`SELECT request_hash, response FROM idempotency_keys WHERE tenant_id = $1 AND scope = $2 AND key = $3`, [
        tenantId,
        scope,
        key,
      ]);
      if (first.request_hash !== hash) {
        throw unprocessable(ErrorCodes.idempotencyKeyReused, 'This Idempotency-Key was used before with a different request');
      }
      return first.response as T;
    }
    const result = await work(em);
    await em.query(`UPDATE idempotency_keys SET response = $4 WHERE tenant_id = $1 AND scope = $2 AND key = $3`, [
      tenantId,
      scope,
      key,
      JSON.stringify(result ?? null),
    ]);
    return result;
  });
}
