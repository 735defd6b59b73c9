"""Contract of dags/airq_dag.py in real Airflow 2.10.3 (the MWAA version): parse, schedule,
timezone, retries, task order, operator arguments, and the date each run processes."""

from __future__ import annotations

import copy
from datetime import timedelta

import pendulum
import pytest
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.models import DagBag, DagRun, Variable
from airflow.timetables.base import DataInterval, TimeRestriction
from airflow.timetables.interval import CronDataIntervalTimetable
from airflow.utils.session import create_session
from airflow.utils.state import DagRunState
from airflow.utils.types import DagRunType
from conftest import DAGS

import airq_dag

BRUSSELS = "Europe/Brussels"
DAILY = "ci-airq-daily"
BACKFILL = "ci-airq-backfill"


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS), include_examples=False)


def brussels(*args: int) -> pendulum.DateTime:
    return pendulum.datetime(*args, tz=BRUSSELS)


def test_dagbag_imports_both_dags_without_errors(dagbag: DagBag) -> None:
    assert dagbag.import_errors == {}
    assert sorted(dagbag.dag_ids) == [BACKFILL, DAILY]


def test_daily_dag_runs_at_brussels_midnight_with_a_data_interval(dagbag: DagBag) -> None:
    dag = dagbag.get_dag(DAILY)
    assert isinstance(dag.timetable, CronDataIntervalTimetable)
    assert dag.timetable.summary == "0 0 * * *"
    assert dag.timezone.name == BRUSSELS
    assert dag.start_date == brussels(2024, 1, 1)
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.tags == ["airq"]


def test_daily_dag_retries_each_step_twice_after_15_minutes(dagbag: DagBag) -> None:
    dag = dagbag.get_dag(DAILY)
    assert dag.default_args["retries"] == 2
    assert dag.default_args["retry_delay"] == timedelta(minutes=15)
    for task in dag.tasks:
        assert task.retries == 2
        assert task.retry_delay == timedelta(minutes=15)
        assert task.execution_timeout == timedelta(hours=3)


def test_daily_dag_orders_ingest_then_transform_then_compliance_then_load(dagbag: DagBag) -> None:
    dag = dagbag.get_dag(DAILY)
    assert [t.task_id for t in dag.topological_sort()] == [
        "ingest",
        "transform",
        "compliance",
        "load",
    ]
    assert dag.get_task("ingest").upstream_task_ids == set()
    assert dag.get_task("ingest").downstream_task_ids == {"transform"}
    assert dag.get_task("transform").downstream_task_ids == {"compliance"}
    assert dag.get_task("compliance").downstream_task_ids == {"load"}
    assert dag.get_task("load").downstream_task_ids == set()


@pytest.mark.parametrize("step", ["ingest", "transform", "compliance", "load"])
def test_daily_dag_step_submits_its_job_definition_with_the_run_date(
    dagbag: DagBag, step: str
) -> None:
    task = dagbag.get_dag(DAILY).get_task(step)
    assert type(task).__name__ == "AirqBatchOperator"
    assert task.job_definition == f"ci-airq-{step}"
    assert task.job_queue == "ci-queue"
    assert task.job_name == f"ci-airq-{step}-{airq_dag.RUN_DATE}"
    assert task.container_overrides == {
        "command": [step, "--date", airq_dag.RUN_DATE, "--lookback-days", "2"]
    }
    assert task.array_properties is None
    assert task.aws_conn_id == "aws_default"
    assert task.region_name == "eu-west-1"
    assert task.deferrable is False
    assert task.awslogs_enabled is False
    assert task.wait_for_completion is True
    assert task.tags == {"app": "airq", "dag": DAILY, "step": step}


