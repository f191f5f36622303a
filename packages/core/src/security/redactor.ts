/** What a secret is replaced with. */
export const REDACTED = '*****';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Scrubs secret values from text: every occurrence, longest secret first (so one that contains
 * another goes whole), also JSON-escaped (a secret with a quote or a backslash inside a JSON
 * artifact). Secrets can be added as they become known (the target's, once the config is loaded).
 *
 * @example new Redactor(['hunter2']).redact('password=hunter2') // 'password=*****'
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | undefined;

  constructor(secrets: Iterable<string> = []) {
    this.add(secrets);
  }

  /** Adds secrets to scrub from now on. */
  add(secrets: Iterable<string>): void {
    for (const secret of secrets) {
      if (!secret) continue;
      this.secrets.add(secret);
      this.secrets.add(JSON.stringify(secret).slice(1, -1));
    }
    const sorted = [...this.secrets].sort((a, b) => b.length - a.length);
    this.pattern = sorted.length > 0 ? new RegExp(sorted.map(escape).join('|'), 'g') : undefined;
  }

  /** The text with every secret replaced by `*****`. */
  redact(text: string): string {
    return this.pattern && text ? text.replace(this.pattern, REDACTED) : text;
  }

  /** True when there is nothing to scrub. */
  get empty(): boolean {
    return this.secrets.size === 0;
  }
}
