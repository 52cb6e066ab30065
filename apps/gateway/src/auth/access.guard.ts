import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@app/contracts';
import type { GatewayRequest } from '../http/gateway-request';
import { checkAccess } from './access-rules';
import { IS_PUBLIC, PORTAL_ACCESS, REQUIRED_ROLES } from './auth.decorators';

/** Last guard: role and portal rules of the route (403, or 404 for another customer's id). */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const refusal = checkAccess(
      request.auth!,
      request.method,
      {
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
        portal: this.reflector.getAllAndOverride<boolean | undefined>(PORTAL_ACCESS, targets) ?? false,
      },
      (request.params ?? {}) as Record<string, string>,
    );
    if (refusal) throw refusal;
    return true;
  }
}
