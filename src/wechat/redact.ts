/** Keeps access tokens and secrets out of every message and log line. */

const TOKEN_IN_URL = /(access_token=)[^&\s"']+/g;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text.replace(TOKEN_IN_URL, '$1[redacted]');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** A value of a message's params with every text in it redacted. */
function redactValue<T>(value: T, secrets: readonly (string | undefined)[]): T {
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactValue(item, secrets)])) as T;
  }
  return value;
}

/** A problem or outcome with its message and every text of its params redacted. */
export function redactSaid<T extends { message: string; params: object }>(
  said: T,
  secrets: readonly (string | undefined)[] = [],
): T {
  return { ...said, message: redact(said.message, secrets), params: redactValue(said.params, secrets) };
}
