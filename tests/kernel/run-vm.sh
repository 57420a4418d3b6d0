#!/usr/bin/env bash
# run-vm.sh — run a test payload inside a throw-away qemu VM with a real kernel.
#
# Usage: run-vm.sh PAYLOAD_DIR LOGFILE [EXTRA_BINARY...]
#
# PAYLOAD_DIR must contain run.sh (a busybox sh script); it is copied to
# /payload in the guest together with lib.sh from this directory, and every
# EXTRA_BINARY lands in /usr/local/bin (first in PATH) with its libraries.
#
# The complete console output (carriage returns stripped) goes to LOGFILE;
# the payload's own output is echoed to stdout as it arrives.
#
# Exit status: the exit status of the guest's run.sh, 124 when VM_TIMEOUT
# expired, 125 when the guest died without reporting one (kernel panic,
# broken initramfs, qemu failure).
#
# Environment:
#   VM_TIMEOUT          seconds before the VM is killed (default 900)
#   VM_MEMORY           guest memory in MiB (default 1024); loop files live in
#                       guest RAM (tmpfs), so raise this for big devices
#   VM_SMP              guest CPUs (default 1; see README.md)
#   DMC_KERNEL_VERSION  kernel to boot instead of the newest usable one
#   VM_KERNEL_ARGS      extra kernel command-line arguments
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
# shellcheck source=host-lib.sh
source "$SCRIPT_DIR/host-lib.sh"

readonly START_MARKER=DMC-VM-START
readonly EXIT_MARKER=DMC-VM-EXIT
readonly STATUS_TIMEOUT=124
readonly STATUS_NO_MARKER=125

WORK_DIR=""
VM_PID=""

usage() {
    echo "usage: ${0##*/} PAYLOAD_DIR LOGFILE [EXTRA_BINARY...]" >&2
    exit 2
}

