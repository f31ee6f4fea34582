export * from './auth-session.entity';
export * from './auth.exception';
export * from './auth.decorators';
export * from './auth.service';
export * from './auth.guard';
export * from './console-access';
export * from './auth.module';
export * from './dto/auth.dto';
