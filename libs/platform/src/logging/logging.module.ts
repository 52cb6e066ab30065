import { randomUUID } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { Headers } from '@app/contracts';
import { requestContext } from './request-context';

export interface LoggingOptions {
  service: string;
  level: string;
  /** Log each HTTP request (the gateway does; services only serve health and metrics). */
  httpRequests: boolean;
}

/** Health probes and metrics scrapes are not worth a log line each. */
const isOperationsPath = (req: IncomingMessage & { originalUrl?: string }) =>
  /^\/(health|metrics)/.test(req.originalUrl ?? req.url ?? '');

/** Structured JSON logs; every line carries the request id of the work it belongs to. No PII. */
export function loggingModule(options: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: options.level,
      base: { service: options.service },
      messageKey: 'msg',
      mixin: () => {
        const store = requestContext.getStore();
        return store?.requestId ? { requestId: store.requestId } : {};
      },
      genReqId: (req: IncomingMessage) => {
        const given = req.headers[Headers.requestId];
        return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
      },
      customProps: (req: IncomingMessage) => ({ requestId: String((req as IncomingMessage & { id?: unknown }).id ?? '') }),
      autoLogging: options.httpRequests ? { ignore: (req: IncomingMessage) => isOperationsPath(req) } : false,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: {
        // Only method, path and id: query strings can hold emails and names.
        req: (req: { id?: string; method?: string; url?: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }),
      },
    },
  });
}
