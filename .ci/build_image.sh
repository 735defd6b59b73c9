#!/usr/bin/env bash
# Builds the airq image without Docker Hub and without a Docker engine, then smoke-tests it:
#   1. a stand-in for the base image, tagged exactly as the Dockerfile's FROM: the project's
#      pinned Deno (from npm, .tools/bin/deno) + the shared libraries it links + busybox-static
#      for /bin/sh + tini at /tini, user deno (1993), DENO_DIR=/deno-dir/ — what the real
#      denoland/deno:debian-<version> provides to this Dockerfile;
#   2. `buildah bud --pull=never --isolation=chroot --storage-driver=vfs` of the real Dockerfile
#      (its RUN steps download the npm packages from the registry, lock frozen);
#   3. checks the image holds neither fixture_api/ nor tasks/demo.ts, that `deno task demo` and
#      `deno task fixture-server` exit 2 there, and runs `<task> --help` for every other pipeline
#      task of deno.json, as the image's user, with the npm registry pointed at a closed port
#      (proves nothing downloads at run time);
#   4. runs ingest + transform of 2024-11-20 in the image against the fake API (fixture_api/main.ts,
#      run on the host) on 127.0.0.1.
# Usage: bash .ci/build_image.sh        (env AIRQ_IMAGE=localhost/airq:ci, AIRQ_KEEP_IMAGE=1)
# Needs buildah, busybox-static, tini (.ci/setup/40-infra-tools.sh) and root (vfs + chroot).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The Deno version is written once, in the Dockerfile's FROM line; .ci/deno.sh reads it too.
DENO_VERSION="$(sed -nE 's/^FROM denoland\/deno:debian-([0-9]+\.[0-9]+\.[0-9]+)$/\1/p' Dockerfile)"
[ -n "$DENO_VERSION" ] || { echo "build_image: FAIL: no \"FROM denoland/deno:debian-<version>\" line in Dockerfile" >&2; exit 1; }
BASE="docker.io/denoland/deno:debian-$DENO_VERSION"
IMAGE="${AIRQ_IMAGE:-localhost/airq:ci}"
store="$root/.tools/containers"
bah() { buildah --root "$store/storage" --runroot "$store/run" --storage-driver vfs "$@"; }
say() { echo "build_image: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
t0=$SECONDS

from="$(awk 'toupper($1) == "FROM" { print $2; exit }' Dockerfile)"
[ "docker.io/$from" = "$BASE" ] || fail "Dockerfile FROM is \"$from\", expected \"${BASE#docker.io/}\""

bash .ci/deno.sh --version >/dev/null
deno="$root/.tools/bin/deno"
"$deno" --version | grep -q "^deno $DENO_VERSION " || fail "$deno is not deno $DENO_VERSION"
deno_sha="$(sha256sum "$deno" | cut -c1-64)"

tmp="$(mktemp -d)"
containers=()
cleanup() {
  for c in "${containers[@]}"; do bah rm "$c" >/dev/null 2>&1 || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

# --- 1. stand-in base image (rebuilt only when the Deno binary changes) ---------------------
have="$(bah inspect --type image --format '{{index .OCIv1.Config.Labels "airq.standin.deno-sha256"}}' \
  "$BASE" 2>/dev/null || true)"
if [ "$have" != "$deno_sha" ]; then
  say "making stand-in base $BASE"
  fs="$tmp/rootfs"
  mkdir -p "$fs"/{bin,usr/bin,usr/local/bin,etc,tmp,deno-dir,root}
  cp "$deno" "$fs/usr/bin/deno"
  # ldd's libraries, plus libstdc++ (in debian:stable-slim; npm native addons link it).
  libs="$(ldd "$deno" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')"
  libs="$libs $(ldconfig -p | awk '$1 == "libstdc++.so.6" && /x86-64/ && !n++ { print $NF }')"
  for lib in $libs; do
    mkdir -p "$fs$(dirname "$lib")"
    cp -L "$lib" "$fs$lib"
  done
  cp /bin/busybox "$fs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ -e "$fs/bin/$applet" ] || ln -s busybox "$fs/bin/$applet"
  done
  cp /usr/bin/tini-static "$fs/tini"
  # Same contract as the real image's docker-entrypoint.sh: deno subcommands get "deno" prefixed.
  cat >"$fs/usr/local/bin/docker-entrypoint.sh" <<'SH'
#!/bin/sh
set -e
case "$1" in
  bundle | cache | check | compile | completions | coverage | doc | eval | fmt | help | info | \
    install | lint | lsp | repl | run | task | test | types | upgrade) exec deno "$@" ;;
esac
exec "$@"
SH
  chmod 755 "$fs/usr/local/bin/docker-entrypoint.sh"
  printf 'root:x:0:0:root:/root:/bin/sh\ndeno:x:1993:1993::/home/deno:/bin/sh\n' >"$fs/etc/passwd"
  printf 'root:x:0:\ndeno:x:1993:\n' >"$fs/etc/group"
  chmod 1777 "$fs/tmp"
  chown 1993:1993 "$fs/deno-dir"
  ctr="$(bah from scratch)"
  containers+=("$ctr")
  mnt="$(bah mount "$ctr")"
  cp -a "$fs/." "$mnt/"
  bah umount "$ctr" >/dev/null
  bah config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env DENO_DIR=/deno-dir/ --env DENO_INSTALL_ROOT=/usr/local --env "DENO_VERSION=$DENO_VERSION" \
    --entrypoint '["/tini", "--", "docker-entrypoint.sh"]' --cmd 'eval "console.log(Deno.version.deno)"' \
    --label "airq.standin.deno-sha256=$deno_sha" \
    --label "airq.standin=local stand-in for $BASE made by .ci/build_image.sh" "$ctr"
  bah commit --rm --quiet "$ctr" "$BASE" >/dev/null
  containers=()
fi
t1=$SECONDS
say "stand-in base ready ($((t1 - t0)) s)"

# --- 2. build the real Dockerfile -----------------------------------------------------------
# The build host's CA bundle (TLS-intercepting egress proxies) reaches the RUN steps as a
# build secret, never as a layer.
ca="${SSL_CERT_FILE:-/etc/ssl/certs/ca-certificates.crt}"
secret=()
[ -s "$ca" ] && secret=(--secret "id=build_ca,src=$ca")
bah bud --pull=never --isolation=chroot --layers=false --format docker --quiet "${secret[@]}" -t "$IMAGE" \
  -f Dockerfile . >/dev/null || fail "buildah bud failed"
bah rmi --prune >/dev/null 2>&1 || true
t2=$SECONDS
say "built $IMAGE ($((t2 - t1)) s)"

# --- 3. smoke: the ENTRYPOINT with each task's --help, as the image's user ------------------
entry="$(bah inspect --type image --format '{{.OCIv1.Config.Entrypoint}}' "$IMAGE")"
[ "$entry" = '[/tini -- deno task]' ] || fail "ENTRYPOINT is $entry"
user="$(bah inspect --type image --format '{{.OCIv1.Config.User}}' "$IMAGE")"
[ "$user" = "1993:1993" ] || fail "USER is \"$user\", expected \"1993:1993\""
ctr="$(bah from --pull=never --quiet "$IMAGE")"
containers+=("$ctr")
run() {
  bah run --isolation=chroot --user "$user" --env NPM_CONFIG_REGISTRY=http://127.0.0.1:9/ \
    "$ctr" -- "$@"
}
[ "$(run id -u)" = "1993" ] || fail "the image does not run as uid 1993"
if run touch /app/src/written-at-runtime 2>/dev/null; then fail "the code in /app is writable at run time"; fi
# The image ships what it runs: not the fake API (fixture_api/), not the demo that needs it.
for path in /app/fixture_api /app/tasks/demo.ts /app/tests /app/bench; do
  if run test -e "$path"; then fail "$path is in the image"; fi
done
out="$(run /tini -- deno --version)"
grep -q "^deno $DENO_VERSION " <<<"$out" || fail "deno --version printed: $out"
# Every task of deno.json: the launcher refuses the two whose script is not shipped (exit 2,
# a configuration error); every pipeline task prints its --help. bench, test, docs and mutate
# are development tools over the repository's bench/, tests/, docs/ and .ci/, not in the image.
not_shipped=" demo fixture-server "
repository_only=" bench test docs mutate "
tasks="$("$deno" eval 'console.log(Object.keys(JSON.parse(Deno.readTextFileSync("deno.json")).tasks).join(" "))' 2>/dev/null)"
[ -n "$tasks" ] || fail "cannot read the task names of deno.json"
for task in $tasks; do
  case "$repository_only" in *" $task "*) continue ;; esac
  status=0
  case "$not_shipped" in
    *" $task "*)
      out="$(run /tini -- deno task "$task" 2>&1)" || status=$?
      [ "$status" -eq 2 ] || fail "deno task $task exited $status in the image, expected 2 (its script is not shipped): $out"
      say "ok: deno task $task exits 2 (not in the image): $(tail -n 1 <<<"$out")"
      continue
      ;;
  esac
  out="$(run /tini -- deno task "$task" --help 2>&1)" || status=$?
  [ "$status" -eq 0 ] || fail "deno task $task --help exited $status: $out"
  case " ingest transform compliance load " in
    *" $task "*) grep -q -- "--date" <<<"$out" || fail "$task --help printed no --date flag: $out" ;;
  esac
  [ -n "$out" ] || fail "deno task $task --help printed nothing"
  say "ok: deno task $task --help ($(wc -l <<<"$out") lines)"
