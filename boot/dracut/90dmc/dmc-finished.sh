#!/bin/sh
# dracut initqueue/finished hook of dmc: the main loop goes on waiting until this is true.
[ -e /run/dmc/loaded ]
