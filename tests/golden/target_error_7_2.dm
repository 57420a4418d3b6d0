# error on 7.2: exactly two arguments are read as <device> <offset>, as linear reads them, so
# the same line that 6.1 accepts (target_error.dm) is refused here.
# verify-args: --kernel 7.2

device failing
0 2097152 error

device failing_over_disk
0 2097152 error /dev/sdb 0

device failing_with_args
0 2097152 error /dev/sdb not-a-sector   # expected-error {{error: Invalid device sector: 'not-a-sector' is not a decimal number}}
