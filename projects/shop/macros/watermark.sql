{#- True when this incremental model's table already has `column` (a column added to the model appears only
    after its first incremental run; until then nothing can be read from it). -#}
{% macro this_has_column(column) -%}
{%- set names = [] -%}
{%- for c in adapter.get_columns_in_relation(this) -%}{%- do names.append(c.name | lower) -%}{%- endfor -%}
{{- return(column | lower in names) -}}
{%- endmacro %}

{#- The newest `column` value already in this incremental model; 1900-01-01 when it has none yet
    (an empty table, or a column the table does not have yet), so such a run picks up every row. -#}
{% macro watermark(column) -%}
{%- if this_has_column(column) -%}
coalesce((select max({{ column }}) from {{ this }}), cast('1900-01-01' as timestamp))
{%- else -%}
cast('1900-01-01' as timestamp)
{%- endif -%}
{%- endmacro %}

{#- `or <expr> in (...)` over the keys of this model's rows converted at a fallback rate (the day's rate may
    have arrived since), so a run converts them again; nothing while the table has no `fx_is_fallback` yet. -#}
{% macro or_fallback_rate_rows(expr, key) -%}
{%- if this_has_column('fx_is_fallback') -%}
or {{ expr }} in (select {{ key }} from {{ this }} where fx_is_fallback)
{%- endif -%}
{%- endmacro %}
