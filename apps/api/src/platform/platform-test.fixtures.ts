import {
  Body,
  type CanActivate,
  type DynamicModule,
  Controller,
  type ExecutionContext,
  ForbiddenException,
  Get,
  HttpCode,
  Injectable,
  Module,
  NotFoundException,
  Param,
  Post,
  ServiceUnavailableException,
  UseGuards,
} from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { DomainError, ROLES, type Role } from '@app/domain';
import {
  StoreUnavailableError,
  StreamNotFoundError,
  UnreadableEventError,
  WrongExpectedVersionError,
} from '@app/event-store';
import type { CommandMetadata } from '@app/certification';
import { validateEnvironment } from '@app/config';
import { CommandMeta } from './command-meta.decorator';
import { httpError } from './http-error';

/* Test-only: a controller that throws every error kind and validates a nested DTO (excluded from the build). */

class OrganisationDto {
  @IsString()
  @Matches(/^[0-9A-Z]{18}$/)
  uscc!: string;

  @IsString()
  @IsNotEmpty()
  name!: string;
}

class SiteDto {
  @IsString()
  @IsNotEmpty()
  address!: string;

  @IsInt()
  @Min(1)
  employees!: number;
}

class AnnexADto {
  @IsObject()
  @ValidateNested()
  @Type(() => OrganisationDto)
  organisation!: OrganisationDto;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => SiteDto)
  sites!: SiteDto[];
}

export class ApplyTestDto {
  // ValidateNested alone lets a missing object through: IsObject makes it required.
  @IsObject()
  @ValidateNested()
  @Type(() => AnnexADto)
  annexA!: AnnexADto;

  @IsString()
  @IsNotEmpty()
  scope!: string;

  @IsOptional()
  @IsString()
  note?: string;
}

/** Stands in for the auth guard: `X-Test-Actor: <id>:<ROLE>` becomes `request.actor`. */
@Injectable()
class TestActorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, unknown>; actor?: unknown }>();
    const header = request.headers['x-test-actor'];
    if (typeof header === 'string') {
      const [id, role] = header.split(':');
      if (id && (ROLES as readonly string[]).includes(role ?? '')) request.actor = { id, role: role as Role };
    }
    return true;
  }
}

export const THROWN_KINDS = [
  'domain',
  'wrong-version',
  'stream-not-found',
  'store-unavailable',
  'unreadable-event',
  'http-with-code',
  'http-plain-forbidden',
  'http-plain-not-found',
  'http-503-with-body',
  'unexpected',
  'non-error',
] as const;

const throwKind = (kind: string): never => {
  switch (kind) {
    case 'domain':
      throw new DomainError('R-CERT-6', 'a suspended certificate cannot be changed', { certificate: 'C-1' });
    case 'wrong-version':
      throw new WrongExpectedVersionError('application-1', 2, 5);
    case 'stream-not-found':
      throw new StreamNotFoundError('application-404');
    case 'store-unavailable':
      throw new StoreUnavailableError('database is locked at /secret/path');
    case 'unreadable-event':
      throw new UnreadableEventError(
        'certificate-C-1',
        3,
        new SyntaxError('Unexpected token in /secret/path'),
      );
    case 'http-with-code':
      throw httpError(409, 'DUPLICATE_THING', 'already there', { thing: 'x' });
    case 'http-plain-forbidden':
      throw new ForbiddenException();
    case 'http-plain-not-found':
      throw new NotFoundException('no such thing');
    case 'http-503-with-body':
      throw new ServiceUnavailableException({ status: 'error', eventStore: { status: 'down' } });
    case 'unexpected':
      throw new TypeError('cannot read properties of undefined (secret internals)');
    case 'non-error':
      throw 'a thrown string';
    default:
      throw new NotFoundException(`unknown kind ${kind}`);
  }
};

@Controller('test')
@UseGuards(TestActorGuard)
export class PlatformTestController {
  @Get('throw/:kind')
  throw(@Param('kind') kind: string): never {
    return throwKind(kind);
  }

  @Post('throw/:kind')
  throwAfterBody(@Param('kind') kind: string, @Body() _body: Record<string, unknown>): never {
    return throwKind(kind);
  }

  @Post('validate')
  @HttpCode(200)
  validate(@Body() body: ApplyTestDto): { received: ApplyTestDto; isInstance: boolean } {
    return { received: body, isInstance: body instanceof ApplyTestDto };
  }

  @Post('command')
  @HttpCode(201)
  command(@CommandMeta() meta: CommandMetadata): { id: string; revision: number; meta: CommandMetadata } {
    return { id: 'thing-1', revision: (meta.expectedRevision ?? -1) + 1, meta };
  }

  @Get('no-revision')
  noRevision(): { items: string[] } {
    return { items: ['a'] };
  }
}

@Module({})
class PlatformTestModule {}

/**
 * Built on call, not at import: ConfigModule.forRoot reads the environment when called, and the tests set
 * LOG_LEVEL / HTTP_BODY_LIMIT first.
 */
export const platformTestModule = (): DynamicModule => ({
  module: PlatformTestModule,
  imports: [ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true })],
  controllers: [PlatformTestController],
});
