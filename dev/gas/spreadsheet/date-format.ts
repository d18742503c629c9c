import { DAYS, MONTHS } from '../calendar-names';
import { serialParts } from './serial';

/** Sheets date/time number formats ('yyyy-mm-dd', 'M/d/yyyy H:mm:ss', 'h:mm am/pm'…). */

/** Removes quoted text, escapes and [..] blocks, leaving only format tokens. */
function stripLiterals(pattern: string): string {
  return pattern
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
}

const dateFormats = new Map<string, boolean>();

export function isDateFormat(pattern: string | undefined): boolean {
  if (!pattern || pattern === '@') return false;
  let isDate = dateFormats.get(pattern);
  if (isDate === undefined) {
    isDate = /[ydhs]/i.test(stripLiterals(pattern).replace(/am\/pm|a\/p/gi, ''));
    dateFormats.set(pattern, isDate);
  }
  return isDate;
}

type Token =
  | { kind: 'literal'; text: string }
  | { kind: 'y' | 'month' | 'd' | 'h' | 'minute' | 's'; width: number }
  | { kind: 'fraction'; width: number }
  | { kind: 'ampm'; text: string };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] as string;
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      const stop = end < 0 ? pattern.length : end;
      tokens.push({ kind: 'literal', text: pattern.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === '\\') {
      tokens.push({ kind: 'literal', text: pattern[i + 1] ?? '' });
      i += 2;
    } else if (ch === '[') {
      const end = pattern.indexOf(']', i);
      i = end < 0 ? pattern.length : end + 1;
    } else if (/^am\/pm/i.test(pattern.slice(i))) {
      tokens.push({ kind: 'ampm', text: pattern.slice(i, i + 5) });
      i += 5;
    } else if (/^a\/p/i.test(pattern.slice(i))) {
      tokens.push({ kind: 'ampm', text: pattern.slice(i, i + 3) });
      i += 3;
    } else if ('ymdhs'.includes(lower)) {
      let j = i;
      while (j < pattern.length && (pattern[j] as string).toLowerCase() === lower) j++;
      const kind = lower === 'm' ? 'month' : (lower as 'y' | 'd' | 'h' | 's');
      tokens.push({ kind, width: j - i });
      i = j;
    } else if (ch === '.' && pattern[i + 1] === '0') {
      let j = i + 1;
      while (pattern[j] === '0') j++;
      tokens.push({ kind: 'fraction', width: j - i - 1 });
      i = j;
    } else {
      tokens.push({ kind: 'literal', text: ch });
      i++;
    }
  }
  // 'm' means minutes right after an hour or right before seconds.
  const fields = tokens.filter((t) => t.kind !== 'literal');
  fields.forEach((token, index) => {
    if (token.kind !== 'month' || token.width > 2) return;
    const before = fields[index - 1];
    const after = fields[index + 1];
    if (before?.kind === 'h' || after?.kind === 's') (token as { kind: string }).kind = 'minute';
  });
  return tokens;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function formatSerial(serial: number, pattern: string): string {
  const tokens = tokenize(pattern);
  const twelveHour = tokens.some((t) => t.kind === 'ampm');
  // Round to the displayed precision first so 10:59:59.6 shows as 11:00:00.
  const fraction = tokens.find((t) => t.kind === 'fraction');
  const unit = 86_400 * 10 ** (fraction && 'width' in fraction ? fraction.width : 0);
  const w = serialParts(Math.round(serial * unit) / unit);
  return tokens
    .map((t) => {
      switch (t.kind) {
        case 'literal':
          return t.text;
        case 'y':
          return t.width <= 2 ? pad(w.year % 100, 2) : String(w.year);
        case 'month':
          if (t.width >= 5) return (MONTHS[w.month - 1] as string).slice(0, 1);
          if (t.width === 4) return MONTHS[w.month - 1] as string;
          if (t.width === 3) return (MONTHS[w.month - 1] as string).slice(0, 3);
          return pad(w.month, t.width);
        case 'd':
          if (t.width >= 4) return DAYS[w.weekday] as string;
          if (t.width === 3) return (DAYS[w.weekday] as string).slice(0, 3);
          return pad(w.day, t.width);
        case 'h':
          return pad(twelveHour ? w.hour % 12 || 12 : w.hour, Math.min(t.width, 2));
        case 'minute':
          return pad(w.minute, Math.min(t.width, 2));
        case 's':
          return pad(w.second, Math.min(t.width, 2));
        case 'fraction':
          return `.${pad(w.millisecond, 3).slice(0, t.width).padEnd(t.width, '0')}`;
        case 'ampm': {
          const pm = w.hour >= 12;
          const text = t.text.length === 3 ? (pm ? 'p' : 'a') : pm ? 'pm' : 'am';
          return t.text[0] === t.text[0]?.toUpperCase() ? text.toUpperCase() : text;
        }
        default:
          return '';
      }
    })
    .join('');
}
