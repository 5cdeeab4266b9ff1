#!/usr/bin/env python3
"""Regenerates the golden outputs of the Jinja conformance cases with real Jinja2.

Reads every test/jinja/cases/*.yaml (a list of {name, template, context?, fixtures?})
and writes test/jinja/goldens/<same stem>.json: for each case its template, context and
fixtures as Jinja2 saw them (so both engines get identical input) plus either
{"output": "..."} or {"error": {"type", "message", "line", "syntax"}}.

Jinja2 is configured as dbt configures it: SandboxedEnvironment with the `do` and
`loopcontrols` extensions, trim_blocks/lstrip_blocks off, keep_trailing_newline off.
The fixtures (adapter, this, ref, var, config, log) mirror test/jinja/fixtures.ts.

Usage: python3 scripts/jinja-goldens.py
"""
import json
import pathlib
import sys

import jinja2
import yaml
import jinja2.sandbox

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "test" / "jinja" / "cases"
GOLDENS = ROOT / "test" / "jinja" / "goldens"


class Relation:
    def __init__(self, database, schema, identifier):
        self.database = database
        self.schema = schema
        self.identifier = identifier
        self.name = identifier

    def __str__(self):
        return f'"{self.database}"."{self.schema}"."{self.identifier}"'

    def render(self):
        return str(self)

    def include(self, database=True, schema=True, identifier=True):
        parts = ((self.database, database), (self.schema, schema), (self.identifier, identifier))
        return ".".join(f'"{p}"' for p, keep in parts if keep)


class Adapter:
    def __init__(self):
        self.config = {"quoting": {"identifier": True}, "threads": 4}

    def quote(self, identifier):
        return f'"{identifier}"'

    def type(self):
        return "duckdb"

    def dispatch(self, macro_name, macro_namespace=None):
        prefix = (macro_namespace + ".") if macro_namespace else ""

        def dispatched(*args, **kwargs):
            parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            return f"duckdb__{prefix}{macro_name}({', '.join(parts)})"

        return dispatched

    def get_columns_in_relation(self, relation):
        return [Column("id", "integer"), Column("name", "varchar"), Column("amount", "decimal(18,2)")]


class Column:
    def __init__(self, name, dtype):
        self.name = name
        self.column = name
        self.dtype = dtype
        self.data_type = dtype

    def is_number(self):
        return self.dtype.startswith("integer") or self.dtype.startswith("decimal")

    def is_string(self):
        return self.dtype.startswith("varchar")


class Config:
    def __init__(self, values):
        self._values = values

    def __call__(self, **kwargs):
        self._values.update(kwargs)
        return ""

    def get(self, key, default=None):
        return self._values.get(key, default)

    def require(self, key):
        return self._values[key]


def make_fixtures(names):
    out = {}
    variables = {"start_date": "2024-01-01", "limit": 10, "flags": {"full": True}}
    for name in names:
        if name == "adapter":
            out["adapter"] = Adapter()
        elif name == "this":
            out["this"] = Relation("analytics", "marts", "orders")
        elif name == "ref":
            out["ref"] = lambda model, v=None: Relation("analytics", "main", model)
        elif name == "source":
            out["source"] = lambda src, table: Relation("raw", src, table)
        elif name == "var":
            out["var"] = lambda key, default=None: variables.get(key, default)
        elif name == "config":
            out["config"] = Config({"materialized": "view", "tags": ["daily"]})
        elif name == "log":
            out["log"] = lambda msg, info=False: ""
        else:
            raise SystemExit(f"unknown fixture {name}")
    return out


def make_env():
    return jinja2.sandbox.SandboxedEnvironment(extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"])


def run_case(case):
    env = make_env()
    context = dict(case.get("context") or {})
    context.update(make_fixtures(case.get("fixtures") or []))
    try:
        template = env.from_string(case["template"])
        return {"output": template.render(**context)}
    except jinja2.TemplateSyntaxError as e:
        return {"error": {"type": type(e).__name__, "message": e.message, "line": e.lineno, "syntax": True}}
    except Exception as e:  # noqa: BLE001 - every runtime failure is recorded as a golden error
        return {"error": {"type": type(e).__name__, "message": str(e), "line": None, "syntax": False}}


def main():
    GOLDENS.mkdir(parents=True, exist_ok=True)
    total = 0
    for path in sorted(CASES.glob("*.yaml")):
        cases = yaml.safe_load(path.read_text())
        seen = set()
        goldens = {}
        for case in cases:
            if case["name"] in seen:
                raise SystemExit(f"{path.name}: duplicate case name {case['name']!r}")
            seen.add(case["name"])
            goldens[case["name"]] = {
                "template": case["template"],
                "context": case.get("context") or {},
                "fixtures": case.get("fixtures") or [],
                **run_case(case),
            }
        out = {"jinja2": jinja2.__version__, "cases": goldens}
        (GOLDENS / (path.stem + ".json")).write_text(json.dumps(out, indent=1, ensure_ascii=False, sort_keys=False) + "\n")
        total += len(cases)
    print(f"wrote goldens for {total} cases with Jinja2 {jinja2.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
