"""docs/operations.md's table of DAG settings lists exactly the settings dags/airq_dag.py reads,
with the defaults the code has."""

from __future__ import annotations

import re

from conftest import ROOT

import airq_dag

ROW = re.compile(r"^\| `(?P<key>[a-z_]+)`\s+\| `(?P<default>[^`]*)`\s+\|")


def documented_settings() -> dict[str, str]:
    """The rows of the table whose header starts with "| key", as key -> default."""
    lines = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| key "))
    rows: dict[str, str] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        match = ROW.match(line)
        assert match, f"not a `key` | `default` row: {line}"
        rows[match["key"]] = match["default"]
    return rows


def test_docs_settings_table_matches_the_dag_defaults() -> None:
    assert documented_settings() == airq_dag.DEFAULTS

