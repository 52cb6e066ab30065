import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@app/contracts';
import { actorOf, type AuthContext } from '../auth/token-claims';
import type { GatewayRequest } from '../http/gateway-request';

/** What every RPC carries about the HTTP request it serves. */
export interface CallContext {
  tenantId: string;
  actor: Actor;
  requestId: string;
  auth: AuthContext;
}

/** The verified caller of this request (only on routes that need a token). */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallContext => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  const auth = request.auth!;
  return { tenantId: auth.tenantId, actor: actorOf(auth), requestId: request.id, auth };
});
