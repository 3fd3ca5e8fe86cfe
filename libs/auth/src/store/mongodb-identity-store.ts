import { MongoClient, MongoServerError } from 'mongodb';
import type { Collection, Db, MongoClientOptions } from 'mongodb';
import type {
  IdentityStore,
  LoginOutcome,
  RefreshTokenRecord,
  RefreshTokenRecords,
  RevokedAccessTokenRecords,
  SettingRecords,
  SubjectRecord,
  SubjectRecords,
  UserChanges,
  UserRecord,
  UserRecords,
} from './identity-store.port';

export interface MongoIdentityStoreOptions {
  /** e.g. `mongodb://mongodb:27017/?replicaSet=rs0`. */
  uri: string;
  database: string;
  /** Extra driver options (timeouts, pool size). */
  clientOptions?: MongoClientOptions;
}

type UserDocument = Omit<UserRecord, 'id'> & { _id: string };
type RefreshTokenDocument = Omit<RefreshTokenRecord, 'tokenHash'> & { _id: string };
type SubjectDocument = Omit<SubjectRecord, 'id'> & { _id: string };
interface RevokedAccessTokenDocument {
  _id: string;
  expiresAt: number;
}
interface SettingDocument {
  _id: string;
  value: string;
}

const DUPLICATE_KEY = 11000;

const isDuplicateKey = (error: unknown): boolean =>
  error instanceof MongoServerError && error.code === DUPLICATE_KEY;

const userOf = ({ _id, ...rest }: UserDocument): UserRecord => ({ id: _id, ...rest });
const subjectOf = ({ _id, ...rest }: SubjectDocument): SubjectRecord => ({ id: _id, ...rest });

class MongoUserRecords implements UserRecords {
  constructor(private readonly users: Collection<UserDocument>) {}

  async insert({ id, ...rest }: UserRecord): Promise<boolean> {
    try {
      await this.users.insertOne({ _id: id, ...rest });
      return true;
    } catch (error) {
      // The unique index on the (lower-case) username decides, so two concurrent creations cannot both win.
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async byId(id: string): Promise<UserRecord | undefined> {
    const document = await this.users.findOne({ _id: id });
    return document === null ? undefined : userOf(document);
  }

  async byUsername(username: string): Promise<UserRecord | undefined> {
    const document = await this.users.findOne({ username });
    return document === null ? undefined : userOf(document);
  }

  async list(): Promise<UserRecord[]> {
    return (await this.users.find({}).sort({ username: 1 }).toArray()).map(userOf);
  }

  count(): Promise<number> {
    return this.users.countDocuments({});
  }

  async recordLogin(seen: UserRecord, outcome: LoginOutcome): Promise<UserRecord | undefined> {
    const document = await this.users.findOneAndUpdate(
      {
        _id: seen.id,
        failedLogins: seen.failedLogins,
        lockedUntil: seen.lockedUntil,
        passwordHash: seen.passwordHash,
        active: seen.active,
      },
      {
        $set: {
          failedLogins: outcome.failedLogins,
          lockedUntil: outcome.lockedUntil,
          ...(outcome.lastLoginAt === null ? {} : { lastLoginAt: outcome.lastLoginAt }),
        },
      },
      { returnDocument: 'after' },
    );
    return document === null ? undefined : userOf(document);
  }

  async update(
    username: string,
    changes: UserChanges,
    options: { updatedAt: string; bumpTokenVersion: boolean },
  ): Promise<UserRecord | undefined> {
    const document = await this.users.findOneAndUpdate(
      { username },
      {
        $set: { ...changes, updatedAt: options.updatedAt },
        ...(options.bumpTokenVersion ? { $inc: { tokenVersion: 1 } } : {}),
      },
      { returnDocument: 'after' },
    );
    return document === null ? undefined : userOf(document);
  }
}

class MongoRefreshTokenRecords implements RefreshTokenRecords {
  constructor(private readonly tokens: Collection<RefreshTokenDocument>) {}

  async insert({ tokenHash, ...rest }: RefreshTokenRecord): Promise<void> {
    await this.tokens.insertOne({ _id: tokenHash, ...rest });
  }

  async byHash(tokenHash: string): Promise<RefreshTokenRecord | undefined> {
    const document = await this.tokens.findOne({ _id: tokenHash });
    if (document === null) return undefined;
    const { _id, ...rest } = document;
    return { tokenHash: _id, ...rest };
  }

  async markRotated(tokenHash: string, now: number): Promise<boolean> {
    // One document, one atomic update: of concurrent callers, only the first finds it unused.
    const result = await this.tokens.updateOne(
      { _id: tokenHash, rotatedAt: null, revokedAt: null, expiresAt: { $gt: now } },
      { $set: { rotatedAt: now } },
    );
    return result.modifiedCount === 1;
  }

  async revokeFamily(familyId: string, now: number): Promise<number> {
    return (await this.tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } }))
      .modifiedCount;
  }

  async revokeOfUser(userId: string, now: number): Promise<number> {
    return (await this.tokens.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } }))
      .modifiedCount;
  }

  async isFamilyLive(familyId: string, now: number): Promise<boolean> {
    const live = await this.tokens.findOne(
      { familyId, revokedAt: null, rotatedAt: null, expiresAt: { $gt: now } },
      { projection: { _id: 1 } },
    );
    return live !== null;
  }

  async purgeExpired(now: number): Promise<void> {
    await this.tokens.deleteMany({ expiresAt: { $lte: now } });
  }
}

