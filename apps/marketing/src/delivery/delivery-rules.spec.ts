import { afterAttempt, DeliveryError, retryDelayMs, smtpFailure, webhookVerdict } from './delivery-rules';

describe('delivery rules', () => {
  it('marks sent only without an error', () => {
    expect(afterAttempt(1, null, 5, 1000)).toEqual({ state: 'sent' });
  });

  it('retries a passing failure with a doubling wait until the last attempt', () => {
    const busy = new DeliveryError('SMTP: 451 try later', false);
    expect(afterAttempt(1, busy, 3, 1000)).toEqual({ state: 'retry', delayMs: 1000, error: 'SMTP: 451 try later' });
    expect(afterAttempt(2, busy, 3, 1000)).toEqual({ state: 'retry', delayMs: 2000, error: 'SMTP: 451 try later' });
    expect(afterAttempt(3, busy, 3, 1000)).toEqual({ state: 'failed', error: 'SMTP: 451 try later' });
    expect(retryDelayMs(30, 1000)).toBe(3_600_000);
  });

  it('fails at once on a permanent failure', () => {
    expect(afterAttempt(1, new DeliveryError('SMTP: 550 no such user', true), 5, 1000).state).toBe('failed');
  });

  it('tells permanent SMTP replies from passing ones', () => {
    expect(smtpFailure({ responseCode: 550, response: '550 5.1.1 user unknown' })).toMatchObject({ permanent: true, message: 'SMTP: 550 5.1.1 user unknown' });
    expect(smtpFailure({ responseCode: 451, response: '451 try again' }).permanent).toBe(false);
    expect(smtpFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' })).toMatchObject({ permanent: false, message: 'SMTP ECONNECTION: connect ECONNREFUSED' });
  });

  it('reads webhook answers: 2xx ok, 408/429/5xx retried, other 4xx permanent', () => {
    expect(webhookVerdict(202)).toBe('ok');
    expect(webhookVerdict(429)).toBe('retry');
    expect(webhookVerdict(503)).toBe('retry');
    expect(webhookVerdict(408)).toBe('retry');
    expect(webhookVerdict(400)).toBe('permanent');
    expect(webhookVerdict(301)).toBe('permanent');
  });
});
