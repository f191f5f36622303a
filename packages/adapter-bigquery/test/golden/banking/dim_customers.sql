with totals as (
  select
    customer_id,
    count(*) as transactions,
    sum(case when direction = 'debit' then amount_reporting else 0 end) as total_debits,
    sum(case when direction = 'credit' then amount_reporting else 0 end) as total_credits,
    max(transaction_at) as last_transaction_at
  from `strata-golden`.`banking_staging`.`stg_transactions`
  group by customer_id
),

signals as (
  select customer_id, count(*) as fraud_signals, max(score) as max_fraud_score
  from `strata-golden`.`banking_marts`.`fraud_signals`
  group by customer_id
),

flags as (
  select
    c.*,
    b.city as home_branch_city,
    c.kyc_status = 'verified' as is_kyc_verified,
    c.document_expiry_date is null or c.document_expiry_date < cast('2024-03-31' as DATE) as documents_expired,
    high_risk_residence.iso2 is not null or high_risk_nationality.iso2 is not null as is_high_risk_country
  from `strata-golden`.`banking_staging`.`stg_customers` as c
  left join `strata-golden`.`banking_staging`.`stg_branches` as b on b.branch_id = c.home_branch_id
  left join `strata-golden`.`banking_reference`.`high_risk_countries` as high_risk_residence on high_risk_residence.iso2 = c.residence_country
  left join `strata-golden`.`banking_reference`.`high_risk_countries` as high_risk_nationality on high_risk_nationality.iso2 = c.nationality
)

select
  flags.customer_id,
  flags.age,
  flags.account_type,
  flags.account_currency,
  flags.home_branch_id,
  flags.home_branch_city,
  flags.residence_country,
  flags.nationality,
  flags.kyc_status,
  flags.is_kyc_verified,
  flags.documents_expired,
  flags.is_high_risk_country,
  flags.is_pep,
  (case when flags.is_kyc_verified then 0 else 1 end
    + case when flags.documents_expired then 1 else 0 end
    + case when flags.is_high_risk_country then 1 else 0 end
    + case when flags.is_pep then 1 else 0 end) as kyc_risk_flags,
  coalesce(totals.transactions, 0) as transactions,
  round(coalesce(totals.total_debits, 0), 2) as total_debits,
  round(coalesce(totals.total_credits, 0), 2) as total_credits,
  round(coalesce(totals.total_credits, 0) - coalesce(totals.total_debits, 0), 2) as current_balance,
  totals.last_transaction_at,
  coalesce(signals.fraud_signals, 0) as fraud_signals,
  signals.max_fraud_score
from flags
left join totals on totals.customer_id = flags.customer_id
left join signals on signals.customer_id = flags.customer_id
