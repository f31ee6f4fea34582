import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '@citygrid/auth';
import { IdParamDto, type Principal } from '@citygrid/common';
import {
  MarkAllReadDto,
  NoticeDto,
  NoticePageDto,
  NoticeQueryDto,
  NoticesService,
} from '@citygrid/notifications';

/** The signed-in user's own notices; anyone signed in, each sees only their own. */
@ApiTags('notices')
@ApiBearerAuth()
@Controller('api/v1/notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s notices, newest first, with the count of unread ones' })
  @ApiOkResponse({ type: NoticePageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: NoticeQueryDto): Promise<NoticePageDto> {
    return this.notices.list(principal, query);
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark every unread notice of the caller read' })
  @ApiOkResponse({ type: MarkAllReadDto })
  async markAllRead(@CurrentPrincipal() principal: Principal): Promise<MarkAllReadDto> {
    return { marked: await this.notices.markAllRead(principal) };
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Mark one of the caller’s notices read (again is harmless)',
    description: 'Someone else’s notice answers 404 NOTICE_NOT_FOUND, like one that does not exist.',
  })
  @ApiOkResponse({ type: NoticeDto })
  markRead(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto): Promise<NoticeDto> {
    return this.notices.markRead(principal, id);
  }
}
