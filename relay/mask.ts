/**
 * Masks what must never leave the relay (App Secrets, relay keys, the access tokens it holds) from answers and log
 * lines: every occurrence becomes "[redacted]". The tokens change over time, so they are asked for on each use.
 */

const REDACTED = '[redacted]';
const SHORTEST = 4;

export class Masker {
  private readonly fixed: string[];

  constructor(
    fixed: readonly string[],
    private readonly current: () => readonly string[] = () => [],
  ) {
    this.fixed = fixed.filter((secret) => secret.length >= SHORTEST);
  }

  text(text: string): string {
    const secrets = this.secrets().filter((secret) => text.includes(secret));
    let masked = text;
    for (const secret of secrets) masked = masked.split(secret).join(REDACTED);
    return masked;
  }

  buffer(body: Buffer): Buffer {
    const found = this.secrets().some((secret) => body.includes(secret));
    return found ? Buffer.from(this.text(body.toString('utf8')), 'utf8') : body;
  }

  /** Longest first, so a secret that contains another is masked whole. */
  private secrets(): string[] {
    const dynamic = this.current().filter((secret) => secret.length >= SHORTEST);
    return [...this.fixed, ...dynamic].sort((a, b) => b.length - a.length);
  }
}
