"""Test-only bridge that lets the Node snowflake-sdk talk to fakesnow's server.

fakesnow (https://github.com/tekumara/fakesnow) emulates Snowflake's REST API on
DuckDB, but answers result sets in Arrow (`rowsetBase64`), which the Node driver
cannot decode. This ASGI wrapper around fakesnow's own Starlette app:

* rewrites Arrow results into a JSON `rowset` using Snowflake's JSON encodings
  (FIXED/REAL/TEXT as strings, BOOLEAN as "1"/"0", DATE as epoch days,
  TIMESTAMP_* as "seconds.nanoseconds"), adds `code: "0"` to successful answers;
* reports CLIENT_STAGE_ARRAY_BINDING_THRESHOLD = 65280 (Snowflake's default) at
  login instead of fakesnow's 0, so the Node driver binds arrays inline as with a
  real account (fakesnow's 0 makes it try to stage the binds with PUT);
* authenticates like Snowflake where fakesnow accepts anything: with
  --password P only password P is accepted; with --public-key F a SNOWFLAKE_JWT
  login must carry an RS256 JWT signed by the private key of that public key.
  Otherwise it answers 390100 "Incorrect username or password was specified.";
* completes fakesnow's answer to PUT for the Node driver: fakesnow stages files behind a
  GCS-style presigned URL on itself, and the Node driver reads `stageInfo.region` (which
  fakesnow leaves out) before it uploads there, and honours PUT's OVERWRITE = TRUE (fakesnow
  always answers overwrite false, and the driver then first GETs the presigned URL, which
  fakesnow does not serve);
* fault injection for tests: POST /bridge/faults {"crash_on_insert": N} makes
  the process exit abruptly (os._exit) when the N-th later INSERT arrives, as if
  the server or the network died mid-load; with --db-path the committed data
  survive in DuckDB files and a restarted bridge on the same path sees them.

Prints "READY <port>" on stdout once listening on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import socket
import sys
from typing import Any

import pyarrow as pa
import uvicorn

STAGE_THRESHOLD = 65280
BAD_LOGIN = {
    "data": {"nextAction": "RETRY_LOGIN", "authnMethod": "USERNAME_PASSWORD"},
    "code": "390100",
    "message": "Incorrect username or password was specified.",
    "success": False,
}


def b64url(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def jwt_valid(token: str, public_key_pem: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    try:
        head, payload, sig = token.split(".")
        if json.loads(b64url(head)).get("alg") != "RS256":
            return False
        key = serialization.load_pem_public_key(public_key_pem)
        key.verify(b64url(sig), f"{head}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())  # type: ignore[union-attr]
        return True
    except (ValueError, InvalidSignature):
        return False


def cell(value: Any, col_type: str, scale: int) -> str | None:
    if value is None:
        return None
    t = col_type.lower()
    if t == "boolean":
        return "1" if value else "0"
    if t == "date":
        import datetime

        return str((value - datetime.date(1970, 1, 1)).days)
    if t.startswith("timestamp"):
        # fakesnow sends timestamps as a struct {epoch, fraction[, timezone]}, or (aggregates
        # such as MIN) as a datetime
        if isinstance(value, dict):
            return f"{value['epoch']}.{value['fraction']:09d}"
        import datetime

        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        us = int(value.timestamp() * 1_000_000)
        return f"{us // 1_000_000}.{(us % 1_000_000) * 1000:09d}"
    if t == "time":
        return f"{value // 1_000_000_000}.{value % 1_000_000_000:09d}"
    if t == "real":
        return repr(float(value))
    if t == "fixed" and scale:
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def arrow_to_rowset(data: dict[str, Any]) -> None:
    b64 = data.pop("rowsetBase64", "")
    rowtype = data.get("rowtype") or []
    rows: list[list[str | None]] = []
    if b64:
        table = pa.ipc.open_stream(base64.b64decode(b64)).read_all()
        columns = [c.to_pylist() for c in table.columns]
        for r in range(table.num_rows):
            rows.append(
                [cell(columns[i][r], rowtype[i]["type"], rowtype[i].get("scale") or 0) for i in range(len(columns))]
            )
    data["queryResultFormat"] = "json"
    data["rowset"] = rows
    data["total"] = len(rows)
    data["returned"] = len(rows)


class Bridge:
    def __init__(self, app: Any, password: str | None, public_key: bytes | None) -> None:
        self.app = app
        self.password = password
        self.public_key = public_key
        self.crash_on_insert: int | None = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        if path == "/bridge/faults":
            self.crash_on_insert = json.loads(body or b"{}").get("crash_on_insert")
            await self.respond(send, 200, {"ok": True})
            return
        raw = body
        headers = dict(scope.get("headers") or [])
        if headers.get(b"content-encoding") == b"gzip":
            import gzip

            raw = gzip.decompress(body)
        if path == "/session/v1/login-request" and not self.login_ok(json.loads(raw)):
            await self.respond(send, 200, BAD_LOGIN)
            return
        if path == "/queries/v1/query-request" and self.crash_on_insert is not None:
            sql = json.loads(raw).get("sqlText", "")
            if sql.lstrip().upper().startswith("INSERT"):
                self.crash_on_insert -= 1
                if self.crash_on_insert <= 0:
                    sys.stdout.flush()
                    os._exit(3)

        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, replay, capture)
        out = b"".join(chunks)
        try:
            answer = json.loads(out)
        except ValueError:
            answer = None
        if isinstance(answer, dict):
            sql = json.loads(raw).get("sqlText", "") if path == "/queries/v1/query-request" else ""
            self.rewrite(path, answer, sql)
            if os.environ.get("BRIDGE_DEBUG"):
                print(path, json.dumps(answer)[:2000], file=sys.stderr, flush=True)
            await self.respond(send, start.get("status", 200), answer)
        else:
            await send({**start, "headers": [h for h in start.get("headers", []) if h[0] != b"content-length"]})
            await send({"type": "http.response.body", "body": out})

    def login_ok(self, login: dict[str, Any]) -> bool:
        data = login.get("data") or {}
        if data.get("AUTHENTICATOR", "").upper() == "SNOWFLAKE_JWT":
            return self.public_key is not None and jwt_valid(data.get("TOKEN", ""), self.public_key)
        if self.password is None:
            return self.public_key is None
        return data.get("PASSWORD") == self.password

    def rewrite(self, path: str, answer: dict[str, Any], sql: str = "") -> None:
        data = answer.get("data")
        if answer.get("success") and "code" not in answer:
            answer["code"] = "0"
        if not isinstance(data, dict):
            return
        if path == "/session/v1/login-request":
            for p in data.get("parameters", []):
                if p.get("name") == "CLIENT_STAGE_ARRAY_BINDING_THRESHOLD":
                    p["value"] = STAGE_THRESHOLD
        stage_info = data.get("stageInfo")
        if isinstance(stage_info, dict) and stage_info.get("locationType") == "GCS":
            stage_info.setdefault("region", "local")
            if re.search(r"\bOVERWRITE\s*=\s*TRUE\b", sql, re.IGNORECASE):
                data["overwrite"] = True
        if data.get("queryResultFormat") == "arrow":
            arrow_to_rowset(data)
        elif isinstance(data.get("rowset"), list) and "returned" not in data:
            # fakesnow omits "returned" on DML answers; the Node driver waits for it
            data["returned"] = len(data["rowset"])

    @staticmethod
    async def respond(send: Any, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--password", help="the only password accepted (default: any)")
    parser.add_argument("--public-key", help="PEM public key that SNOWFLAKE_JWT logins must match")
    parser.add_argument("--db-path", help="keep databases as DuckDB files in this folder")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    import fakesnow.server as fs_server
    from fakesnow.instance import FakeSnow

    if args.db_path:
        fs_server.shared_fs = FakeSnow(db_path=args.db_path)
    public_key = open(args.public_key, "rb").read() if args.public_key else None
    app = Bridge(fs_server.app, args.password, public_key)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sock.listen(128)  # queue connections that arrive before uvicorn starts accepting
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    print(f"READY {sock.getsockname()[1]}", flush=True)
    asyncio.run(server.serve(sockets=[sock]))


if __name__ == "__main__":
    main()
