# airq pipeline image for AWS Batch: ENTRYPOINT runs `deno task --quiet`, so a job's command is
# ["ingest", "--date", "2024-11-20"], ["transform", …], ["compliance", …] or ["load", …]
# (docs/operations.md, "The image").
# The base is the official Deno image. Its tag is the one place the project's Deno version is
# written: .ci/deno.sh, .ci/build_image.sh and tests/infra/deno_version_test.ts read it from here.
# It is pinned by the digest of its multi-architecture index next to the tag; bump both together
# (docs/operations.md, "Bumping the base image").
FROM denoland/deno:debian-2.9.6@sha256:2014dc167ece617ef7e7ba40631ac2234c59e75ce693e7cc2dc2602b3c87859d

# Unattended runs: no update check, never a permission prompt, plain log lines.
ENV DENO_NO_UPDATE_CHECK=1 \
    DENO_NO_PROMPT=1 \
    NO_COLOR=1

WORKDIR /app

# The code stays root-owned (read-only for the runtime user); only DENO_DIR (/deno-dir/, owned
# by deno in the base image) is its own. npm packages live in DENO_DIR ("nodeModulesDir": "none").
# The runtime user is the base image's `deno` (uid/gid 1993), numeric so any host resolves it.
COPY deno.json deno.lock ./
COPY src/ ./src/
COPY tasks/ ./tasks/

# Production only: the image's deno.json keeps the tasks the image runs and the npm imports
# their module graphs use, and its deno.lock the entries those reach, unchanged
# (tasks/image_config.ts). Resolving the graphs fetches the whole lock into a throwaway cache,
# removed in the same step.
# Optional build secret "build_ca": a CA bundle for a TLS-intercepting egress proxy on the build
# host (`--secret id=build_ca,src=/etc/ssl/certs/ca-certificates.crt`); never stored in the image.
RUN --mount=type=secret,id=build_ca,required=false \
    if [ -s /run/secrets/build_ca ]; then export DENO_CERT=/run/secrets/build_ca; fi \
    && DENO_DIR=/tmp/graph-cache deno run --allow-read=. --allow-write=/tmp/image --allow-run \
      tasks/image_config.ts /tmp/image \
    && mv /tmp/image/deno.json /tmp/image/deno.lock /app/ \
    && mv /tmp/image/entrypoints /app/.entrypoints \
    && rm -rf /tmp/graph-cache /tmp/image

USER 1993:1993

# The production packages and the entry points' module graphs, lock frozen (deno.json says so):
# a package missing from deno.lock fails the build; nothing is resolved or downloaded at run time.
RUN --mount=type=secret,id=build_ca,required=false,uid=1993 \
    if [ -s /run/secrets/build_ca ]; then export DENO_CERT=/run/secrets/build_ca; fi \
    && xargs deno install --frozen --entrypoint </app/.entrypoints

# A batch job has no long-running service to probe: AWS Batch tracks the process exit code.
HEALTHCHECK NONE

# tini (shipped at /tini by the base image) forwards SIGTERM from Batch to deno task and reaps.
# --quiet: `deno task` does not echo the command line, so stderr carries only the task's JSON.
ENTRYPOINT ["/tini", "--", "deno", "task", "--quiet"]
CMD ["ingest", "--help"]
