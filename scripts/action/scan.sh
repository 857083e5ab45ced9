#!/usr/bin/env bash
# The scan step of action.yml: SARIF to $SCAN_SARIF, findings to the log in $SCAN_FORMAT with a summary
# table, and the exit status to $GITHUB_OUTPUT (the verdict step fails the job from it, after the upload).
set -uo pipefail
scanner="$GITHUB_ACTION_PATH/bin/speech-api-scan.js"
read -r -a paths <<< "$(printf '%s' "${SCAN_PATHS:-.}" | tr '\n' ' ')"
[ ${#paths[@]} -gt 0 ] || paths=(.)
args=(scan "${paths[@]}")
case "${SCAN_HISTORY:-false}" in
  true) args+=(--history) ;;
  false|'') ;;
  *) echo "::error::history must be true or false (got \"$SCAN_HISTORY\")"; echo "exit-code=2" >> "$GITHUB_OUTPUT"; exit 0 ;;
esac
[ -n "${SCAN_BASELINE:-}" ] && args+=(--baseline "$SCAN_BASELINE")
[ -n "${SCAN_CONFIG:-}" ] && args+=(--config "$SCAN_CONFIG")
sarif="${SCAN_SARIF:-speech-api-scan.sarif}"

# One scan: the log (annotations by default) with the summary table, and the SARIF file beside it.
node "$scanner" "${args[@]}" --format "${SCAN_FORMAT:-github}" --summary --sarif "$sarif"
code=$?
[ "$code" -le 1 ] && echo "sarif-file=$sarif" >> "$GITHUB_OUTPUT"
echo "exit-code=$code" >> "$GITHUB_OUTPUT"
exit 0
