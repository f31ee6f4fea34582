import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { withTimeout } from '@citygrid/common';
import { CalendarService } from './calendar.service';

/** Up with the years that lack holiday data (a warning, not an outage); down only when it cannot be read. */
@Injectable()
export class CalendarHealthIndicator {
  constructor(
    private readonly calendar: CalendarService,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const { missingYears, warning } = await withTimeout(
        this.calendar.status(),
        1500,
        'calendar did not load',
      );
      return indicator.up({ missingYears, ...(warning ? { warning } : {}) });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
