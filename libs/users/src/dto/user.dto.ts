import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { PageQueryDto, Role } from '@citygrid/common';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { UserEntity } from '../user.entity';

/** District, street, community, unit grid or responsibility grid codes (reference/domain.md §1). */
export const SCOPE_AREA_CODE = /^(\d{6}(\d{3}){0,3}|\d{9}R\d{3})$/;

export class CreateUserDto {
  @ApiProperty({ example: 'inspector-7', description: 'lowercase letters, digits, dot, dash, underscore' })
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, {
    message: 'username must be 2-64 lowercase letters, digits, dots, dashes or underscores',
  })
  username: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: Role, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'area scope for inspectors and grid managers: any district, street, community, unit grid or responsibility grid codes',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(SCOPE_AREA_CODE, { each: true, message: 'each area code must be an area code' })
  areaCodes?: string[];

  @ApiPropertyOptional({ description: 'required for handlers and department managers' })
  @IsOptional()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['username'] as const)) {
  @ApiPropertyOptional({ description: 'a disabled user cannot sign in and their sessions end' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'false lifts a lockout after repeated failed sign-ins' })
  @IsOptional()
  @IsBoolean()
  locked?: false;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: 'part of the username or display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ type: [String] }) areaCodes: string[];
  @ApiProperty({ nullable: true, type: String }) departmentId: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lockedUntil: string | null;
}

export const toUserDto = (user: UserEntity): UserDto => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  phone: user.phone,
  roles: user.roles,
  areaCodes: user.areaCodes,
  departmentId: user.departmentId,
  disabled: user.disabled,
  lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
});
