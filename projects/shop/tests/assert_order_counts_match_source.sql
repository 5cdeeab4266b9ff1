-- Orders and order lines in fct_orders equal the source.
select 'orders' as what from {{ ref('fct_orders') }}
having count(distinct order_id) <> (select count(*) from {{ source('shop_db', 'orders') }} o
                                    where exists (select 1 from {{ source('shop_db', 'order_items') }} i where i.order_id = o.order_id))
union all
select 'lines' from {{ ref('fct_orders') }}
having count(*) <> (select count(*) from {{ source('shop_db', 'order_items') }})
