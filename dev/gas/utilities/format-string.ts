/** Utilities.formatString / Logger.log(format, …): the printf subset scripts use (%s %d %i %f %.2f %x %%). */
export function formatString(template: string, args: readonly unknown[]): string {
  let next = 0;
  return template.replace(/%(-)?(0)?(\d+)?(?:\.(\d+))?([sdifxX%])/g, (match, left, zero, width, precision, kind) => {
    if (kind === '%') return '%';
    if (next >= args.length) return match;
    const arg = args[next++];
    let text: string;
    switch (kind) {
      case 'd':
      case 'i':
        text = String(Math.trunc(Number(arg)));
        break;
      case 'f':
        text = Number(arg).toFixed(precision === undefined ? 6 : Number(precision));
        break;
      case 'x':
      case 'X':
        text = Math.trunc(Number(arg)).toString(16);
        if (kind === 'X') text = text.toUpperCase();
        break;
      default:
        text = typeof arg === 'object' && arg !== null ? JSON.stringify(arg) : String(arg);
        if (precision !== undefined) text = text.slice(0, Number(precision));
    }
    const size = width === undefined ? 0 : Number(width);
    if (left) return text.padEnd(size, ' ');
    return text.padStart(size, zero && kind !== 's' ? '0' : ' ');
  });
}

export function parseCsv(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i] as string;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