def _render(dag, step: str, logical_date, interval: DataInterval, run_type: DagRunType) -> dict:
    """Create a real DagRun for the interval and render the step's templates."""
    with create_session() as session:  # the session's database is shared by all DAG tests
        session.query(DagRun).filter(DagRun.dag_id == dag.dag_id).delete()
    run = dag.create_dagrun(
        run_id=f"{run_type.value}__{logical_date.isoformat()}",
        run_type=run_type,
        execution_date=logical_date,
        data_interval=interval,
        state=DagRunState.RUNNING,
        external_trigger=run_type == DagRunType.MANUAL,
    )
    ti = run.get_task_instance(step)
    ti.task = copy.deepcopy(dag.get_task(step))  # rendering writes onto the operator
    context = ti.get_template_context()
    ti.render_templates(context=context)
    return {"overrides": ti.task.container_overrides, "job_name": ti.task.job_name,
            "ds": context["ds"]}


def _scheduled_interval(dag, day: pendulum.DateTime) -> DataInterval:
    """The interval the scheduler gives the run that follows the run of `day - 1`."""
    previous = DataInterval(day.subtract(days=1), day)
    info = dag.timetable.next_dagrun_info(
        last_automated_data_interval=previous,
        restriction=TimeRestriction(earliest=dag.start_date, latest=None, catchup=True),
    )
    return info.data_interval


@pytest.mark.parametrize(
    ("day", "expected_date", "hours", "utc_ds"),
    [
        # an ordinary winter day (CET, +01:00): the interval starts 23:00 UTC the day before
        ((2024, 11, 20), "2024-11-20", 24, "2024-11-19"),
        # spring forward: 23 hours
        ((2024, 3, 31), "2024-03-31", 23, "2024-03-30"),
        # fall back: 25 hours
        ((2024, 10, 27), "2024-10-27", 25, "2024-10-26"),
        # a summer day (CEST, +02:00)
        ((2024, 7, 1), "2024-07-01", 24, "2024-06-30"),
    ],
)
def test_scheduled_run_passes_the_brussels_day_of_its_interval_not_ds(
    dagbag: DagBag, day: tuple[int, int, int], expected_date: str, hours: int, utc_ds: str
) -> None:
    dag = dagbag.get_dag(DAILY)
    dag.sync_to_db()
    start = brussels(*day)
    interval = _scheduled_interval(dag, start)
    assert interval.start == start
    assert interval.end == start.add(days=1)
    assert (interval.end - interval.start).in_hours() == hours
    rendered = _render(dag, "ingest", interval.start, interval, DagRunType.SCHEDULED)
    assert rendered["overrides"] == {
        "command": ["ingest", "--date", expected_date, "--lookback-days", "2"]
    }
    assert rendered["job_name"] == f"ci-airq-ingest-{expected_date}"
    # Why the DAG does not use {{ ds }}: it is the UTC date of the interval start.
    assert rendered["ds"] == utc_ds


@pytest.mark.parametrize("time", [(0, 0), (9, 30), (23, 59)])
def test_manual_trigger_processes_the_brussels_day_that_ended_before_it(
    dagbag: DagBag, time: tuple[int, int]
) -> None:
    dag = dagbag.get_dag(DAILY)
    dag.sync_to_db()
    # `airflow dags trigger -e 2024-10-28T00:00:00+01:00 ci-airq-daily` (or 09:30, 23:59)
    run_after = brussels(2024, 10, 28, *time)
    interval = dag.timetable.infer_manual_data_interval(run_after=run_after)
    assert interval == DataInterval(brussels(2024, 10, 27), brussels(2024, 10, 28))
    rendered = _render(dag, "transform", run_after, interval, DagRunType.MANUAL)
    assert rendered["overrides"] == {
        "command": ["transform", "--date", "2024-10-27", "--lookback-days", "2"]
    }


def test_daily_compliance_reaches_into_the_previous_year_in_january(dagbag: DagBag) -> None:
    dag = dagbag.get_dag(DAILY)
    dag.sync_to_db()
    run_after = brussels(2025, 1, 2)
    interval = dag.timetable.infer_manual_data_interval(run_after=run_after)
    rendered = _render(dag, "compliance", run_after, interval, DagRunType.MANUAL)
    # The task builds every year of 2024-12-30..2025-01-01: 2024 and 2025.
    assert rendered["overrides"] == {
        "command": ["compliance", "--date", "2025-01-01", "--lookback-days", "2"]
    }


