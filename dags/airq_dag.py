"""airq on Amazon MWAA: run the airq container on AWS Batch, one day at a time.

Two DAGs live in this file (MWAA parses every .py in the bucket's dags/ folder):

* ``<prefix>-airq-daily``: every day at 00:00 Europe/Brussels, ingest -> transform ->
  compliance -> load for the Brussels day that has just ended (the run's data interval).
  compliance refreshes the year of the day, and the previous year too while the lookback
  days reach back into it (early January).
* ``<prefix>-airq-backfill``: triggered by hand with ``date_from``/``date_to``; ingest and
  transform are AWS Batch ARRAY jobs (child N processes day ``date_from + N``), compliance
  (every year of the range) and load are one job each over the whole range.

The DAG only submits ``deno task <step> --date D`` to Batch (the image's ENTRYPOINT is
``deno task``); all logic lives in the image. Settings, read once per parse, never failing:
environment variable ``AIRQ_<KEY>`` first, then the JSON Airflow Variable ``airq_config``
(``{"name_prefix": "ana", "job_queue": "..."}``), then the defaults in ``DEFAULTS``.

When a task fails after its retries, or a run fails without a failed task (a timeout), one
message goes to the SNS topic ``alarm_topic_arn`` (Terraform output ``alarm_topic_arn``, also
in its ``airflow_variable_airq_config``): DAG, run, task, Brussels date, what the exit code
means and a link to the log. docs/runbook.md says what to do.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from typing import Any

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.models.param import Param
from airflow.providers.amazon.aws.operators.batch import BatchOperator
from airflow.timetables.interval import CronDataIntervalTimetable

TIMEZONE = "Europe/Brussels"
STEPS = ("ingest", "transform", "compliance", "load")

# Steps that run as one job over a backfill's whole range instead of one array child per day.
RANGE_STEPS = ("compliance", "load")

DEFAULTS: dict[str, str] = {
    # Prefix of the DAG ids, Batch job names and (by default) job definitions.
    "name_prefix": "dev",
    # The existing Batch job queue the jobs are submitted to.
    "job_queue": "integrated-exercise-job-queue",
    # Job definition names; "{prefix}" is replaced. Batch uses the latest ACTIVE revision.
    "job_definition_ingest": "{prefix}-airq-ingest",
    "job_definition_transform": "{prefix}-airq-transform",
    "job_definition_compliance": "{prefix}-airq-compliance",
    "job_definition_load": "{prefix}-airq-load",
    "aws_conn_id": "aws_default",
    "region_name": "eu-west-1",
    # "true": wait for Batch in the triggerer (frees a worker slot for the job's duration).
    "deferrable": "true",
    # "true": copy the job's CloudWatch log lines into the Airflow task log (non-deferrable).
    "awslogs_enabled": "true",
    # The daily run also re-checks this many days before its date: IRCEL's near-real-time
    # data gets late values and corrections. Unchanged days cost a few API requests and are
    # skipped by transform and load; changed ones are rewritten.
    "lookback_days": "2",
    # SNS topic for the failure messages (Terraform output alarm_topic_arn); "" = none sent.
    "alarm_topic_arn": "",
}

# The Brussels calendar day of the run's data interval. NOT {{ ds }}: ds is the interval
# start formatted in UTC, and a Brussels midnight is 22:00/23:00 UTC of the day before.
RUN_DATE = "{{ data_interval_start.in_timezone('Europe/Brussels').strftime('%Y-%m-%d') }}"

# Exit code of the airq tasks for bad configuration (flags, env): retrying cannot help.
EXIT_CONFIG_ERROR = 2

# What an airq exit code means, for the failure message (None: the job has no exit code).
EXIT_MEANINGS: dict[int | None, str] = {
    EXIT_CONFIG_ERROR: "configuration error (bad flags or environment): fix them; retrying "
    "cannot help, so the task was not retried",
    1: "transient or runtime failure (API, S3 or Snowflake unavailable, a day failed): "
    "retried, then given up; rerun once the cause is gone",
    None: "no exit code: the job did not run to its end (not submitted, infrastructure, "
    "timeout) or the failure came from Airflow itself",
}

# XCom key under which a failed Batch job leaves its container exit code.
EXIT_CODE_XCOM = "exit_code"

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_settings(env: dict[str, str] | None = None) -> dict[str, str]:
    """Return the settings: AIRQ_<KEY> env, then the airq_config Variable, then DEFAULTS."""
    env = dict(os.environ) if env is None else env
    stored: dict[str, Any] = {}
    try:
        from airflow.models import Variable

        stored = Variable.get("airq_config", default_var={}, deserialize_json=True) or {}
    except Exception:  # noqa: BLE001 - no metastore at parse time (CI, local): use defaults
        stored = {}
    if not isinstance(stored, dict):
        stored = {}
    settings: dict[str, str] = {}
    for key, default in DEFAULTS.items():
        value = env.get(f"AIRQ_{key.upper()}") or stored.get(key) or default
        settings[key] = str(value)
    prefix = settings["name_prefix"]
    for step in STEPS:
        key = f"job_definition_{step}"
        settings[key] = settings[key].replace("{prefix}", prefix)
    return settings


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def exit_code_of(job: dict[str, Any]) -> int | None:
    """The container exit code of a DescribeJobs entry, if the job has one."""
    container = job.get("container") or {}
    code = container.get("exitCode")
    if code is None:
        attempts = job.get("attempts") or []
        if attempts:
            code = (attempts[-1].get("container") or {}).get("exitCode")
    return code if isinstance(code, int) else None


class AirqBatchOperator(BatchOperator):
    """BatchOperator that does not retry a job that failed on bad configuration (exit 2).

    Transient failures (API outage longer than the task's own HTTP retries, S3 errors, a
    lost host) end with exit code 1 or without one, and Airflow retries them; exit code 2
    means bad flags or env, so the task fails at once with AirflowFailException.
    """

    def execute(self, context: Any) -> str | None:
        try:
            return super().execute(context)
        except AirflowException as error:
            self._fail_fast_on_config_error(error, context)
            raise

    def execute_complete(self, context: Any, event: dict[str, Any] | None = None) -> str:
        # After a deferral the operator is a fresh instance: the job id is in the event.
        if not self.job_id and isinstance(event, dict) and isinstance(event.get("job_id"), str):
            self.job_id = event["job_id"]
        try:
            return super().execute_complete(context, event)
        except AirflowException as error:
            self._fail_fast_on_config_error(error, context)
            raise

    def _fail_fast_on_config_error(self, error: AirflowException, context: Any) -> None:
        if isinstance(error, AirflowFailException) or not self.job_id:
            return
        try:
            code = exit_code_of(self.hook.get_job_description(self.job_id))
        except Exception:  # noqa: BLE001 - the original error is more useful
            return
        ti = context.get("ti") if hasattr(context, "get") else None
        if code is not None and ti is not None:  # for the failure message (notify_task_failure)
            ti.xcom_push(key=EXIT_CODE_XCOM, value=code)
        if code == EXIT_CONFIG_ERROR:
            raise AirflowFailException(
                f"Cannot run AWS Batch job {self.job_id!r}: exit code 2 (bad configuration); "
                "fix the job definition or command, not retrying"
            ) from error


def batch_task(
    step: str,
    settings: dict[str, str],
    dag_id: str,
    *,
    operator: type[AirqBatchOperator] = AirqBatchOperator,
    job_name_suffix: str = RUN_DATE,
    **kwargs: Any,
) -> BatchOperator:
    """One operator running `deno task <step> ...` in Batch with the configured definition."""
    return operator(
        task_id=step,
        job_name=f"{settings['name_prefix']}-airq-{step}-{job_name_suffix}",
        job_definition=settings[f"job_definition_{step}"],
        job_queue=settings["job_queue"],
        aws_conn_id=settings["aws_conn_id"],
        region_name=settings["region_name"],
        deferrable=_flag(settings["deferrable"]),
        awslogs_enabled=_flag(settings["awslogs_enabled"]),
        tags={"app": "airq", "dag": dag_id, "step": step},
        **kwargs,
    )


def daily_command(step: str, settings: dict[str, str]) -> list[str]:
    """The Batch command of one daily step: the run's date plus the lookback window."""
    lookback = settings["lookback_days"].strip()
    if not lookback.isdigit() or int(lookback) > 30:
        raise ValueError(f"airq_config lookback_days must be 0..30, got {lookback!r}")
    command = [step, "--date", RUN_DATE]
    return command if lookback == "0" else [*command, "--lookback-days", lookback]


