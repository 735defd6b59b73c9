"""dag.test() of both DAGs against a real moto server (AWS Batch without Docker): what
SubmitJob received, in which order, and what Airflow does when a Batch job fails."""

from __future__ import annotations

import copy
from datetime import timedelta

import pendulum
import pytest
from airflow.models import DagBag
from airflow.providers.amazon.aws.hooks.batch_client import BatchClientHook
from airflow.utils.state import DagRunState, TaskInstanceState
from conftest import DAGS, Moto, make_batch_world

JOB_DEF_ARN = "arn:aws:batch:eu-west-1:123456789012:job-definition/ci-airq-{step}:1"
QUEUE_ARN = "arn:aws:batch:eu-west-1:123456789012:job-queue/ci-queue"


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    # moto's batch_simple finishes jobs at submission; poll after 0-0.2 s instead of 1-10 s.
    monkeypatch.setattr(BatchClientHook, "DEFAULT_DELAY_MIN", 0)
    monkeypatch.setattr(BatchClientHook, "DEFAULT_DELAY_MAX", 0.2)


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS), include_examples=False)


def submitted_jobs(moto: Moto) -> list[dict]:
    """Every job moto received (parents only), in submission order."""
    batch = moto.client("batch")
    ids: list[str] = []
    for status in ("SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED",
                   "FAILED"):
        for page in batch.get_paginator("list_jobs").paginate(jobQueue="ci-queue",
                                                              jobStatus=status):
            ids += [j["jobId"] for j in page["jobSummaryList"]]
    jobs = batch.describe_jobs(jobs=ids)["jobs"] if ids else []
    return sorted(jobs, key=lambda j: j["createdAt"])


def test_daily_dag_submits_ingest_transform_compliance_load_for_the_run_date(
    dagbag: DagBag, moto: Moto
) -> None:
    dag = dagbag.get_dag("ci-airq-daily")
    # The run Airflow makes at 2024-10-28 00:00 Brussels covers the 25-hour day 2024-10-27.
    run = dag.test(execution_date=pendulum.datetime(2024, 10, 28, tz="Europe/Brussels"))
    assert run.state == DagRunState.SUCCESS
    jobs = submitted_jobs(moto)
    assert [
        (j["jobName"], j["jobDefinition"], j["jobQueue"], j["container"]["command"], j["status"])
        for j in jobs
    ] == [
        (f"ci-airq-{step}-2024-10-27", JOB_DEF_ARN.format(step=step), QUEUE_ARN,
         [step, "--date", "2024-10-27", "--lookback-days", "2"], "SUCCEEDED")
        for step in ("ingest", "transform", "compliance", "load")
    ]
    # Each step was submitted only after the previous one had finished.
    for before, after in zip(jobs, jobs[1:]):
        assert before["stoppedAt"] <= after["createdAt"]


def test_backfill_dag_submits_array_jobs_sized_to_the_range_one_compliance_and_one_load(
    dagbag: DagBag, moto: Moto
) -> None:
    dag = dagbag.get_dag("ci-airq-backfill")
    run = dag.test(
        execution_date=pendulum.datetime(2026, 1, 2, tz="UTC"),
        run_conf={"date_from": "2024-03-30", "date_to": "2024-04-01"},
    )
    assert run.state == DagRunState.SUCCESS
    jobs = submitted_jobs(moto)
    parents = [j for j in jobs if ":" not in j["jobId"]]
    assert [
        (j["jobName"], j["jobDefinition"], j["container"]["command"],
         j.get("arrayProperties", {}).get("size"))
        for j in parents
    ] == [
        (f"ci-airq-{step}-2024-03-30-2024-04-01", JOB_DEF_ARN.format(step=step),
         [step, "--date", "2024-03-30", "--to", "2024-04-01"], size)
        for step, size in (("ingest", 3), ("transform", 3), ("compliance", None), ("load", None))
    ]
    # moto ran the 3 children of each array job (they read AWS_BATCH_JOB_ARRAY_INDEX 0..2).
    assert [j["arrayProperties"]["statusSummary"].get("SUCCEEDED") for j in parents[:2]] == [3, 3]
    assert [j["status"] for j in parents[2:]] == ["SUCCEEDED", "SUCCEEDED"]


