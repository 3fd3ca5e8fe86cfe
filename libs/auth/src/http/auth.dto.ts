import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@app/domain';
import { REFRESH_TOKEN_PATTERN } from '../tokens/refresh-tokens';
import { MAX_PASSWORD_LENGTH } from '../users/user-rules';

export class LoginRequest {
  @ApiProperty({ example: 'alice', pattern: '^[A-Za-z0-9._-]{3,64}$' })
  @IsString()
  // The public shape of every username (any case): a name that cannot exist is refused with 400 before any
  // password is hashed, which tells nothing about which accounts exist.
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, {
    message: 'username must be 3 to 64 characters among A-Z a-z 0-9 . _ -',
  })
  username!: string;

  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class RefreshRequest {
  @ApiProperty({
    description: 'The refresh token of the last login or refresh (each one works once)',
    pattern: '^[A-Za-z0-9_-]{43}$',
  })
  @IsString()
  @Matches(REFRESH_TOKEN_PATTERN, { message: 'refreshToken must be a refresh token as issued by login' })
  refreshToken!: string;
}

export class LogoutRequest {
  @ApiProperty({
    required: false,
    description:
      'Optional: a refresh token of the same user whose session is to end too (the bearer token’s session ends ' +
      'anyway). Any other field is refused.',
  })
  // Absent, or a refresh token as issued (43 base64url characters): null or anything else is refused.
  @ValidateIf((body: LogoutRequest) => body.refreshToken !== undefined)
  @IsString()
  @Matches(REFRESH_TOKEN_PATTERN, { message: 'refreshToken must be a refresh token as issued by login' })
  refreshToken?: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'JWT (HS256); send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn!: number;

  @ApiProperty({
    description:
      'Opaque; POST it to /api/v1/auth/refresh for a new pair. Each one works once: a used one presented again ' +
      'ends the session.',
  })
  refreshToken!: string;

  @ApiProperty({ description: 'Seconds until the session ends (fixed at login)', example: 28800 })
  refreshExpiresIn!: number;
}

export class CurrentUserDto {
  @ApiProperty({
    description:
      'The actor id recorded in events: a uuid for local users, the provider’s `sub` with AUTH_MODE=oidc',
  })
  id!: string;

  @ApiProperty({ example: 'alice' })
  username!: string;

  @ApiProperty({ example: 'Alice Zhang' })
  displayName!: string;

  @ApiProperty({ enum: ROLES.filter((role) => role !== 'SYSTEM'), isArray: true })
  roles!: Role[];
}

/** The API's error body, for the documentation of the 401/403 answers. */
export class AuthErrorDto {
  @ApiProperty({ example: 401 })
  statusCode!: number;

  @ApiProperty({ example: 'UNAUTHENTICATED' })
  code!: string;

  @ApiProperty({ example: 'invalid username or password' })
  message!: string;

  @ApiProperty({ required: false, type: Object, additionalProperties: true })
  details?: Record<string, unknown>;
}
