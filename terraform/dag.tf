# The Airflow DAG for MWAA, at the same key `deno task publish-dag` writes. source_hash = the
# file's MD5, kept in the state, so a changed DAG is uploaded again on the next apply (not etag:
# S3's ETag is no MD5 under SSE-KMS, and would show a change on every plan). No key of its own:
# the bucket's default encryption applies (a created bucket's is the airq key, which the Airflow
# policy may decrypt).
resource "aws_s3_object" "dag" {
  bucket       = local.bucket
  key          = "dags/${var.dag_file}"
  source       = "${path.module}/../dags/${var.dag_file}"
  source_hash  = filemd5("${path.module}/../dags/${var.dag_file}")
  content_type = "text/x-python"
}
