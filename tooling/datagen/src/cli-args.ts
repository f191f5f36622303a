/** Arguments of the `datagen` command: `--scale N --seed N --out DIR` (also `--flag=value`). */
export interface DatagenArgs {
  scale: number;
  seed: number;
  outDir: string;
  help?: boolean;
}

/** Parses datagen arguments over the given defaults. Throws an Error naming the bad argument. */
export function parseDatagenArgs(argv: string[], defaults: DatagenArgs): DatagenArgs {
  const options: DatagenArgs = { ...defaults };
  const args = argv.flatMap((a) => (a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a]));
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    if (flag === '--') continue;
    if (flag === '-h' || flag === '--help') {
      options.help = true;
      continue;
    }
    if (!['--scale', '--seed', '--out'].includes(flag)) throw new Error(`unknown option '${flag}'`);
    const value = args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--scale') {
      const scale = Number(value);
      if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`--scale must be a positive number, got '${value}'`);
      options.scale = scale;
    } else if (flag === '--seed') {
      const seed = Number(value);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got '${value}'`);
      options.seed = seed;
    } else options.outDir = value;
  }
  return options;
}
