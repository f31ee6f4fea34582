import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@citygrid/auth';
import { CITY_ROLES, Role, type Page, type Principal, IdParamDto } from '@citygrid/common';
import { CreateUserDto, UpdateUserDto, UserDto, UserQueryDto, UsersService } from '@citygrid/users';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(...CITY_ROLES, Role.DeptManager)
  @ApiOperation({ summary: 'Users; a department manager sees the staff of the department and its sub-units' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: UserQueryDto): Promise<Page<UserDto>> {
    return this.users.list(principal, query);
  }

  @Get(':id')
  @Roles(...CITY_ROLES, Role.DeptManager)
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto): Promise<UserDto> {
    return this.users.get(principal, id);
  }

  @Post()
  @Roles(Role.Admin)
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Change roles, scope or password; disable; lift a lockout with "locked": false' })
  update(@Param() { id }: IdParamDto, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(id, body);
  }

  @Delete(':id')
  @Roles(Role.Admin)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Disables the user (kept for the record): sign-in and every session stop at once',
  })
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.users.disable(id);
  }
}
