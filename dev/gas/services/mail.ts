import type { Env } from '../env';
import { GasError, isPlainRecord, signatureError } from '../errors';
import type { MailRecord } from '../types';

/** MailApp: records messages in Emulation.mail; 100 recipients a day as on a consumer account. */

export const MAIL_DAILY_QUOTA = 100;

const OPTIONAL = ['htmlBody', 'cc', 'bcc', 'replyTo', 'name'] as const;

function recordFrom(fields: Record<string, unknown>): MailRecord {
  const record: MailRecord = {
    to: String(fields.to ?? ''),
    subject: String(fields.subject ?? ''),
    body: String(fields.body ?? ''),
  };
  for (const key of OPTIONAL) if (fields[key] !== undefined) record[key] = String(fields[key]);
  return record;
}

export function createMailApp(env: Env) {
  const { mail } = env.state;
  const recipients = (m: MailRecord) =>
    [m.to, m.cc, m.bcc]
      .filter(Boolean)
      .join(',')
      .split(',')
      .filter((s) => s.trim()).length;
  const used = () => mail.reduce((sum, m) => sum + recipients(m), 0);
  return env.wrap('MailApp', {
    sendEmail(...args: unknown[]) {
      let record: MailRecord;
      if (args.length === 1 && isPlainRecord(args[0])) record = recordFrom(args[0]);
      else if (args.length === 4 && args.every((a) => typeof a === 'string')) {
        const [to, replyTo, subject, body] = args as string[];
        record = recordFrom({ to, replyTo, subject, body });
      } else if (args.length >= 3 && args.slice(0, 3).every((a) => typeof a === 'string')) {
        const [to, subject, body, options] = args;
        record = recordFrom({ ...(isPlainRecord(options) ? options : {}), to, subject, body });
      } else throw signatureError('MailApp.sendEmail', args);
      if (record.to.trim() === '') throw new GasError('Failed to send email: no recipient');
      if (used() + recipients(record) > MAIL_DAILY_QUOTA)
        throw new GasError('Service invoked too many times for one day: email.');
      mail.push(record);
    },
    getRemainingDailyQuota: () => Math.max(0, MAIL_DAILY_QUOTA - used()),
  });
}