def run_dates(context: Any) -> str:
    """The Brussels day(s) of a run: params date_from..date_to (backfill), else RUN_DATE's day."""
    params = context.get("params") or {}
    if "date_from" in params and "date_to" in params:
        return f"{params['date_from']}..{params['date_to']}"
    start = context.get("data_interval_start")
    return start.in_timezone(TIMEZONE).strftime("%Y-%m-%d") if start is not None else "unknown"


def failure_message(context: Any, task_id: str | None, exit_code: int | None) -> tuple[str, str]:
    """Subject and body of the message for a failed task (or a run failed without one)."""
    dag_run = context["dag_run"]
    dag_id = dag_run.dag_id
    what = f"task {task_id}" if task_id else "run"
    dates = run_dates(context)
    if task_id:
        log = context["ti"].log_url
    else:
        from airflow.configuration import conf
        from urllib.parse import quote

        base = conf.get("webserver", "base_url", fallback="")
        log = f"{base}/dags/{dag_id}/grid?dag_run_id={quote(dag_run.run_id)}"
    meaning = EXIT_MEANINGS.get(exit_code, "unexpected exit code: read the log")
    error = str(context.get("exception") or context.get("reason") or "").strip()
    lines = [
        f"airq: {what} of {dag_id} failed for {dates}.",
        "",
        f"DAG: {dag_id}",
        f"Run: {dag_run.run_id}",
        f"Task: {task_id or '-'}",
        f"Date (Europe/Brussels): {dates}",
        f"Exit code: {'none' if exit_code is None else exit_code} ({meaning})",
        f"Error: {error.splitlines()[0][:500] if error else '-'}",
        f"Log: {log}",
        "",
        "What to run next: docs/runbook.md (rerun a day, --force, a backfill).",
    ]
    subject = f"airq {dag_id}: {what} failed for {dates}"
    return subject[:100], "\n".join(lines)


