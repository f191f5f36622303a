/** Levenshtein distance, for "did you mean" hints on unknown names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/**
 * The closest candidate to `name`, when it is close enough to be a likely typo.
 * @example didYouMean('stg_order', ['stg_orders', 'dim_customers']) // 'stg_orders'
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** `did you mean 'x'?` or undefined, ready for an error's hint. */
export function suggestion(name: string, candidates: Iterable<string>): string | undefined {
  const match = didYouMean(name, candidates);
  return match ? `did you mean '${match}'?` : undefined;
}
