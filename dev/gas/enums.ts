/** Apps Script enums: singleton values whose string form is their name (String(ScriptApp.AuthMode.FULL) === 'FULL'). */
export interface EnumValue {
  name(): string;
  ordinal(): number;
  toString(): string;
  toJSON(): string;
}

export type EnumOf<K extends string> = Readonly<Record<K, EnumValue>>;

export function makeEnum<const K extends string>(names: readonly K[]): EnumOf<K> {
  const entries = names.map((name, index) => {
    const value: EnumValue = Object.freeze({
      name: () => name,
      ordinal: () => index,
      toString: () => name,
      toJSON: () => name,
    });
    return [name, value] as const;
  });
  return Object.freeze(Object.fromEntries(entries)) as EnumOf<K>;
}

export function enumName(value: unknown): string {
  return String(value);
}

/** One set of enum singletons per emulation, shared by every vm context so identity comparisons hold. */
export function createEnums() {
  return {
    AuthMode: makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']),
    AuthorizationStatus: makeEnum(['REQUIRED', 'NOT_REQUIRED']),
    EventType: makeEnum(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']),
    TriggerSource: makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']),
    InstallationSource: makeEnum(['APPS_MARKETPLACE_DOMAIN_ADD_ON', 'NONE', 'WEB_STORE_ADD_ON']),
    Weekday: makeEnum(['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']),
    Button: makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']),
    ButtonSet: makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']),
    SandboxMode: makeEnum(['EMULATED', 'IFRAME', 'NATIVE']),
    XFrameOptionsMode: makeEnum(['ALLOWALL', 'DEFAULT']),
    Charset: makeEnum(['US_ASCII', 'UTF_8']),
    DigestAlgorithm: makeEnum(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512']),
    MacAlgorithm: makeEnum(['HMAC_MD5', 'HMAC_SHA_1', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512']),
    // https://developers.google.com/apps-script/reference/charts/chart-type (and chart-merge-strategy,
    // chart-hidden-dimension-strategy)
    ChartType: makeEnum([
      'TIMELINE',
      'AREA',
      'BAR',
      'BUBBLE',
      'CANDLESTICK',
      'COLUMN',
      'COMBO',
      'GAUGE',
      'GEO',
      'HISTOGRAM',
      'RADAR',
      'LINE',
      'ORG',
      'PIE',
      'SCATTER',
      'SPARKLINE',
      'STEPPED_AREA',
      'TABLE',
      'TREEMAP',
      'WATERFALL',
    ]),
    ChartMergeStrategy: makeEnum(['MERGE_COLUMNS', 'MERGE_ROWS']),
    ChartHiddenDimensionStrategy: makeEnum(['IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH']),
  };
}

export type Enums = ReturnType<typeof createEnums>;
