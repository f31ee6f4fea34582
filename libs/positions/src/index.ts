export * from './positions.service';
export * from './positions.module';
export * from './dto/position.dto';