def test_backfill_dag_submits_a_plain_job_for_a_one_day_range(
    dagbag: DagBag, moto: Moto
) -> None:
    dag = dagbag.get_dag("ci-airq-backfill")
    run = dag.test(
        execution_date=pendulum.datetime(2026, 1, 3, tz="UTC"),
        run_conf={"date_from": "2024-02-29", "date_to": "2024-02-29"},
    )
    assert run.state == DagRunState.SUCCESS
    jobs = submitted_jobs(moto)
    assert [(j["container"]["command"], "arrayProperties" in j) for j in jobs] == [
        ([step, "--date", "2024-02-29", "--to", "2024-02-29"], False)
        for step in ("ingest", "transform", "compliance", "load")
    ]


def test_backfill_dag_fails_without_submitting_when_the_range_is_reversed(
    dagbag: DagBag, moto: Moto
) -> None:
    dag = dagbag.get_dag("ci-airq-backfill")
    run = dag.test(
        execution_date=pendulum.datetime(2026, 1, 4, tz="UTC"),
        run_conf={"date_from": "2024-04-01", "date_to": "2024-03-30"},
    )
    assert run.state == DagRunState.FAILED
    states = {ti.task_id: ti.state for ti in run.get_task_instances()}
    assert states == {
        "ingest": TaskInstanceState.FAILED,
        "transform": TaskInstanceState.UPSTREAM_FAILED,
        "compliance": TaskInstanceState.UPSTREAM_FAILED,
        "load": TaskInstanceState.UPSTREAM_FAILED,
    }
    assert submitted_jobs(moto) == []


def test_daily_dag_retries_a_failed_batch_job_twice_then_stops(
    dagbag: DagBag, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = Moto(extra_env={"MOTO_SIMPLE_BATCH_FAIL_AFTER": "0"})
    try:
        make_batch_world(failing)
        monkeypatch.setenv(
            "AIRFLOW_CONN_AWS_DEFAULT",
            '{"conn_type": "aws", "login": "testing", "password": "testing", "extra": '
            f'{{"region_name": "eu-west-1", "endpoint_url": "{failing.endpoint}"}}}}',
        )
        dag = copy.deepcopy(dagbag.get_dag("ci-airq-daily"))
        for task in dag.tasks:  # keep the 2 retries, without their 15-minute wait
            task.retry_delay = timedelta(0)
        run = dag.test(execution_date=pendulum.datetime(2024, 11, 21, tz="Europe/Brussels"))
        states = {ti.task_id: ti.state for ti in run.get_task_instances()}
        jobs = submitted_jobs(failing)
    finally:
        failing.close()
    # A failure without exit code 2 is retriable: 1 try + 2 retries = 3 Batch jobs, then
    # the run fails and nothing downstream is ever submitted.
    assert run.state == DagRunState.FAILED
    assert states == {
        "ingest": TaskInstanceState.FAILED,
        "transform": TaskInstanceState.UPSTREAM_FAILED,
        "compliance": TaskInstanceState.UPSTREAM_FAILED,
        "load": TaskInstanceState.UPSTREAM_FAILED,
    }
    assert [(j["jobName"], j["status"]) for j in jobs] == [
        ("ci-airq-ingest-2024-11-20", "FAILED")
    ] * 3


def test_daily_dag_in_deferrable_mode_submits_the_same_jobs_and_succeeds(
    dagbag: DagBag, moto: Moto
) -> None:
    # deferrable=true is the default on MWAA. moto's batch_simple finishes a job inside
    # SubmitJob, so the operator sees SUCCEEDED at once and never defers: this covers the
    # deferrable execute() path, not the BatchJobTrigger (which needs a job still running).
    dag = copy.deepcopy(dagbag.get_dag("ci-airq-daily"))
    for task in dag.tasks:
        task.deferrable = True
        task.poll_interval = 1
    run = dag.test(execution_date=pendulum.datetime(2024, 3, 31, tz="Europe/Brussels"))
    assert run.state == DagRunState.SUCCESS
    assert [(j["container"]["command"], j["status"]) for j in submitted_jobs(moto)] == [
        ([step, "--date", "2024-03-30", "--lookback-days", "2"], "SUCCEEDED")
        for step in ("ingest", "transform", "compliance", "load")
    ]
