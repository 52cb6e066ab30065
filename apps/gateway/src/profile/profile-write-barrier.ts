import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { GatewayRequest } from '../http/gateway-request';
import { ProfileFeedListener } from './profile-feed-listener';
import { behindWriteBarrier } from './profile-feeds';

/** Every request that may write for a tenant goes behind the profile copies' write barrier (see behindWriteBarrier). */
@Injectable()
export class ProfileWriteBarrier implements NestInterceptor {
  constructor(private readonly listener: ProfileFeedListener) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    return behindWriteBarrier(this.listener.feeds, () => this.listener.syncAll(), request.method, request.auth?.tenantId, () => next.handle());
  }
}
