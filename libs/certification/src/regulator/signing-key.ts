import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type KeyObject,
} from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const SIGNING_ALGORITHM = 'Ed25519';

/** Injection token of the export signing key. */
export const REGULATOR_SIGNING_KEY = Symbol('RegulatorSigningKey');

/** The key regulator exports are signed with; only the public part ever leaves the process. */
export interface RegulatorSigningKey {
  algorithm: typeof SIGNING_ALGORITHM;
  /** sha256 of the public key's SPKI DER encoding, lowercase hex. */
  keyId: string;
  /** SPKI PEM. */
  publicKeyPem: string;
  /** Where the private key lives: a file path, or `memory`. */
  source: string;
  /** Ed25519 signature of the UTF-8 message, base64. */
  sign(message: string): string;
}

/** Id of a public key (or of the public half of a private key): sha256 of its SPKI DER encoding. */
export const keyIdOf = (key: KeyObject | string): string => {
  const publicKey = typeof key !== 'string' && key.type === 'public' ? key : createPublicKey(key);
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
};

/** A new Ed25519 private key, PKCS#8 PEM. */
export const generateSigningKeyPem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export const signingKeyFromPem = (pem: string, source: string): RegulatorSigningKey => {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`not an Ed25519 private key (found ${privateKey.asymmetricKeyType ?? 'unknown'})`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    algorithm: SIGNING_ALGORITHM,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    source,
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
};

export const DEFAULT_SIGNING_KEY_FILE_NAME = 'regulator-signing-key.pem';

export interface SigningKeySettings {
  /** REGULATOR_SIGNING_KEY_FILE: a PKCS#8 PEM Ed25519 private key; must exist when set. */
  keyFile?: string;
  /** SQLITE_PATH: the generated key is kept next to it; `:memory:` keeps it in memory. */
  sqlitePath: string;
  /**
   * Told when the key is generated (or was, at an earlier start) for a shared event store (EVENT_STORE=esdb): each
   * host's API replicas would then sign with a key of their own unless they share the data folder.
   */
  warnShared?: (message: string) => void;
}

/**
 * Writes the PEM only if no key is there yet, atomically (hard link of a complete temporary file), so two processes
 * starting together on a fresh data folder end up with the same key.
 */
const createOnce = (path: string, pem: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, pem, { mode: 0o600 });
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
};

/**
 * The signing key: the configured file; else one generated at first start and kept next to the event store
 * (`<dir of SQLITE_PATH>/regulator-signing-key.pem`), or in memory for `SQLITE_PATH=:memory:` (tests). Several
 * API replicas must share one key: set REGULATOR_SIGNING_KEY_FILE in a distributed deployment.
 */
export const loadOrCreateSigningKey = (settings: SigningKeySettings): RegulatorSigningKey => {
  if (settings.keyFile) {
    try {
      return signingKeyFromPem(readFileSync(settings.keyFile, 'utf8'), settings.keyFile);
    } catch (error) {
      throw new Error(
        `REGULATOR_SIGNING_KEY_FILE=${JSON.stringify(settings.keyFile)}: ${(error as Error).message}`,
      );
    }
  }
  if (settings.sqlitePath === ':memory:') return signingKeyFromPem(generateSigningKeyPem(), 'memory');
  const path = join(dirname(settings.sqlitePath), DEFAULT_SIGNING_KEY_FILE_NAME);
  settings.warnShared?.(
    `Regulator exports are signed with the key generated at ${path}: API replicas on other hosts generate keys of ` +
      'their own, and a regulator checks an export against one; set REGULATOR_SIGNING_KEY_FILE to one key for all',
  );
  if (!existsSync(path)) createOnce(path, generateSigningKeyPem());
  return signingKeyFromPem(readFileSync(path, 'utf8'), path);
};
