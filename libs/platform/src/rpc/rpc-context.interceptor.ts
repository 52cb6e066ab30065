import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { Headers } from '@app/contracts';
import { requestContext } from '../logging/request-context';
import { rpcDuration } from '../health/metrics';

/** Carries the request id from NATS headers into the async context (and so into every log line). */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const ctx = context.switchToRpc().getContext<NatsContext>();
    const data = context.switchToRpc().getData<{ tenantId?: string }>();
    const requestId = ctx?.getHeaders?.()?.get?.(Headers.requestId) || undefined;
    const pattern = ctx?.getSubject?.() ?? 'unknown';
    const end = rpcDuration.startTimer({ pattern });
    return new Observable((subscriber) =>
      requestContext.run({ requestId, tenantId: data?.tenantId }, () =>
        next.handle().subscribe({
          next: (v) => subscriber.next(v),
          error: (e) => {
            end({ outcome: 'error' });
            subscriber.error(e);
          },
          complete: () => {
            end({ outcome: 'ok' });
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
