#!/usr/bin/env bash
# Builds the airq image without Docker Hub and without a Docker engine, then checks it:
#   1. a stand-in for the base image, tagged as the Dockerfile's FROM without its digest: the
#      project's pinned Deno (from npm, .tools/bin/deno) + the shared libraries it links +
#      busybox-static for /bin/sh + tini at /tini, user deno (1993), DENO_DIR=/deno-dir/ — what
#      the real denoland/deno:debian-<version> provides to this Dockerfile;
#   2. `buildah bud --pull=never --isolation=chroot --storage-driver=vfs` of the real Dockerfile
#      with only its FROM digest stripped (the stand-in cannot have the real image's digest; the
#      FROM must still name the pinned Deno tag and a sha256 digest). Its RUN steps download the
#      npm packages from the registry, lock frozen;
#   3. checks the image holds neither fixture_api/ nor tasks/demo.ts and that the launcher
#      refuses demo and fixture-server there (exit 2); lists the npm packages in the image and fails on a dev-only one (a deno.json import that
#      nothing under src/ or tasks/ imports, e.g. playwright-core) or on one the image's lock
#      does not name; prints the image size and fails above AIRQ_IMAGE_BUDGET_MB;
#   4. runs the ENTRYPOINT with `<task> --help` for every task of the image's deno.json, as the
#      image's user, with HTTP(S)_PROXY pointed at a closed port (nothing downloads at run time),
#      and checks that each pipeline task of the project's deno.json is either there or refused;
#   5. runs ingest -> transform -> compliance -> load of 2024-11-20 in the image against the fixture API and
#      the fakesnow bridge on 127.0.0.1, and checks that every stderr line is one JSON object.
# Usage: bash .ci/build_image.sh        (env AIRQ_IMAGE=localhost/airq:ci, AIRQ_KEEP_IMAGE=1)
# Needs buildah, busybox-static, tini (.ci/setup/40-infra-tools.sh), the fakesnow venv
# (.ci/setup/30-fakesnow.sh), python3 and root (vfs + chroot).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# The Deno version is written once, in the Dockerfile's FROM line; .ci/deno.sh reads it too.
DENO_VERSION="$(sed -nE 's/^FROM denoland\/deno:debian-([0-9]+\.[0-9]+\.[0-9]+)@sha256:[0-9a-f]{64}$/\1/p' Dockerfile)"
[ -n "$DENO_VERSION" ] || { echo "build_image: FAIL: no \"FROM denoland/deno:debian-<version>@sha256:<digest>\" line in Dockerfile" >&2; exit 1; }
BASE="docker.io/denoland/deno:debian-$DENO_VERSION"
IMAGE="${AIRQ_IMAGE:-localhost/airq:ci}"
# Measured with the stand-in base (docs/operations.md, "The image"): fail when the image outgrows it.
BUDGET_MB="${AIRQ_IMAGE_BUDGET_MB:-365}"
store="$root/.tools/containers"
bah() { buildah --root "$store/storage" --runroot "$store/run" --storage-driver vfs "$@"; }
say() { echo "build_image: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
t0=$SECONDS

from="$(awk 'toupper($1) == "FROM" { print $2 }' Dockerfile)"
[ "$(grep -c . <<<"$from")" = 1 ] || fail "the Dockerfile has more than one FROM: $from"
[[ "docker.io/$from" =~ ^"$BASE"@sha256:[0-9a-f]{64}$ ]] \
  || fail "Dockerfile FROM is \"$from\", expected \"${BASE#docker.io/}@sha256:<digest>\""

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
# The stand-in has no registry digest: build the Dockerfile with "@sha256:…" cut from its FROM,
# and nothing else changed (the diff is checked).
sed -E 's|^(FROM [^ @]+)@sha256:[0-9a-f]{64}|\1|' Dockerfile >"$tmp/Dockerfile"
[ "$(diff Dockerfile "$tmp/Dockerfile" | grep -c '^[<>]')" = 2 ] || fail "stripping the FROM digest changed more than one line"
bah bud --pull=never --isolation=chroot --layers=false --format docker --quiet "${secret[@]}" -t "$IMAGE" \
  -f "$tmp/Dockerfile" . >/dev/null || fail "buildah bud failed"
bah rmi --prune >/dev/null 2>&1 || true
t2=$SECONDS
say "built $IMAGE ($((t2 - t1)) s)"

# --- 3. what the image holds: its npm packages (none dev-only) and its size -----------------
entry="$(bah inspect --type image --format '{{.OCIv1.Config.Entrypoint}}' "$IMAGE")"
[ "$entry" = '[/tini -- deno task --quiet]' ] || fail "ENTRYPOINT is $entry"
user="$(bah inspect --type image --format '{{.OCIv1.Config.User}}' "$IMAGE")"
[ "$user" = "1993:1993" ] || fail "USER is \"$user\", expected \"1993:1993\""
ctr="$(bah from --pull=never --quiet "$IMAGE")"
containers+=("$ctr")
# Nothing may download at run time: registry traffic goes to a dead proxy (Deno's npm cache is
# per registry, so pointing the registry elsewhere would hide the packages instead); the local
# stand-ins on 127.0.0.1 stay direct. tini is not PID 1 under `buildah run`: register it as a
# subreaper so it does not warn.
offline=(--env HTTPS_PROXY=http://127.0.0.1:9 --env HTTP_PROXY=http://127.0.0.1:9
  --env NO_PROXY=127.0.0.1,localhost --env TINI_SUBREAPER=1)
run() {
  bah run --isolation=chroot --user "$user" "${offline[@]}" \
    "$ctr" -- "$@"
}
[ "$(run id -u)" = "1993" ] || fail "the image does not run as uid 1993"
if run deno eval 'await fetch("https://registry.npmjs.org/")' >/dev/null 2>&1; then
  fail "the npm registry is reachable in the check's containers: the offline proof is void"
fi
if run touch /app/src/written-at-runtime 2>/dev/null; then fail "the code in /app is writable at run time"; fi
# The image ships what it runs: not the fake API (fixture_api/), not the demo that needs it.
for path in /app/fixture_api /app/tasks/demo.ts /app/tasks/docs.ts /app/tests /app/bench; do
  if run test -e "$path"; then fail "$path is in the image"; fi
done
out="$(run /tini -- deno --version)"
grep -q "^deno $DENO_VERSION " <<<"$out" || fail "deno --version printed: $out"
run cat /app/deno.json >"$tmp/image-deno.json"
run cat /app/deno.lock >"$tmp/image-deno.lock"
# name@version of every package in Deno's npm cache (<name>/<version>/ or @scope/<name>/<version>/).
run sh -c 'cd /deno-dir/npm/registry.npmjs.org && for d in [!@]*/* @*/*/*; do [ -d "$d" ] && echo "$d"; done' |
  sed -E 's|/([^/]+)$|@\1|' | sort >"$tmp/packages"
python3 - "$tmp/packages" "$tmp/image-deno.lock" <<'PY' || fail "the image's npm packages are not the production ones (above)"
import json, pathlib, re, sys
present = pathlib.Path(sys.argv[1]).read_text().split()
imports = json.load(open("deno.json"))["imports"]
code = "\n".join(p.read_text() for d in ("src", "tasks") for p in pathlib.Path(d).rglob("*.ts"))
def name(spec):
    m = re.match(r"npm:/?((?:@[^/@]+/)?[^/@]+)", spec)
    return m and m.group(1)
# dev-only: a deno.json import that no file under src/ or tasks/ names in an import or require.
dev = sorted({name(s) for k, s in imports.items()
              if name(s) and not re.search(r"""["']%s["'/]""" % re.escape(k.rstrip("/")), code)})
# lock keys are name@version, plus "_<peer>@<version>…" when peers are resolved.
locked = {re.match(r"^(@?[^@]+@[^_]+)", k).group(1) for k in json.load(open(sys.argv[2]))["npm"]}
found_dev = [p for p in present if p.rsplit("@", 1)[0] in dev]
unlocked = [p for p in present if p not in locked]
print(f"build_image: {len(present)} npm packages in the image; dev-only imports: {', '.join(dev) or 'none'}")
for p in found_dev: print(f"build_image: dev-only package in the image: {p}")
for p in unlocked: print(f"build_image: package not in the image's deno.lock: {p}")
sys.exit(1 if found_dev or unlocked or not present else 0)
PY
# Size: the uncompressed layers of the manifest (what a host unpacks), base and own layers.
layer_bytes() {
  bah inspect --type image "$1" |
    python3 -c 'import json, sys; print(sum(l["size"] for l in json.loads(json.load(sys.stdin)["Manifest"])["layers"]))'
}
size_mb=$(( ($(layer_bytes "$IMAGE") + 1048575) / 1048576 ))
base_mb=$(( ($(layer_bytes "$BASE") + 1048575) / 1048576 ))
say "image size: $size_mb MiB ($base_mb MiB stand-in base + $((size_mb - base_mb)) MiB added), budget $BUDGET_MB MiB"
[ "$size_mb" -le "$BUDGET_MB" ] || fail "the image is $size_mb MiB, over the budget of $BUDGET_MB MiB"

# --- 4. every task of the image's entry point: --help, as the image's user ------------------
tasks="$(python3 -c 'import json, sys; print(" ".join(json.load(open(sys.argv[1]))["tasks"]))' "$tmp/image-deno.json")"
[ -n "$tasks" ] || fail "the image's deno.json has no tasks"
say "image tasks: $tasks"
# Every other task of the project's deno.json is refused in the image: bench, test, docs and
# mutate are development tools over bench/, tests/, docs/ and .ci/; report and publish-dag are
# not Batch jobs; demo and fixture-server need the fake API, which is not shipped, so even the
# launcher run directly refuses them (exit 2, a configuration error).
for task in $(python3 -c 'import json; print(" ".join(json.load(open("deno.json"))["tasks"]))'); do
  case " $tasks " in *" $task "*) continue ;; esac
  if run /tini -- deno task --quiet "$task" --help >/dev/null 2>&1; then fail "deno task $task runs in the image"; fi
