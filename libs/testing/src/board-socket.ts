import type { BoardEventMap, BoardEventName, BoardEventPayload } from '@citygrid/realtime';
import { io, type Socket } from 'socket.io-client';

export type BoardSocket = Socket<BoardEventMap>;

/** A socket.io client connected to `baseUrl` with an access token; resolves once connected. */
export async function connectBoardSocket(
  baseUrl: string,
  token: string | null,
  timeoutMs = 5000,
): Promise<BoardSocket> {
  const socket: BoardSocket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: token ? { token } : {},
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket.io did not connect to ${baseUrl}`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return socket;
}

/** The next `event` on `socket` that satisfies `match`, or a rejection after `timeoutMs`. */
export function nextEvent<E extends BoardEventName>(
  socket: BoardSocket,
  event: E,
  match: (payload: BoardEventPayload<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<BoardEventPayload<E>> {
  return new Promise((resolve, reject) => {
    const listener = (payload: BoardEventPayload<E>) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`No ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on(event, listener as never);
  });
}
