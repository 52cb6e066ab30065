import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { finalize, type Observable } from 'rxjs';
import type { GatewayRequest } from '../http/gateway-request';
import { ProfileFeedListener } from './profile-feed-listener';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Around every request that may write for a tenant: from before it is passed on until every
 * service's profile change feed has announced what it committed, the tenant's profile copies
 * are confirmed by asking, so the caller's next profile read shows the write (ProfileFeeds).
 */
@Injectable()
export class ProfileWriteBarrier implements NestInterceptor {
  constructor(private readonly listener: ProfileFeedListener) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const tenant = request.auth?.tenantId;
    if (!tenant || READS.has(request.method)) return next.handle();
    const { feeds } = this.listener;
    feeds.writing(tenant);
    return next.handle().pipe(finalize(() => void feeds.settle(tenant, () => this.listener.syncAll()).catch(() => undefined)));
  }
}
