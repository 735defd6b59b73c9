"""The README's backfill command, run with the real `airflow` CLI in dry-run mode (renders
every task's templates for every run of the range, submits nothing)."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
from conftest import VENV_BIN

RENDERED_JOB = re.compile(r"^ci-airq-(ingest|transform|compliance|load)-(\d{4}-\d{2}-\d{2})$")


def backfill_dry_run(start: str, end: str) -> list[tuple[str, str]]:
    out = subprocess.run(
        [str(VENV_BIN / "airflow"), "dags", "backfill", "--dry-run", "-s", start, "-e", end,
         "ci-airq-daily"],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO"},
        timeout=120,
    )
    lines = [line.rsplit(" - ", 1)[-1].strip() for line in (out.stdout + out.stderr).splitlines()]
    return sorted({(m[2], m[1]) for m in map(RENDERED_JOB.match, lines) if m})


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        # The README form: Brussels midnights with their offsets (CEST before, CET after DST).
        ("2024-10-26T00:00:00+02:00", "2024-10-28T00:00:00+01:00",
         ["2024-10-26", "2024-10-27", "2024-10-28"]),
        # Bare dates are UTC midnights: the first day is missed.
        ("2024-10-26", "2024-10-28", ["2024-10-27", "2024-10-28"]),
    ],
)
def test_backfill_cli_renders_one_run_per_brussels_day(start: str, end: str, days: list[str]) -> None:
    assert backfill_dry_run(start, end) == [
        (day, step) for day in days for step in ("compliance", "ingest", "load", "transform")
    ]
