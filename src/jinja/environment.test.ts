import { describe, expect, it } from 'vitest';
import { Environment, Kwargs, MacroReturn, TemplateError, TemplateRuntimeError, TemplateSyntaxError, UndefinedError } from './index.js';

describe('JS calling convention', () => {
  it('passes keyword arguments to JS functions as one trailing Kwargs', () => {
    const seen: unknown[][] = [];
    const env = new Environment({ globals: { f: (...a: unknown[]) => (seen.push(a), 'ok') } });
    expect(env.renderString("{{ f(1, 'a', x=2) }}{{ f() }}")).toBe('okok');
    expect(seen[0]!.slice(0, 2)).toEqual([1, 'a']);
    expect(seen[0]![2]).toBeInstanceOf(Kwargs);
    expect((seen[0]![2] as Kwargs).values).toEqual({ x: 2 });
    expect(seen[1]).toEqual([]);
  });

  it('gives JS functions plain numbers for integral floats', () => {
    const seen: unknown[] = [];
    const env = new Environment({ globals: { f: (...a: unknown[]) => (seen.push(...a), '') } });
    env.renderString('{{ f(2.0, x=3.0) }}');
    expect(seen[0]).toBe(2);
    expect((seen[1] as Kwargs).values.x).toBe(3);
  });

  it('calls methods with `this` bound to their owner', () => {
    class Adapter {
      prefix = 'duckdb__';
      dispatch(name: string) {
        return (...args: unknown[]) => `${this.prefix}${name}(${args.join(',')})`;
      }
      get schema() {
        return 'main';
      }
    }
    const env = new Environment();
    expect(env.renderString("{{ adapter.dispatch('dateadd')('day', 1) }} {{ adapter.schema }}", { adapter: new Adapter() })).toBe(
      'duckdb__dateadd(day,1) main',
    );
  });

  it('lets JS call a macro with positional arguments and a Kwargs', () => {
    const env = new Environment();
    const mod = env.fromString('{% macro m(a, b=1) %}{{ a }}-{{ b }}{% endmacro %}').module();
    const m = mod.m as (...a: unknown[]) => unknown;
    expect(m('x')).toBe('x-1');
    expect(m('x', new Kwargs({ b: 2 }))).toBe('x-2');
    expect(m('x', undefined)).toBe('x-1');
    expect(m(new Kwargs({ a: 'y', b: undefined }))).toBe('y-1');
  });

  it('returns the MacroReturn value of a JS function instead of the macro text', () => {
    const env = new Environment({
      globals: {
        return: (v: unknown) => {
          throw new MacroReturn(v);
        },
      },
    });
    const t = env.fromString("{% macro cols() %}ignored{{ return(['a', 'b']) }}{% endmacro %}{{ cols() | join(',') }} {{ cols() | length }}");
    expect(t.render()).toBe('a,b 2');
    const cols = t.module().cols as () => unknown;
    expect(cols()).toEqual(['a', 'b']);
  });
});

describe('Template.module and macroNames', () => {
  it('lists top-level macros without running the template', () => {
    const env = new Environment();
    const t = env.fromString('{% macro a() %}{% endmacro %}{% if x %}{% macro hidden() %}{% endmacro %}{% endif %}{% macro b() %}{% endmacro %}{{ boom() }}');
    expect(t.macroNames).toEqual(['a', 'b']);
  });

  it('exports macros and top-level sets; macros resolve free names in the module context at call time', () => {
    const env = new Environment();
    const ctx: Record<string, unknown> = { suffix: '!' };
    const mod = env.fromString("{% set greeting = 'hi' %}{% macro greet(n) %}{{ greeting }} {{ n }}{{ suffix }} {{ helper() }}{% endmacro %}").module(ctx);
    expect(mod.greeting).toBe('hi');
    ctx.helper = () => 'late';
    expect((mod.greet as (n: string) => string)('ann')).toBe('hi ann! late');
  });
});

describe('contexts', () => {
  it('resolves names through a Proxy with a has trap', () => {
    const lookups: string[] = [];
    const ctx = new Proxy({} as Record<string, unknown>, {
      has: (_t, k) => typeof k === 'string' && k.startsWith('m_'),
      get: (_t, k) => {
        lookups.push(String(k));
        return typeof k === 'string' ? () => `<${k}>` : undefined;
      },
    });
    const env = new Environment();
    expect(env.renderString('{{ m_one() }}{{ other is defined }}', ctx)).toBe('<m_one>False');
    expect(lookups).toEqual(['m_one']);
  });

  it('gives Maps and plain objects Python dict methods', () => {
    const env = new Environment();
    const out = env.renderString("{{ m.items() | list }} {{ m.get('a') }} {{ o.keys() | list }} {{ o.get('z', 0) }} {{ s.upper() }}", {
      m: new Map([['a', 1]]),
      o: { x: 1, y: 2 },
      s: 'abc',
    });
    expect(out).toBe("[('a', 1)] 1 ['x', 'y'] 0 ABC");
  });

  it('renders template dicts as plain objects for JS consumers', () => {
    let received: unknown;
    const env = new Environment({ globals: { config: (...a: unknown[]) => ((received = a[a.length - 1]), '') } });
    env.renderString("{{ config(materialized='table', partition_by={'field': 'day'}, tags=['a']) }}");
    expect((received as Kwargs).values).toEqual({ materialized: 'table', partition_by: { field: 'day' }, tags: ['a'] });
  });
});

