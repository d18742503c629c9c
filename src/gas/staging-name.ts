/** The names of the hidden staging sheets (plain values, no service: validation and the sidebar's types read them). */

/** Every staging sheet's name starts with this; DataSets may not write to sheets named so. */
export const STAGING_SHEET_PREFIX = '~wechat-staging-';

export function stagingSheetName(dataSetId: string): string {
  return STAGING_SHEET_PREFIX + dataSetId;
}
