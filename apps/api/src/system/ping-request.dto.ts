import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class PingRequestDto {
  @ApiPropertyOptional({ description: 'socket.io socket id to receive `system.pong` on' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'replyTo must be a socket.io socket id' })
  replyTo?: string;

  @ApiPropertyOptional({
    description: 'Keep the job active this long (ms): checks that a deploy waits for jobs in flight',
    minimum: 0,
    maximum: 60000,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60000)
  holdMs?: number;
}

export class PingAcceptedDto {
  jobId: string;
  queue: string;
  correlationId: string;
}
