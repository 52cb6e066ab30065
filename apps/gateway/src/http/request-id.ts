import { randomUUID } from 'node:crypto';

/** Same rule as the platform's logger: a caller's id is kept when it is a short token, else a new one. */
const REQUEST_ID_PATTERN = /^[\w.-]{1,128}$/;

export function resolveRequestId(given: string | string[] | undefined): string {
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}
