/** Who is running this execution (for a trigger: the trigger's owner), and the spreadsheet's time zone offset. */

export function currentUser(): string {
  try {
    const email = Session.getEffectiveUser().getEmail();
    if (email) return email;
  } catch {
    // Without the userinfo.email scope there is no address; the temporary key still tells users apart.
  }
  return `user-${Session.getTemporaryActiveUserKey()}`;
}

/** Offset of the spreadsheet's time zone at an instant, in ms (Asia/Shanghai → +8 h), from Apps Script's zone rules. */
export function spreadsheetOffsetAt(timeZone: string): (instantMs: number) => number {
  const cache = new Map<number, number>();
  return (instantMs) => {
    const hour = Math.floor(instantMs / 3_600_000);
    let offset = cache.get(hour);
    if (offset === undefined) {
      const zone = Utilities.formatDate(new Date(instantMs), timeZone, 'Z');
      const sign = zone.startsWith('-') ? -1 : 1;
      offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
      cache.set(hour, offset);
    }
    return offset;
  };
}

export function spreadsheetTimeZone(): string {
  return SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
}