describe('filters, tests and undefined modes', () => {
  it('calls custom filters and tests with (value, ...args, Kwargs?)', () => {
    const env = new Environment({
      filters: { wrap: (v: unknown, l: unknown, k?: Kwargs) => `${String(l)}${String(v)}${String(k?.values.r ?? l)}` },
      tests: { short: (v: unknown) => String(v).length < 3 },
    });
    expect(env.renderString("{{ 'x' | wrap('[', r=']') }} {{ 'ab' is short }} {{ 'abcd' is short }}")).toBe('[x] True False');
  });

  it('strict mode refuses to render undefined values', () => {
    const env = new Environment({ undefinedMode: 'strict' });
    expect(() => env.renderString('{{ nope }}')).toThrow(UndefinedError);
    expect(env.renderString('{{ nope is defined }}{{ nope | default(1) }}')).toBe('False1');
  });

  it('caches compiled templates by name and source', () => {
    const env = new Environment();
    expect(env.fromString('{{ 1 }}', 'a')).toBe(env.fromString('{{ 1 }}', 'a'));
    expect(env.fromString('{{ 1 }}', 'a')).not.toBe(env.fromString('{{ 1 }}', 'b'));
  });
});

describe('errors', () => {
  it('names template, line and column of syntax errors', () => {
    const env = new Environment();
    try {
      env.fromString('select 1\n  {{ 1 + }}', 'models/x.sql');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateSyntaxError);
      const err = e as TemplateError;
      expect([err.templateName, err.line, err.column]).toEqual(['models/x.sql', 2, 10]);
      expect(err.message).toContain('models/x.sql, line 2');
    }
  });

  it('names the position of runtime errors and keeps the JS cause', () => {
    const boom = new Error('no such model');
    const env = new Environment({
      globals: {
        ref: () => {
          throw boom;
        },
      },
    });
    try {
      env.renderString("a\nb {{ ref('x') }}", {}, 'm.sql');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateRuntimeError);
      const err = e as TemplateRuntimeError;
      expect([err.templateName, err.line, err.column]).toEqual(['m.sql', 2, 6]);
      expect(err.cause).toBe(boom);
    }
  });

  it("reports attribute access on undefined as \"'x' is undefined\"", () => {
    const env = new Environment();
    expect(() => env.renderString('{{ x.y }}')).toThrow("'x' is undefined");
  });
});

describe('context objects', () => {
  it('calls context methods with the context as `this`', () => {
    class Ctx {
      prefix = 'p_';
      ref(name: string) {
        return this.prefix + name;
      }
    }
    expect(new Environment().renderString("{{ ref('orders') }}", new Ctx() as unknown as Record<string, unknown>)).toBe('p_orders');
  });

  it('keeps JS internals out of reach, as the Jinja sandbox does', () => {
    const env = new Environment();
    const out = env.renderString("[{{ o.constructor }}][{{ o._secret }}][{{ o.toString }}][{{ f.call }}][{{ d._k }}]", {
      o: new (class {
        _secret = 1;
      })(),
      f: () => 1,
      d: { _k: 'dict keys are data' },
    });
    expect(out).toBe('[][][][][dict keys are data]');
  });

  it('renders plain objects with their own toString through it', () => {
    expect(new Environment().renderString('{{ rel }}', { rel: { toString: () => '"db"."s"."t"' } })).toBe('"db"."s"."t"');
  });
});

describe('options for a dbt-style host', () => {
  it('lets custom block tags define macros', () => {
    const env = new Environment({ macroTags: { test: 'test_', docs: 'docs_' } });
    const t = env.fromString(
      '{% test not_null(model, column_name) %}select * from {{ model }} where {{ column_name }} is null{% endtest %}{% docs orders %}One row per order.{% enddocs %}',
    );
    expect(t.macroNames).toEqual(['test_not_null', 'docs_orders']);
    const mod = t.module();
    expect((mod.test_not_null as (...a: unknown[]) => string)('t', new Kwargs({ column_name: 'id' }))).toBe('select * from t where id is null');
    expect((mod.docs_orders as () => string)()).toBe('One row per order.');
    expect(() => new Environment().fromString('{% test x() %}{% endtest %}')).toThrow(TemplateSyntaxError);
  });

  it('lenient mode makes undefined names chainable and callable', () => {
    const env = new Environment({ undefinedMode: 'lenient' });
    expect(env.renderString("[{{ dbt_utils.star(from=ref('x')).upper() }}][{{ missing['k'].v }}]{% for x in nope.items() %}x{% endfor %}", {})).toBe(
      '[][]',
    );
  });
});
