"""Summary of an infra/schemathesis.sh run: per operation of the document, the requests
sent, the statuses seen and whether its checks passed (from each pass's JUnit and HAR
reports). Exits 1 when an operation failed or none of the document's operations was
tested at all.

usage: summary.py OPENAPI_JSON REPORT_DIR PASS...
"""

import collections
import json
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET


def main():
    doc_path, report_dir, passes = sys.argv[1], sys.argv[2], sys.argv[3:]
    doc = json.load(open(doc_path))
    operations = []  # (METHOD, template, regex)
    for path, item in doc["paths"].items():
        rx = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(path)) + "$")
        for method in item:
            if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace"):
                operations.append((method.upper(), path, rx))

    failed, tested = {}, set()
    statuses = collections.defaultdict(collections.Counter)
    for name in passes:
        try:
            junit = ET.parse(f"{report_dir}/{name}.xml").getroot()
        except (OSError, ET.ParseError) as e:
            print(f"schemathesis: no JUnit report for {name}: {e}", file=sys.stderr)
            failed[name] = "no report"
            continue
        for case in junit.iter("testcase"):
            label = case.get("name", "")
            tested.add(label)
            bad = case.find("failure")
            if bad is None:
                bad = case.find("error")
            if bad is not None:
                first = (bad.get("message") or bad.text or "").strip().splitlines()
                failed[label] = first[0] if first else "failed"
        try:
            har = json.load(open(f"{report_dir}/{name}.har"))
        except (OSError, ValueError):
            continue
        for entry in har.get("log", {}).get("entries", []):
            method = entry["request"]["method"].upper()
            path = urllib.parse.urlsplit(entry["request"]["url"]).path
            op = next((f"{m} {t}" for m, t, rx in operations if m == method and rx.match(path)), f"{method} (other path)")
            statuses[op][entry["response"]["status"]] += 1

    width = max(len(f"{m} {t}") for m, t, _ in operations)
    print(f"\n{'operation'.ljust(width)}  result  statuses seen (count)", file=sys.stderr)
    for method, template, _ in operations:
        label = f"{method} {template}"
        seen = " ".join(f"{s}x{n}" for s, n in sorted(statuses[label].items())) or "-"
        result = "FAIL" if label in failed else ("ok" if label in tested else "-")
        print(f"{label.ljust(width)}  {result.ljust(6)}  {seen}", file=sys.stderr)
    for label, why in failed.items():
        print(f"  {label}: {why}", file=sys.stderr)
    ok = len([t for t in tested if t not in failed])
    print(f"schemathesis: operations tested: {len(tested)} of {len(operations)}; {ok} passed, {len(failed)} failed", file=sys.stderr)
    sys.exit(1 if failed or not tested else 0)


if __name__ == "__main__":
    main()
