import { jetstreamManager, RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { StreamDefinition } from '@app/contracts';

export const DEAD_LETTER_STREAM: StreamDefinition = { name: 'DEADLETTER', subjects: ['deadletter.>'] };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a stream if it is missing. Limits retention (age and size bounded) so a consumer
 * created later can still replay; a two-minute duplicate window for Nats-Msg-Id dedupe.
 */
export async function ensureStream(nc: NatsConnection, def: StreamDefinition): Promise<void> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(def.name);
    return;
  } catch (e) {
    if (!/not found/i.test(String(e?.message))) throw e;
  }
  try {
    await jsm.streams.add({
      name: def.name,
      subjects: def.subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(Number(process.env.STREAM_MAX_AGE_DAYS ?? 30) * DAY_MS),
      max_bytes: Number(process.env.STREAM_MAX_BYTES ?? 1024 * 1024 * 1024),
      duplicate_window: nanos(2 * 60 * 1000),
      num_replicas: Number(process.env.STREAM_REPLICAS ?? 1),
    });
  } catch (e) {
    // Another replica may have created it between our look and our add.
    if (!/already in use|exists/i.test(String(e?.message))) throw e;
  }
}
