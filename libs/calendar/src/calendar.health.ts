import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { CalendarService } from './calendar.service';

/** Always up (a missing year is a warning, not an outage), with the years that lack holiday data. */
@Injectable()
export class CalendarHealthIndicator {
  constructor(
    private readonly calendar: CalendarService,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const { missingYears, warning } = await this.calendar.status();
    return this.health.check(key).up({ missingYears, ...(warning ? { warning } : {}) });
  }
}
