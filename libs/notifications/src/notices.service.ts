import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { pageLimit, toPage, type Principal } from '@citygrid/common';
import { enqueueInOutbox, JobName, type OutboxJob } from '@citygrid/queue';
import { BoardPublisher, Rooms, type NoticeCreatedEvent } from '@citygrid/realtime';
import type { EntityManager, Repository } from 'typeorm';
import {
  NOTICE_CURSOR,
  noticeCursorOf,
  toNoticeDto,
  type NoticeDto,
  type NoticePageDto,
  type NoticeQueryDto,
} from './dto/notice.dto';
import { NOTICE_CHANNELS, SOCKET_CHANNEL, type NoticeChannel } from './notice-channel';
import { NoticeEntity, type NoticeKind } from './notice.entity';
import { NotificationsException } from './notifications.exception';

export interface NotifyInput {
  userIds: string[];
  kind: NoticeKind;
  title: string;
  body: string;
  caseId?: string | null;
  /**
   * One notice per user and key, however often `notify` runs with it: give one whenever the caller may run
   * again (a retried job), e.g. `sla:<caseId>:<step>:<threshold>`.
   */
  dedupeKey?: string;
}

/** The socket event of a notice: small, the browser fetches the list for more. */
export const toNoticeCreatedEvent = (notice: NoticeEntity): NoticeCreatedEvent => ({
  id: notice.id,
  kind: notice.kind,
  title: notice.title,
  body: notice.body,
  caseId: notice.caseId,
  at: notice.createdAt.toISOString(),
});

/**
 * In-app notices per user (stored, listed, marked read) and their delivery: to the user's browsers through
 * socket.io room `user:<id>`, and through every configured external channel (docs/notifications.md).
 */
@Injectable()
export class NoticesService {
  private readonly logger = new Logger(NoticesService.name);

  constructor(
    @InjectRepository(NoticeEntity) private readonly notices: Repository<NoticeEntity>,
    private readonly board: BoardPublisher,
    @Inject(NOTICE_CHANNELS) private readonly channels: NoticeChannel[],
  ) {}

  /** The channels each new notice is delivered through: the socket, then every configured external one. */
  get channelNames(): string[] {
    return [SOCKET_CHANNEL, ...this.channels.map((channel) => channel.name)];
  }

  /**
   * Writes one notice per distinct user inside the caller's transaction, and its `notice.deliver` jobs (one
   * per channel) into the outbox: nothing is sent unless the caller commits. A user who already has a notice
   * with the same `dedupeKey` gets nothing new. Uses `manager` only, never another connection of the pool.
   * Returns the ids of the notices written.
   */
  async notify(manager: EntityManager, input: NotifyInput): Promise<string[]> {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notices (user_id, kind, title, body, case_id, dedupe_key)
       SELECT user_id, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS user_id
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [userIds, input.kind, input.title, input.body, input.caseId ?? null, input.dedupeKey ?? null],
    );
    const ids = rows.map((row) => row.id);
    const jobs = ids.flatMap((noticeId) =>
      this.channelNames.map((channel): OutboxJob<JobName.NoticeDeliver> => ({
        name: JobName.NoticeDeliver,
        data: { noticeId, channel },
        jobId: `notice-${noticeId}-${channel}`,
      })),
    );
    await enqueueInOutbox(manager, jobs);
    return ids;
  }

  /** The caller's own notices, newest first, with how many are unread in all. */
  async list(principal: Principal, query: NoticeQueryDto): Promise<NoticePageDto> {
    const limit = pageLimit(query);
    const qb = this.notices
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: principal.id })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    const cursor = query.cursor ? NOTICE_CURSOR.exec(query.cursor) : null;
    if (cursor) {
      qb.andWhere('(n.created_at, n.id) < (:cursorAt, :cursorId)', {
        cursorAt: new Date(cursor[1]!),
        cursorId: cursor[2],
      });
    }
    const [rows, unreadCount] = await Promise.all([qb.getMany(), this.unreadCount(principal)]);
    return { ...toPage(rows, limit, noticeCursorOf, toNoticeDto), unreadCount };
  }

  unreadCount(principal: Principal): Promise<number> {
    return this.notices
      .createQueryBuilder('n')
      .where('n.user_id = :userId AND n.read_at IS NULL', { userId: principal.id })
      .getCount();
  }

  /** Marks one of the caller's notices read; again is harmless and keeps the first time. */
  async markRead(principal: Principal, id: string): Promise<NoticeDto> {
    await this.notices
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('id = :id AND user_id = :userId AND read_at IS NULL', { id, userId: principal.id })
      .execute();
    const notice = await this.notices.findOneBy({ id, userId: principal.id });
    if (!notice) throw NotificationsException.notFound(id);
    return toNoticeDto(notice);
  }

  /** Marks every unread notice of the caller read; returns how many there were. */
  async markAllRead(principal: Principal): Promise<number> {
    const result = await this.notices
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'now()' })
      .where('user_id = :userId AND read_at IS NULL', { userId: principal.id })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Delivers a notice through one channel (the `notice.deliver` job). A channel's failure throws, so the job
   * retries with backoff. A notice that is gone, or a channel no longer configured, is logged and skipped.
   */
  async deliver(noticeId: string, channel: string): Promise<void> {
    const notice = await this.notices
      .createQueryBuilder('n')
      .innerJoin('n.user', 'u')
      .addSelect(['u.id', 'u.username', 'u.displayName', 'u.phone'])
      .where('n.id = :noticeId', { noticeId })
      .getOne();
    if (!notice?.user) {
      this.logger.log(`Notice ${noticeId} no longer exists; nothing to deliver through ${channel}`);
      return;
    }
    if (channel === SOCKET_CHANNEL) {
      this.board.emit(Rooms.user(notice.userId), 'notice.created', toNoticeCreatedEvent(notice));
      return;
    }
    const external = this.channels.find((candidate) => candidate.name === channel);
    if (!external) {
      this.logger.warn(`Notice ${noticeId}: channel ${channel} is not configured here; not delivered`);
      return;
    }
    const { id, username, displayName, phone } = notice.user;
    await external.deliver(notice, { id, username, displayName, phone });
  }
}
