import type { ComponentType } from 'react';
import type { Role } from '../api/api-types';
import type { MessageKey } from '../i18n/messages';
import { BoardPage } from '../board/board.page';
import { InboxPage } from '../inbox/inbox.page';
import { ReportPage } from '../report/report.page';
import { TasksPage } from '../tasks/tasks.page';
import { LazyReportsPage } from '../reports/lazy-reports.page';
import { AdminPage } from '../admin/admin.page';

/** The pages and who may open them; a new page is one component here. The roles mirror docs/access.md. */
export interface PageRoute {
  path: string;
  title: MessageKey;
  roles: readonly Role[];
  component: ComponentType;
}

const BOARD_ROLES: Role[] = ['grid_manager', 'acceptor', 'shift_leader', 'dispatcher', 'supervisor', 'admin'];

export const ROUTES: readonly PageRoute[] = [
  { path: '/board', title: 'nav.board', roles: BOARD_ROLES, component: BoardPage },
  {
    path: '/report',
    title: 'nav.report',
    roles: ['inspector'],
    component: ReportPage,
  },
  { path: '/tasks', title: 'nav.tasks', roles: ['inspector'], component: TasksPage },
  {
    path: '/inbox',
    title: 'nav.inbox',
    roles: ['handler', 'dept_manager'],
    component: InboxPage,
  },
  {
    path: '/reports',
    title: 'nav.reports',
    roles: ['supervisor', 'shift_leader', 'admin'],
    component: LazyReportsPage,
  },
  { path: '/admin', title: 'nav.admin', roles: ['admin'], component: AdminPage },
];

/** Where each role starts (issue 9): the first of the user's roles in this order decides. */
const HOMES: ReadonlyArray<[Role, string]> = [
  ['dispatcher', '/board'],
  ['shift_leader', '/board'],
  ['acceptor', '/board'],
  ['grid_manager', '/board'],
  ['handler', '/inbox'],
  ['dept_manager', '/inbox'],
  ['supervisor', '/reports'],
  ['inspector', '/report'],
  ['admin', '/admin'],
];

export const routesFor = (roles: readonly Role[]): PageRoute[] =>
  ROUTES.filter((route) => route.roles.some((role) => roles.includes(role)));

export const homeOf = (roles: readonly Role[]): string =>
  HOMES.find(([role]) => roles.includes(role))?.[1] ?? '/board';

export const findRoute = (path: string): PageRoute | undefined => ROUTES.find((route) => route.path === path);
