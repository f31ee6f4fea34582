export * from './department.entity';
export * from './matter-family';
export * from './departments.exception';
export * from './departments.service';
export * from './departments.module';
export * from './dto/department.dto';