def _publish(subject: str, body: str) -> None:
    """Publish to the alarm topic; a missing topic or an SNS error is logged, never raised."""
    import logging

    log = logging.getLogger("airflow.task")
    topic = read_settings()["alarm_topic_arn"].strip()
    if not topic:
        log.warning("airq: no alarm_topic_arn setting, failure message not sent: %s", subject)
        return
    try:
        from airflow.providers.amazon.aws.hooks.sns import SnsHook

        hook = SnsHook(aws_conn_id=SETTINGS["aws_conn_id"], region_name=SETTINGS["region_name"])
        # A plain message: every subscriber (e-mail, SQS, chat) gets the same text.
        hook.get_conn().publish(TopicArn=topic, Subject=subject, Message=body)
    except Exception:  # noqa: BLE001 - a callback must not hide the task's own failure
        log.exception("airq: cannot publish the failure message to %s", topic)


def notify_task_failure(context: Any) -> None:
    """on_failure_callback of every task: runs once, when the task failed after its retries."""
    ti = context["ti"]
    code = ti.xcom_pull(task_ids=ti.task_id, key=EXIT_CODE_XCOM, map_indexes=ti.map_index)
    _publish(*failure_message(context, ti.task_id, code if isinstance(code, int) else None))


def notify_run_failure(context: Any) -> None:
    """DAG on_failure_callback: a message only when no task failed (their callback told)."""
    failed = context["dag_run"].get_task_instances(state=["failed"])
    if not failed:
        _publish(*failure_message(context, None, None))


SETTINGS = read_settings()
PREFIX = SETTINGS["name_prefix"]

# One retry layer per failure kind: the tasks retry HTTP 429/5xx themselves; the Batch job
# definitions (Terraform) retry only infrastructure failures (host terminated, Spot
# reclaim) and EXIT on any container exit code; Airflow retries the whole step below for
# failures that outlive both (e.g. the API down for longer than the task's retry budget),
# except exit code 2 (bad configuration), which AirqBatchOperator fails at once.
DEFAULT_ARGS: dict[str, Any] = {
    "owner": "airq",
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
    "retry_exponential_backoff": False,
    "execution_timeout": timedelta(hours=3),
    "depends_on_past": False,
    # One message per failed task, after its last retry (docs/runbook.md).
    "on_failure_callback": notify_task_failure,
}

