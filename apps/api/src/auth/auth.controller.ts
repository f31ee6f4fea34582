import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuthService,
  CurrentPrincipal,
  LoginDto,
  PrincipalDto,
  Public,
  RefreshDto,
  toPrincipalDto,
  TokensDto,
} from '@citygrid/auth';
import type { Principal } from '@citygrid/common';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in: an access token (JWT) and a single-use refresh token' })
  @ApiOkResponse({ type: TokensDto })
  login(@Body() body: LoginDto, @Headers('user-agent') userAgent?: string): Promise<TokensDto> {
    return this.auth.login(body.username, body.password, userAgent ?? null);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'New tokens for a refresh token, which is used up; reusing one ends the session' })
  @ApiOkResponse({ type: TokensDto })
  refresh(@Body() body: RefreshDto): Promise<TokensDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in, with roles and scope' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@CurrentPrincipal() principal: Principal): PrincipalDto {
    return toPrincipalDto(principal);
  }
}
