import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IdParamDto } from '@citygrid/common';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class CasePhotoParamDto extends IdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  photoId: string;
}

export class CasePhotoQueryDto {
  @ApiPropertyOptional({ enum: ['full', 'thumbnail'], default: 'full' })
  @IsOptional()
  @IsIn(['full', 'thumbnail'])
  size?: 'full' | 'thumbnail';
}
