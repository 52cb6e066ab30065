import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../auth/token-claims';

/** A Fastify request after the auth guard: `auth` is set on every non-public route. */
export type GatewayRequest = FastifyRequest & { auth?: AuthContext };
