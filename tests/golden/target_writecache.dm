# writecache (drivers/md/dm-writecache.c): writes go to a fast cache device first.
# Each case below reuses the same underlying devices, so their sharing is not the point here:
# verify-args: --no-warn shared-sectors

device origin
0 100G linear /dev/sdb 2048

# An SSD cache in front of a logical volume, with LVM's usual watermarks.
device cached
0 100G writecache s @origin /dev/nvme0n1p2 4096 4 high_watermark 50 low_watermark 45

# Persistent memory, write-back with FUA, and an SSD cache tuned for writeback.
device pmem_cached
0 100G writecache p /dev/sdc /dev/pmem0 4096 1 fua
device tuned
0 100G writecache S /dev/sdd /dev/nvme0n1p3 512 8 writeback_jobs 256 autocommit_time 1000 max_age 60000 pause_writeback 500

device mode
0 8 writecache ssd /dev/sdd /dev/sde 4096 0   # expected-error {{writecache: Bad arguments: the mode is 'ssd'; it must be p (persistent memory) or s (SSD)}}

device missing
0 8 writecache s /dev/sdd /dev/sde   # expected-error {{writecache: Bad arguments: the block size is missing}}

device block_size
0 8 writecache s /dev/sdd /dev/sde 8192 0   # expected-error {{writecache: Invalid block size}}

device no_count
0 8 writecache s /dev/sdd /dev/sde 4096   # expected-error {{writecache: Invalid number of feature args}}

device value
0 8 writecache s /dev/sdd /dev/sde 4096 2 high_watermark 110   # expected-error {{writecache: Invalid optional argument: high_watermark is a percentage}}

device uncounted
0 8 writecache s /dev/sdd /dev/sde 4096 1 autocommit_blocks 64   # expected-error {{writecache: Invalid optional argument: 'autocommit_blocks' takes a value}}

device fua_ssd
0 8 writecache s /dev/sdd /dev/sde 4096 1 fua   # expected-error {{writecache: Invalid optional argument: 'fua' is for persistent memory mode (p) only}}

device watermarks
0 8 writecache s /dev/sdd /dev/sde 4096 4 high_watermark 30 low_watermark 40   # expected-error {{writecache: High watermark must be greater than or equal to low watermark}}

device too_long
0 101G writecache s @origin /dev/nvme0n1p4 4096 0   # expected-error {{writecache: @origin too small for target}}
