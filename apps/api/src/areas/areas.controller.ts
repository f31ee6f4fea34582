import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AreaDto,
  type AreaGeometry,
  AreaFeatureDto,
  AreaImportDto,
  AreaWritesService,
  AreaLayer,
  AreaParamsDto,
  AreaQueryDto,
  AreasService,
  Crs,
  DEFAULT_TOLERANCE_M2,
  ExportQueryDto,
  GridCodeParamDto,
  GridStaffDto,
  ImportQueryDto,
  LayerParamDto,
  UpdateAreaDto,
} from '@citygrid/areas';
import { CurrentPrincipal, Roles } from '@citygrid/auth';
import { Role, type Page, type Principal } from '@citygrid/common';
import type { FeatureCollection } from 'geojson';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('api/v1/areas')
export class AreasController {
  constructor(
    private readonly areas: AreasService,
    private readonly writes: AreaWritesService,
  ) {}

  @Get(':layer')
  @ApiOperation({ summary: 'Areas of a layer within your scope, by code; filter by parent, text or bbox' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param() { layer }: LayerParamDto,
    @Query() query: AreaQueryDto,
  ): Promise<Page<AreaDto>> {
    return this.areas.list(principal, layer, query);
  }

  @Get(':layer/export')
  @Roles(Role.Admin, Role.Supervisor)
  @Header('content-type', 'application/geo+json')
  @ApiOperation({ summary: 'The whole layer as a GeoJSON FeatureCollection, in the form an import takes' })
  export(
    @Param() { layer }: LayerParamDto,
    @Query() query: ExportQueryDto,
  ): Promise<FeatureCollection<AreaGeometry | null>> {
    return this.areas.export(layer, query.crs);
  }

  @Get(':layer/:code')
  @ApiOperation({ summary: 'One area with its geometry (and staff and members for a responsibility grid)' })
  get(@CurrentPrincipal() principal: Principal, @Param() { layer, code }: AreaParamsDto): Promise<AreaDto> {
    return this.areas.get(principal, layer, code);
  }

  @Post(':layer/import')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Import a GeoJSON FeatureCollection (creates or replaces by code), all or nothing, in the background',
    description:
      'Send application/json or application/geo+json (up to 200 MB). Follow progress and read every problem at ' +
      'GET /api/v1/area-imports/{id}. Features carry properties code and name; unit grids may carry areaClass ' +
      '(A, B, C); responsibility grids carry unitGridCodes and may have a null geometry (then the union of ' +
      'their unit grids).',
  })
  @ApiBody({ schema: { type: 'object', description: 'GeoJSON FeatureCollection' } })
  @ApiAcceptedResponse({ type: AreaImportDto })
  import(
    @CurrentPrincipal() principal: Principal,
    @Param() { layer }: LayerParamDto,
    @Query() query: ImportQueryDto,
    @Body() body: unknown,
  ): Promise<AreaImportDto> {
    return this.writes.start(layer, body, {
      crs: query.crs ?? Crs.WGS84,
      toleranceM2: query.tolerance ?? DEFAULT_TOLERANCE_M2,
      actorId: principal.id,
    });
  }

  @Post(':layer')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Create one area from a GeoJSON Feature, through the same checks as an import' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param() { layer }: LayerParamDto,
    @Body() feature: AreaFeatureDto,
  ): Promise<AreaDto> {
    return this.areas.get(principal, layer, await this.writes.createOne(layer, feature));
  }

  @Patch(':layer/:code')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Change what is sent (name, geometry, class, members), through the same checks as an import',
  })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param() { layer, code }: AreaParamsDto,
    @Body() body: UpdateAreaDto,
  ): Promise<AreaDto> {
    await this.writes.updateOne(layer, code, body);
    return this.areas.get(principal, layer, code);
  }

  @Delete(':layer/:code')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an area that has no child areas' })
  remove(@Param() { layer, code }: AreaParamsDto): Promise<void> {
    return this.writes.removeOne(layer, code);
  }

  @Put('responsibility-grids/:code/staff')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Set a responsibility grid's grid manager and inspectors" })
  async setStaff(
    @CurrentPrincipal() principal: Principal,
    @Param() { code }: GridCodeParamDto,
    @Body() body: GridStaffDto,
  ): Promise<AreaDto> {
    await this.areas.setStaff(code, body);
    return this.areas.get(principal, AreaLayer.ResponsibilityGrids, code);
  }
}
