import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '../access/request-context';
import { AnyAuthenticated, Public } from '../access/route-access';
import { AuthService } from '../tokens/auth.service';
import { AccessTokenDto, AuthErrorDto, CurrentUserDto, LoginRequest } from './auth.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Exchange a username and password for a short-lived access token' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiBadRequestResponse({ type: AuthErrorDto, description: 'VALIDATION_FAILED' })
  @ApiUnauthorizedResponse({
    type: AuthErrorDto,
    description: 'UNAUTHENTICATED: invalid username or password',
  })
  login(@Body() body: LoginRequest): Promise<AccessTokenDto> {
    return this.auth.login(body.username, body.password);
  }

  @Get('me')
  @AnyAuthenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The authenticated user, with the roles currently held' })
  @ApiOkResponse({ type: CurrentUserDto })
  @ApiUnauthorizedResponse({ type: AuthErrorDto, description: 'UNAUTHENTICATED' })
  me(@CurrentUser() user: AuthenticatedUser): CurrentUserDto {
    return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles };
  }
}
