-- Per customer: first and last order, order count, revenue (USD, revenue statuses only) and lifetime value.
select
    c.customer_id,
    min(i.order_date) as first_order_date,
    max(i.order_date) as last_order_date,
    count(distinct i.order_id) as orders,
    count(distinct case when i.is_revenue then i.order_id end) as revenue_orders,
    coalesce(sum(case when i.is_revenue then i.line_total_usd end), 0) as revenue_usd,
    coalesce(sum(case when i.is_revenue then i.cost_usd end), 0) as cost_usd,
    coalesce(sum(case when i.is_revenue then i.line_total_usd end), 0) as lifetime_value_usd
from {{ ref('stg_customers') }} c
left join {{ ref('int_order_items_enriched') }} i on i.customer_id = c.customer_id
group by c.customer_id
