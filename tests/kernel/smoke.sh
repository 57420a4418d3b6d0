#!/usr/bin/env bash
# smoke.sh — run the harness smoke payload (tests/kernel/smoke/run.sh) in a VM.
#
# Usage: smoke.sh [LOGFILE]     (default: $TMPDIR/dmc-kernel-smoke.log)
# Exit status is run-vm.sh's: 0 when every case passed.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
logfile=${1:-${TMPDIR:-/tmp}/dmc-kernel-smoke.log}

exec "$SCRIPT_DIR/run-vm.sh" "$SCRIPT_DIR/smoke" "$logfile"
