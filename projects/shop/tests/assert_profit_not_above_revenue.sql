-- Business rule: profit can never exceed revenue.
select * from {{ ref('customer_profit') }} where profit_usd > revenue_usd + 0.005
