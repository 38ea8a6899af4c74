#!/usr/bin/env python3
"""A client of GET /v2/jobs/{job_id} with Python's standard library only, written to the client-check
contract (docs/client-check.md): it reads CAPTAIN_* from the environment, waits for the job, and prints
one JSON line, {"status": ...} or {"indexed": true}; it exits 1 when it gives up.

    npm run client-check -- python3 examples/clients/wait_for_job.py
"""
import email.utils
import json
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

TERMINAL = {"completed", "completed_with_failures", "failed", "cancelled", "completed_with_errors", "timed_out"}
PLACEHOLDER_KEYS = {"job_id", "status", "progress", "progress_message", "estimated_time_remaining_seconds"}

BASE = os.environ["CAPTAIN_BASE_URL"].rstrip("/")
JOB = os.environ["CAPTAIN_JOB_ID"]
COLLECTION = os.environ.get("CAPTAIN_COLLECTION", "")
MEDIA_QUERY = os.environ.get("CAPTAIN_MEDIA_QUERY")
HEADERS = {
    "Authorization": "Bearer " + os.environ["CAPTAIN_API_KEY"],
    "X-Organization-ID": os.environ.get("CAPTAIN_ORG_ID", ""),
    "Accept": "application/json",
}
DEADLINE = time.monotonic() + 10 * 60


def request(method, path, body=None):
    """(status, headers, parsed JSON or None); status 0 when no answer came."""
    data = json.dumps(body).encode() if body is not None else None
    headers = dict(HEADERS, **({"Content-Type": "application/json"} if data else {}))
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.headers, json.loads(res.read() or b"null")
    except urllib.error.HTTPError as err:
        return err.code, err.headers, None
    except (urllib.error.URLError, OSError, ValueError):
        return 0, {}, None


def retry_after(headers):
    """Seconds to wait: Retry-After as delay-seconds or an HTTP date (1 s when absent or unreadable)."""
    value = (headers.get("Retry-After") or "").strip()
    if value.isdigit():
        return int(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return 1.0


def is_placeholder(body):
    """The documented transient answer: unknown state, not progress. Keep polling."""
    return body.get("progress") is None and all(k in PLACEHOLDER_KEYS or v is None for k, v in body.items())


def indexed():
    """The media fallback: the query endpoint already returns the content (v3 first, the legacy v2 where v3 is not served)."""
    name = urllib.parse.quote(COLLECTION, safe="")
    status, _, body = request("POST", "/v3/collections/%s/query" % name, {"query": MEDIA_QUERY, "limit": 5, "rerank": True})
    if status in (404, 405):
        status, _, body = request("POST", "/v2/collections/%s/query" % name, {"query": MEDIA_QUERY, "top_k": 5, "rerank": True})
    return status == 200 and bool((body or {}).get("results") or (body or {}).get("search_results"))


def walk_files(cursor):
    while cursor:
        status, _, body = request("GET", "/v2/jobs/%s?files_cursor=%s" % (urllib.parse.quote(JOB), urllib.parse.quote(cursor)))
        if status != 200 or not isinstance(body, dict):
            return
        cursor = (body.get("files_page") or {}).get("next_cursor")


def main():
    failures = 0
    while time.monotonic() < DEADLINE:
        status, headers, body = request("GET", "/v2/jobs/" + urllib.parse.quote(JOB))
        if status == 429:
            time.sleep(retry_after(headers))
            continue
        if 400 <= status < 500:
            print("giving up: HTTP %s for job %s" % (status, JOB), file=sys.stderr)
            return 1
        if status == 0 or status >= 500 or not isinstance(body, dict):
            failures += 1
            if failures > 6:
                print("giving up: the status endpoint keeps failing (last HTTP %s)" % status, file=sys.stderr)
                return 1
            time.sleep(random.uniform(0.5, 1.0) * min(8, 2 ** (failures - 1)))
            continue
        failures = 0
        if is_placeholder(body):
            time.sleep(2)
            continue
        if body.get("status") in TERMINAL:
            walk_files((body.get("files_page") or {}).get("next_cursor"))
            print(json.dumps({"status": body["status"]}))
            return 0
        if MEDIA_QUERY and body.get("status") != "pending" and indexed():
            print(json.dumps({"indexed": True}))
            return 0
        eta = body.get("estimated_time_remaining_seconds")
        # A lagging media job's ETA says nothing of when its content is searchable: ask the query every 5 s at least.
        longest = 5 if MEDIA_QUERY else 30
        time.sleep(min(longest, max(1, eta if isinstance(eta, (int, float)) else 5)))
    print("giving up: the job did not end within the deadline", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
