/** A short sentence of what a check asserts, from its manifest `test_metadata.kwargs`. */
export function describeCheck(kind: string, kwargs: Record<string, unknown>): string {
  const k = kwargs as Record<string, any>;
  const list = (values: unknown[]) => values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
  const range = (min: unknown, max: unknown) =>
    min !== undefined && max !== undefined ? `between ${min} and ${max}` : min !== undefined ? `at least ${min}` : max !== undefined ? `at most ${max}` : 'any value';
  switch (kind) {
    case 'not_null':
      return 'never null';
    case 'unique':
      return 'unique';
    case 'accepted_values':
      return `one of ${list(k.values ?? [])}`;
    case 'not_accepted_values':
      return `none of ${list(k.values ?? [])}`;
    case 'between':
      return range(k.min, k.max);
    case 'length_between':
      return `length ${range(k.min, k.max)}`;
    case 'matches_pattern':
      return k.format ? `a valid ${k.format}` : `matches /${k.pattern}/`;
    case 'relationships':
      return `every value exists in ${k.to?.project ? `${k.to.project}.` : ''}${k.to?.model}.${k.to?.column}`;
    case 'expression_is_true':
      return String(k.expression);
    case 'unique_combination':
      return `(${(k.columns ?? []).join(', ')}) unique together`;
    case 'row_count_between':
      return `row count ${range(k.min, k.max)}`;
    case 'row_count_equal':
      return `row count equals ${k.to?.model}${k.factor && k.factor !== 1 ? ` × ${k.factor}` : ''}`;
    case 'recent_data':
      return `newest value within ${k.interval} ${k.datepart ?? 'day'}(s)`;
    case 'aggregate_between':
      return `${k.stat} ${range(k.min, k.max)}`;
    case 'column_pair_greater':
      return `${k.columnA} ${k.orEqual ? '>=' : '>'} ${k.columnB}`;
    case 'monotonic':
      return `${k.strictly ? 'strictly ' : ''}${k.direction} by ${k.orderBy}`;
    case 'generic':
      return `${k.macro}(${Object.entries(k.args ?? {}).map(([a, v]) => `${a}=${JSON.stringify(v)}`).join(', ')})`;
    default: {
      const rest = Object.fromEntries(Object.entries(k).filter(([key]) => key !== 'kind' && key !== 'column'));
      return Object.keys(rest).length > 0 ? JSON.stringify(rest) : kind;
    }
  }
}
