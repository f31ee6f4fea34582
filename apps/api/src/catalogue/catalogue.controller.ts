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
import {
  CatalogueService,
  CreateLocalMatterDto,
  MatterDto,
  MatterParamsDto,
  MatterQueryDto,
  UpdateMatterDto,
  VersionQueryDto,
} from '@citygrid/catalogue';
import { Role, type Page, type Principal } from '@citygrid/common';

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('api/v1/catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('major-classes')
  @ApiOperation({ summary: 'The major classes of GB/T 47678.5-2026 (components 01-05, matters 06-10)' })
  majorClasses() {
    return this.catalogue.majorClasses();
  }

  @Get('versions')
  @ApiOperation({ summary: 'Catalogue versions, newest first; every edit makes one, cases keep theirs' })
  versions() {
    return this.catalogue.versions();
  }

  @Get('matters')
  @ApiOperation({ summary: 'Search matters by Chinese text, pinyin initials (bllj), English text or code' })
  search(@Query() query: MatterQueryDto): Promise<Page<MatterDto>> {
    return this.catalogue.search(query);
  }

  @Get('matters/:kind/:code')
  @ApiOperation({ summary: 'One matter with its filing conditions, closing conditions and time limits' })
  get(@Param() { kind, code }: MatterParamsDto, @Query() { version }: VersionQueryDto): Promise<MatterDto> {
    return this.catalogue.get(kind, code, version);
  }

  @Post('matters')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "A city's own subclass: its code counts down from 999 in the major class" })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateLocalMatterDto): Promise<MatterDto> {
    return this.catalogue.createLocal(body, principal.id);
  }

  @Patch('matters/:kind/:code')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Edit names, family or filing conditions: a new catalogue version' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param() { kind, code }: MatterParamsDto,
    @Body() body: UpdateMatterDto,
  ): Promise<MatterDto> {
    return this.catalogue.update(kind, code, body, principal.id);
  }

  @Delete('matters/:kind/:code')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Retire a local subclass (a new catalogue version); national matters stay' })
  remove(@CurrentPrincipal() principal: Principal, @Param() { kind, code }: MatterParamsDto): Promise<void> {
    return this.catalogue.removeLocal(kind, code, principal.id);
  }
}
