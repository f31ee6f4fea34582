export * from './notice.entity';
export * from './notice-channel';
export * from './webhook.channel';
export * from './notifications.exception';
export * from './notices.service';
export * from './notifications.module';
export * from './dto/notice.dto';
