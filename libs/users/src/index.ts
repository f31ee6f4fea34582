export * from './user.entity';
export * from './users.exception';
export * from './users.service';
export * from './users.module';
export * from './password-hasher';
export * from './dto/user.dto';
