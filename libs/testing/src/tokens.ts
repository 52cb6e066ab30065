import jwt from 'jsonwebtoken';
import type { Role } from '@app/contracts';
import { TEST_JWT_SECRET } from './apps';

export interface TokenClaims {
  tenant: string;
  role: Role;
  sub?: string;
  cid?: string;
  expiresIn?: number;
  secret?: string;
}

export function signToken(claims: TokenClaims): string {
  const payload: Record<string, unknown> = { sub: claims.sub ?? `user-${claims.role}`, tid: claims.tenant, role: claims.role };
  if (claims.cid) payload.cid = claims.cid;
  return jwt.sign(payload, claims.secret ?? TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: claims.expiresIn ?? 3600 });
}
