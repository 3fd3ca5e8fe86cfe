import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsJSON,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/** Every environment variable the apps read, with its default. Validated once at start-up. */
export class Environment {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  /** The address the API listens on: every interface, IPv6 and IPv4 (`0.0.0.0` where IPv6 is disabled). */
  @IsString()
  @IsNotEmpty()
  HOST: string = '::';

  /** `sqlite`: the embedded file store (default); `esdb`: EventStoreDB / KurrentDB (production). */
  @IsIn(['sqlite', 'esdb'])
  EVENT_STORE: 'sqlite' | 'esdb' = 'sqlite';

  /** For EVENT_STORE=esdb, e.g. esdb://node1:2113,node2:2113,node3:2113?tls=true */
  @ValidateIf((environment: Environment) => environment.EVENT_STORE === 'esdb')
  @Matches(/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover):\/\//, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// (or esdb+discover://) connection string',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsString()
  @IsNotEmpty()
  SQLITE_PATH: string = 'data/events.sqlite';

  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';

  /** Read-model store: `embedded` (SQLite file, rebuildable from the log) or `mongodb`. */
  @IsIn(['embedded', 'mongodb'])
  READ_STORE: 'embedded' | 'mongodb' = 'embedded';

  @IsString()
  @IsNotEmpty()
  READ_STORE_PATH: string = 'data/read.sqlite';

  /** For READ_STORE=mongodb or AUTH_STORE=mongodb, e.g. mongodb://127.0.0.1:27017/?directConnection=true */
  @IsOptional()
  @IsString()
  MONGODB_URI?: string;

  @IsString()
  @IsNotEmpty()
  MONGODB_DATABASE: string = 'certification_read';

  /**
   * Whether this process runs the projector that keeps the read models. `on` in the embedded system; in a
   * distributed deployment the workers run it (one at a time: LEASE_SECONDS) and the API replicas set `off`.
   */
  @IsIn(['on', 'off'])
  PROJECTOR: 'on' | 'off' = 'on';

  /**
   * The projector and the Kafka relay each run in one process at a time, however many run them: the one holding
   * its lease in the read store, renewed every third of this time. A process standing by takes over this long
   * after the holder died at most (at once after a clean stop, or when the holder was a process of the same host
   * that no longer runs). A lease ends by the read store's clock (MongoDB's server time), so the hosts' own clocks
   * need not agree.
   */
  @Type(() => Number)
  @IsInt()
  @Min(3)
  @Max(3600)
  LEASE_SECONDS: number = 15;

  /**
   * Whether this process runs the timers (domain-rules §5): at start-up, then every TIMER_INTERVAL_SECONDS. `on` in
   * the embedded system; in a distributed deployment the worker runs them and the API replicas set `off`.
   */
  @IsIn(['on', 'off'])
  TIMERS: 'on' | 'off' = 'on';

  /**
   * Where an API process runs the background work switched on above and below (projector, timers, Kafka relay):
   * `thread`, a worker thread of its own beside the thread answering HTTP (the default: both cores serve), or
   * `inline` on the API's one thread. In-memory stores (`:memory:`) belong to one thread: with them, the work stays
   * inline. Separate worker processes (`npm run start:worker`) ignore it.
   */
  @IsIn(['thread', 'inline'])
  BACKGROUND: 'thread' | 'inline' = 'thread';

  /**
   * How many steps of Linux's nice value (0–19) the API's background thread (BACKGROUND=thread) runs below the
   * thread answering requests: above 0, when both want a core the one answering requests gets it first, and the
   * read models catch up once it is idle. 0 gives both the same priority. Elsewhere than Linux the thread keeps the
   * process's priority.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(19)
  BACKGROUND_NICE: number = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  TIMER_INTERVAL_SECONDS: number = 60;

  /**
   * `manual`: the clock stands still at CLOCK_START until an administrator moves it (PUT /api/v1/admin/clock) —
   * for demonstrations and trying out deadlines in one embedded process; never in production.
   */
  @IsIn(['system', 'manual'])
  CLOCK: 'system' | 'manual' = 'system';

  /** ISO instant the manual clock starts at; default: the start-up time. */
  @IsOptional()
  @IsISO8601({ strict: true })
  CLOCK_START?: string;

  /**
   * PKCS#8 PEM file of the Ed25519 key regulator exports are signed with. Unset: generated at first start next to
   * the event store (`<dir of SQLITE_PATH>/regulator-signing-key.pem`; in memory for `:memory:`). Set it when
   * several API replicas run, so they sign with one key.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  REGULATOR_SIGNING_KEY_FILE?: string;

  /**
   * Identity store (users and roles, sessions, the logout denylist): `embedded` (the SQLite file AUTH_DB_PATH, which
   * processes of one host share) or `mongodb` (database AUTH_MONGODB_DATABASE at MONGODB_URI, for API replicas on
   * several hosts).
   */
  @IsIn(['embedded', 'mongodb'])
  AUTH_STORE: 'embedded' | 'mongodb' = 'embedded';

  /** The embedded identity store's file (AUTH_STORE=embedded). */
  @IsString()
  @IsNotEmpty()
  AUTH_DB_PATH: string = 'data/auth.sqlite';

  /** The identity store's database at MONGODB_URI (AUTH_STORE=mongodb); apart from the read models'. */
  @IsString()
  @IsNotEmpty()
  AUTH_MONGODB_DATABASE: string = 'certification_identity';

  /** HMAC key for access tokens. When unset, a random key is generated once and kept in the identity store. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  AUTH_JWT_SECRET?: string;

  @IsString()
  @IsNotEmpty()
  AUTH_JWT_ISSUER: string = 'certification-backend';

  /** Lifetime of an access token, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  AUTH_TOKEN_TTL_SECONDS: number = 900;

  /** `local`: users of the embedded store log in here (default); `oidc`: tokens of an OpenID Connect provider. */
  @IsIn(['local', 'oidc'])
  AUTH_MODE: 'local' | 'oidc' = 'local';

