import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PointQueryDto, LocateResultDto, LocateService } from '@citygrid/areas';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('api/v1/grids')
export class GridsController {
  constructor(private readonly locator: LocateService) {}

  @Get('locate')
  @ApiOperation({
    summary:
      'The unit grid at a point, with its responsibility grid, community, street, grid manager and inspectors',
  })
  @ApiOkResponse({ type: LocateResultDto })
  locate(@Query() query: PointQueryDto): Promise<LocateResultDto> {
    return this.locator.locate(query.lng, query.lat, query.crs);
  }
}
