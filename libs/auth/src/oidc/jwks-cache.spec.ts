import { generateKeyPairSync } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { JwksCache, JwksUnavailableError, parseJwks } from './jwks-cache';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const rsaJwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1' };
const ecJwk = { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1' };

describe('parseJwks', () => {
  it('keeps RSA keys for RS256 and P-256 keys for ES256', () => {
    const keys = parseJwks({ keys: [rsaJwk, ecJwk] });
    expect(keys.map(({ kid, algorithm }) => ({ kid, algorithm }))).toEqual([
      { kid: 'rsa-1', algorithm: 'RS256' },
      { kid: 'ec-1', algorithm: 'ES256' },
    ]);
    expect(keys[0].pem).toContain('BEGIN PUBLIC KEY');
  });

  it('reads only the public part of a key published with its private members', () => {
    const leaked = { ...rsa.privateKey.export({ format: 'jwk' }), kid: 'oops' };
    const [key] = parseJwks({ keys: [leaked] });
    expect(key.pem).toContain('BEGIN PUBLIC KEY');
  });

  it.each([
    ['an encryption key', { ...rsaJwk, use: 'enc' }],
    ['a key for another algorithm', { ...rsaJwk, alg: 'PS256' }],
    ['a key without verify in key_ops', { ...rsaJwk, key_ops: ['encrypt'] }],
    ['a symmetric key', { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }],
    [
      'another curve',
      { ...generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' }) },
    ],
    [
      'an RSA key under 2048 bits',
      { ...generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' }) },
    ],
    ['a broken key', { kty: 'RSA', n: '!!', e: 'AQAB' }],
    ['not an object', 'key'],
  ])('leaves out %s', (_case, jwk) => {
    expect(parseJwks({ keys: [jwk] })).toEqual([]);
  });

  it('refuses a document without keys', () => {
    expect(() => parseJwks({})).toThrow('not a JWKS document');
    expect(() => parseJwks([])).toThrow('not a JWKS document');
  });
});

describe('JwksCache without a reachable provider', () => {
  it('answers JwksUnavailableError, retrying at most every 5 s while nothing is cached', async () => {
    let now = 0;
    let calls = 0;
    const cache = new JwksCache(
      async () => {
        calls += 1;
        throw new Error('down');
      },
      { now: () => now },
      { cooldownMs: 30_000, maxAgeMs: 600_000, timeoutMs: 100 },
    );
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    await expect(cache.keysFor('RS256', 'k')).rejects.toThrow(JwksUnavailableError);
    await expect(cache.keysFor('RS256', 'k')).rejects.toThrow(JwksUnavailableError);
    expect(calls).toBe(1);
    now += 4_999;
    await expect(cache.keysFor('RS256', 'k')).rejects.toThrow(JwksUnavailableError);
    expect(calls).toBe(1);
    now += 1;
    await expect(cache.keysFor('RS256', 'k')).rejects.toThrow(JwksUnavailableError);
    expect(calls).toBe(2);
  });
});
