import { defineModel, sql } from '@strata/core';
import staging from './schema';

/**
 * One row per title of the catalogue.
 *
 * Written in TypeScript because staging is the same few cleaning rules applied column after
 * column: each rule is named once, and every column it is applied to is checked against the
 * source's schema (a column the export does not have fails `tsc`).
 */
export default defineModel({
  sources: { 'app.shows': staging.sources.app.shows },
  query: (db, ctx) =>
    db.selectFrom('app.shows').select((eb) => {
      type Column = 'show_id' | 'title' | 'show_type' | 'genre' | 'release_year' | 'runtime_minutes';
      /** Surrounding blanks removed. */
      const trimmed = (column: Column) => eb.fn<string>('trim', [eb.ref(column)]);
      /** Trimmed and lower case: ids and codes. */
      const code = (column: Column) => eb.fn<string>('lower', [trimmed(column)]);
      /** A whole number typed as text in the export. */
      const integer = (column: Column) => sql<number>`cast(${eb.ref(column)} as ${ctx.macro('type_int')})`;
      return [
        code('show_id').as('show_id'),
        trimmed('title').as('title'),
        code('show_type').as('show_type'),
        code('genre').as('genre'),
        integer('release_year').as('release_year'),
        integer('runtime_minutes').as('runtime_minutes'),
      ];
    }),
});