done
for task in demo fixture-server; do
  status=0
  out="$(run /tini -- deno run --allow-env --allow-read=. --allow-run tasks/launch.ts "$task" 2>&1)" || status=$?
  [ "$status" -eq 2 ] || fail "the launcher exited $status for $task in the image, expected 2 (its script is not shipped): $out"
  say "ok: the launcher refuses $task (not in the image): $(grep -m 1 -oE '"message":"([^"\\]|\\.)*"' <<<"$out")"
done
for task in $tasks; do
  out="$(run /tini -- deno task --quiet "$task" --help 2>&1)" || fail "$task --help exited nonzero: $out"
  grep -q -- "--date" <<<"$out" || fail "$task --help printed no --date flag: $out"
  say "ok: deno task $task --help ($(wc -l <<<"$out") lines)"
done

# --- 5. end to end inside the image: ingest -> transform -> load of a fixed day -------------
# The fixture API and the fakesnow bridge run on the host's 127.0.0.1 (chroot isolation shares
# the host network); the lake is a folder inside the container. Proves the image's tasks really
# run (DuckDB-WASM, Parquet, snowflake-sdk, permissions) as uid 1993 with nothing downloaded,
# and that their stderr is a log stream: one JSON object per line.
fakesnow_py="$root/.tools/venv-fakesnow/bin/python"
[ -x "$fakesnow_py" ] || fail "no fakesnow venv ($fakesnow_py): run bash .ci/setup/30-fakesnow.sh"
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; }
FIXTURE_PORT=0 "$deno" run --allow-net=127.0.0.1 --allow-read --allow-env fixture_api/main.ts \
  >"$tmp/fixture.out" 2>"$tmp/fixture.err" &
pids+=($!)
"$fakesnow_py" tests/fakesnow_bridge/bridge.py --port 0 --password image-check >"$tmp/fakesnow.out" 2>"$tmp/fakesnow.err" &
pids+=($!)
for _ in $(seq 1 600); do
  [ -s "$tmp/fixture.out" ] && grep -q '^READY ' "$tmp/fakesnow.out" && break
  sleep 0.1
done
api="$(head -n 1 "$tmp/fixture.out")"
snow_port="$(sed -n 's/^READY //p' "$tmp/fakesnow.out")"
[ -n "$api" ] || { stop; fail "the fixture API did not start: $(cat "$tmp/fixture.err")"; }
[ -n "$snow_port" ] || { stop; fail "the fakesnow bridge did not start: $(tail -n 5 "$tmp/fakesnow.err")"; }
e2e() {
  bah run --isolation=chroot --user "$user" "${offline[@]}" \
    --env AIRQ_LAKE=file:///tmp/airq-lake --env "AIRQ_API_URL=$api" --env HOME=/tmp \
    --env SNOWFLAKE_ACCOUNT=airq_ci --env SNOWFLAKE_USER=LOADER --env SNOWFLAKE_PASSWORD=image-check \
    --env SNOWFLAKE_WAREHOUSE=LOAD_WH --env SNOWFLAKE_DATABASE=AIRQ --env SNOWFLAKE_SCHEMA=CLEAN \
    --env SNOWFLAKE_HOST=127.0.0.1 --env "SNOWFLAKE_PORT=$snow_port" --env SNOWFLAKE_PROTOCOL=http \
    "$ctr" -- "$@"
}
failed=""
for task in ingest transform compliance load; do
  if ! e2e /tini -- deno task --quiet "$task" --date 2024-11-20 >"$tmp/$task.out" 2>"$tmp/$task.err"; then
    failed="$task"
    break
  fi
done
stop
[ -z "$failed" ] || fail "$failed in the image failed: $(tail -n 5 "$tmp/$failed.err")"
published="$(e2e find /tmp/airq-lake -name _SUCCESS -o -name _manifest.json | sort)"
grep -q "^/tmp/airq-lake/raw/irceline/date=2024-11-20/_manifest.json$" <<<"$published" \
  || fail "no raw manifest for 2024-11-20 in the image's lake: $published"
grep -q "^/tmp/airq-lake/clean/.*/date=2024-11-20/_SUCCESS$" <<<"$published" \
  || fail "no clean _SUCCESS for 2024-11-20 in the image's lake: $published"
python3 - "$tmp" <<'PY' || fail "a task in the image wrote a stderr line that is not one JSON object (above)"
import json, sys
bad = 0
for task in ("ingest", "transform", "compliance", "load"):
    lines = open(f"{sys.argv[1]}/{task}.err").read().splitlines()
    events = []
    for line in lines:
        try:
            events.append(json.loads(line))
            assert isinstance(events[-1], dict)
        except Exception:
            print(f"build_image: {task} stderr line is not a JSON object: {line[:200]}")
            bad += 1
    if not any(e.get("event") in ("summary", "done") for e in events) and task != "compliance":
        print(f"build_image: {task} logged no summary/done event")
        bad += 1
    if task == "compliance" and not any(e.get("event") == "year_done" and e.get("year") == 2024 and e.get("result") == "built" for e in events):
        print(f"build_image: compliance did not build 2024: {events[-1:]}")
        bad += 1
    if task == "load":
        done = [e for e in events if e.get("event") == "done"]
        if not done or [d.get("status") for d in done[-1].get("dates", [])] != ["ok"]:
            print(f"build_image: load did not load 2024-11-20: {done}")
            bad += 1
sys.exit(1 if bad else 0)
PY
say "ok: ingest -> transform -> compliance -> load of 2024-11-20 inside the image ($(grep -c . <<<"$published") markers, stderr all JSON)"

[ -n "${AIRQ_KEEP_IMAGE:-}" ] || bah rmi "$IMAGE" >/dev/null 2>&1 || true
say "smoke passed ($((SECONDS - t2)) s); total $((SECONDS - t0)) s"
