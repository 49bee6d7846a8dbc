import { ConfigError, loadConfig } from '@civic/platform';
import { NOTIFICATIONS_DEFAULTS, NotificationsConfig } from './notifications.config';

const load = (env: Record<string, string>) => loadConfig(NotificationsConfig, env, NOTIFICATIONS_DEFAULTS);

describe("notifications' settings", () => {
  it('defaults: a local SMTP server, no administrators, reminders 48 h and 24 h before the deadline, no console link', () => {
    const c = load({});
    expect(c.SMTP_URL).toBe('smtp://127.0.0.1:1025');
    expect(c.adminEmails()).toEqual([]);
    expect(c.reminderSeconds()).toEqual([172_800, 86_400]);
    expect(c.CONSOLE_BASE_URL).toBeUndefined();
  });

  it('reads administrators and a shortened clock', () => {
    const c = load({ ADMIN_EMAILS: 'A@example.org, b@example.org', REMINDERS_BEFORE_DEADLINE: '40s,20s', ADMIN_LANGUAGE: 'zh-CN' });
    expect(c.adminEmails()).toEqual(['a@example.org', 'b@example.org']);
    expect(c.reminderSeconds()).toEqual([40, 20]);
    expect(c.ADMIN_LANGUAGE).toBe('zh-CN');
  });

  it('refuses a malformed setting and names it', () => {
    const problems = (() => {
      try {
        load({ SMTP_URL: 'mail.example.org', ADMIN_EMAILS: 'not-an-address', REMINDERS_BEFORE_DEADLINE: '2 days', ADMIN_LANGUAGE: 'fr' });
      } catch (e) {
        return (e as ConfigError).message;
      }
      return '';
    })();
    expect(problems).toContain('SMTP_URL must look like smtp://host:port');
    expect(problems).toContain('ADMIN_EMAILS must be comma-separated email addresses');
    expect(problems).toContain('REMINDERS_BEFORE_DEADLINE must be comma-separated durations such as 48h,24h');
    expect(problems).toContain('ADMIN_LANGUAGE');
  });
});
