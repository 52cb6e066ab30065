#!/usr/bin/env node
/**
 * Prints a signed HS256 dev token for the gateway.
 *
 *   npm run token -- --tenant acme --role admin [--sub u1] [--cid <uuid>] [--ttl 3600]
 *
 * Signs with JWT_SECRET, or 'dev-secret' (the gateway's default outside production).
 */
'use strict';
const jwt = require('jsonwebtoken');

const ROLES = ['owner', 'admin', 'staff', 'viewer'];
const USAGE = 'Usage: npm run token -- --tenant <id> --role <owner|admin|staff|viewer> [--sub <user id>] [--cid <customer uuid>] [--ttl <seconds>]';
const KNOWN = ['tenant', 'role', 'sub', 'cid', 'ttl', 'help'];

function fail(message) {
  process.stderr.write(`token: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) fail(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!KNOWN.includes(name)) fail(`unknown option --${name}`);
    if (name === 'help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined || value.startsWith('--')) fail(`--${name} needs a value`);
    args[name] = value;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
if (!args.tenant) fail('--tenant is required');
if (!/^[A-Za-z0-9_-]{1,64}$/.test(args.tenant)) fail('--tenant must be 1-64 characters of A-Z, a-z, 0-9, _ or -');
if (!args.role) fail('--role is required');
if (!ROLES.includes(args.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
const sub = args.sub ?? `dev-${args.role}`;
if (sub.length < 1 || sub.length > 128) fail('--sub must be 1-128 characters');
if (args.cid !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(args.cid)) fail('--cid must be a customer UUID');
const ttl = args.ttl === undefined ? 3600 : Number(args.ttl);
if (!Number.isInteger(ttl) || ttl < 1 || ttl > 31_536_000) fail('--ttl must be a whole number of seconds from 1 to 31536000');

const payload = { sub, tid: args.tenant, role: args.role };
if (args.cid) payload.cid = args.cid.toLowerCase();
const secret = process.env.JWT_SECRET || 'dev-secret';
process.stdout.write(`${jwt.sign(payload, secret, { algorithm: 'HS256', expiresIn: ttl })}\n`);
