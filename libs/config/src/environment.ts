import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min, validateSync } from 'class-validator';

/** Every environment variable the apps read, with its default. Validated once at start-up. */
export class Environment {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  /** `esdb` is added with the EventStoreDB adapter. */
  @IsIn(['sqlite'])
  EVENT_STORE = 'sqlite' as const;

  @IsString()
  @IsNotEmpty()
  SQLITE_PATH: string = 'data/events.sqlite';

  @IsIn(['FULL', 'NORMAL'])
  SQLITE_SYNCHRONOUS: 'FULL' | 'NORMAL' = 'FULL';
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
