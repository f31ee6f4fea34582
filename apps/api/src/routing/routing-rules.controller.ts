import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@citygrid/auth';
import { IdParamDto, Role } from '@citygrid/common';
import {
  CreateRoutingRuleDto,
  ReorderRoutingRulesDto,
  RoutingRuleDto,
  RoutingRulesService,
  RoutingTestDto,
  RoutingTestResultDto,
  UpdateRoutingRuleDto,
} from '@citygrid/routing';

const CENTER = [Role.Admin, Role.Dispatcher, Role.ShiftLeader, Role.Supervisor];

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/v1/routing-rules')
export class RoutingRulesController {
  constructor(private readonly rules: RoutingRulesService) {}

  @Get()
  @Roles(...CENTER)
  @ApiOperation({ summary: 'Routing rules in the order they are tried (first match wins)' })
  list(): Promise<RoutingRuleDto[]> {
    return this.rules.list();
  }

  @Post('test')
  @Roles(Role.Admin, Role.Dispatcher, Role.ShiftLeader)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Which rule a sample case matches and why (every rule tried, in order)' })
  test(@Body() body: RoutingTestDto): Promise<RoutingTestResultDto> {
    return this.rules.test(body);
  }

  @Put('order')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Put every rule in a new order' })
  reorder(@Body() body: ReorderRoutingRulesDto): Promise<RoutingRuleDto[]> {
    return this.rules.reorder(body.ids);
  }

  @Get(':id')
  @Roles(...CENTER)
  get(@Param() { id }: IdParamDto): Promise<RoutingRuleDto> {
    return this.rules.get(id);
  }

  @Post()
  @Roles(Role.Admin)
  create(@Body() body: CreateRoutingRuleDto): Promise<RoutingRuleDto> {
    return this.rules.create(body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  update(@Param() { id }: IdParamDto, @Body() body: UpdateRoutingRuleDto): Promise<RoutingRuleDto> {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.rules.remove(id);
  }
}
