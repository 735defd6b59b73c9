"""The failure message of dags/airq_dag.py: dag.test() against a moto server whose SNS topic
delivers to an SQS queue, so each test reads exactly what the topic received."""

from __future__ import annotations

import copy
import json
from datetime import timedelta
from types import SimpleNamespace

import pendulum
import pytest
from airflow.models import DagBag
from airflow.providers.amazon.aws.hooks.batch_client import BatchClientHook
from airflow.utils.state import DagRunState
from conftest import DAGS, Moto, make_batch_world

import airq_dag


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BatchClientHook, "DEFAULT_DELAY_MIN", 0)
    monkeypatch.setattr(BatchClientHook, "DEFAULT_DELAY_MAX", 0.2)


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS), include_examples=False)


class World:
    """moto with the Batch world, the alarm topic and a queue subscribed to it."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, fail: bool) -> None:
        self.moto = Moto(extra_env={"MOTO_SIMPLE_BATCH_FAIL_AFTER": "0"} if fail else None)
        make_batch_world(self.moto)
        sns, sqs = self.moto.client("sns"), self.moto.client("sqs")
        self.topic = sns.create_topic(Name="ci-airq-alarms")["TopicArn"]
        self.queue = sqs.create_queue(QueueName="alarms")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=self.queue, AttributeNames=["QueueArn"])
        sns.subscribe(
            TopicArn=self.topic, Protocol="sqs", Endpoint=queue_arn["Attributes"]["QueueArn"]
        )
        monkeypatch.setenv("AIRQ_ALARM_TOPIC_ARN", self.topic)
        monkeypatch.setenv(
            "AIRFLOW_CONN_AWS_DEFAULT",
            json.dumps({"conn_type": "aws", "login": "testing", "password": "testing",
                        "extra": {"region_name": "eu-west-1", "endpoint_url": self.moto.endpoint}}),
        )

    def messages(self) -> list[tuple[str, dict[str, str], str]]:
        """(subject, "Key: value" fields, body) of every message the topic delivered."""
        sqs = self.moto.client("sqs")
        out = []
        while True:
            got = sqs.receive_message(QueueUrl=self.queue, MaxNumberOfMessages=10)
            if not got.get("Messages"):
                return out
            for m in got["Messages"]:
                note = json.loads(m["Body"])
                body = note["Message"]
                fields = dict(
                    line.split(": ", 1) for line in body.splitlines()[2:] if ": " in line
                )
                out.append((note["Subject"], fields, body))
                sqs.delete_message(QueueUrl=self.queue, ReceiptHandle=m["ReceiptHandle"])


@pytest.fixture()
def failing(monkeypatch: pytest.MonkeyPatch):
    world = World(monkeypatch, fail=True)
    try:
        yield world
    finally:
        world.moto.close()


@pytest.fixture()
def succeeding(monkeypatch: pytest.MonkeyPatch):
    world = World(monkeypatch, fail=False)
    try:
        yield world
    finally:
        world.moto.close()


def with_exit_code(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Failed Batch jobs report `code` as their container exit code (moto reports none)."""
    real = BatchClientHook.get_job_description

    def describe(self: BatchClientHook, job_id: str) -> dict:
        job = real(self, job_id)
        if job.get("status") == "FAILED":
            job = {**job, "container": {**job.get("container", {}), "exitCode": code}}
        return job

    monkeypatch.setattr(BatchClientHook, "get_job_description", describe)


# The DAG tests share one metadata database: each dag.test() here uses a logical date no other
# test uses (replacing an existing run fails in Airflow 2.10 without the FAB tables).
def daily(dagbag: DagBag):
    dag = copy.deepcopy(dagbag.get_dag("ci-airq-daily"))
    for task in dag.tasks:  # keep the 2 retries, without their 15-minute wait
        task.retry_delay = timedelta(0)
    return dag


def batch_jobs(world: World) -> int:
    batch = world.moto.client("batch")
    return sum(len(batch.list_jobs(jobQueue="ci-queue", jobStatus=s)["jobSummaryList"])
               for s in ("SUCCEEDED", "FAILED"))