class MongoRevokedAccessTokenRecords implements RevokedAccessTokenRecords {
  constructor(private readonly revoked: Collection<RevokedAccessTokenDocument>) {}

  async revoke(jti: string, expiresAt: number, now: number): Promise<void> {
    await this.revoked.deleteMany({ expiresAt: { $lte: now } });
    if (expiresAt <= now) return;
    await this.revoked.updateOne({ _id: jti }, { $set: { expiresAt } }, { upsert: true });
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.revoked.findOne({ _id: jti }, { projection: { _id: 1 } })) !== null;
  }
}

class MongoSubjectRecords implements SubjectRecords {
  constructor(private readonly subjects: Collection<SubjectDocument>) {}

  async put({ id, ...rest }: SubjectRecord): Promise<void> {
    await this.subjects.replaceOne({ _id: id }, rest, { upsert: true });
  }

  async byId(id: string): Promise<SubjectRecord | undefined> {
    const document = await this.subjects.findOne({ _id: id });
    return document === null ? undefined : subjectOf(document);
  }

  async list(): Promise<SubjectRecord[]> {
    return (await this.subjects.find({}).sort({ _id: 1 }).toArray()).map(subjectOf);
  }
}

class MongoSettingRecords implements SettingRecords {
  constructor(private readonly settings: Collection<SettingDocument>) {}

  async putIfAbsent(key: string, value: string): Promise<string> {
    try {
      await this.settings.updateOne({ _id: key }, { $setOnInsert: { value } }, { upsert: true });
    } catch (error) {
      // Two upserts of a new key at once: one inserts, the other may fail on the `_id` and then reads it.
      if (!isDuplicateKey(error)) throw error;
    }
    const stored = await this.get(key);
    if (stored === undefined) throw new Error(`setting ${key} vanished after it was stored`);
    return stored;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.settings.findOne({ _id: key }))?.value;
  }
}

/**
 * The identity store in MongoDB (`AUTH_STORE=mongodb`), for API replicas on several hosts. Each check-and-set the
 * rules need (a refresh token used once, a login decided on the user as it was read) is a single-document
 * conditional update, so neither sessions nor transactions are needed.
 */
export class MongoIdentityStore implements IdentityStore {
  readonly users: UserRecords;
  readonly refreshTokens: RefreshTokenRecords;
  readonly revokedAccessTokens: RevokedAccessTokenRecords;
  readonly subjects: SubjectRecords;
  readonly settings: SettingRecords;

  private constructor(
    private readonly client: MongoClient,
    db: Db,
  ) {
    this.users = new MongoUserRecords(db.collection('users'));
    this.refreshTokens = new MongoRefreshTokenRecords(db.collection('refresh_tokens'));
    this.revokedAccessTokens = new MongoRevokedAccessTokenRecords(db.collection('revoked_access_tokens'));
    this.subjects = new MongoSubjectRecords(db.collection('oidc_subjects'));
    this.settings = new MongoSettingRecords(db.collection('settings'));
  }

  /** Connects and creates the indexes (idempotent: every process may do it at start-up). */
  static async connect(options: MongoIdentityStoreOptions): Promise<MongoIdentityStore> {
    const client = await MongoClient.connect(options.uri, {
      ignoreUndefined: true,
      ...options.clientOptions,
    });
    try {
      const db = client.db(options.database);
      await db.collection('users').createIndex({ username: 1 }, { name: 'username', unique: true });
      await db.collection('refresh_tokens').createIndexes([
        { key: { familyId: 1 }, name: 'familyId' },
        { key: { userId: 1 }, name: 'userId' },
        { key: { expiresAt: 1 }, name: 'expiresAt' },
      ]);
      await db.collection('revoked_access_tokens').createIndex({ expiresAt: 1 }, { name: 'expiresAt' });
      return new MongoIdentityStore(client, db);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
