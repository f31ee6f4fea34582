import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, queryBoolean } from '@citygrid/common';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import type { NoticeEntity } from '../notice.entity';

/** A page's last notice, `<createdAt ISO>_<id>`: the list is ordered by both. */
export const NOTICE_CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const noticeCursorOf = (notice: NoticeEntity): string =>
  `${notice.createdAt.toISOString()}_${notice.id}`;

export class NoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Matches(NOTICE_CURSOR, { message: 'cursor must be the nextCursor of the previous page, unchanged' })
  declare cursor?: string;

  @ApiPropertyOptional({ description: 'only the notices not read yet' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'unread must be true or false' })
  unread?: boolean;
}

export class NoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    example: 'sla.overdue',
    description: 'what the notice is about, e.g. sla.warning, case.supervised',
  })
  kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caseId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'when the user marked it read; null while unread',
  })
  readAt: string | null;
}

export class NoticePageDto {
  @ApiProperty({ type: [NoticeDto] }) items: NoticeDto[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'pass as cursor for the next page; null on the last',
  })
  nextCursor: string | null;
  @ApiProperty({ description: 'the caller’s unread notices, all of them (not only this page)' })
  unreadCount: number;
}

export class MarkAllReadDto {
  @ApiProperty({ description: 'how many notices were unread and are now read' })
  marked: number;
}

export const toNoticeDto = (entity: NoticeEntity): NoticeDto => ({
  id: entity.id,
  kind: entity.kind,
  title: entity.title,
  body: entity.body,
  caseId: entity.caseId,
  createdAt: entity.createdAt.toISOString(),
  readAt: entity.readAt?.toISOString() ?? null,
});
