import type { DataSource, EntityManager } from 'typeorm';
import { withinReadScope } from '../read-scope/read-scope';
import { TENANT_WIDE } from '@app/contracts';

/** Whose part, and which form of it: per reader kind (staff or the customer's portal) and tab length. */
export interface ProfileDocumentKey {
  tenantId: string;
  customerId: string;
  variant: string;
}

/** A freshly read part and the instant from which the clock alone would change it (null: never). */
export interface BuiltProfilePart<T> {
  document: T;
  validUntil: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A document is current when it has not run out and no change to its customer or tenant committed outside its snapshot. */
const CURRENT = `(d.valid_until IS NULL OR d.valid_until > now())
  AND NOT EXISTS (SELECT 1 FROM profile_changes c
                   WHERE c.tenant_id = d.tenant_id AND c.customer_id IN (d.customer_id, '${TENANT_WIDE}')
                     AND NOT pg_visible_in_snapshot(c.xid, d.snapshot))`;

// The current document's etag, and the document itself unless it is the one the reader holds ($4).
const READ = `SELECT pg_current_snapshot()::text AS snapshot, now() AS read_at, d.etag, d.valid_until,
       CASE WHEN d.etag IS DISTINCT FROM $4::uuid THEN d.document END AS document
  FROM (SELECT 1) one
  LEFT JOIN profile_documents d ON d.tenant_id = $1 AND d.customer_id = $2 AND d.variant = $3 AND ${CURRENT}`;

// The share lock on the horizon row orders a store against a collection (see collect); a store
// of a part that is already stale, or read before the horizon, is skipped.
const STORE = `INSERT INTO profile_documents AS d (tenant_id, customer_id, variant, snapshot, valid_until, document)
  SELECT $1, $2, $3, $4::pg_snapshot, $5, $6::json
    FROM profile_change_horizon h
   WHERE pg_snapshot_xmin($4::pg_snapshot) >= h.horizon
     AND NOT EXISTS (SELECT 1 FROM profile_changes c
                      WHERE c.tenant_id = $1 AND c.customer_id IN ($2, '${TENANT_WIDE}') AND NOT pg_visible_in_snapshot(c.xid, $4::pg_snapshot))
     FOR SHARE OF h
  ON CONFLICT (tenant_id, customer_id, variant) DO UPDATE
     SET snapshot = EXCLUDED.snapshot, valid_until = EXCLUDED.valid_until, document = EXCLUDED.document, etag = gen_random_uuid(), built_at = now()
  RETURNING etag`;

/**
 * A part for a reader that may hold a copy: `storedAs` is the etag of the stored document the
 * part is (null: not stored, e.g. read while something it shows changed); `part` is absent when
 * the reader's copy is current.
 */
export interface ConditionalProfilePart<T> {
  storedAs: string | null;
  /** When a stored part is changed by the clock alone (null: never). */
  validUntil?: Date | null;
  part?: T;
}

/** Drops a customer's stored profile parts, in the erasure's transaction: they hold personal data (C18). */
export async function forgetProfileDocuments(em: EntityManager, tenantId: string, customerId: string): Promise<void> {
  await em.query(`DELETE FROM profile_documents WHERE tenant_id = $1 AND customer_id = $2`, [tenantId, customerId]);
}

/**
 * A service's profile part kept as one document per customer and variant, so that a profile
 * read is one indexed query while nothing it shows has changed.
 *
 * Staleness is exact, not timed: triggers on every table a part reads (profileChangeTriggers)
 * record which customers a committed write touched, or the whole tenant for tenant-wide data.
 * A part is read after the snapshot it is stored with, so it holds at least everything
 * committed in that snapshot; a change row outside it means the document may miss that change
 * and it is read afresh. What the clock alone changes (a booking that starts, a pass or bonus
 * that expires, a new day) is the builder's `validUntil`.
 */
export class ProfileDocumentStore {
  constructor(
    protected readonly dataSource: DataSource,
    protected readonly enabled: boolean,
    protected readonly warn: (message: string) => void,
  ) {}

