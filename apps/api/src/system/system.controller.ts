import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@citygrid/auth';
import { Role } from '@citygrid/common';
import { JobName, JobProducer } from '@citygrid/queue';
import { PingAcceptedDto, PingRequestDto } from './ping-request.dto';

@ApiTags('operations')
@Controller('api/v1/system')
export class SystemController {
  constructor(private readonly jobs: JobProducer) {}

  @Post('ping')
  @Roles(Role.Admin)
  @ApiBearerAuth()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Pipeline self-check: a job through Redis to a worker, answered over socket.io as system.pong',
  })
  @ApiAcceptedResponse({ type: PingAcceptedDto })
  async ping(@Body() body: PingRequestDto): Promise<PingAcceptedDto> {
    const job = await this.jobs.add(JobName.SystemPing, {
      replyTo: body.replyTo,
      holdMs: body.holdMs,
      requestedAt: new Date().toISOString(),
    });
    return { jobId: String(job.id), queue: job.queueName, correlationId: job.data.correlationId };
  }
}
