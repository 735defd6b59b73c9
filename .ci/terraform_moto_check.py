"""What moto holds after `terraform apply` of terraform/, checked against the outputs.

Usage (from .ci/terraform_moto.sh): terraform_moto_check.py <existing|created> <dir> <dag file>
where <dir> holds `terraform output -json` as outputs.json and `terraform show -json` as state.json,
with MOTO (endpoint), and for "created" SUBNET, GROUP and VARIABLE_ARN, in the environment.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import sys

import boto3
from botocore.exceptions import ClientError

variant, work, dag_path = sys.argv[1:4]
outputs = {k: v["value"] for k, v in json.load(open(f"{work}/outputs.json")).items()}
state = {r["address"]: r["values"] for r in json.load(open(f"{work}/state.json"))["values"]["root_module"]["resources"]}
kw = dict(endpoint_url=os.environ["MOTO"], region_name="eu-west-1")
batch, iam, kms, logs, s3 = (boto3.client(n, **kw) for n in ("batch", "iam", "kms", "logs", "s3"))

config = json.loads(outputs["airflow_variable_airq_config"])
prefix = config["name_prefix"]
bucket = outputs["lake_uri"].removeprefix("s3://").split("/", 1)[0]
job_role = "integrated-exercise-batch-job-role" if variant == "existing" else f"{prefix}-airq-batch-job"
role_arn = iam.get_role(RoleName=job_role)["Role"]["Arn"]
key_arn = kms.describe_key(KeyId=f"alias/{prefix}-airq")["KeyMetadata"]["Arn"]


def statements(doc: str | dict) -> dict[str, dict]:
    """The statements of a policy document by Sid, each Resource as a list."""
    doc = json.loads(doc) if isinstance(doc, str) else doc
    by_sid = {}
    for s in doc["Statement"]:
        resource = s["Resource"]
        by_sid[s["Sid"]] = {**s, "Resource": [resource] if isinstance(resource, str) else resource}
    return by_sid


# The job definitions: one per step, this image, Fargate, the retry rules, the lake, the role.
defs = {d["jobDefinitionName"]: d for d in batch.describe_job_definitions(status="ACTIVE")["jobDefinitions"]
        if d["jobDefinitionName"].startswith(f"{prefix}-airq-")}
assert sorted(defs) == [f"{prefix}-airq-{s}" for s in ("compliance", "ingest", "load", "transform")], sorted(defs)
for step in ("ingest", "transform", "compliance", "load"):
    d = defs[f"{prefix}-airq-{step}"]
    c = d["containerProperties"]
    assert c["command"] == [step], c["command"]
    assert c["image"].endswith(f"/{prefix}-airq:ci-1"), c["image"]
    assert d["platformCapabilities"] == ["FARGATE"], d["platformCapabilities"]
    assert [e["action"].upper() for e in d["retryStrategy"]["evaluateOnExit"]] == ["RETRY"] * 3 + ["EXIT"] * 2
    assert c["logConfiguration"]["options"]["awslogs-group"] == outputs["log_group_name"]
    assert c["jobRoleArn"] == role_arn, (c["jobRoleArn"], role_arn)
    env = {e["name"]: e["value"] for e in c["environment"]}
    assert env["AIRQ_LAKE"] == outputs["lake_uri"] == f"s3://{bucket}/{prefix}/airq", env
    assert bool(c.get("secrets")) == (step == "load"), (step, c.get("secrets"))

# The job role may touch the lake prefix only.
lake = statements(iam.get_role_policy(RoleName=job_role, PolicyName=f"{prefix}-airq-lake")["PolicyDocument"])
assert sorted(r for s in lake.values() for r in s["Resource"]) == [
    f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/{prefix}/airq/*"], lake

# The DAG in dags/, byte for byte.
body = s3.get_object(Bucket=bucket, Key="dags/airq_dag.py")["Body"].read()
assert hashlib.md5(body).digest() == hashlib.md5(open(dag_path, "rb").read()).digest()

# The job queue the DAG is told about, and the Airflow policy that may submit to it.
queue_name = config["job_queue"]
assert outputs["job_queue"] == queue_name
account = role_arn.split(":")[4]
queue_arn = f"arn:aws:batch:eu-west-1:{account}:job-queue/{queue_name}"
airflow = statements(outputs["airflow_policy_json"])
submit = airflow["SubmitAirqJobs"]["Resource"]
assert submit[0] == queue_arn, (submit, queue_arn)
for d in defs.values():  # every revision the DAG may submit, by name or with its revision
    assert any(fnmatch.fnmatchcase(d["jobDefinitionArn"], p) for p in submit), (d["jobDefinitionArn"], submit)
    assert d["jobDefinitionArn"].rsplit(":", 1)[0] in submit
assert len(submit) == 1 + 2 * 4, submit
assert airflow["TagAndTerminateJobs"]["Resource"] == [f"arn:aws:batch:eu-west-1:{account}:job/*"]
assert airflow["DescribeJobs"]["Action"] == "batch:DescribeJobs"
group_arn = logs.describe_log_groups(logGroupNamePrefix=outputs["log_group_name"])["logGroups"][0]["arn"]
assert airflow["ReadAirqJobLogs"]["Resource"] == [group_arn.removesuffix(":*") + ":*"], airflow["ReadAirqJobLogs"]

# The alarm topic (KMS-encrypted) and the six alarms, all notifying it.
cw, sns = (boto3.client(n, **kw) for n in ("cloudwatch", "sns"))
topic = next(t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith(f":{prefix}-airq-alarms"))
assert outputs["alarm_topic_arn"] == topic, (outputs["alarm_topic_arn"], topic)
topic_attrs = sns.get_topic_attributes(TopicArn=topic)["Attributes"]
assert topic_attrs.get("KmsMasterKeyId", "").startswith("arn:aws:kms:"), topic_attrs
alarms = {a["AlarmName"]: a for a in cw.describe_alarms(AlarmNamePrefix=f"{prefix}-airq-")["MetricAlarms"]}
assert sorted(alarms) == sorted([f"{prefix}-airq-{t}-failed" for t in ("ingest", "transform", "compliance", "load")] + [
    f"{prefix}-airq-transform-stale", f"{prefix}-airq-transform-valid-share-low", f"{prefix}-airq-ingest-series-low"]), sorted(alarms)
for a in alarms.values():
    assert a["AlarmActions"] == [topic] and a["OKActions"] == [topic], a["AlarmName"]
stale = alarms[f"{prefix}-airq-transform-stale"]
assert (stale["MetricName"], stale["Namespace"], stale["TreatMissingData"], stale["Period"] * stale["EvaluationPeriods"]) == ("DaysOk", "airq", "breaching", 26 * 3600), stale
assert {d["Name"]: d["Value"] for d in stale["Dimensions"]} == {"task": "transform", "deployment": prefix}
assert {e["name"]: e["value"] for e in defs[f"{prefix}-airq-ingest"]["containerProperties"]["environment"]}["AIRQ_DEPLOYMENT"] == prefix

if variant == "existing":
    assert sorted(airflow) == ["DescribeJobs", "ReadAirqJobLogs", "SubmitAirqJobs", "TagAndTerminateJobs"], airflow
    try:  # an existing bucket is left as it is
        s3.get_bucket_policy(Bucket=bucket)
        raise AssertionError(f"{bucket} got a bucket policy")
    except ClientError as error:
        assert error.response["Error"]["Code"] == "NoSuchBucketPolicy", error
    subs = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert [(x["Protocol"], x["Endpoint"]) for x in subs] == [("email", "ops@example.org")], subs
    mwaa = statements(iam.get_role_policy(RoleName="ana-mwaa-execution", PolicyName=f"{prefix}-airq-alarm-topic")["PolicyDocument"])
    grants = {",".join(sorted([x["Action"]] if isinstance(x["Action"], str) else x["Action"])): x["Resource"] for x in mwaa.values()}
    assert sorted(grants) == ["kms:Decrypt,kms:GenerateDataKey", "sns:Publish"] and grants["sns:Publish"] == [topic], grants
    assert grants["kms:Decrypt,kms:GenerateDataKey"] == [topic_attrs["KmsMasterKeyId"]], (grants, topic_attrs)
    print(f"{variant}: moto holds 4 job definitions, the lake-prefix policy on the existing job role, "
          "dags/airq_dag.py (md5 ok), the KMS-encrypted alarm topic with its e-mail subscription, the 7 alarms, "
          "the MWAA role's publish policy; the Airflow policy names the existing queue and the 4 definitions")
    sys.exit(0)

# created: the bucket's settings.
assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
[sse] = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
assert sse["ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_arn}, sse
assert sse["BucketKeyEnabled"] is True, sse
block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
assert block == dict.fromkeys(("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"), True)
[ownership] = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
assert ownership["ObjectOwnership"] == "BucketOwnerEnforced"
# The TLS-only document, as rendered; moto holds a stand-in (see terraform_moto.sh).
[tls] = statements(state["data.aws_iam_policy_document.lake_tls_only"]["json"]).values()
assert (tls["Effect"], tls["Action"], tls["Condition"]) == ("Deny", "s3:*", {"Bool": {"aws:SecureTransport": "false"}}), tls
assert sorted(tls["Resource"]) == [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"], tls
assert tls["Principal"] == "*", tls
assert "MotoStandIn" in s3.get_bucket_policy(Bucket=bucket)["Policy"]
[rule] = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
assert rule["NoncurrentVersionExpiration"]["NoncurrentDays"] == 90, rule
assert rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"] == 7, rule

# created: the queue on a Fargate compute environment in the given subnet and security group.
[queue] = batch.describe_job_queues(jobQueues=[queue_name])["jobQueues"]
assert queue["jobQueueArn"] == queue_arn and queue["state"] == "ENABLED", queue
[order] = queue["computeEnvironmentOrder"]
[env] = batch.describe_compute_environments(computeEnvironments=[order["computeEnvironment"]])["computeEnvironments"]
resources = env["computeResources"]
assert (env["type"], resources["type"], resources["maxvCpus"]) == ("MANAGED", "FARGATE", 16), env
assert (resources["subnets"], resources["securityGroupIds"]) == ([os.environ["SUBNET"]], [os.environ["GROUP"]]), env

# created: the job role, trusted by ECS tasks, may use the key through S3 only.
trust = iam.get_role(RoleName=job_role)["Role"]["AssumeRolePolicyDocument"]
trust = json.loads(trust) if isinstance(trust, str) else trust
assert trust["Statement"][0]["Principal"] == {"Service": "ecs-tasks.amazonaws.com"}, trust
[key_use] = statements(iam.get_role_policy(RoleName=job_role, PolicyName=f"{prefix}-airq-lake-key")["PolicyDocument"]).values()
assert (sorted(key_use["Action"]), key_use["Resource"]) == (["kms:Decrypt", "kms:GenerateDataKey"], [key_arn]), key_use
assert key_use["Condition"] == {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}, key_use

# created: the Airflow policy's optional statements.
secret = os.environ["VARIABLE_ARN"]
assert sorted(airflow["ReadAirflowSecrets"]["Resource"]) == [secret, f"{secret}-??????"], airflow["ReadAirflowSecrets"]
assert airflow["PublishAirqAlarms"]["Resource"] == ["arn:aws:sns:eu-west-1:123456789012:bob-airq-alarms"]
assert airflow["DecryptDagsThroughS3"]["Resource"] == [key_arn], airflow["DecryptDagsThroughS3"]
print(f"{variant}: moto holds the bucket (SSE-KMS with the airq key, versioned, public access blocked, "
      "lifecycle; the TLS-only policy in the state), a Fargate compute environment and the queue, the job role with the lake and "
      "key policies, 4 job definitions, dags/airq_dag.py (md5 ok); the Airflow policy names the created "
      "queue, the 4 definitions, the secret, the topic and the key")
