import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DomainError } from '@app/contracts';
import { actorOf, parseClaims } from './token-claims';
import { verifyBearer } from './token-verifier';

const SECRET = 'unit-secret';
const keys = { kind: 'secret' as const, secret: SECRET };
const sign = (claims: object, options: jwt.SignOptions = {}, secret = SECRET) =>
  `Bearer ${jwt.sign(claims, secret, { algorithm: 'HS256', expiresIn: 60, ...options })}`;

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('verifyBearer', () => {
  it('gives the tenant, user and role of a valid staff token', () => {
    const auth = verifyBearer(sign({ sub: 'u1', tid: 'acme', role: 'admin' }), keys);
    expect(auth).toEqual({ tenantId: 'acme', subject: 'u1', role: 'admin', customerId: null });
    expect(actorOf(auth)).toEqual({ type: 'user', id: 'u1', role: 'admin' });
  });

  it('makes a portal token act as its customer', () => {
    const cid = 'A1B2C3D4-0000-4000-8000-000000000001';
    const auth = verifyBearer(sign({ sub: 'p1', tid: 'acme', cid }), keys);
    expect(auth.customerId).toBe(cid.toLowerCase());
    expect(actorOf(auth)).toEqual({ type: 'customer', id: cid.toLowerCase() });
  });

  it.each([
    ['no header', undefined, /header is required/],
    ['not bearer', 'Basic abc', /must be "Bearer <JWT>"/],
    ['expired', sign({ sub: 'u1', tid: 'acme', role: 'admin' }, { expiresIn: -60 }), /expired/],
    ['wrong secret', sign({ sub: 'u1', tid: 'acme', role: 'admin' }, {}, 'other'), /invalid or badly signed/],
    ['bad tenant', sign({ sub: 'u1', tid: 'acme corp', role: 'admin' }), /tid claim/],
    ['long tenant', sign({ sub: 'u1', tid: 'a'.repeat(65), role: 'admin' }), /tid claim/],
    ['unknown role', sign({ sub: 'u1', tid: 'acme', role: 'root' }), /role claim/],
    ['staff token without role', sign({ sub: 'u1', tid: 'acme' }), /role claim/],
    ['cid not a uuid', sign({ sub: 'u1', tid: 'acme', cid: '42' }), /cid claim/],
    ['no sub', sign({ tid: 'acme', role: 'admin' }), /sub claim/],
  ])('refuses %s with 401', (_name, header, message) => {
    const error = refusal(() => verifyBearer(header, keys));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.status).toBe(401);
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(message);
  });

  it('refuses a token without exp', () => {
    const header = `Bearer ${jwt.sign({ sub: 'u1', tid: 'acme', role: 'admin' }, SECRET)}`;
    expect(refusal(() => verifyBearer(header, keys)).message).toMatch(/no exp/);
  });

  it('refuses alg none and algorithm confusion', () => {
    const none = `Bearer ${jwt.sign({ sub: 'u1', tid: 'acme', role: 'admin', exp: 9e9 }, '', { algorithm: 'none' })}`;
    expect(refusal(() => verifyBearer(none, keys)).status).toBe(401);
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    // An HS256 token "signed" with the public key must not pass when the gateway holds a public key.
    const confused = sign({ sub: 'u1', tid: 'acme', role: 'admin' }, {}, pem);
    expect(refusal(() => verifyBearer(confused, { kind: 'publicKey', publicKey: pem })).status).toBe(401);
    const es256 = `Bearer ${jwt.sign({ sub: 'u1', tid: 'acme', role: 'owner' }, privateKey, { algorithm: 'ES256', expiresIn: 60 })}`;
    expect(verifyBearer(es256, { kind: 'publicKey', publicKey: pem }).role).toBe('owner');
  });
});

describe('parseClaims', () => {
  it('accepts a portal token with a role too', () => {
    const result = parseClaims({ sub: 'p', tid: 't', cid: '00000000-0000-4000-8000-000000000000', role: 'viewer', exp: 1 });
    expect(result).toEqual({ ok: true, auth: { tenantId: 't', subject: 'p', role: 'viewer', customerId: '00000000-0000-4000-8000-000000000000' } });
  });
});
