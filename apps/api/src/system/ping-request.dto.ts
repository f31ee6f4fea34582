import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';

export class PingRequestDto {
  @ApiPropertyOptional({ description: 'socket.io socket id to receive `system.pong` on' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'replyTo must be a socket.io socket id' })
  replyTo?: string;
}

export class PingAcceptedDto {
  jobId: string;
  queue: string;
  correlationId: string;
}
