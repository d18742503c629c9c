/** An App ID as people paste it ("WX0123 4567 89AB CDEF ") made into the form WeChat issues: wx + 16 hex digits. */
export const APP_ID_PATTERN = /^wx[0-9a-f]{16}$/;

/** Spaces anywhere go and letters become lowercase (WeChat's App IDs are lowercase); anything else is kept as typed. */
export function cleanAppId(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}
