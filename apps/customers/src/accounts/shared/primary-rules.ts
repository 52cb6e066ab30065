/**
 * "Exactly one primary" (C12 locations, C13 contacts) as pure decisions. A customer's items are
 * given in creation order with the current primary; each function answers which item is
 * primary after the change (null only when no item is left).
 */
export interface PrimaryState {
  /** Item ids, oldest first. */
  ids: readonly string[];
  primaryId: string | null;
}

/** The first item is primary; a later one only when asked for (the old one is then un-marked). */
export function primaryAfterCreate(state: PrimaryState, newId: string, makePrimary: boolean): string {
  if (state.primaryId === null || makePrimary) return newId;
  return state.primaryId;
}

/** Deleting the primary promotes the oldest item left; deleting another changes nothing. */
export function primaryAfterDelete(state: PrimaryState, deletedId: string): string | null {
  if (state.primaryId !== deletedId && state.primaryId !== null) return state.primaryId;
  return state.ids.find((id) => id !== deletedId) ?? null;
}

/** Making an item primary un-marks the old one (making the primary primary changes nothing). */
export function primaryAfterSwitch(state: PrimaryState, targetId: string): string {
  if (!state.ids.includes(targetId)) throw new Error(`${targetId} is not one of the customer's items`);
  return targetId;
}
