-- fct_payments holds every charge once, with the charged amounts and non-failed refunds of the source,
-- and never more refunded than charged.
with mart as (
    select count(*) as n, sum(amount) as amount, sum(refunded) as refunded, count(*) filter (where refunded_usd > amount_usd + 0.01) as over_refunded
    from {{ ref('fct_payments') }}
),
src as (
    select count(*) as n, sum(amount) as amount from {{ ref('stg_payments') }}
),
refunds as (
    select coalesce(sum(r.amount), 0) as refunded
    from {{ ref('stg_refunds') }} r
    where r.status <> 'failed' and r.charge_id in (select charge_id from {{ ref('stg_payments') }})
)
select mart.*, src.n as source_n, src.amount as source_amount, refunds.refunded as source_refunded
from mart, src, refunds
where mart.n <> src.n
   or abs(coalesce(mart.amount, 0) - coalesce(src.amount, 0)) > 0.005
   or abs(coalesce(mart.refunded, 0) - refunds.refunded) > 0.005
   or mart.over_refunded > 0