def test_a_task_failing_after_its_retries_publishes_one_message(
    dagbag: DagBag, failing: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_exit_code(monkeypatch, 1)
    dag = daily(dagbag)
    run_callbacks = []  # the DAG's own failure callback runs too, and stays silent
    dag.on_failure_callback = lambda context: (
        run_callbacks.append(context["dag_run"].run_id), airq_dag.notify_run_failure(context))
    run = dag.test(execution_date=pendulum.datetime(2025, 2, 11, tz="Europe/Brussels"))
    assert run.state == DagRunState.FAILED
    assert run_callbacks == [run.run_id]
    assert batch_jobs(failing) == 3  # 1 try + 2 retries, and still one message
    [(subject, fields, body)] = failing.messages()
    assert subject == "airq ci-airq-daily: task ingest failed for 2025-02-10"
    assert body.splitlines()[0] == "airq: task ingest of ci-airq-daily failed for 2025-02-10."
    assert fields["DAG"] == "ci-airq-daily"
    assert fields["Run"] == run.run_id
    assert fields["Task"] == "ingest"
    assert fields["Date (Europe/Brussels)"] == "2025-02-10"
    assert fields["Exit code"] == f"1 ({airq_dag.EXIT_MEANINGS[1]})"
    assert fields["Exit code"].startswith("1 (transient or runtime failure")
    log = fields["Log"]
    assert "/dags/ci-airq-daily/grid?dag_run_id=" in log and "&task_id=ingest" in log
    assert "tab=logs" in log


def test_a_configuration_error_publishes_one_message_without_retrying(
    dagbag: DagBag, failing: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_exit_code(monkeypatch, 2)
    run = daily(dagbag).test(execution_date=pendulum.datetime(2025, 2, 12, tz="Europe/Brussels"))
    assert run.state == DagRunState.FAILED
    assert batch_jobs(failing) == 1
    [(subject, fields, _)] = failing.messages()
    assert subject == "airq ci-airq-daily: task ingest failed for 2025-02-11"
    assert fields["Exit code"].startswith("2 (configuration error (bad flags or environment)")
    assert fields["Error"].startswith("Cannot run AWS Batch job ")


def test_a_job_without_exit_code_says_so(dagbag: DagBag, failing: World) -> None:
    dag = daily(dagbag)
    for task in dag.tasks:
        task.retries = 0
    dag.test(execution_date=pendulum.datetime(2025, 2, 13, tz="Europe/Brussels"))
    [(_, fields, _)] = failing.messages()
    assert fields["Exit code"] == f"none ({airq_dag.EXIT_MEANINGS[None]})"


def test_a_failed_backfill_names_its_range(dagbag: DagBag, failing: World) -> None:
    run = dagbag.get_dag("ci-airq-backfill").test(
        execution_date=pendulum.datetime(2026, 2, 4, tz="UTC"),
        run_conf={"date_from": "2024-04-01", "date_to": "2024-03-30"},
    )
    assert run.state == DagRunState.FAILED
    [(subject, fields, _)] = failing.messages()
    assert subject == "airq ci-airq-backfill: task ingest failed for 2024-04-01..2024-03-30"
    assert fields["Error"] == (
        "Cannot backfill '2024-04-01'..'2024-03-30': the range must hold 1 to 10000 days"
    )


def test_a_successful_run_publishes_nothing(dagbag: DagBag, succeeding: World) -> None:
    run = daily(dagbag).test(execution_date=pendulum.datetime(2025, 2, 14, tz="Europe/Brussels"))
    assert run.state == DagRunState.SUCCESS
    assert batch_jobs(succeeding) == 4  # ingest, transform, compliance, load
    assert succeeding.messages() == []


def test_a_run_failed_without_a_failed_task_publishes_one_run_message(
    succeeding: World,
) -> None:
    def context(failed: list) -> dict:
        dag_run = SimpleNamespace(dag_id="ci-airq-daily", run_id="scheduled__x",
                                  get_task_instances=lambda state: failed)
        return {"dag_run": dag_run, "params": {}, "reason": "timed_out",
                "data_interval_start": pendulum.datetime(2024, 11, 20, tz="Europe/Brussels")}

    airq_dag.notify_run_failure(context(["a failed task instance"]))
    assert succeeding.messages() == []
    airq_dag.notify_run_failure(context([]))
    [(subject, fields, _)] = succeeding.messages()
    assert subject == "airq ci-airq-daily: run failed for 2024-11-20"
    assert (fields["Task"], fields["Error"]) == ("-", "timed_out")
    assert fields["Log"].endswith("/dags/ci-airq-daily/grid?dag_run_id=scheduled__x")
