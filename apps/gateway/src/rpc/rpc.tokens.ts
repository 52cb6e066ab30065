/** The one NATS client of the gateway (patterns route by subject, so one is enough). */
export const NATS_CLIENT = Symbol('NATS_CLIENT');
