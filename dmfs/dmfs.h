/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmfs: block devices mapped straight from a dmc image, made with mkdir in configfs
 * (docs/dmfs.md). The pieces: dmfs_main.c (module and configfs tree), dmfs_device.c (one
 * device object and its life cycle), dmfs_table.c (a validated image turned into a table
 * with its underlying devices opened), dmfs_io.c (the bio path), dmfs_compat.h (block
 * layer calls that later kernels changed), dmfs_image.c (the validator dmc shares).
 */
#ifndef DMFS_H
#define DMFS_H

#include <linux/atomic.h>
#include <linux/blkdev.h>
#include <linux/configfs.h>
#include <linux/mutex.h>
#include <linux/srcu.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "dmfs_image.h"

#define DMFS_ERROR_SIZE 512
#define DMFS_MAX_IMAGE_SIZE (1ULL << 30)   /* 1 GiB: about 15 million targets */
#define DMFS_MAX_UNDERLYING 1024           /* distinct devices one table may use */
#define DMFS_NAME_MAX 26                   /* "dmfs!" + name must fit DISK_NAME_LEN */

enum dmfs_target_kind { DMFS_LINEAR, DMFS_STRIPED, DMFS_ERROR, DMFS_ZERO };

struct dmfs_stripe {
	u32 dev;       /* index into dmfs_table.devs */
	u64 offset;    /* first sector on that device */
};

struct dmfs_striped {
	u32 stripes;
	u32 chunk;     /* sectors */
	struct dmfs_stripe stripe[];
};

/* What the I/O path needs of one target; start and length stay in the image record. */
struct dmfs_target {
	u8 kind;
	u32 dev;                        /* linear */
	union {
		u64 offset;             /* linear */
		struct dmfs_striped *striped;
	};
};

struct dmfs_underlying {
	struct block_device *bdev;
	void *handle;                   /* what closes it (see dmfs_compat.h) */
	const char *name;               /* in the image's string table */
	u32 name_len;
};

struct dmfs_table {
	void *bytes;                    /* the image, our own copy */
	size_t size;
	struct dmfs_image image;
	const struct dmfs_device_record *device;
	const struct dmfs_target_record *records;
	struct dmfs_btree tree;
	struct dmfs_target *targets;
	u64 target_count;
	u64 sectors;
	bool read_only;
	int minor;                      /* the device header's minor=, or -1 */
	struct dmfs_underlying *devs;
	u32 dev_count;
	struct queue_limits limits;
	atomic_t inflight;              /* bios mapped by this table and not yet completed */
	wait_queue_head_t drained;
};

struct dmfs_device {
	struct config_item item;
	char name[DMFS_NAME_MAX + 1];
	struct mutex lock;              /* image, active and teardown */
	struct dmfs_table *inactive;    /* validated, devices opened, not yet live */
	struct dmfs_table __rcu *live;
	bool last_refused;              /* the last image written was refused */
	char error[DMFS_ERROR_SIZE];
	struct gendisk *disk;
	int minor;
	bool depended;                  /* configfs pin while bound: rmdir gives EBUSY */
	struct srcu_struct srcu;        /* readers of live */
	struct bio_set front_bs;        /* one clone per incoming bio, to see its completion */
	struct bio_set split_bs;
	atomic_t open_count;
	atomic64_t reads, writes, read_sectors, write_sectors, other;
};

/* One incoming bio in flight: lives in front of its clone (bioset front_pad). */
struct dmfs_io {
	struct dmfs_table *table;
	struct bio *original;
	atomic_t flushes_left;          /* preflush of a bio with data: wait for these first */
	blk_status_t flush_status;
	struct work_struct data_work;
	struct bio front;               /* must be last */
};

/* dmfs_main.c */
extern int dmfs_major;
extern struct configfs_subsystem dmfs_subsys;

/* dmfs_device.c */
extern const struct config_item_type dmfs_device_type;
struct config_item *dmfs_device_make(struct config_group *group, const char *name);
void dmfs_minors_destroy(void);

/* dmfs_table.c */
struct dmfs_table *dmfs_table_create(const void *bytes, size_t size, const char *name,
				     struct gendisk *self, char *error, size_t error_size);
void dmfs_table_destroy(struct dmfs_table *table);
size_t dmfs_table_text(const struct dmfs_table *table, char *buf, size_t size);
size_t dmfs_table_header_place(const struct dmfs_table *table, char *error, size_t error_size);

/* dmfs_io.c */
extern const struct block_device_operations dmfs_fops;
int dmfs_io_init(void);
void dmfs_io_exit(void);

#endif /* DMFS_H */
