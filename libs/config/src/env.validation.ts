import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
  Min,
  ValidateIf,
  validateSync,
  type ValidationError,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

export enum PhotoStorageKind {
  Local = 'local',
  S3 = 's3',
}

/** Only for development and tests; production must set its own (checked below). */
export const DEV_JWT_SECRET = 'citygrid-development-secret-do-not-use-in-production';

@ValidatorConstraint({ name: 'productionSecret' })
class ProductionSecret implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && value.length >= 32 && value !== DEV_JWT_SECRET;
  }

  defaultMessage({ value }: ValidationArguments): string {
    if (typeof value !== 'string') return 'must be set in production (at least 32 characters)';
    if (value === DEV_JWT_SECRET) return 'must not be the development default in production';
    return 'must be at least 32 characters in production';
  }
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** A whole number in a range, given as a string in the environment. */
function IntBetween(min: number, max: number): PropertyDecorator {
  const message = `must be a whole number from ${min} to ${max}`;
  const decorators = [Transform(toInt), Max(max, { message }), Min(min, { message }), IsInt({ message })];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key as string));
}

/**
 * Every environment variable CityGrid reads, with its default (DESIGN.md §10).
 * The README's configuration table lists the same names; env.validation.spec.ts keeps them in step.
 */
export class AppConfig {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/citygrid';

  @IntBetween(2, 200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Namespaces every Redis key (BullMQ queues, the socket.io stream), so several deployments can share a Redis. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or -' })
  REDIS_KEY_PREFIX = 'citygrid';

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  @IntBetween(0, 65535)
  PORT = 3000;

  @ValidateIf((env: AppConfig) => env.NODE_ENV === NodeEnv.Production)
  @Validate(ProductionSecret)
  JWT_SECRET?: string;

  /** The city's time zone: deadlines, case numbers and working days are computed in it. */
  @Matches(/^[A-Za-z_]+\/[A-Za-z_]+$/, { message: 'must be an IANA time zone such as Asia/Shanghai' })
  TZ_CITY = 'Asia/Shanghai';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Jobs each worker runs at once per queue (reference/perf.md: 20-50 keeps routing ahead of intake). */
  @IntBetween(1, 500)
  WORKER_CONCURRENCY = 20;

  /** Lifetime of an access token; a refresh token gets the next one. */
  @IntBetween(1, 1440)
  AUTH_ACCESS_TOKEN_MINUTES = 15;

  @IntBetween(1, 365)
  AUTH_REFRESH_TOKEN_DAYS = 14;

  /** Consecutive wrong passwords before an account is locked for AUTH_LOCKOUT_MINUTES. */
  @IntBetween(1, 100)
  AUTH_MAX_FAILED_LOGINS = 5;

  @IntBetween(1, 1440)
  AUTH_LOCKOUT_MINUTES = 15;

  /** An inspector's reported position counts as live for this long. */
  @IntBetween(1, 1440)
  POSITION_FRESH_MINUTES = 10;

  /** How long a worker holds a job before another may take it over as stalled (its process died). */
  @IntBetween(1000, 600_000)
  WORKER_LOCK_MS = 30_000;

  /**
   * While the api writes over 10,000 socket packets a second, a socket written less than this many milliseconds
   * ago has its next events held up to that long, to leave in one TCP write instead of one per event
   * (docs/board.md); others are written at once. 0: all at once.
   */
  @IntBetween(0, 1000)
  BOARD_WRITE_WINDOW_MS = 50;

  /** The outbox relay's fallback poll; it normally wakes at once on PostgreSQL's NOTIFY. */
  @IntBetween(50, 60_000)
  OUTBOX_POLL_MS = 1000;

  /**
   * The escalation ladder after a step's deadline: `percent:action` rungs, comma-separated. Actions:
   * `supervise` (automatic 督办 by the dispatch center) and `notify` (the superiors again).
   */
  @Matches(/^$|^\d{3,4}:(supervise|notify)(,\d{3,4}:(supervise|notify))*$/, {
    message: 'must be percent:action rungs such as 150:supervise,200:notify',
  })
  SLA_ESCALATION = '150:supervise';

  /** How often the deadline sweep looks for lost or late timers, once per cluster. */
  @IntBetween(5, 3600)
  SLA_SWEEP_SECONDS = 60;

  /** How often the stats job brings the evaluation snapshots up to date (today's, and any day not final yet). */
  @IntBetween(10, 86400)
  STATS_EVERY_SECONDS = 600;

  /** The evaluation scheme answers use unless asked for another: its newest version (docs/evaluation.md). */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, {
    message: 'must be a scheme key: lower-case letters, digits, _ or -',
  })
  EVALUATION_SCHEME = 'cjt292';

