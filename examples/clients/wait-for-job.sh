#!/usr/bin/env bash
# A client of GET /v2/jobs/{job_id} in shell (curl and jq), written to the client-check contract
# (docs/client-check.md): it reads CAPTAIN_* from the environment, waits for the job, and prints one JSON
# line, {"status": ...} or {"indexed": true}; it exits 1 when it gives up.
#
#   npm run client-check -- bash examples/clients/wait-for-job.sh
set -u
terminal='completed completed_with_failures failed cancelled completed_with_errors timed_out'
job_url="$CAPTAIN_BASE_URL/v2/jobs/$CAPTAIN_JOB_ID"
auth=(-H "Authorization: Bearer $CAPTAIN_API_KEY" -H "X-Organization-ID: ${CAPTAIN_ORG_ID:-}")
body=$(mktemp) headers=$(mktemp)
trap 'rm -f "$body" "$headers"' EXIT
failures=0
deadline=$((SECONDS + 600))

# Seconds a 429 asks for: Retry-After as delay-seconds or an HTTP date (1 when absent).
retry_after() {
  local value
  value=$(tr -d '\r' <"$headers" | sed -n 's/^[Rr]etry-[Aa]fter: *//p' | head -n1)
  if [[ "$value" =~ ^[0-9]+$ ]]; then echo "$value"
  elif [ -n "$value" ] && at=$(date -d "$value" +%s 2>/dev/null); then echo $(( at - $(date +%s) + 1 ))
  else echo 1; fi
}

# The media fallback: the query endpoint already returns the content (v3 first, the legacy v2 where v3 is not served).
indexed() {
  local collection code found
  collection=$(jq -rn --arg c "$CAPTAIN_COLLECTION" '$c|@uri')
  code=$(jq -cn --arg q "$CAPTAIN_MEDIA_QUERY" '{query: $q, limit: 5, rerank: true}' |
    curl -sS -o "$body" -w '%{http_code}' --max-time 30 "${auth[@]}" -H 'Content-Type: application/json' --data-binary @- \
      "$CAPTAIN_BASE_URL/v3/collections/$collection/query" 2>/dev/null) || code=000
  if [ "$code" = 404 ] || [ "$code" = 405 ]; then
    code=$(jq -cn --arg q "$CAPTAIN_MEDIA_QUERY" '{query: $q, top_k: 5, rerank: true}' |
      curl -sS -o "$body" -w '%{http_code}' --max-time 30 "${auth[@]}" -H 'Content-Type: application/json' --data-binary @- \
        "$CAPTAIN_BASE_URL/v2/collections/$collection/query" 2>/dev/null) || code=000
  fi
  [ "$code" = 200 ] || return 1
  found=$(jq -r '((.results // []) + (.search_results // [])) | length' "$body" 2>/dev/null)
  [ "${found:-0}" -gt 0 ]
}

while [ "$SECONDS" -lt "$deadline" ]; do
  code=$(curl -sS -o "$body" -D "$headers" -w '%{http_code}' --max-time 30 "${auth[@]}" "$job_url" 2>/dev/null) || code=000
  if [ "$code" = 429 ]; then sleep "$(retry_after)"; continue; fi
  if [ "$code" = 000 ] || [ "$code" -ge 500 ] || ! jq -e 'type == "object"' "$body" >/dev/null 2>&1; then
    failures=$((failures + 1))
    [ "$failures" -gt 6 ] && { echo "giving up: the status endpoint keeps failing (last HTTP $code)" >&2; exit 1; }
    sleep $(( 1 << (failures < 4 ? failures - 1 : 3) )); continue
  fi
  [ "$code" = 200 ] || { echo "giving up: HTTP $code for job $CAPTAIN_JOB_ID" >&2; exit 1; }
  failures=0
  # The placeholder (no state, only the five documented keys) is unknown: keep polling.
  if jq -e '.progress == null and ([to_entries[] | select(.value != null) | .key] - ["job_id","status","progress_message","estimated_time_remaining_seconds"] | length == 0)' "$body" >/dev/null; then
    sleep 2; continue
  fi
  status=$(jq -r '.status' "$body")
  if [[ " $terminal " == *" $status "* ]]; then
    cursor=$(jq -r '.files_page.next_cursor // empty' "$body")
    while [ -n "$cursor" ]; do
      curl -sS -o "$body" --max-time 30 "${auth[@]}" -G --data-urlencode "files_cursor=$cursor" "$job_url" 2>/dev/null || break
      cursor=$(jq -r '.files_page.next_cursor // empty' "$body" 2>/dev/null)
    done
    jq -cn --arg s "$status" '{status: $s}'
    exit 0
  fi
  if [ -n "${CAPTAIN_MEDIA_QUERY:-}" ] && [ "$status" != pending ] && indexed; then echo '{"indexed": true}'; exit 0; fi
  eta=$(jq -r '.estimated_time_remaining_seconds // 5 | floor' "$body")
  # A lagging media job's ETA says nothing of when its content is searchable: ask the query every 5 s at least.
  longest=30; [ -n "${CAPTAIN_MEDIA_QUERY:-}" ] && longest=5
  sleep $(( eta < 1 ? 1 : (eta > longest ? longest : eta) ))
done
echo "giving up: the job did not end within the deadline" >&2
exit 1
