/** Keeps access tokens and secrets out of every message and log line. */

const TOKEN_IN_URL = /(access_token=)[^&\s"']+/g;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text.replace(TOKEN_IN_URL, '$1[redacted]');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result;
}
