export * from './routing-rule.entity';
export * from './rule-match';
export * from './routing.exception';
export * from './routing-rules.service';
export * from './routing.module';
export * from './dto/routing-rule.dto';
