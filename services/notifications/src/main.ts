import 'reflect-metadata';
import { TOPICS } from '@civic/contracts';
import { bootstrapService } from '@civic/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { NOTIFICATIONS_DEFAULTS, NotificationsConfig } from './notifications.config';

void bootstrapService({
  name: SERVICE_NAME,
  title: 'Civic Match notifications',
  description:
    "Mails coordinators and administrators, built only from events: one digest per round and university, reminders before the deadline, " +
    'expiry notices, re-match proposals, rounds completed or failed; in zh-CN or English, sent over SMTP through a mail outbox.',
  configClass: NotificationsConfig,
  defaults: NOTIFICATIONS_DEFAULTS,
  module: (config) => AppModule.forConfig(config),
  // Coordinators are the recipients; projects and experts give the names; rounds and assignments are what mails are about.
  consumes: [TOPICS.coordinators, TOPICS.projects, TOPICS.experts, TOPICS.rounds, TOPICS.assignments],
});
