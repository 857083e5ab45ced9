#!/usr/bin/env bash
# The last step of action.yml: fail the job when the scan found an Error finding (and fail-on-error is
# true), or could not run at all.
set -euo pipefail
code="${SCAN_EXIT:-2}"
if [ "$code" = 2 ]; then echo "::error::speech-api-scan could not run (see the scan step)"; exit 2; fi
if [ "$code" = 1 ] && [ "${SCAN_FAIL_ON_ERROR:-true}" = true ]; then echo "::error::Hard-coded API keys found (Error severity): see the annotations and the SARIF report."; exit 1; fi
exit 0
