import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError, ErrorCodes } from '@app/contracts';
import { parseClaims, type AuthContext } from './token-claims';

export type JwtVerificationKeys = { kind: 'secret'; secret: string } | { kind: 'publicKey'; publicKey: string };

/**
 * Key objects made once per configuration: given a string, jsonwebtoken first tries to parse it
 * as a public key on every call, which was an eighth of the gateway's CPU under load.
 */
const keyObjects = new WeakMap<JwtVerificationKeys, KeyObject>();
function keyObjectOf(keys: JwtVerificationKeys): KeyObject {
  let key = keyObjects.get(keys);
  if (!key) {
    key = keys.kind === 'secret' ? createSecretKey(Buffer.from(keys.secret, 'utf8')) : createPublicKey(keys.publicKey);
    keyObjects.set(keys, key);
  }
  return key;
}

const unauthorized = (detail: string) => new DomainError(401, ErrorCodes.unauthorized, detail);

/**
 * Verifies an `Authorization: Bearer <JWT>` header value and returns who is calling.
 * HS256 with a shared secret, or RS256/ES256 with a public key (never both, never `none`).
 * Throws a 401 DomainError whose message says what was wrong, without echoing the token.
 */
export function verifyBearer(header: string | undefined, keys: JwtVerificationKeys, now = Date.now()): AuthContext {
  if (!header) throw unauthorized('An Authorization: Bearer <token> header is required');
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <JWT>"');

  let payload: unknown;
  try {
    payload = jwt.verify(match[1], keyObjectOf(keys), {
      algorithms: keys.kind === 'secret' ? ['HS256'] : ['RS256', 'ES256'],
      clockTimestamp: Math.floor(now / 1000),
      clockTolerance: 5,
    });
  } catch (e) {
    if (e instanceof jwt.TokenExpiredError) throw unauthorized('The token has expired');
    if (e instanceof jwt.NotBeforeError) throw unauthorized('The token is not valid yet');
    throw unauthorized('The token is invalid or badly signed');
  }
  const result = parseClaims(payload);
  if (!result.ok) throw unauthorized(`The token is not usable: ${result.reason}`);
  return result.auth;
}
