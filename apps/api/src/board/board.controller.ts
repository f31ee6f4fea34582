import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '@citygrid/auth';
import { BoardService, type BoardSnapshot } from '@citygrid/board';
import type { Principal } from '@citygrid/common';

/** The live board's first load; the socket keeps it current afterwards (docs/board.md). */
@ApiTags('board')
@ApiBearerAuth()
@Controller('api/v1/board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get('snapshot')
  @ApiOperation({
    summary: 'Open cases in the caller’s scope with their lights, counts by status, light and street',
    description:
      'Answers `seq`, the change cursor the snapshot is at: send it as `board.sync {sinceVersion}` after a reconnect.',
  })
  snapshot(@CurrentPrincipal() principal: Principal): Promise<BoardSnapshot> {
    return this.board.snapshot(principal);
  }
}
