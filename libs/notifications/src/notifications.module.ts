import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@citygrid/config';
import { UsersModule } from '@citygrid/users';
import { NOTICE_CHANNELS, type NoticeChannel } from './notice-channel';
import { NoticeEntity } from './notice.entity';
import { NoticesService } from './notices.service';
import { WebhookChannel } from './webhook.channel';

/** The external channels the configuration turns on. SMS or WeCom would be added here the same way. */
export function configuredChannels(config: AppConfig): NoticeChannel[] {
  const channels: NoticeChannel[] = [];
  if (config.NOTICE_WEBHOOK_URL) {
    channels.push(
      new WebhookChannel({ url: config.NOTICE_WEBHOOK_URL, secret: config.NOTICE_WEBHOOK_SECRET! }),
    );
  }
  return channels;
}

/**
 * In-app notices and their delivery channels. Both apps import it: the api to list and mark notices (and any
 * feature to notify), the worker to deliver them (its `notice.deliver` processor).
 */
@Module({
  imports: [TypeOrmModule.forFeature([NoticeEntity]), UsersModule],
  providers: [
    { provide: NOTICE_CHANNELS, inject: [AppConfig], useFactory: configuredChannels },
    NoticesService,
  ],
  exports: [NoticesService],
})
export class NotificationsModule {}
