import pc from 'picocolors';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Visible length of a string with ANSI colours. */
// eslint-disable-next-line no-control-regex
const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').length;

/**
 * The live status line of a terminal run: a bar, completed/total, the nodes running now and the
 * elapsed time, redrawn in place (10 times a second) under the lines of finished nodes.
 */
export class LiveProgress {
  private total = 0;
  private done = 0;
  private readonly running = new Map<string, { name: string; since: number }>();
  private readonly started: number;
  private frame = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private drawn = false;

  constructor(
    private readonly write: (chunk: string) => void,
    private readonly columns = 100,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Starts the redraw timer. */
  start(total: number): void {
    this.total = total;
    this.render();
    this.timer ??= setInterval(() => this.render(), 100);
    this.timer.unref?.();
  }

  nodeStarted(id: string, name: string): void {
    this.running.set(id, { name, since: this.now() });
    this.render();
  }

  /** Prints a finished node's line above the status line. */
  nodeFinished(id: string, line: string, done: number): void {
    this.running.delete(id);
    this.done = done;
    this.print(line);
  }

  /** Prints any line above the status line. */
  print(line: string): void {
    this.clearLine();
    this.write(line + '\n');
    this.render();
  }

  /** Removes the status line and stops redrawing. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearLine();
  }

  /** The status line as it would be drawn now (without the clear codes). */
  statusLine(): string {
    const width = 20;
    const filled = this.total === 0 ? 0 : Math.round((this.done / this.total) * width);
    const bar = pc.green('█'.repeat(filled)) + pc.dim('░'.repeat(width - filled));
    const elapsed = ((this.now() - this.started) / 1000).toFixed(1);
    const running = [...this.running.values()].sort((a, b) => a.since - b.since);
    const names = running.slice(0, 3).map((r) => `${r.name} ${pc.dim(`${((this.now() - r.since) / 1000).toFixed(1)}s`)}`);
    const more = running.length > 3 ? pc.dim(` +${running.length - 3} more`) : '';
    const spinner = pc.cyan(SPINNER[this.frame % SPINNER.length]!);
    const head = `${spinner} ${bar} ${this.done}/${this.total} · ${elapsed}s`;
    const line = running.length > 0 ? `${head} · running ${names.join(', ')}${more}` : head;
    return this.truncate(line);
  }

  private truncate(line: string): string {
    if (visible(line) <= this.columns - 1) return line;
    // Cut on the plain text so no escape sequence is split; colours end with the reset below.
    // eslint-disable-next-line no-control-regex
    const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
    return plain.slice(0, this.columns - 2) + '…';
  }

  private render(): void {
    this.frame++;
    this.write(`\r\x1b[2K${this.statusLine()}`);
    this.drawn = true;
  }

  private clearLine(): void {
    if (this.drawn) this.write('\r\x1b[2K');
    this.drawn = false;
  }
}
