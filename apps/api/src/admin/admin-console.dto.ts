import { ApiProperty } from '@nestjs/swagger';

export class AdminConsoleDto {
  @ApiProperty({ example: '/admin/queues/', description: 'open this page in the same browser' })
  url: string;

  @ApiProperty({ format: 'date-time', description: 'when the console cookie stops working' })
  expiresAt: string;
}
