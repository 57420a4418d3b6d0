/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The block layer calls dmfs needs that changed after 6.1. Compiled and tested against
 * 6.1 (Debian 12); the branches for later kernels follow those kernels' headers as read,
 * not compiled here (docs/dmfs.md, "Kernel versions").
 */
#ifndef DMFS_COMPAT_H
#define DMFS_COMPAT_H

#include <linux/blkdev.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/version.h>

/*
 * Opens an underlying device for reading (and writing unless read_only). Returns the
 * block device or an ERR_PTR; *handle is what dmfs_close_bdev needs. Not exclusive: the
 * same disk may also be used by device-mapper or another dmfs device, as dm's own tables
 * may share devices.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
static inline struct block_device *dmfs_open_bdev(const char *path, dev_t dev, bool read_only, void **handle)
{
	blk_mode_t mode = BLK_OPEN_READ | (read_only ? 0 : BLK_OPEN_WRITE);
	struct file *file = path ? bdev_file_open_by_path(path, mode, NULL, NULL)
				 : bdev_file_open_by_dev(dev, mode, NULL, NULL);

	if (IS_ERR(file))
		return ERR_CAST(file);
	*handle = file;
	return file_bdev(file);
}

static inline void dmfs_close_bdev(struct block_device *bdev, void *handle, bool read_only)
{
	fput(handle);
}
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
static inline struct block_device *dmfs_open_bdev(const char *path, dev_t dev, bool read_only, void **handle)
{
	blk_mode_t mode = BLK_OPEN_READ | (read_only ? 0 : BLK_OPEN_WRITE);
	struct bdev_handle *h = path ? bdev_open_by_path(path, mode, NULL, NULL)
				     : bdev_open_by_dev(dev, mode, NULL, NULL);

	if (IS_ERR(h))
		return ERR_CAST(h);
	*handle = h;
	return h->bdev;
}

static inline void dmfs_close_bdev(struct block_device *bdev, void *handle, bool read_only)
{
	bdev_release(handle);
}
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
static inline struct block_device *dmfs_open_bdev(const char *path, dev_t dev, bool read_only, void **handle)
{
	blk_mode_t mode = BLK_OPEN_READ | (read_only ? 0 : BLK_OPEN_WRITE);

	*handle = NULL;
	return path ? blkdev_get_by_path(path, mode, NULL, NULL) : blkdev_get_by_dev(dev, mode, NULL, NULL);
}

static inline void dmfs_close_bdev(struct block_device *bdev, void *handle, bool read_only)
{
	blkdev_put(bdev, NULL);
}
#else
static inline struct block_device *dmfs_open_bdev(const char *path, dev_t dev, bool read_only, void **handle)
{
	fmode_t mode = FMODE_READ | (read_only ? 0 : FMODE_WRITE);

	*handle = NULL;
	return path ? blkdev_get_by_path(path, mode, NULL) : blkdev_get_by_dev(dev, mode, NULL);
}

static inline void dmfs_close_bdev(struct block_device *bdev, void *handle, bool read_only)
{
	blkdev_put(bdev, FMODE_READ | (read_only ? 0 : FMODE_WRITE));
}
#endif

/*
 * Before 6.9 limits are copied in place. The readahead window (twice io_opt, at least the
 * default) and the largest read the page cache sends at once (max_sectors) derive from them:
 * add_disk does that once, so a table swap with other limits must redo it, as
 * device-mapper's dm_table_set_restrictions does on every resume. From 6.9 the block layer
 * derives both whenever it applies limits (blk_alloc_disk, queue_limits_set).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 9, 0)
static inline void dmfs_copy_limits(struct gendisk *disk, struct queue_limits *limits)
{
	disk->queue->limits = *limits;
	disk_update_readahead(disk);
}
#endif

/* A bio-based disk with the given limits; NULL on failure. */
static inline struct gendisk *dmfs_alloc_disk(struct queue_limits *limits)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	struct gendisk *disk = blk_alloc_disk(limits, NUMA_NO_NODE);

	return IS_ERR(disk) ? NULL : disk;
#else
	struct gendisk *disk = blk_alloc_disk(NUMA_NO_NODE);

	if (disk)
		dmfs_copy_limits(disk, limits);
	return disk;
#endif
}

/*
 * Applies a new table's limits to a live disk. Called once the old table has drained,
 * like device-mapper's dm_table_set_restrictions while suspended.
 */
static inline void dmfs_set_limits(struct gendisk *disk, struct queue_limits *limits)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	queue_limits_set(disk->queue, limits);
#else
	dmfs_copy_limits(disk, limits);
#endif
}

/*
 * Upper layers may send flush and FUA; dmfs passes them to the devices that need them.
 * Since 6.11 that is a feature bit of the limits, before that a queue flag.
 */
static inline void dmfs_limits_enable_flush(struct queue_limits *limits)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
	limits->features |= BLK_FEAT_WRITE_CACHE | BLK_FEAT_FUA;
#endif
}

static inline void dmfs_disk_enable_flush(struct gendisk *disk)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 11, 0)
	blk_queue_write_cache(disk->queue, true, true);
#endif
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
#define DMFS_OPEN_ARGS struct gendisk *disk, blk_mode_t mode
#define DMFS_OPEN_DISK disk
#define DMFS_RELEASE_ARGS struct gendisk *disk
#else
#define DMFS_OPEN_ARGS struct block_device *bdev, fmode_t mode
#define DMFS_OPEN_DISK bdev->bd_disk
#define DMFS_RELEASE_ARGS struct gendisk *disk, fmode_t mode
#endif

#endif /* DMFS_COMPAT_H */
