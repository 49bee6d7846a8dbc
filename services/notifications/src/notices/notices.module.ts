import { Module } from '@nestjs/common';
import { ListMailsHttpController } from '../mails/list-mails/list-mails.http.controller';
import { ListMailsService } from '../mails/list-mails/list-mails.service';
import { MailSender } from '../mails/mail-sender.service';
import { MailOutbox } from '../mails/mail.outbox';
import { NoticeEventsController } from './notice.events.controller';
import { NoticeScheduler } from './notice.scheduler';
import { NoticeStore } from './notice.store';

/** Who hears of what by email: events in, scheduled notices, the mail outbox and its SMTP relay. */
@Module({
  controllers: [NoticeEventsController, ListMailsHttpController],
  providers: [NoticeStore, MailOutbox, MailSender, NoticeScheduler, ListMailsService],
})
export class NoticesModule {}
