import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@citygrid/auth';
import {
  CalendarOverrideDto,
  CalendarService,
  CalendarSettingsDto,
  DateParamDto,
  DayRangeQueryDto,
  DeadlineQueryDto,
  StepParamDto,
  TimeLimitDto,
  YearKnownDto,
  YearParamDto,
} from '@citygrid/calendar';
import { Role, type Principal } from '@citygrid/common';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @ApiOperation({
    summary: 'Working periods, known years, and a warning when the next 60 days reach an unknown year',
  })
  status() {
    return this.calendar.status();
  }

  @Put('settings')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Working periods and how plain 小时/天 are read' })
  async settings(@Body() body: CalendarSettingsDto) {
    await this.calendar.updateSettings(body.periods, body.plainUnits);
    return this.calendar.status();
  }

  @Get('days')
  @ApiOperation({ summary: 'Holidays, make-up working days and overrides between two dates' })
  days(@Query() { from, to }: DayRangeQueryDto) {
    return this.calendar.days(from, to);
  }

  @Put('days/:date')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Override a day (a typhoon closure, a local holiday, a make-up day)' })
  override(
    @CurrentPrincipal() principal: Principal,
    @Param() { date }: DateParamDto,
    @Body() body: CalendarOverrideDto,
  ) {
    return this.calendar.override(date, body.kind, body.note, principal.id);
  }

  @Delete('days/:date')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Drop an override: the shipped data or the weekday rule applies again' })
  removeOverride(@Param() { date }: DateParamDto) {
    return this.calendar.removeOverride(date);
  }

  @Put('years/:year')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: "Say a year's holidays are entered (as overrides), which ends the warning for it",
  })
  markYear(@Param() { year }: YearParamDto, @Body() body: YearKnownDto) {
    return this.calendar.markYearKnown(Number(year), body.known);
  }

  @Get('step-limits')
  @ApiOperation({
    summary: 'The limit of every step but handling (that one comes from the filing condition)',
  })
  stepLimits() {
    return this.calendar.stepLimits();
  }

  @Put('step-limits/:step')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  setStepLimit(@Param() { step }: StepParamDto, @Body() body: TimeLimitDto) {
    return this.calendar.setStepLimit(step, body);
  }

  @Get('deadline')
  @ApiOperation({ summary: 'When a limit started at a given instant ends, by this calendar' })
  async deadline(@Query() query: DeadlineQueryDto) {
    const deadline = await this.calendar.deadline(new Date(query.start), query.amount, query.unit);
    return {
      start: new Date(query.start).toISOString(),
      amount: query.amount,
      unit: query.unit,
      deadline: deadline.toISOString(),
    };
  }
}
