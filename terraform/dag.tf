# The Airflow DAG for MWAA, at the same key `deno task publish-dag` writes. etag = the file's MD5,
# so a changed DAG is uploaded again on the next apply. No customer-managed key here: MWAA reads
# dags/ with its own execution role, and the bucket's default encryption applies.
resource "aws_s3_object" "dag" {
  bucket       = var.bucket
  key          = "dags/${var.dag_file}"
  source       = "${path.module}/../dags/${var.dag_file}"
  etag         = filemd5("${path.module}/../dags/${var.dag_file}")
  content_type = "text/x-python"
}
