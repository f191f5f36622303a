import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

/**
 * Raw tables arrive as text (every column VARCHAR) because the exports are dirty; staging
 * parses them. Raw checks are therefore only the ones the loaders guarantee: keys present.
 */
const text = (description: string) => z.string().nullable().meta({ description });

export default defineSchemas({
  sources: {
    events: {
      watch_history: {
        description: 'Client event log: one row per playback session upload. Retries repeat an event_id.',
        columns: z.object({
          event_id: z.string().meta({ description: 'Client-generated event id; a retried upload repeats it' }),
          user_id: text('Account id as the client sent it (any case, stray spaces); empty for logged-out playback'),
          show_id: z.string().meta({ description: 'Catalogue id of the title played' }),
          event_timestamp: text('Session start: epoch milliseconds or ISO-8601 text, depending on the client'),
          session_duration: text('Seconds (`1834`) or `HH:MM:SS`; negative or absurd when the client clock misbehaves'),
          device: text('tv, mobile, web or tablet, in any case'),
        }),
      },
    },
    app: {
      users: {
        description: 'Accounts of the application database',
        columns: z.object({
          user_id: z.string().meta({ description: 'Account id (an old import upper-cased some)' }),
          email: z.string().nullable().meta({ pii: true, description: 'Login e-mail' }),
          country: text('ISO 3166 alpha-2 country of the billing address'),
          signup_at: text('Account creation time, ISO-8601 in several spellings'),
        }),
      },
      shows: {
        description: 'The catalogue: one row per title',
        columns: z.object({
          show_id: z.string().meta({ description: 'Catalogue id' }),
          title: z.string(),
          show_type: text('series or film'),
          genre: text('Primary genre'),
          release_year: text('Year of first release'),
          runtime_minutes: text('Episode length for series, film length for films'),
        }),
      },
      subscriptions: {
        description: 'Billing: one row per period on one plan',
        columns: z.object({
          subscription_id: z.string().meta({ description: 'Billing period id' }),
          user_id: z.string(),
          plan: text('basic, standard or premium, in any case'),
          monthly_price: text('Price of the plan per month, EUR'),
          started_at: text('Start of the period'),
          ended_at: text('End of the period; empty while it is current'),
        }),
      },
    },
  },
  models: {
    stg_watch_history: {
      description: 'One row per valid playback session: deduplicated by event_id, timestamps in UTC, durations in seconds',
      columns: z.object({
        event_id: z.string().meta({ unique: true, description: 'Event id (retries removed)' }),
        user_id: z.string().regex(/^u[0-9]+$/).nullable().meta({ references: ref('stg_users', 'user_id'), description: 'Normalised account id; null for anonymous playback' }),
        is_anonymous: z.boolean().meta({ description: 'True when no account was signed in' }),
        show_id: z.string().meta({ references: ref('stg_shows', 'show_id') }),
        started_at: z.iso.datetime().meta({ description: 'Session start, UTC' }),
        stream_date: z.iso.date().meta({ description: 'UTC date of the session start' }),
        watch_seconds: z.number().int().positive().max(43200).meta({ description: 'Seconds watched, 1 s to 12 h' }),
        watch_minutes: z.number().positive().max(720),
        device: z.enum(['tv', 'mobile', 'web', 'tablet']),
      }),
      tests: [{ name: 'row_count_between', min: 1 }],
    },
    stg_users: {
      description: 'One row per account, ids normalised, e-mail hashed',
      columns: z.object({
        user_id: z.string().regex(/^u[0-9]+$/).meta({ unique: true }),
        email_hash: z.string().length(32).meta({ description: 'md5 of the lower-cased e-mail' }),
        country: z.string().length(2),
        signed_up_at: z.iso.datetime(),
        signup_date: z.iso.date(),
      }),
    },
    stg_shows: {
      description: 'One row per title of the catalogue',
      columns: z.object({
        show_id: z.string().meta({ unique: true }),
        title: z.string().min(1),
        show_type: z.enum(['series', 'film']),
        genre: z.enum(['drama', 'comedy', 'documentary', 'thriller', 'kids', 'scifi']),
        release_year: z.number().int().min(1900).max(2100),
        runtime_minutes: z.number().int().positive().max(300),
      }),
    },
    stg_subscriptions: {
      description: 'One row per period on one plan; a plan change closes one period and opens the next',
      columns: z.object({
        subscription_id: z.string().meta({ unique: true }),
        user_id: z.string().meta({ references: ref('stg_users', 'user_id') }),
        plan: z.enum(['basic', 'standard', 'premium']),
        plan_rank: z.number().int().min(1).max(3).meta({ description: '1 basic, 2 standard, 3 premium' }),
        monthly_price: z.number().positive().max(100),
        started_at: z.iso.datetime(),
        ended_at: z.iso.datetime().nullable().meta({ description: 'Null while the period is current' }),
      }),
      tests: [{ name: 'expression_is_true', expression: 'ended_at is null or ended_at >= started_at' }],
    },
  },
});
