import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import type { GatewayRequest } from '../http/gateway-request';
import { IS_PUBLIC } from './auth.decorators';
import { verifyBearer } from './token-verifier';

/** First guard: verifies the bearer token and puts who is calling on the request (401 otherwise). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    request.auth = verifyBearer(request.headers.authorization, this.config.jwt);
    return true;
  }
}
