import { Body, Controller, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@citygrid/auth';
import { CITY_ROLES, Role, type Principal } from '@citygrid/common';
import {
  NearbyInspectorDto,
  NearbyQueryDto,
  PositionAcceptedDto,
  PositionsService,
  ReportPositionDto,
} from '@citygrid/positions';

@ApiTags('inspectors')
@ApiBearerAuth()
@Controller('api/v1/inspectors')
export class InspectorsController {
  constructor(private readonly positions: PositionsService) {}

  @Post('me/position')
  @Roles(Role.Inspector)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "The signed-in inspector's current position (phones send it every minute or so)" })
  @ApiOkResponse({ type: PositionAcceptedDto })
  report(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ReportPositionDto,
  ): Promise<PositionAcceptedDto> {
    return this.positions.report(principal, body);
  }

  @Get('nearby')
  @Roles(...CITY_ROLES)
  @ApiOperation({ summary: 'Inspectors with a live position within radius metres, nearest first' })
  @ApiOkResponse({ type: [NearbyInspectorDto] })
  nearby(@Query() query: NearbyQueryDto): Promise<NearbyInspectorDto[]> {
    return this.positions.nearby(query);
  }
}
