/** Failure emails to the person whose trigger runs the schedule (Apps Script emails nobody for add-on triggers). */

export interface Notifier {
  /** Returns false when no email could be sent (no address, or the daily mail quota is used up). */
  sendFailure(subject: string, body: string): boolean;
}

export const mailNotifier: Notifier = {
  sendFailure(subject, body) {
    let to = '';
    try {
      to = Session.getEffectiveUser().getEmail();
    } catch {
      return false;
    }
    if (!to || MailApp.getRemainingDailyQuota() < 1) return false;
    MailApp.sendEmail({ to, subject, body });
    return true;
  },
};
