-- Per charge, refunds never exceed the amount charged.
select p.charge_id, p.amount, sum(r.amount) as refunded
from {{ ref('stg_refunds') }} r
join {{ ref('stg_payments') }} p on p.charge_id = r.charge_id
where r.status <> 'failed'
group by p.charge_id, p.amount
having sum(r.amount) > p.amount
