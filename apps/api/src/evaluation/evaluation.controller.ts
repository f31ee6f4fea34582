import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@citygrid/auth';
import { Role, type Principal } from '@citygrid/common';
import {
  CreateSchemeDto,
  EvaluationQueryDto,
  EvaluationService,
  OutstandingQueryDto,
  outstandingTable,
  rankingTable,
  toCsv,
  toXlsx,
  type EvaluationDetail,
  type EvaluationTable,
  type ExportTable,
  type OutstandingRow,
  type StoredScheme,
} from '@citygrid/evaluation';
import type { FastifyReply } from 'fastify';

const READERS = [Role.Supervisor, Role.Admin, Role.ShiftLeader];

/** Sends a table as CSV or XLSX when asked; otherwise the JSON answer. */
async function answer<T>(
  reply: FastifyReply,
  format: string | undefined,
  json: T,
  table: () => ExportTable,
  file: string,
): Promise<T | string | Buffer> {
  if (format === 'csv') {
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${file}.csv"`);
    return toCsv(table());
  }
  if (format === 'xlsx') {
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    reply.header('content-disposition', `attachment; filename="${file}.xlsx"`);
    return toXlsx(table());
  }
  return json;
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('api/v1/evaluation')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get('schemes')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every version of every evaluation scheme' })
  schemes(): Promise<StoredScheme[]> {
    return this.evaluation.schemes();
  }

  @Post('schemes')
  @Roles(Role.Admin, Role.Supervisor)
  @ApiOperation({ summary: 'Add the next version of a scheme (or a new scheme); versions never change' })
  addScheme(@CurrentPrincipal() principal: Principal, @Body() body: CreateSchemeDto): Promise<StoredScheme> {
    return this.evaluation.addScheme(body.key, body.definition, principal.id);
  }

  @Get('outstanding')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Open cases now by area (or department) and matter, with how many are overdue' })
  async outstanding(
    @Query() query: OutstandingQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutstandingRow[] | string | Buffer> {
    const by = query.by ?? 'street';
    const rows = await this.evaluation.outstanding(by, query.matter);
    return answer(reply, query.format, rows, () => outstandingTable(by, rows), `outstanding-${by}`);
  }

  @Get(':objectType')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Counters, rates, score, grade and rank of every object of a type over a period' })
  async table(
    @Param('objectType') objectType: string,
    @Query() query: EvaluationQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationTable | string | Buffer> {
    const table = await this.evaluation.table(objectType, query);
    const file = `evaluation-${table.objectType}-${table.from}-${table.to}`;
    return answer(reply, query.format, table, () => rankingTable(table), file);
  }

  @Get(':objectType/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One object over a period: its totals, rank and a daily series' })
  detail(
    @Param('objectType') objectType: string,
    @Param('id') id: string,
    @Query() query: EvaluationQueryDto,
  ): Promise<EvaluationDetail> {
    return this.evaluation.detail(objectType, id, query);
  }
}
