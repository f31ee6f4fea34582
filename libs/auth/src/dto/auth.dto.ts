import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@citygrid/common';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'dispatcher' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'citygrid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class PrincipalDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ type: [String] }) areaCodes: string[];
  @ApiProperty({ nullable: true, type: String }) departmentId: string | null;
}

export class TokensDto {
  @ApiProperty({ description: 'send as Authorization: Bearer <accessToken>' }) accessToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ description: 'exchange at /api/v1/auth/refresh; single use' }) refreshToken: string;
  @ApiProperty({ format: 'date-time' }) refreshExpiresAt: string;
  @ApiProperty({ type: PrincipalDto }) user: PrincipalDto;
}
