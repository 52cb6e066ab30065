import type { Actor, ActorRef } from '@app/contracts';

/** The actor as an item records it (type and id; the role is not kept). */
export const actorRef = (actor: Actor): ActorRef => ({ type: actor.type, id: actor.id });

/** An actor from two columns, or null when the item has none. */
export const actorFrom = (type: string | null, id: string | null): ActorRef | null =>
  type && id ? { type: type as ActorRef['type'], id } : null;

/** A timestamp column as an ISO string (null stays null). */
export const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
