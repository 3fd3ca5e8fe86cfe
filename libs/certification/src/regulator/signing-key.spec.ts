import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyIdOf, loadOrCreateSigningKey } from './signing-key';

describe('regulator signing key (Ed25519)', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'regulator-key-'));
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is generated at first start next to the event store, kept private, and reused after a restart', () => {
    const sqlitePath = join(folder, 'data', 'events.sqlite');
    const first = loadOrCreateSigningKey({ sqlitePath });
    const path = join(folder, 'data', 'regulator-signing-key.pem');
    expect(first.source).toBe(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(readdirSync(join(folder, 'data'))).toEqual(['regulator-signing-key.pem']);
    expect(loadOrCreateSigningKey({ sqlitePath }).keyId).toBe(first.keyId);
  });

  it('says, for a shared event store, that replicas on other hosts would sign with keys of their own', () => {
    const warnings: string[] = [];
    const sqlitePath = join(folder, 'data', 'events.sqlite');
    loadOrCreateSigningKey({ sqlitePath, warnShared: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining('set REGULATOR_SIGNING_KEY_FILE to one key for all')]);
    expect(warnings[0]).toContain(join(folder, 'data', 'regulator-signing-key.pem'));
    const keyFile = join(folder, 'data', 'regulator-signing-key.pem');
    loadOrCreateSigningKey({ keyFile, sqlitePath, warnShared: (message) => warnings.push(message) });
    expect(warnings).toHaveLength(1);
  });

  it('is kept in memory for an in-memory event store: a new key each start', () => {
    const one = loadOrCreateSigningKey({ sqlitePath: ':memory:' });
    expect(one.source).toBe('memory');
    expect(loadOrCreateSigningKey({ sqlitePath: ':memory:' }).keyId).not.toBe(one.keyId);
  });

  it('comes from REGULATOR_SIGNING_KEY_FILE when set, and signs verifiably', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = join(folder, 'key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const key = loadOrCreateSigningKey({ keyFile, sqlitePath: join(folder, 'events.sqlite') });
    // keyId = sha256 of the SPKI DER encoding of the public key.
    const der = publicKey.export({ type: 'spki', format: 'der' });
    expect(key.keyId).toBe(createHash('sha256').update(der).digest('hex'));
    expect(keyIdOf(key.publicKeyPem)).toBe(key.keyId);
    expect(key).toMatchObject({ algorithm: 'Ed25519', source: keyFile });
    const signature = Buffer.from(key.sign('manifest'), 'base64');
    expect(verify(null, Buffer.from('manifest'), createPublicKey(key.publicKeyPem), signature)).toBe(true);
    // Nothing generated next to the store when a file is configured.
    expect(readdirSync(folder)).toEqual(['key.pem']);
  });

  it('refuses a missing file or another kind of key, naming the variable', () => {
    expect(() =>
      loadOrCreateSigningKey({ keyFile: join(folder, 'none.pem'), sqlitePath: ':memory:' }),
    ).toThrow(/^REGULATOR_SIGNING_KEY_FILE=".*none\.pem": ENOENT/);
    const rsa = join(folder, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(rsa, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadOrCreateSigningKey({ keyFile: rsa, sqlitePath: ':memory:' })).toThrow(
      'REGULATOR_SIGNING_KEY_FILE=' + JSON.stringify(rsa) + ': not an Ed25519 private key (found rsa)',
    );
  });
});
