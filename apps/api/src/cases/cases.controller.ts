import { Controller, Get, Headers, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@citygrid/auth';
import {
  AllowedActionsDto,
  CaseActionDto,
  CaseActionParamDto,
  CaseActionsService,
  CaseDetailDto,
  CaseDto,
  CaseIntakeService,
  CaseQueriesService,
  CaseQueryDto,
  caseUrl,
  CreateCaseDto,
  CasePhotoParamDto,
  CasePhotoQueryDto,
  INTAKE_ROLES,
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  TRANSITIONS,
} from '@citygrid/cases';
import {
  createValidationPipe,
  IdParamDto,
  readRequestBody,
  type Page,
  type Principal,
} from '@citygrid/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

const PHOTO_LIMITS = { fileField: 'photos', files: MAX_PHOTOS, fileBytes: MAX_PHOTO_BYTES };

/** Every role the transition table names: the table itself decides which action each may take. */
const ACTING_ROLES = [...new Set(TRANSITIONS.flatMap((rule) => rule.roles))];

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  /** Multipart bodies are read by hand (files and fields together), then checked like any JSON body. */
  private readonly validation = createValidationPipe();

  constructor(
    private readonly intake: CaseIntakeService,
    private readonly actions: CaseActionsService,
    private readonly queries: CaseQueriesService,
  ) {}

  @Post()
  @Roles(...INTAKE_ROLES)
  @ApiOperation({
    summary: 'Report a case (JSON, or multipart/form-data with up to 9 JPEG/PNG/WebP files named photos)',
    description:
      'The same Idempotency-Key from the same user returns the same case (200, Idempotent-Replayed: true) and creates nothing.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: CreateCaseDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'one per report, e.g. a UUID made on the phone',
  })
  @ApiCreatedResponse({ type: CaseDetailDto })
  async report(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CaseDetailDto> {
    const { fields, files } = await readRequestBody(request, PHOTO_LIMITS);
    const dto: CreateCaseDto = await this.validation.transform(fields, {
      type: 'body',
      metatype: CreateCaseDto,
    });
    const result = await this.intake.report(principal, dto, files, idempotencyKey);
    reply.status(result.replayed ? HttpStatus.OK : HttpStatus.CREATED).header('location', caseUrl(result.id));
    if (result.replayed) {
      reply.header('idempotent-replayed', 'true');
      return this.queries.get(principal, result.id);
    }
    return this.queries.reported(principal, result.reported);
  }

  @Get()
  @ApiOperation({ summary: 'Cases in the caller’s scope, newest first, with filters and cursor pagination' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: CaseQueryDto): Promise<Page<CaseDto>> {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A case with its timeline, photos, each step’s deadline and light, and what the caller may do',
  })
  @ApiOkResponse({ type: CaseDetailDto })
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto): Promise<CaseDetailDto> {
    return this.queries.get(principal, id);
  }

  @Get(':id/allowed-actions')
  @ApiOperation({ summary: 'The actions the caller may take on the case now, with its version' })
  @ApiOkResponse({ type: AllowedActionsDto })
  allowedActions(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
  ): Promise<AllowedActionsDto> {
    return this.queries.allowedActions(principal, id);
  }

  @Post(':id/actions/:action')
  @Roles(...ACTING_ROLES)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Take a step of the workflow (DESIGN.md §4) with the version last seen, an opinion and photos',
    description:
      '409 with the allowed actions in the details when the case changed meanwhile or the step does not fit its state.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: CaseActionDto })
  @ApiOkResponse({ type: CaseDetailDto })
  async act(
    @CurrentPrincipal() principal: Principal,
    @Param() { id, action }: CaseActionParamDto,
    @Req() request: FastifyRequest,
  ): Promise<CaseDetailDto> {
    const { fields, files } = await readRequestBody(request, PHOTO_LIMITS);
    const dto: CaseActionDto = await this.validation.transform(fields, {
      type: 'body',
      metatype: CaseActionDto,
    });
    return this.actions.act(principal, id, action, dto, files);
  }

  @Get(':id/photos/:photoId')
  @ApiOperation({ summary: 'A photo of a case (WebP), or its thumbnail with size=thumbnail' })
  @ApiProduces('image/webp')
  async photo(
    @CurrentPrincipal() principal: Principal,
    @Param() { id, photoId }: CasePhotoParamDto,
    @Query() { size }: CasePhotoQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { data, contentType } = await this.queries.photo(principal, id, photoId, size === 'thumbnail');
    // Photos never change under their id; only the signed-in browser may keep them.
    await reply.type(contentType).header('cache-control', 'private, max-age=86400, immutable').send(data);
  }
}
