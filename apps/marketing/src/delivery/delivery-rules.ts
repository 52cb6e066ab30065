/**
 * What to do after a delivery attempt (pure). A message is marked sent only when the SMTP
 * server or the webhook accepted it; a failure that may pass (a 4xx SMTP reply, a timeout, a
 * refused connection, HTTP 408/429/5xx) is retried with a doubling wait; one that will not
 * (an SMTP 5xx reply such as "mailbox unavailable", another HTTP 4xx) or the last allowed
 * attempt makes the message failed. Every attempt is recorded either way.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** An error from nodemailer as a DeliveryError: SMTP 5xx replies are permanent. */
export function smtpFailure(error: unknown): DeliveryError {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const permanent = typeof e?.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  const what = e?.response ?? e?.message ?? String(error);
  return new DeliveryError(`SMTP${e?.code ? ` ${e.code}` : ''}: ${what}`.slice(0, 500), permanent);
}

export type HttpVerdict = 'ok' | 'retry' | 'permanent';

export function webhookVerdict(status: number): HttpVerdict {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'permanent';
}

/** Wait before attempt `attempt + 1`: base, 2×base, 4×base, … at most an hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(3_600_000, baseMs * 2 ** Math.max(0, attempt - 1));
}

export type AttemptOutcome = { state: 'sent' } | { state: 'retry'; delayMs: number; error: string } | { state: 'failed'; error: string };

/** The state of a message after attempt number `attempt` (1-based) ended with `error` (or none). */
export function afterAttempt(attempt: number, error: DeliveryError | null, maxAttempts: number, baseMs: number): AttemptOutcome {
  if (!error) return { state: 'sent' };
  if (error.permanent || attempt >= maxAttempts) return { state: 'failed', error: error.message };
  return { state: 'retry', delayMs: retryDelayMs(attempt, baseMs), error: error.message };
}