def test_backfill_range_in_brussels_time_yields_one_run_per_day(dagbag: DagBag) -> None:
    # `airflow dags backfill -s 2024-10-26T00:00:00+02:00 -e 2024-10-28T00:00:00+01:00 ...`
    dag = dagbag.get_dag(DAILY)
    infos = dag.iter_dagrun_infos_between(
        brussels(2024, 10, 26), brussels(2024, 10, 28), align=True
    )
    days = [i.data_interval.start.in_timezone(BRUSSELS).strftime("%Y-%m-%d") for i in infos]
    assert days == ["2024-10-26", "2024-10-27", "2024-10-28"]


def test_backfill_range_given_as_bare_utc_dates_is_shifted_by_one_day(dagbag: DagBag) -> None:
    # Bare dates are UTC midnights = 01:00/02:00 in Brussels: the range misses its first
    # day. The README's backfill commands therefore always carry the +01:00/+02:00 offset.
    dag = dagbag.get_dag(DAILY)
    infos = dag.iter_dagrun_infos_between(
        pendulum.datetime(2024, 10, 26, tz="UTC"), pendulum.datetime(2024, 10, 28, tz="UTC")
    )
    days = [i.data_interval.start.in_timezone(BRUSSELS).strftime("%Y-%m-%d") for i in infos]
    assert days == ["2024-10-27", "2024-10-28"]


def test_backfill_dag_is_manual_with_date_params(dagbag: DagBag) -> None:
    dag = dagbag.get_dag(BACKFILL)
    assert dag.timetable.summary == "None"
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.params["date_from"] == "2024-01-01"
    assert dag.params["date_to"] == "2024-01-31"
    steps = ["ingest", "transform", "compliance", "load"]
    assert [t.task_id for t in dag.topological_sort()] == steps
    assert [dag.get_task(s).array for s in steps] == [True, True, False, False]
    compliance = dag.get_task("compliance")
    assert compliance.container_overrides == {
        "command": [
            "compliance",
            "--date",
            "{{ params.date_from }}",
            "--to",
            "{{ params.date_to }}",
        ]
    }
    task = dag.get_task("load")
    assert type(task).__name__ == "AirqRangeBatchOperator"
    assert task.job_definition == "ci-airq-load"
    assert task.container_overrides == {
        "command": ["load", "--date", "{{ params.date_from }}", "--to", "{{ params.date_to }}"]
    }
    assert task.job_name == "ci-airq-load-{{ params.date_from }}-{{ params.date_to }}"


@pytest.mark.parametrize(
    ("date_from", "date_to", "days"),
    [("2024-01-01", "2024-01-01", 1), ("2024-01-01", "2024-12-31", 366),
     ("2024-03-30", "2024-04-01", 3)],
)
def test_range_days_counts_inclusive_days(date_from: str, date_to: str, days: int) -> None:
    assert airq_dag.range_days(date_from, date_to) == days


@pytest.mark.parametrize(
    ("date_from", "date_to", "message"),
    [
        ("2024-01-02", "2024-01-01",
         "Cannot backfill '2024-01-02'..'2024-01-01': the range must hold 1 to 10000 days"),
        ("2000-01-01", "2030-01-01",
         "Cannot backfill '2000-01-01'..'2030-01-01': the range must hold 1 to 10000 days"),
        ("2024-02-30", "2024-03-01",
         "Cannot backfill '2024-02-30'..'2024-03-01': dates must be YYYY-MM-DD"),
        ("20240101", "2024-01-02",
         "Cannot backfill '20240101'..'2024-01-02': dates must be YYYY-MM-DD"),
    ],
)
def test_range_days_rejects_bad_ranges(date_from: str, date_to: str, message: str) -> None:
    with pytest.raises(ValueError) as error:
        airq_dag.range_days(date_from, date_to)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("job", "code"),
    [
        ({"container": {"exitCode": 2}}, 2),
        ({"container": {}, "attempts": [{"container": {"exitCode": 1}}]}, 1),
        ({"status": "FAILED", "statusReason": "Host EC2 terminated"}, None),
        ({"container": {"exitCode": "2"}}, None),
    ],
)
def test_exit_code_of_reads_the_container_exit_code(job: dict, code: int | None) -> None:
    assert airq_dag.exit_code_of(job) == code


