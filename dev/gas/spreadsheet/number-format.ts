/** Sheets number formats for display: General, '0.00', '#,##0', '0%', '"¥"#,##0.00', sections for negatives. */

export function formatGeneral(n: number): string {
  if (Number.isNaN(n)) return '#NUM!';
  if (!Number.isFinite(n)) return '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e15 || abs < 1e-9) {
    const [mantissa, exponent] = n.toExponential(5).split('e');
    const exp = Number(exponent);
    return `${String(Number(mantissa))}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(10)));
}

function splitSections(pattern: string): string[] {
  const sections: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && !quoted) {
      current += ch + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !quoted) {
      sections.push(current);
      current = '';
    } else current += ch;
  }
  sections.push(current);
  return sections;
}

interface Parsed {
  prefix: string;
  suffix: string;
  integer: string;
  fraction: string;
  percent: boolean;
  exponent: boolean;
}

function parseSection(section: string): Parsed {
  const literal: Array<{ text: string; placeholder: boolean }> = [];
  let percent = false;
  let exponent = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] as string;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      literal.push({ text: section.slice(i + 1, stop), placeholder: false });
      i = stop;
    } else if (ch === '\\') {
      literal.push({ text: section[i + 1] ?? '', placeholder: false });
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inside = section.slice(i + 1, end < 0 ? section.length : end);
      if (inside.startsWith('$')) literal.push({ text: inside.slice(1).split('-')[0] ?? '', placeholder: false });
      i = end < 0 ? section.length : end;
    } else if (ch === '_' || ch === '*') {
      i++;
    } else if ('0#?.,'.includes(ch)) {
      literal.push({ text: ch, placeholder: true });
    } else if ((ch === 'E' || ch === 'e') && (section[i + 1] === '+' || section[i + 1] === '-')) {
      exponent = true;
      literal.push({ text: section.slice(i, i + 2), placeholder: true });
      i++;
    } else {
      if (ch === '%') percent = true;
      literal.push({ text: ch, placeholder: false });
    }
  }
  const first = literal.findIndex((p) => p.placeholder);
  let last = -1;
  literal.forEach((p, index) => {
    if (p.placeholder) last = index;
  });
  const prefix = literal
    .slice(0, Math.max(first, 0))
    .map((p) => p.text)
    .join('');
  const suffix =
    first < 0
      ? ''
      : literal
          .slice(last + 1)
          .map((p) => p.text)
          .join('');
  const spec =
    first < 0
      ? ''
      : literal
          .slice(first, last + 1)
          .filter((p) => p.placeholder)
          .map((p) => p.text)
          .join('');
  const [mantissa = ''] = spec.split(/[eE][+-]/);
  const dot = mantissa.indexOf('.');
  return {
    prefix: first < 0 ? literal.map((p) => p.text).join('') : prefix,
    suffix,
    integer: dot < 0 ? mantissa : mantissa.slice(0, dot),
    fraction: dot < 0 ? '' : mantissa.slice(dot + 1).replace(/,/g, ''),
    percent,
    exponent,
  };
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function renderDigits(abs: number, p: Parsed): string {
  const decimals = p.fraction.length;
  const minDecimals = (p.fraction.match(/0/g) ?? []).length;
  if (p.exponent)
    return abs
      .toExponential(decimals)
      .toUpperCase()
      .replace(/E\+?(-?)(\d)$/, 'E+$10$2');
  const fixed = abs.toFixed(decimals);
  let [intDigits = '0', fracDigits = ''] = fixed.split('.');
  while (fracDigits.length > minDecimals && fracDigits.endsWith('0')) fracDigits = fracDigits.slice(0, -1);
  const minInteger = (p.integer.match(/0/g) ?? []).length;
  intDigits = intDigits.replace(/^0+/, '').padStart(minInteger, '0');
  if (p.integer.includes(',')) intDigits = group(intDigits);
  if (fracDigits.length > 0) return `${intDigits}.${fracDigits}`;
  return decimals > 0 ? `${intDigits}.` : intDigits;
}

export function formatNumber(value: number, pattern: string): string {
  if (!Number.isFinite(value)) return '#NUM!';
  const sections = splitSections(pattern);
  let section = sections[0] ?? '';
  let signed = true;
  if (value < 0 && sections.length > 1) {
    section = sections[1] ?? section;
    signed = false;
  } else if (value === 0 && sections.length > 2) section = sections[2] ?? section;
  const parsed = parseSection(section);
  if (!parsed.integer && !parsed.fraction && !parsed.exponent) return `${parsed.prefix}${parsed.suffix}`;
  const abs = Math.abs(value) * (parsed.percent ? 100 : 1);
  const digits = renderDigits(abs, parsed);
  const negative = signed && value < 0 && /[1-9]/.test(digits);
  return `${negative ? '-' : ''}${parsed.prefix}${digits}${parsed.suffix}`;
}