done
# --- 4. end to end inside the image: ingest + transform of a fixed day from the fixture API ---
# The fixture API runs on the host's 127.0.0.1 (chroot isolation shares the host network); the
# lake is a folder inside the container. Proves the image's tasks really run (DuckDB-WASM,
# Parquet, permissions) as uid 1993 with nothing downloaded.
if [ -e tasks/ingest.ts ] && [ -e tasks/transform.ts ] && [ -e fixture_api/main.ts ]; then
  FIXTURE_PORT=0 "$deno" run --allow-net=127.0.0.1 --allow-read --allow-env fixture_api/main.ts \
    >"$tmp/fixture.out" 2>"$tmp/fixture.err" &
  fixture_pid=$!
  for _ in $(seq 1 100); do [ -s "$tmp/fixture.out" ] && break; sleep 0.1; done
  api="$(head -n 1 "$tmp/fixture.out")"
  [ -n "$api" ] || { kill "$fixture_pid"; fail "the fixture API did not start: $(cat "$tmp/fixture.err")"; }
  e2e() {
    bah run --isolation=chroot --user "$user" --env NPM_CONFIG_REGISTRY=http://127.0.0.1:9/ \
      --env AIRQ_LAKE=file:///tmp/airq-lake --env "AIRQ_API_URL=$api" "$ctr" -- "$@"
  }
  status=0
  e2e /tini -- deno task ingest --date 2024-11-20 >"$tmp/ingest.log" 2>&1 || status=1
  [ "$status" -ne 0 ] || e2e /tini -- deno task transform --date 2024-11-20 >"$tmp/transform.log" 2>&1 || status=2
  kill "$fixture_pid" 2>/dev/null || true
  wait "$fixture_pid" 2>/dev/null || true
  [ "$status" -ne 1 ] || fail "ingest in the image failed: $(tail -n 5 "$tmp/ingest.log")"
  [ "$status" -ne 2 ] || fail "transform in the image failed: $(tail -n 5 "$tmp/transform.log")"
  published="$(e2e find /tmp/airq-lake -name _SUCCESS -o -name _manifest.json | sort)"
  grep -q "^/tmp/airq-lake/raw/irceline/date=2024-11-20/_manifest.json$" <<<"$published" \
    || fail "no raw manifest for 2024-11-20 in the image's lake: $published"
  grep -q "^/tmp/airq-lake/clean/.*/date=2024-11-20/_SUCCESS$" <<<"$published" \
    || fail "no clean _SUCCESS for 2024-11-20 in the image's lake: $published"
  say "ok: ingest + transform of 2024-11-20 inside the image ($(grep -c . <<<"$published") markers)"
fi

[ -n "${AIRQ_KEEP_IMAGE:-}" ] || bah rmi "$IMAGE" >/dev/null 2>&1 || true
say "smoke passed ($((SECONDS - t2)) s); total $((SECONDS - t0)) s"
