"""Schemathesis hooks for infra/schemathesis.sh (loaded through SCHEMATHESIS_HOOKS).

- Every `tenant_id` in a path is the run's own tenant (ST_TENANT), whatever was
  generated, so nothing the run changes or deletes belongs to anyone else; the
  webhook gets that tenant's real token, so its body handling is what gets tested.
- Half of the generated ids are swapped for ones the seeding made (a linked caller, an
  incident with training, the learner, assignable courses, an admin agent, a report
  range that holds the seeded assignments), so the 200 answers, with their bodies, are
  checked as well as the 400s and 404s of random ids; half of the tenant updates
  point at the Litmos double (half of those with its real key), so a PUT can succeed.
- Bodies that are not UTF-8 are not sent: `cargo lambda watch` answers them with its
  own 500 before any function runs (under API Gateway they reach the function, whose
  JSON parser refuses them with 400), so they would test the local emulator only.
"""

import datetime
import os
import random
from collections.abc import MutableMapping

import schemathesis

E = os.environ
_rng = random.Random(E.get("ST_SEED", "0"))
AGENTS = [E.get("ST_AGENT", "admin@pieshop.net"), "owner@pieshop.net", "leader@pieshop.net", "learner@pieshop.net", "nobody@schemathesis.test"]


def _half():
    return _rng.random() < 0.5


@schemathesis.hook
def filter_case(context, case):
    body = case.body
    if isinstance(body, (bytes, bytearray)):
        try:
            bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


@schemathesis.hook
def map_case(context, case):
    path = case.operation.path
    params = case.path_parameters
    if isinstance(params, MutableMapping):
        if "tenant_id" in params:
            params["tenant_id"] = E["ST_TENANT"]
        if "webhook_token" in params:
            params["webhook_token"] = E["ST_WEBHOOK_TOKEN"]
        if "caller_sys_id" in params and _half():
            params["caller_sys_id"] = E["ST_CALLER"]
        if "incident_sys_id" in params and _half():
            params["incident_sys_id"] = E["ST_INCIDENT"]
    headers = case.headers
    if isinstance(headers, MutableMapping) and "X-Agent" in headers and _half():
        headers["X-Agent"] = _rng.choice(AGENTS)
    body = case.body
    if path == "/v1/servicenow/assignments" and isinstance(body, dict) and _half():
        body["learner_id"] = E["ST_LEARNER"]
        courses = E["ST_COURSES"].split(",")
        body["course_ids"] = _rng.sample(courses, _rng.randint(1, min(4, len(courses))))
    if path == "/v1/servicenow/learners" and isinstance(body, dict) and isinstance(body.get("caller"), dict) and _half():
        body["caller"]["sys_id"] = E["ST_CALLER"]
    if path == "/v1/admin/tenants/{tenant_id}" and isinstance(body, dict) and isinstance(body.get("litmos"), dict) and _half():
        body["litmos"]["base_url"] = E["E2E_DOUBLE_URL"].rstrip("/") + "/v1.svc"
        if _half():
            body["litmos"]["api_key"] = "demo-litmos-key"
    query = case.query
    if path == "/v1/servicenow/reports/effectiveness" and isinstance(query, MutableMapping) and _half():
        today = datetime.datetime.now(datetime.timezone.utc).date()
        query["from"] = (today - datetime.timedelta(days=_rng.randint(0, 365))).isoformat()
        query["to"] = today.isoformat()
    return case