  /**
   * The stored part when it is current; otherwise `build(readAt)`'s, stored for the next reader.
   * `readAt` is before every read of the build: the clock instants it names must be those after it.
   */
  async read<T>(key: ProfileDocumentKey, build: (readAt: Date) => Promise<BuiltProfilePart<T>>): Promise<T> {
    return (await this.readUnless(key, null, build)).part as T;
  }

  /**
   * As `read`, for a reader holding the copy stored as `held` (an etag): only whether it is
   * still current when it is.
   */
  async readUnless<T>(key: ProfileDocumentKey, held: string | null, build: (readAt: Date) => Promise<BuiltProfilePart<T>>): Promise<ConditionalProfilePart<T>> {
    if (!this.enabled) return { storedAs: null, part: (await build(new Date())).document };
    const [stored] = await this.dataSource.query(READ, [key.tenantId, key.customerId, key.variant, held]);
    if (stored.etag !== null) {
      const current = { storedAs: stored.etag as string, validUntil: stored.valid_until as Date | null };
      return stored.document === null ? current : { ...current, part: stored.document as T };
    }
    const built = await build(stored.read_at);
    const [row] = await this.dataSource
      .query(STORE, [key.tenantId, key.customerId, key.variant, stored.snapshot, built.validUntil, JSON.stringify(built.document)])
      .catch((e) => {
        this.warn(`Profile document not stored: ${e?.message ?? e}`);
        return [];
      });
    return row ? { storedAs: row.etag, validUntil: built.validUntil, part: built.document } : { storedAs: null, part: built.document };
  }

  /**
   * A service's answer to a profile part request: the part itself, or, when the request says
   * which stored copy the asker holds (`held`: an etag or null, see ConditionalProfilePart),
   * whether it is still current.
   */
  answer<T>(key: ProfileDocumentKey, held: unknown, build: (readAt: Date) => Promise<BuiltProfilePart<T>>): Promise<T | ConditionalProfilePart<T>> {
    if (held === undefined) return this.read(key, build);
    return this.readUnless(key, typeof held === 'string' && UUID.test(held) ? held : null, build);
  }

  /**
   * A service's profile part handler: `answer` with a part read afresh by `readPart` in a read
   * scope on one connection (a stored part needs no scope), and `changesByClockAt(readAt)` read
   * beside it (none: the part does not change with the clock alone).
   */
  answerPart<T>(key: ProfileDocumentKey, held: unknown, readPart: () => Promise<T>, changesByClockAt?: (readAt: Date) => Promise<Date | null>) {
    return this.answer(key, held, (readAt) =>
      withinReadScope(
        async () => {
          const [document, validUntil] = await Promise.all([readPart(), changesByClockAt ? changesByClockAt(readAt) : null]);
          return { document, validUntil };
        },
        { oneConnection: true },
      ),
    );
  }

  /**
   * Clears away stale and run-out documents and the change rows every remaining document has
   * seen. The horizon moves to this transaction's oldest running transaction: every change
   * older than it has committed or aborted, a document read from an older snapshot may not have
   * seen it, so those documents are dropped with the changes, and stores of parts read before
   * the horizon are refused from now on (the horizon row's lock keeps the two in order).
   */
  async collect(): Promise<{ documents: number; changes: number }> {
    return this.dataSource.transaction(async (em) => {
      // An UPDATE's answer through TypeORM is [rows, count].
      const [[{ horizon }]] = await em.query(
        `UPDATE profile_change_horizon SET horizon = greatest(horizon, pg_snapshot_xmin(pg_current_snapshot())) RETURNING horizon::text`,
      );
      const [, documents] = await em.query(
        `DELETE FROM profile_documents d
          WHERE d.valid_until <= now()
             OR pg_snapshot_xmin(d.snapshot) < $1::xid8
                AND EXISTS (SELECT 1 FROM profile_changes c
                             WHERE c.tenant_id = d.tenant_id AND c.customer_id IN (d.customer_id, '${TENANT_WIDE}')
                               AND c.xid < $1::xid8 AND NOT pg_visible_in_snapshot(c.xid, d.snapshot))`,
        [horizon],
      );
      const [, changes] = await em.query(`DELETE FROM profile_changes WHERE xid < $1::xid8`, [horizon]);
      return { documents, changes };
    });
  }
}
