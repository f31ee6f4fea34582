import { BoardPublisher, Rooms } from '@citygrid/realtime';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  DEPARTMENT_ROLES,
  ErrorKind,
  escapeLike,
  hasAnyRole,
  isCityWide,
  pageLimit,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  Role,
  toPage,
  type ErrorDetail,
  type Page,
  type Principal,
  definedFields,
  CommonErrorCode,
  DomainException,
} from '@citygrid/common';
import { DepartmentsService } from '@citygrid/departments';
import { Repository } from 'typeorm';
import {
  toUserDto,
  type CreateUserDto,
  type UpdateUserDto,
  type UserDto,
  type UserQueryDto,
} from './dto/user.dto';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersErrorCode, UsersException } from './users.exception';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly departments: DepartmentsService,
    private readonly hasher: PasswordHasher,
    private readonly board: BoardPublisher,
  ) {}

  /** City-wide roles see everyone; a department manager sees the staff of the department and its sub-units. */
  private async visibleDepartmentIds(principal: Principal): Promise<string[] | null> {
    if (isCityWide(principal)) return null;
    return principal.departmentId ? this.departments.subtreeIds(principal.departmentId) : [];
  }

  async list(principal: Principal, query: UserQueryDto): Promise<Page<UserDto>> {
    const limit = pageLimit(query);
    const departments = await this.visibleDepartmentIds(principal);
    const qb = this.users
      .createQueryBuilder('u')
      .orderBy('u.username', 'ASC')
      .take(limit + 1);
    if (departments) qb.andWhere('u.department_id = ANY(:departments)', { departments });
    if (query.cursor) qb.andWhere('u.username > :cursor', { cursor: query.cursor });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.departmentId)
      qb.andWhere('u.department_id = :departmentId', { departmentId: query.departmentId });
    if (query.q) {
      qb.andWhere('(u.username ILIKE :q OR u.display_name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    }
    return toPage(await qb.getMany(), limit, (u) => u.username, toUserDto);
  }

  async get(principal: Principal, id: string): Promise<UserDto> {
    const departments = await this.visibleDepartmentIds(principal);
    const user = await this.users.findOneBy({ id });
    if (!user || (departments && !departments.includes(user.departmentId ?? '')))
      throw UsersException.notFound(id);
    return toUserDto(user);
  }

  async require(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw UsersException.notFound(id);
    return user;
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username: username.toLowerCase() });
  }

  /** Users by id with one of the roles, for assigning grid managers and inspectors. */
  findWithRole(ids: string[], role: Role): Promise<UserEntity[]> {
    return this.users
      .createQueryBuilder('u')
      .where('u.id = ANY(:ids)', { ids })
      .andWhere(':role = ANY(u.roles)', { role })
      .andWhere('NOT u.disabled')
      .getMany();
  }

  /**
   * Claims one sign-in attempt before the password is checked, atomically, so parallel attempts cannot get
   * past the limit: the attempt beyond `maxFailures` locks the account for `lockMinutes`. Returns the attempt's
   * number, or the end of the lock when the account is (now) locked.
   */
  async claimLoginAttempt(
    id: string,
    maxFailures: number,
    lockMinutes: number,
  ): Promise<{ attempt: number } | { lockedUntil: Date }> {
    const result = await this.users
      .createQueryBuilder()
      .update(UserEntity)
      .set({
        failedLogins: () => 'CASE WHEN failed_logins + 1 > :maxFailures THEN 0 ELSE failed_logins + 1 END',
        lockedUntil: () =>
          'CASE WHEN failed_logins + 1 > :maxFailures THEN now() + make_interval(mins => :lockMinutes) ELSE NULL END',
      })
      .where('id = :id AND (locked_until IS NULL OR locked_until <= now())', { id })
      .setParameters({ maxFailures, lockMinutes })
      .returning('failed_logins, locked_until')
      .execute();
    const row = (result.raw as Array<{ failed_logins: number; locked_until: Date | null }>)[0];
    if (row && !row.locked_until) return { attempt: row.failed_logins };
    return { lockedUntil: row?.locked_until ?? (await this.require(id)).lockedUntil ?? new Date() };
  }

  /** After the attempt that reached the limit failed too: lock now. */
  async lock(id: string, lockMinutes: number): Promise<Date> {
    const result = await this.users
      .createQueryBuilder()
      .update(UserEntity)
      .set({ failedLogins: 0, lockedUntil: () => 'now() + make_interval(mins => :lockMinutes)' })
      .where('id = :id', { id })
      .setParameters({ lockMinutes })
      .returning('locked_until')
      .execute();
    return (result.raw as Array<{ locked_until: Date }>)[0].locked_until;
  }

  /** A right password: the count starts again, unless a parallel attempt locked the account meanwhile. */
  async completeLogin(id: string): Promise<boolean> {
    const result = await this.users
      .createQueryBuilder()
      .update(UserEntity)
      .set({ failedLogins: 0 })
      .where('id = :id AND (locked_until IS NULL OR locked_until <= now())', { id })
      .execute();
    return result.affected === 1;
  }

  async create(dto: CreateUserDto): Promise<UserDto> {
    const user = this.users.create({
      username: dto.username,
      displayName: dto.displayName,
      phone: dto.phone ?? null,
      passwordHash: await this.hasher.hash(dto.password),
      roles: dto.roles,
      areaCodes: dto.areaCodes ?? [],
      departmentId: dto.departmentId ?? null,
    });
    await this.checkScope(user);
    return toUserDto(await this.save(user));
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.require(id);
    const { password, locked, ...fields } = dto;
    if (password === null) {
      throw new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        'A password cannot be removed',
        ErrorKind.Invalid,
        [{ field: 'password', message: 'must be a string of at least 8 characters' }],
      );
    }
    Object.assign(user, definedFields(fields));
    if (password !== undefined) {
      user.passwordHash = await this.hasher.hash(password);
      user.passwordChangedAt = new Date();
    }
    if (locked === false) Object.assign(user, { lockedUntil: null, failedLogins: 0 });
    await this.checkScope(user);
    const saved = toUserDto(await this.save(user));
    // Roles, scope, password or access changed: the user's live sockets reconnect, and join their rooms anew.
    this.board.disconnect(Rooms.user(id));
    return saved;
  }

  /** Users are disabled, never deleted: cases and activity rows keep pointing at them. */
  async disable(id: string): Promise<void> {
    await this.require(id);
    await this.users.update({ id }, { disabled: true });
    this.board.disconnect(Rooms.user(id));
  }

  /** Department roles need a department; a department is meaningless without one. */
  private async checkScope(user: UserEntity): Promise<void> {
    const problems: ErrorDetail[] = [];
    const departmentRole = hasAnyRole(user, DEPARTMENT_ROLES);
    if (departmentRole && !user.departmentId) {
      problems.push({ field: 'departmentId', message: 'handlers and department managers need a department' });
    }
    if (user.departmentId) {
      if (!departmentRole) {
        problems.push({ field: 'departmentId', message: 'only handlers and department managers have one' });
      } else if (!(await this.departments.exists(user.departmentId))) {
        problems.push({ field: 'departmentId', message: 'no such department' });
      }
    }
    if (problems.length > 0) {
      throw new UsersException(
        UsersErrorCode.USER_SCOPE_INVALID,
        'The roles and the scope do not fit together',
        ErrorKind.Rule,
        problems,
      );
    }
  }

  private async save(user: UserEntity): Promise<UserEntity> {
    try {
      return await this.users.save(user);
    } catch (error) {
      if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION) throw error;
      throw new UsersException(
        UsersErrorCode.USERNAME_TAKEN,
        `Username ${user.username} is taken`,
        ErrorKind.Conflict,
        [{ field: 'username', message: 'already taken' }],
      );
    }
  }
}
