import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line and an outgoing message should know about the work in progress. */
export interface RequestContextStore {
  requestId?: string;
  tenantId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContextStore>();

export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;
