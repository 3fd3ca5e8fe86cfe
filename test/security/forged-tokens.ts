/**
 * Bad bearer tokens made from a real one, each differing from it in exactly one way, so a 401 can only be due to
 * that difference. Needs the signing key: the tests set AUTH_JWT_SECRET (local identity, HS256).
 */
import { createHmac, randomBytes } from 'node:crypto';

const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const decode = (segment: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
const hs256 = (signingInput: string, secret: string): string =>
  createHmac('sha256', secret).update(signingInput).digest('base64url');

export interface Forgeries {
  /** The real token re-signed byte for byte: must equal it (proves the tests hold the right key). */
  control: string;
  /** Well signed, but its `exp` is an hour ago. */
  expired: string;
  /** The same header and claims, signed with another key. */
  otherKey: string;
  /** Claims changed after signing (another user, every role), the original signature kept. */
  tampered: string;
  /** `alg: none`, no signature. */
  algNone: string;
  /** Well signed by our key, but issued by someone else. */
  otherIssuer: string;
  /** Not a JWT at all. */
  garbage: string;
}

export const forge = (
  token: string,
  secret: string,
  impersonate: { sub: string; roles: string[] },
): Forgeries => {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) throw new Error('not a JWS compact token');
  const alg = decode(header).alg;
  if (alg !== 'HS256') throw new Error(`forgeries assume local HS256 tokens, got ${String(alg)}`);
  const claims = decode(payload);
  const now = Math.floor(Date.now() / 1000);
  const signed = (claimsPart: string, key = secret, headerPart = header) =>
    `${headerPart}.${claimsPart}.${hs256(`${headerPart}.${claimsPart}`, key)}`;
  return {
    control: signed(payload),
    expired: signed(encode({ ...claims, iat: now - 7200, exp: now - 3600 })),
    otherKey: signed(payload, randomBytes(32).toString('base64url')),
    tampered: `${header}.${encode({ ...claims, ...impersonate })}.${signature}`,
    algNone: `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    otherIssuer: signed(encode({ ...claims, iss: 'https://attacker.example' })),
    garbage: 'not-a-token',
  };
};