  /** `aud` of the access tokens this API issues (local mode); tokens of another audience are refused. */
  @IsString()
  @IsNotEmpty()
  AUTH_JWT_AUDIENCE: string = 'certification-api';

  /** Lifetime of a login session (refresh tokens): fixed at login, not extended by refreshing. */
  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(2592000)
  AUTH_REFRESH_TTL_SECONDS: number = 28800;

  /** Consecutive failed logins that lock an account. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  AUTH_LOCKOUT_THRESHOLD: number = 5;

  /** How long a locked account stays locked. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  AUTH_LOCKOUT_MINUTES: number = 15;

  /** Failed or pending login attempts allowed per client address and window (429 with Retry-After above). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  AUTH_LOGIN_RATE_LIMIT: number = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  AUTH_LOGIN_RATE_WINDOW_SECONDS: number = 60;

  /** With AUTH_MODE=oidc: the provider's issuer (`iss`), e.g. https://sso.example.cn/realms/cert */
  @ValidateIf((environment: Environment) => environment.AUTH_MODE === 'oidc')
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'AUTH_OIDC_ISSUER must be an http(s) URL (required with AUTH_MODE=oidc)' },
  )
  AUTH_OIDC_ISSUER?: string;

  /** With AUTH_MODE=oidc: the `aud` our tokens must carry (the client id of this API at the provider). */
  @ValidateIf((environment: Environment) => environment.AUTH_MODE === 'oidc')
  @IsString()
  @IsNotEmpty({ message: 'AUTH_OIDC_AUDIENCE is required with AUTH_MODE=oidc' })
  AUTH_OIDC_AUDIENCE?: string;

  /** The provider's JWKS; unset: `jwks_uri` of `<AUTH_OIDC_ISSUER>/.well-known/openid-configuration`. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  AUTH_OIDC_JWKS_URL?: string;

  /** Dotted path of the roles claim, e.g. `realm_access.roles` (Keycloak). */
  @Matches(/^[A-Za-z0-9_:$-]+(\.[A-Za-z0-9_:$-]+)*$/)
  AUTH_OIDC_ROLES_CLAIM: string = 'roles';

  /** JSON object: provider role name → our role (or list of roles). Unset: provider roles named as ours. */
  @IsOptional()
  @IsJSON()
  AUTH_OIDC_ROLE_MAP?: string;

  /** Leeway for `exp`/`nbf` of provider tokens, in seconds. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  AUTH_OIDC_CLOCK_TOLERANCE_SECONDS: number = 30;

  /** Largest request body accepted (413 above), in the `bytes` notation: 512kb, 1mb … */
  @Matches(/^\d+(b|kb|mb)$/i)
  HTTP_BODY_LIMIT: string = '1mb';

  /** Requests per minute one client IP may send to the public registry (429 with Retry-After above). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  REGISTRY_RATE_LIMIT: number = 120;

  /**
   * Browser origins allowed to call the API cross-origin, comma-separated (https://portal.example.cn,…).
   * Unset or empty: no CORS headers at all (same-origin and non-browser clients only).
   */
  @IsOptional()
  @Matches(/^\s*(https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?\s*(,\s*|$))*$/i, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins (scheme://host[:port], no path, no *)',
  })
  CORS_ORIGINS?: string;

  /**
   * Reverse proxies in front of the API whose X-Forwarded-For is trusted for the client IP (rate limits, logs).
   * 0 (default): the socket address, so a client cannot pick its own IP with a header.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY: number = 0;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Kafka bootstrap brokers, comma-separated (host:port,…). Unset: the status-event relay is off. */
  @ValidateIf((environment: Environment) => Boolean(environment.KAFKA_BROKERS))
  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS?: string;

  /**
   * Whether this process runs the status-event relay (when KAFKA_BROKERS is set). `on` in the embedded system; in a
   * distributed deployment only the worker runs it and the API replicas set `off`.
   */
  @IsIn(['on', 'off'])
  KAFKA_RELAY: 'on' | 'off' = 'on';

  /** Topic of the certificate status events; the default equals the contract's STATUS_TOPIC_DEFAULT. */
  @IsString()
  @IsNotEmpty()
  KAFKA_TOPIC_STATUS: string = 'certification.certificate-status.v1';

  @IsString()
  @IsNotEmpty()
  KAFKA_CLIENT_ID: string = 'certification-backend';

  /** Partitions of the status topic when the relay creates it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_TOPIC_PARTITIONS: number = 6;

  /** Replication factor of the status topic when the relay creates it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  KAFKA_TOPIC_REPLICATION: number = 1;

  /** JSON file with the scheme versions; default: the shipped CMM-525-0002 V1.0. */
  @IsOptional()
  @IsString()
  SCHEME_FILE?: string;

  /**
   * JSON file with State Council working-day arrangements (holidays and make-up workdays, 调休) for years the shipped
   * `chinese-days` data does not cover yet, or to correct a year; a year in the file replaces the shipped data for
   * that year. Format: docs/calendar-override.example.json. Unset: the shipped data alone.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  CALENDAR_FILE?: string;
}

export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/** For `ConfigModule.forRoot({ validate })`: a bad value stops start-up with a message naming each variable. */
export const validateEnvironment = (raw: Record<string, unknown>): Environment => {
  const environment = plainToInstance(Environment, raw);
  const errors = validateSync(environment, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new EnvironmentError(`Invalid configuration:\n- ${lines.join('\n- ')}`);
  }
  return environment;
};
