import { SetMetadata } from '@nestjs/common';
import type { Role } from '@app/contracts';

export const IS_PUBLIC = 'gateway:public';
export const REQUIRED_ROLES = 'gateway:roles';
export const PORTAL_ACCESS = 'gateway:portal';

/** No token needed (health, metrics). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these staff roles may call the route (viewers never write anyway). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** A customer-portal token (cid) may call this route for its own customer. */
export const PortalAccess = () => SetMetadata(PORTAL_ACCESS, true);
