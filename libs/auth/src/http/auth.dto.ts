import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@app/domain';
import { MAX_PASSWORD_LENGTH } from '../users/user-rules';

export class LoginRequest {
  @ApiProperty({ example: 'alice', maxLength: 256 })
  @IsString()
  @IsNotEmpty()
  // Loose on purpose: a malformed name is just a failed login, without telling which rule it broke.
  @MaxLength(256)
  username!: string;

  @ApiProperty({ format: 'password', maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password!: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'JWT (HS256); send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires', example: 900 })
  expiresIn!: number;
}

export class CurrentUserDto {
  @ApiProperty({ format: 'uuid' })
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
