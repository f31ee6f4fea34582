import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from '@citygrid/common';

export const PUBLIC_KEY = 'citygrid:public';
export const ROLES_KEY = 'citygrid:roles';

/** Open without signing in (sign-in itself, health, metrics). Everything else needs a valid access token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only users holding one of these roles; the handler still narrows by scope in its queries. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const PRINCIPAL = Symbol('principal');

/** The signed-in caller, as the guard loaded it. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    (context.switchToHttp().getRequest() as { [PRINCIPAL]: Principal })[PRINCIPAL],
);