# require_positive_integer NAME VALUE
require_positive_integer() {
    [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer, got '$2'"
}

# Copy the payload and lib.sh side by side into the work directory.
stage_payload() {
    local payload=$1 staged=$WORK_DIR/payload
    [[ -d $payload ]] || die "payload directory not found: $payload"
    [[ -f $payload/run.sh ]] || die "payload has no run.sh: $payload/run.sh"
    mkdir -p "$staged"
    cp -a "$payload/." "$staged/"
    cp "$SCRIPT_DIR/lib.sh" "$staged/lib.sh"
}

# Print the guest's output live: lines between the start and exit markers go
# to stdout, /init's own complaints to stderr, everything to the log file.
filter_console() {
    local logfile=$1
    awk -v logfile="$logfile" -v start="$START_MARKER" -v finish="$EXIT_MARKER" '
        {
            gsub(/\r/, "")
            print > logfile
            fflush(logfile)
        }
        # Firmware escape sequences may precede the marker on its line.
        !inside && index($0, start) { inside = 1; blanks = 0; next }
        # /init writes one blank line before the exit marker (in case the
        # payload left a line open); swallow that one, keep the others.
        inside && index($0, finish " ") {
            prefix = substr($0, 1, index($0, finish " ") - 1)
            for (; blanks > 1; blanks--) print ""
            if (prefix != "") print prefix
            inside = 0
            fflush()
            next
        }
        inside && $0 == "" { blanks++; next }
        inside {
            for (; blanks > 0; blanks--) print ""
            print
            fflush()
            next
        }
        /^dmc-init: / { print > "/dev/stderr"; fflush("/dev/stderr") }
    '
}

# Kill the VM when run-vm.sh itself is interrupted or terminated; qemu runs
# in the background (and timeout in its own process group), so it would not
# see the signal otherwise.
# shellcheck disable=SC2317  # invoked from a trap
stop_vm_on_signal() {
    local signal=$1 code=$2
    trap - INT TERM
    if [[ -n $VM_PID ]]; then
        note "caught SIG$signal; stopping the VM"
        kill -TERM "$VM_PID" 2>/dev/null || true
        wait "$VM_PID" 2>/dev/null || true
    fi
    exit "$code"
}

# boot_vm KERNEL INITRAMFS LOGFILE — returns qemu's (or timeout's) status.
# The console goes through a FIFO into filter_console, so that both the VM's
# status and its PID (for stop_vm_on_signal) are at hand.
boot_vm() {
    local kernel=$1 initramfs=$2 logfile=$3 status=0 console=$WORK_DIR/console
    local append="console=ttyS0 panic=-1 quiet loglevel=1 log_buf_len=4M ${VM_KERNEL_ARGS:-}"
    mkfifo "$console"
    filter_console "$logfile" <"$console" &
    local filter_pid=$!

    trap 'stop_vm_on_signal INT 130' INT
    trap 'stop_vm_on_signal TERM 143' TERM
    timeout -k 10 "$VM_TIMEOUT" \
        qemu-system-x86_64 -accel tcg -cpu max -m "$VM_MEMORY" -smp "$VM_SMP" \
        -nographic -no-reboot -nic none \
        -kernel "$kernel" -initrd "$initramfs" -append "$append" \
        </dev/null >"$console" 2>&1 &
    VM_PID=$!
    wait "$VM_PID" || status=$?
    VM_PID=""
    trap - INT TERM

    wait "$filter_pid" || die "console filter failed"
    return "$status"
}

# Print the status number from the last exit marker in the log, if any.
guest_exit_status() {
    { grep -ao "$EXIT_MARKER [0-9]*" "$1" || true; } | tail -n 1 | awk '{ print $2 }'
}

show_log_tail() {
    echo "----- last 40 lines of $1 -----" >&2
    tail -n 40 "$1" >&2
    echo "----- end of log -----" >&2
}

# Guest uptime when the payload started, as printed by /init.
guest_boot_seconds() {
    { grep -ao "$START_MARKER uptime=[0-9.]*" "$1" || echo "?"; } | head -n 1 | sed 's/.*uptime=//'
}

main() {
    [[ $# -ge 2 ]] || usage
    local payload=$1 logfile=$2
    shift 2

    VM_TIMEOUT=${VM_TIMEOUT:-900}
    VM_MEMORY=${VM_MEMORY:-1024}
    VM_SMP=${VM_SMP:-1}
    require_positive_integer VM_TIMEOUT "$VM_TIMEOUT"
    require_positive_integer VM_MEMORY "$VM_MEMORY"
    require_positive_integer VM_SMP "$VM_SMP"
    require_command qemu-system-x86_64 qemu-system-x86
    require_command timeout coreutils

    local version kernel
    version=$(resolve_kernel_version)
    kernel=/boot/vmlinuz-$version
    [[ -r $kernel ]] || die "cannot read $kernel (run as root?)"

    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dmc-vm.XXXXXX")
    trap 'rm -rf "$WORK_DIR"' EXIT
    mkdir -p "$(dirname "$logfile")"
    : >"$logfile"

    stage_payload "$payload"
    "$SCRIPT_DIR/build-initramfs.sh" "$WORK_DIR/initramfs.cpio.gz" "$WORK_DIR/payload" "$@"

    local started=$SECONDS status=0
    boot_vm "$kernel" "$WORK_DIR/initramfs.cpio.gz" "$logfile" || status=$?
    local elapsed=$((SECONDS - started))

    if [[ $status -eq $STATUS_TIMEOUT ]]; then
        note "timed out after ${VM_TIMEOUT}s (VM_TIMEOUT); full log: $logfile"
        show_log_tail "$logfile"
        exit "$STATUS_TIMEOUT"
    fi

    local guest_status
    guest_status=$(guest_exit_status "$logfile")
    if [[ -z $guest_status ]]; then
        note "guest ended without '$EXIT_MARKER' (qemu status $status; kernel panic or broken init?); full log: $logfile"
        show_log_tail "$logfile"
        exit "$STATUS_NO_MARKER"
    fi

    note "kernel $version: payload started at guest uptime $(guest_boot_seconds "$logfile")s;" \
        "VM total ${elapsed}s; payload exit status $guest_status"
    exit "$guest_status"
}

main "$@"
