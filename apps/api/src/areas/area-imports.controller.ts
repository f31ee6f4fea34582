import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AreaImportDto, AreaWritesService } from '@citygrid/areas';
import { Roles } from '@citygrid/auth';
import { Role, IdParamDto } from '@citygrid/common';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('api/v1/area-imports')
export class AreaImportsController {
  constructor(private readonly writes: AreaWritesService) {}

  @Get(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "An import's progress, outcome and, when rejected, every problem by feature" })
  status(@Param() { id }: IdParamDto): Promise<AreaImportDto> {
    return this.writes.status(id);
  }
}
