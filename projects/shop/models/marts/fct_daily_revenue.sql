select
    order_date,
    count(distinct order_id) as orders,
    count(*) as order_lines,
    count(distinct customer_id) as customers,
    sum(line_total_usd) as revenue_usd
from {{ ref('fct_orders') }}
where is_revenue
group by order_date
