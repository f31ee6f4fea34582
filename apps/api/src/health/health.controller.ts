import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@citygrid/auth';
import { CalendarHealthIndicator } from '@citygrid/calendar';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { CommonErrorCode, DomainException, ErrorKind, RedisHealthIndicator } from '@citygrid/common';
import { QueuesHealthIndicator } from '@citygrid/queue';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: QueuesHealthIndicator,
    private readonly calendar: CalendarHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Database, Redis, queue backlog and calendar coverage; 503 with the failing parts when any is down',
  })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1500 }),
        () => this.redis.isHealthy('redis'),
        () => this.queues.isHealthy('queues'),
        () => this.calendar.isHealthy('calendar'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {});
      throw new DomainException(
        CommonErrorCode.SERVICE_UNAVAILABLE,
        `Unhealthy: ${down.map(([name]) => name).join(', ')}`,
        ErrorKind.Unavailable,
        down.map(([name, detail]) => ({ field: name, message: String(detail?.['message'] ?? 'down') })),
      );
    }
  }
}
