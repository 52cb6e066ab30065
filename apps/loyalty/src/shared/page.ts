import { invalid } from '@app/contracts';

/** The whole number a cursor of a numerically sorted list carries (a tampered one is a 400 on cursor). */
export function cursorNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw invalid({ cursor: ['is not a cursor from this list'] });
  return n;
}
