import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthService, consoleAccessHook } from '@citygrid/auth';
import { Role } from '@citygrid/common';
import { ALL_QUEUES } from '@citygrid/queue';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

/** Where the queue dashboard lives; its console cookie is sent to this path only. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues over every queue of ALL_QUEUES, for admins only: every request under the path (the
 * page, its assets and its /api) passes consoleAccessHook first. Admins see counts and jobs, failed ones with
 * their reason and stack trace, and can retry them. The page needs nothing the api's CSP forbids: its scripts
 * and styles are same-origin files (inline styles are allowed), and the Google Fonts stylesheet it links is
 * blocked, so it falls back to the system fonts.
 */
export async function registerQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const board = new BullBoardFastifyAdapter();
  createBullBoard({
    queues: ALL_QUEUES.map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
    ),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'CityGrid queues' } },
  });
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  const onRequest = consoleAccessHook(app.get(AuthService), [Role.Admin]);
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', onRequest);
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
