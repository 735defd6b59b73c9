"""Fixtures of the DAG tests: a throw-away Airflow home (SQLite, migrated) and a moto server.

Airflow reads its configuration when first imported, so the environment is set here, at
import time of this conftest, before any test module imports airflow.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DAGS = ROOT / "dags"
VENV_BIN = Path(sys.executable).parent

_HOME = Path(tempfile.mkdtemp(prefix="airq-airflow-home-"))
os.environ.update(
    {
        "AIRFLOW_HOME": str(_HOME),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_HOME / 'airflow.db'}",
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        # The settings the DAG reads at parse time (see dags/airq_dag.py).
        "AIRQ_NAME_PREFIX": "ci",
        "AIRQ_JOB_QUEUE": "ci-queue",
        "AIRQ_REGION_NAME": "eu-west-1",
        # No triggerer and no CloudWatch log events in moto: wait in the task, no log fetch.
        "AIRQ_DEFERRABLE": "false",
        "AIRQ_AWSLOGS_ENABLED": "false",
        # Never reach real AWS, whatever the machine has configured.
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_CONFIG_FILE": str(_HOME / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(_HOME / "no-aws-credentials"),
        "TZ": "UTC",
    }
)
os.environ.pop("AIRFLOW_CONN_AWS_DEFAULT", None)
sys.path.insert(0, str(DAGS))


def pytest_sessionstart(session: pytest.Session) -> None:
    """Create the SQLite metadata database with the real `airflow db migrate`."""
    subprocess.run(
        [str(VENV_BIN / "airflow"), "db", "migrate"],
        check=True,
        stdout=subprocess.DEVNULL,
        env=os.environ.copy(),
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """A moto server process on 127.0.0.1 with AWS Batch in its no-Docker mode."""

    def __init__(self, extra_env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(extra_env or {})},
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                self.post("/moto-api/config", {"batch": {"use_docker": False}})
                break
            except OSError:
                if self._proc.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError("Cannot start moto_server: it never answered") from None
                time.sleep(0.2)

    def post(self, path: str, body: dict) -> None:
        req = urllib.request.Request(
            self.endpoint + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=5) as res:
            res.read()

    def client(self, service: str):
        import boto3

        return boto3.client(service, endpoint_url=self.endpoint, region_name="eu-west-1")

    def close(self) -> None:
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._log.close()


def make_batch_world(moto: Moto, prefix: str = "ci", queue: str = "ci-queue") -> None:
    """IAM role, compute environment, job queue and the three airq job definitions."""
    iam = moto.client("iam")
    role = iam.create_role(
        RoleName="ci-batch-service",
        AssumeRolePolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "batch.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )["Role"]["Arn"]
    batch = moto.client("batch")
    env = batch.create_compute_environment(
        computeEnvironmentName="ci-compute", type="UNMANAGED", state="ENABLED", serviceRole=role
    )["computeEnvironmentArn"]
    batch.create_job_queue(
        jobQueueName=queue,
        state="ENABLED",
        priority=1,
        computeEnvironmentOrder=[{"order": 1, "computeEnvironment": env}],
    )
    for step in ("ingest", "transform", "compliance", "load"):
        batch.register_job_definition(
            jobDefinitionName=f"{prefix}-airq-{step}",
            type="container",
            containerProperties={
                "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ci-airq:test",
                "command": [step, "--help"],
                "resourceRequirements": [
                    {"type": "VCPU", "value": "1"},
                    {"type": "MEMORY", "value": "2048"},
                ],
            },
        )


@pytest.fixture()
def moto(monkeypatch: pytest.MonkeyPatch):
    """A fresh moto server with the Batch world; AIRFLOW_CONN_AWS_DEFAULT points at it."""
    server = Moto()
    try:
        make_batch_world(server)
        monkeypatch.setenv(
            "AIRFLOW_CONN_AWS_DEFAULT",
            json.dumps(
                {
                    "conn_type": "aws",
                    "login": "testing",
                    "password": "testing",
                    "extra": {"region_name": "eu-west-1", "endpoint_url": server.endpoint},
                }
            ),
        )
        yield server
    finally:
        server.close()
