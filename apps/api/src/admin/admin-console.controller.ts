import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, consoleCookie, CurrentPrincipal, Roles } from '@citygrid/auth';
import { Role, type Principal } from '@citygrid/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminConsoleDto } from './admin-console.dto';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AdminConsoleController {
  constructor(private readonly auth: AuthService) {}

  @Post('admin-console')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Open the queue dashboard in this browser: sets a short-lived HttpOnly, SameSite=Strict cookie for /admin/queues',
  })
  @ApiOkResponse({ type: AdminConsoleDto })
  async open(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdminConsoleDto> {
    const { token, expiresIn } = await this.auth.consoleToken(principal);
    const secure = request.protocol === 'https';
    void reply.header(
      'set-cookie',
      consoleCookie(token, { path: QUEUE_DASHBOARD_PATH, maxAge: expiresIn, secure }),
    );
    return {
      url: `${QUEUE_DASHBOARD_PATH}/`,
      expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(),
    };
  }
}
