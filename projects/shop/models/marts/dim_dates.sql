-- A generated calendar covering every order day; fiscal year starts in February.
with bounds as (
    select min(order_date) as lo, max(order_date) as hi from {{ ref('stg_orders') }}
),
days as (
    select cast(d as date) as date_day
    from bounds, range(cast(coalesce(lo, current_date) as timestamp), cast(coalesce(hi, current_date) + interval 366 day as timestamp), interval 1 day) t(d)
)
select
    date_day,
    cast(strftime(date_day, '%Y%m%d') as integer) as date_key,
    year(date_day) as year,
    quarter(date_day) as quarter,
    month(date_day) as month,
    monthname(date_day) as month_name,
    day(date_day) as day_of_month,
    isodow(date_day) as day_of_week,
    dayname(date_day) as day_name,
    isodow(date_day) in (6, 7) as is_weekend,
    case when month(date_day) >= 2 then year(date_day) + 1 else year(date_day) end as fiscal_year,
    ((month(date_day) + 10) % 12) // 3 + 1 as fiscal_quarter
from days
