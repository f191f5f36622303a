/**
 * Checks a generator's scale factor: a finite number above zero. Every domain generator calls
 * it, so the same bad input gets the same message everywhere.
 * @example assertScale(0) // RangeError: scale must be a positive number, got 0
 */
export function assertScale(scale: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  return scale;
}

/** Rows of an entity at a scale: `perScale × scale`, rounded, and never fewer than `minimum`. */
export function countAtScale(perScale: number, scale: number, minimum = 1): number {
  return Math.max(minimum, Math.round(perScale * assertScale(scale)));
}
