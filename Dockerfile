# airq pipeline image for AWS Batch: ENTRYPOINT runs `deno task`, so a job's command is
# ["ingest", "--date", "2024-11-20"], ["transform", …], ["compliance", …] or ["load", …]
# (see README, "Deployment").
# The base is the official Deno image. Its tag is the one place the project's Deno version is
# written: .ci/deno.sh, .ci/build_image.sh and tests/infra/deno_version_test.ts read it from here.
FROM denoland/deno:debian-2.9.6

# Unattended runs: no update check, never a permission prompt, plain log lines.
ENV DENO_NO_UPDATE_CHECK=1 \
    DENO_NO_PROMPT=1 \
    NO_COLOR=1

WORKDIR /app

# The code stays root-owned (read-only for the runtime user); only node_modules (npm packages
# and Deno's setup cache) and DENO_DIR (/deno-dir/, owned by deno in the base image) are its own.
# The runtime user is the base image's `deno` (uid/gid 1993), numeric so any host resolves it.
COPY deno.json deno.lock package.json ./
RUN mkdir /app/node_modules && chown 1993:1993 /app/node_modules

USER 1993:1993

# Dependencies before code, so this layer survives code changes. --frozen: a dependency missing
# from deno.lock fails the build; nothing is resolved or downloaded at run time.
# Optional build secret "build_ca": a CA bundle for a TLS-intercepting egress proxy on the build
# host (`--secret id=build_ca,src=/etc/ssl/certs/ca-certificates.crt`); never stored in the image.
RUN --mount=type=secret,id=build_ca,required=false,uid=1993 \
    if [ -s /run/secrets/build_ca ]; then export DENO_CERT=/run/secrets/build_ca; fi \
    && deno install --frozen

COPY src/ ./src/
COPY tasks/ ./tasks/

# Build the launcher's and the pipeline tasks' module graphs now (fails on a missing import or
# lock drift).
RUN --mount=type=secret,id=build_ca,required=false,uid=1993 \
    if [ -s /run/secrets/build_ca ]; then export DENO_CERT=/run/secrets/build_ca; fi \
    && deno install --frozen --entrypoint tasks/launch.ts tasks/ingest.ts tasks/transform.ts tasks/compliance.ts tasks/load.ts

# A batch job has no long-running service to probe: AWS Batch tracks the process exit code.
HEALTHCHECK NONE

# tini (shipped at /tini by the base image) forwards SIGTERM from Batch to deno task and reaps.
ENTRYPOINT ["/tini", "--", "deno", "task"]
CMD ["ingest", "--help"]