  /** Where the webhook notice channel posts each notice; unset, the channel is off. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  NOTICE_WEBHOOK_URL?: string;

  /** Signs each webhook body (HMAC-SHA256, header X-CityGrid-Signature). */
  @ValidateIf((env: AppConfig) => env.NOTICE_WEBHOOK_URL !== undefined)
  @IsString({ message: 'must be set when NOTICE_WEBHOOK_URL is' })
  @IsNotEmpty({ message: 'must be set when NOTICE_WEBHOOK_URL is' })
  NOTICE_WEBHOOK_SECRET?: string;

  @IsEnum(PhotoStorageKind)
  PHOTO_STORAGE: PhotoStorageKind = PhotoStorageKind.Local;

  @IsString()
  @IsNotEmpty()
  PHOTO_DIR = './data/photos';

  @ValidateIf((env: AppConfig) => env.PHOTO_STORAGE === PhotoStorageKind.S3)
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL when PHOTO_STORAGE=s3' })
  S3_ENDPOINT?: string;

  @ValidateIf((env: AppConfig) => env.PHOTO_STORAGE === PhotoStorageKind.S3)
  @IsString({ message: 'must be set when PHOTO_STORAGE=s3' })
  @IsNotEmpty({ message: 'must be set when PHOTO_STORAGE=s3' })
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @ValidateIf((env: AppConfig) => env.PHOTO_STORAGE === PhotoStorageKind.S3)
  @IsString({ message: 'must be set when PHOTO_STORAGE=s3' })
  @IsNotEmpty({ message: 'must be set when PHOTO_STORAGE=s3' })
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((env: AppConfig) => env.PHOTO_STORAGE === PhotoStorageKind.S3)
  @IsString({ message: 'must be set when PHOTO_STORAGE=s3' })
  @IsNotEmpty({ message: 'must be set when PHOTO_STORAGE=s3' })
  S3_SECRET_ACCESS_KEY?: string;

  /** The JWT secret in force: the configured one, or the development default outside production. */
  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }
}

/** The names of every variable above, for the README table and the docker-compose check. */
export const ENV_VARIABLE_NAMES = Object.keys(new AppConfig()).concat(
  'JWT_SECRET',
  'NOTICE_WEBHOOK_URL',
  'NOTICE_WEBHOOK_SECRET',
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
);

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

function describe(errors: ValidationError[], raw: Record<string, unknown>): string[] {
  return errors.map((error) => {
    const given = raw[error.property];
    const got = given === undefined || given === '' ? 'not set' : `got "${String(given)}"`;
    const reasons = Object.values(error.constraints ?? {}).join('; ');
    return `${error.property}: ${reasons} (${got})`;
  });
}

/**
 * Parses and checks the environment. Unset or empty variables take their defaults; anything wrong is
 * reported all at once, one line per variable.
 */
export function validateEnv(raw: Record<string, unknown>): AppConfig {
  const known = new Set(ENV_VARIABLE_NAMES);
  const present = Object.fromEntries(
    Object.entries(raw).filter(([key, value]) => known.has(key) && value !== undefined && value !== ''),
  );
  const env = plainToInstance(AppConfig, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, stopAtFirstError: true });
  if (errors.length > 0) throw new ConfigValidationError(describe(errors, raw));
  return env;
}
