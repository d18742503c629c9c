/**
 * Apps Script's own refusals, recognised without reading their words: Apps Script translates its exception messages
 * into the user's language, but keeps the service's identifier ("urlfetch", "properties") and the code in its advice
 * ("Utilities.sleep(1000)") as they are. A network failure of UrlFetchApp names the URL it failed on instead.
 *   en: "Service invoked too many times for one day: urlfetch."
 *   en: "Service invoked too many times in a short time: urlfetch. Try Utilities.sleep(1000) between calls."
 */

export type ServiceLimit = 'daily_quota' | 'throttled';

/** The service identifier right after a colon (":" or "："), then the end of the sentence. */
const SERVICE_IDS = /[:：]\s*(urlfetch|properties|cache|lock|spreadsheets?|email|gmail|drive)\s*(?:[.。](?:\s|$)|$)/i;

/** The limit an Apps Script exception message reports, or undefined for any other failure. */
export function serviceLimitOf(message: string): ServiceLimit | undefined {
  if (message.includes('://')) return undefined;
  if (message.includes('Utilities.sleep(')) return 'throttled';
  return SERVICE_IDS.test(message) ? 'daily_quota' : undefined;
}

/** The service an Apps Script limit message names ("urlfetch", "properties", …). */
export function limitedService(message: string): string | undefined {
  return SERVICE_IDS.exec(message)?.[1]?.toLowerCase();
}
