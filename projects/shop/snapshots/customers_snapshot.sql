{% snapshot customers_snapshot %}
{{
  config(
    target_schema='snapshots',
    unique_key='customer_id',
    strategy='check',
    check_cols=['segment', 'country']
  )
}}
-- Reads only the customers loaded since the newest version kept here: every earlier load was compared by an
-- earlier run, and a customer missing from the query is left as it is (hard deletes are not tracked), so the
-- versions come out as from a scan of all 500k customers at scale 10.
select customer_id, email, first_name, last_name, country, segment, created_at, updated_at, deleted_at, loaded_at
from {{ ref('stg_customers') }}
where loaded_at > {{ watermark('loaded_at') }}
{% endsnapshot %}
