{# Profit = revenue - cost; NULL inputs count as 0, negative revenue (net of refunds) stays negative, negative costs are treated as 0. #}
{% macro calculate_profit(revenue, cost) -%}
  round(coalesce({{ revenue }}, 0) - greatest(coalesce({{ cost }}, 0), 0), 2)
{%- endmacro %}
