-- Every source customer has exactly one current version in dim_customers.
select 'customers' as what from {{ ref('dim_customers') }}
where is_current
having count(*) <> (select count(*) from {{ source('shop_db', 'customers') }})
    or count(distinct customer_id) <> count(*)
