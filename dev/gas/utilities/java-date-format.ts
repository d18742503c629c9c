import { DAYS, MONTHS } from '../calendar-names';
import { GasError } from '../errors';
import { offsetMs, resolveTimeZone, shortZoneName, toWallTime, utcMs } from '../timezone';

/** Utilities.formatDate: Java SimpleDateFormat patterns in a given time zone (unknown zones mean GMT, as in Java). */

const DAY_MS = 86_400_000;

const pad = (n: number, width: number) =>
  n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');

function offsetText(offset: number, style: 'Z' | 'X', width: number): string {
  if (style === 'X' && offset === 0) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offset / 60_000));
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = pad(minutes % 60, 2);
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (width === 1) return `${sign}${hh}`;
  return width === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

export function formatJavaDate(epochMs: number, timeZone: string, pattern: string): string {
  const zone = resolveTimeZone(timeZone);
  const w = toWallTime(epochMs, zone);
  const dayOfYear = Math.floor((utcMs(w.year, w.month, w.day) - utcMs(w.year, 1, 1)) / DAY_MS) + 1;
  const jan1Weekday = new Date(utcMs(w.year, 1, 1)).getUTCDay();
  const field = (letter: string, width: number): string => {
    switch (letter) {
      case 'G':
        return w.year > 0 ? 'AD' : 'BC';
      case 'y':
      case 'Y':
        return width === 2 ? pad(w.year % 100, 2) : pad(w.year, width);
      case 'M':
      case 'L':
        if (width >= 4) return MONTHS[w.month - 1] as string;
        if (width === 3) return (MONTHS[w.month - 1] as string).slice(0, 3);
        return pad(w.month, width);
      case 'd':
        return pad(w.day, width);
      case 'D':
        return pad(dayOfYear, width);
      case 'E':
        return width >= 4 ? (DAYS[w.weekday] as string) : (DAYS[w.weekday] as string).slice(0, 3);
      case 'u':
        return pad(w.weekday === 0 ? 7 : w.weekday, width);
      case 'F':
        return pad(Math.ceil(w.day / 7), width);
      case 'w':
        return pad(Math.floor((dayOfYear - 1 + jan1Weekday) / 7) + 1, width);
      case 'W':
        return pad(Math.floor((w.day - 1 + new Date(utcMs(w.year, w.month, 1)).getUTCDay()) / 7) + 1, width);
      case 'a':
        return w.hour < 12 ? 'AM' : 'PM';
      case 'H':
        return pad(w.hour, width);
      case 'k':
        return pad(w.hour === 0 ? 24 : w.hour, width);
      case 'K':
        return pad(w.hour % 12, width);
      case 'h':
        return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, width);
      case 'm':
        return pad(w.minute, width);
      case 's':
        return pad(w.second, width);
      case 'S':
        return pad(w.millisecond, width);
      case 'z':
        return shortZoneName(epochMs, zone, width >= 4);
      case 'Z':
        return offsetText(offsetMs(epochMs, zone), 'Z', width);
      case 'X':
        return offsetText(offsetMs(epochMs, zone), 'X', width);
      default:
        throw new GasError(`Illegal pattern character '${letter}'`);
    }
  };

  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < pattern.length) {
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          out += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else out += pattern[j++];
      }
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out += field(ch, j - i);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
