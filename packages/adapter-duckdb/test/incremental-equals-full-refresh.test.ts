import { afterAll, describe, expect, it } from 'vitest';
import { generatePlays, playsCsv } from './support/plays-data.js';
import { projectConfig, Warehouse, writeFiles, writeProject } from './support/warehouse.js';

/**
 * A streaming-style project: plays land in daily batches (with re-sent and late events); the
 * fact table merges on event_id, the daily rollup re-computes the last two days by
 * delete+insert — the shape of int_daily_streams / fct_streams.
 */
const FILES = {
  'strata.config.ts': projectConfig("sources: { events: { tables: ['plays'] } }, seeds: { schema: 'events' },").replace("sources: { raw: { tables: ['orders', 'events', 'customers'] } },\n", ''),
  'models/staging/stg_plays.sql': "select event_id, user_id, track_id, played_at, cast(played_at as date) as play_date, ms_played, loaded_at from {{ source('events', 'plays') }} where ms_played >= 0",
  'models/marts/fct_plays.sql': [
    "{{ config(materialized='incremental', unique_key='event_id', on_schema_change='fail') }}",
    'select event_id, user_id, track_id, played_at, play_date, ms_played, loaded_at from (',
    '  select *, row_number() over (partition by event_id order by loaded_at desc) as copy',
    "  from {{ ref('stg_plays') }}",
    '  {% if is_incremental() %} where loaded_at > (select max(loaded_at) from {{ this }}) {% endif %}',
    ') as latest where copy = 1',
  ].join('\n'),
  'models/marts/daily_plays.sql': [
    "{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key=['play_date', 'user_id']) }}",
    'select play_date, user_id, count(*) as plays, sum(ms_played) as ms_played, count(distinct track_id) as tracks',
    "from {{ ref('fct_plays') }}",
    "{% if is_incremental() %} where play_date >= (select {{ dateadd('day', -2, 'max(play_date)') }} from {{ this }}) {% endif %}",
    'group by play_date, user_id',
  ].join('\n'),
};

describe('an incremental build after one more day of raw data equals a full refresh', () => {
  const incremental = new Warehouse();
  const full = new Warehouse();
  afterAll(() => [incremental, full].forEach((w) => w.dispose()));

  it('on 30 days of plays with duplicates and late arrivals', async () => {
    const root = writeProject({ ...FILES, 'seeds/plays.csv': playsCsv(generatePlays(29)) });
    await incremental.ok(root);
    const all = generatePlays(30);
    writeFiles(root, { 'seeds/plays.csv': playsCsv(all) });
    const step = await incremental.ok(root);
    expect(step.results.find((r) => r.name === 'fct_plays')!.message).toBe('incremental merge');
    expect(step.results.find((r) => r.name === 'daily_plays')!.message).toBe('incremental delete+insert');
    await full.ok(root, 'build', { fullRefresh: true });

    const fct = 'select * from shop_marts.fct_plays order by event_id';
    const daily = 'select * from shop_marts.daily_plays order by play_date, user_id';
    const fullFct = await full.query(fct);
    const fullDaily = await full.query(daily);
    expect(await incremental.query(fct)).toEqual(fullFct);
    expect(await incremental.query(daily)).toEqual(fullDaily);

    // Independent of both builds: one fact row per event, and the day-30 batch's late plays
    // counted on day 29.
    const events = new Map(all.map((p) => [p.event_id, p]));
    expect(fullFct.length).toBe(events.size);
    const day29 = [...events.values()].filter((p) => p.played_at.startsWith('2024-03-29'));
    const rows29 = fullDaily.filter((r) => (r.play_date as Date).toISOString().startsWith('2024-03-29'));
    expect(rows29.reduce((n, r) => n + Number(r.plays), 0)).toBe(day29.length);
    expect(rows29.reduce((n, r) => n + Number(r.ms_played), 0)).toBe(day29.reduce((n, p) => n + p.ms_played, 0));
    expect(day29.some((p) => p.loaded_at.startsWith('2024-03-30'))).toBe(true);

    // The same incremental build again changes nothing.
    await incremental.ok(root);
    expect(await incremental.query(fct)).toEqual(fullFct);
    expect(await incremental.query(daily)).toEqual(fullDaily);
    // Three builds of the streaming domain: seconds on a quiet machine, more on a busy one.
  }, 60_000);
});
