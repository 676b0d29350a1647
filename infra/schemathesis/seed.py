"""Creates the tenant the schemathesis run works on, and gives it data to find.

Reads E2E_BASE_URL, E2E_ADMIN_TOKEN and E2E_DOUBLE_URL (loopback only) and the tenant
id to create (ST_TENANT). Over the API it creates the tenant (Litmos: the local double),
enables ServiceNow, activates it, links a caller to a new Litmos learner, records an
incident, assigns three courses from it; through the double's control API it moves
one course to 40 % and completes another with a score; then it syncs, so the feed, the
incident view, the caller's courses and the report all have something to show.

Prints `NAME=value` lines for the run (ST_SERVICENOW_KEY, ST_WEBHOOK_TOKEN,
ST_CALLER, ST_INCIDENT, ST_LEARNER, ST_COURSES, ST_AGENT). Exits non-zero, saying which
step failed, when the stack does not answer as SPEC 3 says.
"""

import json
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request

LITMOS_KEY = "demo-litmos-key"
AGENT = "admin@pieshop.net"


def loopback(name):
    url = os.environ.get(name, "").rstrip("/")
    u = urllib.parse.urlsplit(url)
    if u.scheme != "http" or u.hostname != "127.0.0.1" or not u.port or u.path not in ("", "/"):
        sys.exit(f"schemathesis: {name} must be http://127.0.0.1:<port> (got {url!r}); only the local stack is a target")
    return url


BASE = loopback("E2E_BASE_URL")
DOUBLE = loopback("E2E_DOUBLE_URL")
ADMIN = os.environ["E2E_ADMIN_TOKEN"]
TENANT = os.environ["ST_TENANT"]


def call(method, url, token=None, body=None, headers=None, want=(200,)):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("content-type", "application/json")
    if token:
        req.add_header("authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, text = r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    if status not in want:
        path = urllib.parse.urlsplit(url).path
        sys.exit(f"schemathesis: seeding failed: {method} {path} answered {status}, expected {want}: {text[:500]}")
    return json.loads(text) if text.strip() else None


def main():
    api = f"{BASE}/v1"
    tenant = f"{api}/admin/tenants/{TENANT}"
    call("PUT", tenant, ADMIN, {"name": "Schemathesis run", "litmos": {"base_url": f"{DOUBLE}/v1.svc", "api_key": LITMOS_KEY, "source": "schemathesis"}}, want=(201,))
    key = call("POST", f"{tenant}/servicenow", ADMIN, want=(201,))["api_key"]
    webhook_url = call("GET", f"{tenant}/servicenow", ADMIN)["webhook_url"]
    token = webhook_url.rstrip("/").rsplit("/", 1)[1]
    call("POST", f"{api}/servicenow/activate", key, {"instance_url": "https://schemathesis.service-now.com"})

    caller = secrets.token_hex(16)
    email = f"st-{TENANT}@schemathesis.test"
    learner = call("POST", f"{api}/servicenow/learners", key, {"caller": {"sys_id": caller, "email": email, "first_name": "Schema", "last_name": "Thesis"}}, want=(201,))["learner"]["id"]
    courses = [c["id"] for c in call("GET", f"{api}/servicenow/courses?limit=10", key, headers={"X-Agent": AGENT})["items"]]
    if len(courses) < 3:
        sys.exit(f"schemathesis: seeding failed: the Litmos double lists {len(courses)} courses to {AGENT}")
    incident = secrets.token_hex(16)
    call("POST", f"{api}/servicenow/incidents", key, {"sys_id": incident, "number": "INC0090001", "caller_sys_id": caller, "opened_at": "2026-01-05T09:00:00Z", "category": "Schemathesis"}, want=(201,))
    out = call("POST", f"{api}/servicenow/assignments", key, {"learner_id": learner, "course_ids": courses[:3], "incident": {"sys_id": incident, "number": "INC0090001"}}, headers={"X-Agent": AGENT})
    if len(out["assigned"]) != 3:
        sys.exit(f"schemathesis: seeding failed: assigned {out['assigned']}")
    call("POST", f"{DOUBLE}/_double/progress", None, {"user_id": learner, "course_id": courses[0], "percentage": 100, "score": 87.5}, want=(204,))
    call("POST", f"{DOUBLE}/_double/progress", None, {"user_id": learner, "course_id": courses[1], "percentage": 40}, want=(204,))
    call("POST", f"{tenant}/sync", ADMIN)

    for name, value in [
        ("ST_SERVICENOW_KEY", key), ("ST_WEBHOOK_TOKEN", token), ("ST_CALLER", caller), ("ST_INCIDENT", incident),
        ("ST_LEARNER", learner), ("ST_COURSES", ",".join(courses)), ("ST_AGENT", AGENT),
    ]:
        print(f"{name}={value}")


if __name__ == "__main__":
    main()