def test_read_settings_uses_env_then_variable_then_defaults() -> None:
    assert airq_dag.read_settings({}) == {
        **airq_dag.DEFAULTS,
        "job_definition_ingest": "dev-airq-ingest",
        "job_definition_transform": "dev-airq-transform",
        "job_definition_compliance": "dev-airq-compliance",
        "job_definition_load": "dev-airq-load",
    }
    Variable.set("airq_config", {"name_prefix": "ana", "job_queue": "q-var"}, serialize_json=True)
    try:
        settings = airq_dag.read_settings({"AIRQ_JOB_QUEUE": "q-env"})
    finally:
        Variable.delete("airq_config")
    assert settings["name_prefix"] == "ana"
    assert settings["job_queue"] == "q-env"
    assert settings["job_definition_load"] == "ana-airq-load"


def test_read_settings_ignores_a_variable_that_is_not_an_object() -> None:
    Variable.set("airq_config", ["not", "an", "object"], serialize_json=True)
    try:
        settings = airq_dag.read_settings({})
    finally:
        Variable.delete("airq_config")
    assert settings["name_prefix"] == "dev"


def test_config_error_exit_code_after_deferral_fails_fast_without_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    # As after a deferral: a fresh operator, the job id only in the trigger's event.
    task = airq_dag.AirqBatchOperator(
        task_id="t", job_name="j", job_definition="d", job_queue="q", deferrable=True
    )
    assert task.job_id is None

    class Hook:
        def get_job_description(self, job_id: str) -> dict:
            assert job_id == "job-1"
            return {"status": "FAILED", "container": {"exitCode": 2}}

    monkeypatch.setattr(type(task), "hook", Hook())
    with pytest.raises(AirflowFailException) as error:
        task.execute_complete({}, {"status": "failure", "job_id": "job-1"})
    assert str(error.value) == (
        "Cannot run AWS Batch job 'job-1': exit code 2 (bad configuration); "
        "fix the job definition or command, not retrying"
    )


def test_other_failures_after_deferral_stay_retriable(monkeypatch: pytest.MonkeyPatch) -> None:
    task = airq_dag.AirqBatchOperator(
        task_id="t", job_name="j", job_definition="d", job_queue="q", deferrable=True
    )

    class Hook:
        def get_job_description(self, job_id: str) -> dict:
            return {"status": "FAILED", "container": {"exitCode": 1}}

    monkeypatch.setattr(type(task), "hook", Hook())
    with pytest.raises(AirflowException) as error:
        task.execute_complete({}, {"status": "failure", "job_id": "job-2"})
    assert type(error.value) is AirflowException
    assert str(error.value) == "Error while running job: {'status': 'failure', 'job_id': 'job-2'}"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", ["load", "--date", airq_dag.RUN_DATE]),
     ("5", ["load", "--date", airq_dag.RUN_DATE, "--lookback-days", "5"])],
)
def test_daily_command_carries_the_configured_lookback(value: str, expected: list[str]) -> None:
    settings = {**airq_dag.DEFAULTS, "lookback_days": value}
    assert airq_dag.daily_command("load", settings) == expected


@pytest.mark.parametrize("value", ["-1", "two", "31"])
def test_daily_command_refuses_a_bad_lookback(value: str) -> None:
    with pytest.raises(ValueError, match="lookback_days must be 0..30"):
        airq_dag.daily_command("ingest", {**airq_dag.DEFAULTS, "lookback_days": value})
