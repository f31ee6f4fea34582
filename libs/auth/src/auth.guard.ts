import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@citygrid/common';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { AuthErrorCode, AuthException } from './auth.exception';
import { AuthService } from './auth.service';
import { bearerTokenOf, requireAnyRole } from './console-access';

/**
 * The api's one global guard: every route needs a valid access token unless marked @Public(), and the roles
 * of @Roles() when given. Scope (which areas, which department) is narrowed by each service's queries.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { [PRINCIPAL]?: unknown }>();
    const token = bearerTokenOf(request.headers.authorization);
    if (!token) {
      throw new AuthException(
        AuthErrorCode.TOKEN_MISSING,
        'Sign in first: send Authorization: Bearer <access token>',
      );
    }
    const principal = await this.auth.principalOf(token);
    request[PRINCIPAL] = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles) requireAnyRole(principal, roles);
    return true;
  }
}