with DAG(
    dag_id=f"{PREFIX}-airq-daily",
    description="IRCEL-CELINE hourly air quality: ingest -> transform -> compliance -> load, "
    "one Brussels day",
    schedule=CronDataIntervalTimetable("0 0 * * *", timezone=TIMEZONE),
    start_date=pendulum.datetime(2024, 1, 1, tz=TIMEZONE),
    # No automatic runs for the days between start_date and the deployment; backfill
    # explicitly (README "Airflow DAG (MWAA)") so a deploy never starts hundreds of runs.
    catchup=False,
    # Runs of different days write different partitions, but one at a time keeps the IRCEL
    # API load and Batch queue predictable; cleared backfill runs queue up behind each other.
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    on_failure_callback=notify_run_failure,
    tags=["airq"],
    doc_md=__doc__,
) as daily_dag:
    previous = None
    for step in STEPS:
        task = batch_task(
            step,
            SETTINGS,
            daily_dag.dag_id,
            container_overrides={"command": daily_command(step, SETTINGS)},
        )
        if previous is not None:
            previous >> task
        previous = task

def range_days(date_from: str, date_to: str) -> int:
    """Number of days in [date_from, date_to]; ValueError unless dates are valid and 1..10000."""
    try:
        if not (DATE_RE.fullmatch(date_from) and DATE_RE.fullmatch(date_to)):
            raise ValueError("not YYYY-MM-DD")
        start = date.fromisoformat(date_from)
        end = date.fromisoformat(date_to)
    except (TypeError, ValueError) as error:
        raise ValueError(
            f"Cannot backfill {date_from!r}..{date_to!r}: dates must be YYYY-MM-DD"
        ) from error
    days = (end - start).days + 1
    if days < 1 or days > 10_000:
        raise ValueError(
            f"Cannot backfill {date_from!r}..{date_to!r}: the range must hold 1 to 10000 days"
        )
    return days


class AirqRangeBatchOperator(AirqBatchOperator):
    """One AWS Batch job for the range params.date_from..params.date_to (inclusive).

    With ``array=True`` it is an ARRAY job of one child per day: child N gets
    AWS_BATCH_JOB_ARRAY_INDEX=N and the airq task then processes only day date_from + N of
    its --date/--to range. AWS array sizes are 2..10000, so a one-day range is a plain job.
    With ``array=False`` one plain job processes the whole range day by day.
    """

    def __init__(self, *, array: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.array = array

    def execute(self, context: Any) -> str | None:
        params = context["params"]
        try:
            days = range_days(params["date_from"], params["date_to"])
        except ValueError as error:
            raise AirflowFailException(str(error)) from error
        self.array_properties = {"size": days} if self.array and days > 1 else None
        return super().execute(context)


with DAG(
    dag_id=f"{PREFIX}-airq-backfill",
    description="Backfill a date range: array jobs (one child per day) for ingest and transform",
    schedule=None,
    start_date=pendulum.datetime(2024, 1, 1, tz=TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    on_failure_callback=notify_run_failure,
    tags=["airq", "backfill"],
    params={
        "date_from": Param("2024-01-01", type="string", format="date", description="first day"),
        "date_to": Param("2024-01-31", type="string", format="date", description="last day"),
    },
    doc_md=__doc__,
) as backfill_dag:
    previous = None
    for step in STEPS:
        task = batch_task(
            step,
            SETTINGS,
            backfill_dag.dag_id,
            operator=AirqRangeBatchOperator,
            # ingest and transform fan out per day; compliance builds each year of the range once,
            # and load stays one job so the warehouse sees one load at a time instead of
            # hundreds of concurrent transactions on one table.
            array=step not in RANGE_STEPS,
            job_name_suffix="{{ params.date_from }}-{{ params.date_to }}",
            container_overrides={
                "command": [
                    step,
                    "--date",
                    "{{ params.date_from }}",
                    "--to",
                    "{{ params.date_to }}",
                ]
            },
        )
        if previous is not None:
            previous >> task
        previous = task


if __name__ == "__main__":  # `python dags/airq_dag.py` prints the DAGs (a parse check)
    print(json.dumps({d.dag_id: [t.task_id for t in d.tasks] for d in (daily_dag, backfill_dag)}))
