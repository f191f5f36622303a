import { z } from 'zod';
import { defineSchemas, ref } from '@strata/core';

const plan = z.enum(['basic', 'standard', 'premium']);
const rate = (description: string) => z.number().min(0).max(1).meta({ description });

/** The public marts: what dashboards and services read. Their row types are exported from src/index.ts. */
export default defineSchemas({
  models: {
    fct_streams: {
      description: 'Viewing per title and UTC day, with completion and the title\'s rank within the day',
      columns: z.object({
        stream_date: z.iso.date().meta({ description: 'UTC day the sessions started' }),
        show_id: z.string().meta({ references: ref('stg_shows', 'show_id') }),
        title: z.string(),
        genre: z.string(),
        viewers: z.number().int().min(0).meta({ description: 'Distinct signed-in users who played the title that day' }),
        sessions: z.number().int().positive().meta({ description: 'Playback sessions, anonymous ones included' }),
        anonymous_sessions: z.number().int().min(0),
        minutes_watched: z.number().positive().meta({ description: 'Minutes watched across all sessions' }),
        completed_sessions: z.number().int().min(0).meta({ description: 'Sessions covering at least var(completion_threshold) of the runtime' }),
        completion_rate: rate('completed_sessions / sessions'),
        daily_rank: z.number().int().positive().meta({ description: 'rank() by minutes_watched within the day; 1 is the most watched' }),
      }),
      tests: [
        { name: 'unique_combination', columns: ['stream_date', 'show_id'] },
        { name: 'expression_is_true', expression: 'viewers + anonymous_sessions <= sessions' },
        { name: 'expression_is_true', expression: 'completed_sessions <= sessions' },
      ],
      contract: true,
    },
    dim_users: {
      description: 'One row per account: profile, subscription history (first and current plan, upgrades, churn) and lifetime viewing',
      columns: z.object({
        user_id: z.string().meta({ unique: true, references: ref('stg_users', 'user_id') }),
        country: z.string().length(2),
        signup_date: z.iso.date(),
        cohort_month: z.iso.date().meta({ description: 'First day of the signup month' }),
        first_plan: plan.nullable().meta({ description: 'Plan of the first subscription period' }),
        current_plan: plan.nullable().meta({ description: 'Plan of the open period; null when churned or never subscribed' }),
        subscription_status: z.enum(['active', 'churned', 'never_subscribed']),
        first_subscribed_at: z.iso.datetime().nullable(),
        plan_changes: z.number().int().min(0).meta({ description: 'upgrades + downgrades' }),
        upgrades: z.number().int().min(0),
        downgrades: z.number().int().min(0),
        churn_date: z.iso.date().nullable().meta({ description: 'Day the last period ended, when none is open' }),
        first_watch_date: z.iso.date().nullable(),
        last_watch_date: z.iso.date().nullable(),
        active_days: z.number().int().min(0),
        lifetime_sessions: z.number().int().min(0),
        lifetime_minutes_watched: z.number().min(0),
      }),
      tests: [
        { name: 'expression_is_true', expression: "(subscription_status = 'churned') = (churn_date is not null)" },
        { name: 'expression_is_true', expression: "(subscription_status = 'active') = (current_plan is not null)" },
        { name: 'expression_is_true', expression: 'plan_changes = upgrades + downgrades' },
      ],
      contract: true,
    },
    retention_analysis: {
      description: 'Monthly signup cohorts × months since signup: active users, retained users and retention rate (the cohort triangle)',
      columns: z.object({
        cohort_month: z.iso.date().meta({ description: 'First day of the signup month' }),
        months_since_signup: z.number().int().min(0),
        activity_month: z.iso.date().meta({ description: 'cohort_month + months_since_signup' }),
        cohort_size: z.number().int().positive(),
        active_users: z.number().int().min(0).meta({ description: 'Cohort members who watched in activity_month' }),
        active_rate: rate('active_users / cohort_size'),
        retained_users: z.number().int().min(0).meta({ description: 'Cohort members whose last viewing month is activity_month or later' }),
        retention_rate: rate('retained_users / cohort_size').meta({
          description: 'retained_users / cohort_size; never rises within a cohort',
          tests: [{ name: 'non_increasing', partition_by: 'cohort_month', order_by: 'months_since_signup' }],
        }),
      }),
      tests: [
        { name: 'unique_combination', columns: ['cohort_month', 'months_since_signup'] },
        { name: 'expression_is_true', expression: 'active_users <= retained_users and retained_users <= cohort_size' },
      ],
      contract: true,
    },
  },
});
