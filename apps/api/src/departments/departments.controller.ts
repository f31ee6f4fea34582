import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@citygrid/auth';
import { Role, type Page, type Principal, IdParamDto } from '@citygrid/common';
import {
  CreateDepartmentDto,
  DepartmentDto,
  DepartmentQueryDto,
  DepartmentsService,
  UpdateDepartmentDto,
} from '@citygrid/departments';

@ApiTags('departments')
@ApiBearerAuth()
@Controller('api/v1/departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Departments and sub-units; department staff see only their own department' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DepartmentQueryDto,
  ): Promise<Page<DepartmentDto>> {
    return this.departments.list(principal, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto): Promise<DepartmentDto> {
    return this.departments.get(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  create(@Body() body: CreateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.create(body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  update(@Param() { id }: IdParamDto, @Body() body: UpdateDepartmentDto): Promise<DepartmentDto> {
    return this.departments.update(id, body);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Only a department with no sub-units and no staff' })
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.departments.remove(id);
  }
}
