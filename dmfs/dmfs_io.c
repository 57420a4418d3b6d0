// SPDX-License-Identifier: GPL-2.0
/*
 * The bio path. Each incoming bio gets one clone (the "front" bio) whose completion tells
 * us when everything mapped for it is done, so a table swap can wait for the old table's
 * I/O to drain. The front bio is then cut at target and stripe-chunk boundaries
 * (bio_split + bio_chain, as md and dm do) and each piece is remapped in place and handed
 * to the underlying device with submit_bio_noacct.
 */
#include <linux/bio.h>
#include <linux/math64.h>
#include <linux/module.h>

#include "dmfs.h"
#include "dmfs_compat.h"

static struct workqueue_struct *dmfs_wq;

static struct dmfs_io *io_of(struct bio *front)
{
	return container_of(front, struct dmfs_io, front);
}

static void dmfs_front_end_io(struct bio *front)
{
	struct dmfs_io *io = io_of(front);
	struct dmfs_table *table = io->table;
	struct bio *original = io->original;

	original->bi_status = front->bi_status;
	bio_put(front);
	bio_endio(original);
	if (atomic_dec_and_test(&table->inflight))
		wake_up_all(&table->drained);
}

static void map_piece(struct dmfs_table *t, u64 index, struct bio *piece)
{
	const struct dmfs_target *target = &t->targets[index];
	const struct dmfs_target_record *record = &t->records[index];
	u64 offset = piece->bi_iter.bi_sector - record->start;
	struct block_device *bdev;
	u32 dev;

	switch (target->kind) {
	case DMFS_ERROR:
		bio_io_error(piece);
		return;
	case DMFS_ZERO:
		if (bio_op(piece) == REQ_OP_READ)
			zero_fill_bio(piece);
		bio_endio(piece);
		return;
	case DMFS_LINEAR:
		dev = target->dev;
		offset += target->offset;
		break;
	default: { /* DMFS_STRIPED */
		const struct dmfs_striped *s = target->striped;
		u32 in_chunk, stripe;
		u64 chunk = div_u64_rem(offset, s->chunk, &in_chunk);

		stripe = do_div(chunk, s->stripes); /* chunk becomes the chunk number on the stripe */
		dev = s->stripe[stripe].dev;
		offset = chunk * s->chunk + in_chunk + s->stripe[stripe].offset;
		break;
	}
	}
	bdev = t->devs[dev].bdev;
	if ((bio_op(piece) == REQ_OP_DISCARD && !bdev_max_discard_sectors(bdev)) ||
	    (bio_op(piece) == REQ_OP_WRITE_ZEROES && !bdev_write_zeroes_sectors(bdev))) {
		piece->bi_status = BLK_STS_NOTSUPP;
		bio_endio(piece);
		return;
	}
	bio_set_dev(piece, bdev);
	piece->bi_iter.bi_sector = offset;
	submit_bio_noacct(piece);
}

/* Sectors from the bio's start to the end of its target or stripe chunk. */
static u64 room_in_target(const struct dmfs_table *t, u64 index, sector_t sector)
{
	const struct dmfs_target_record *record = &t->records[index];
	u64 offset = sector - record->start;
	u64 room = record->length - offset;

	if (t->targets[index].kind == DMFS_STRIPED) {
		u32 chunk = t->targets[index].striped->chunk, in_chunk;

		div_u64_rem(offset, chunk, &in_chunk);
		room = min_t(u64, room, chunk - in_chunk);
	}
	return room;
}

static void map_data(struct dmfs_device *dev, struct dmfs_table *t, struct bio *bio)
{
	for (;;) {
		u64 index = dmfs_btree_find(&t->tree, bio->bi_iter.bi_sector);
		u64 room = room_in_target(t, index, bio->bi_iter.bi_sector);
		struct bio *piece;

		if (bio_sectors(bio) <= room) {
			map_piece(t, index, bio);
			return;
		}
		piece = bio_split(bio, room, GFP_NOIO, &dev->split_bs);
		bio_chain(piece, bio);
		map_piece(t, index, piece);
	}
}

static void preflush_done(struct bio *flush)
{
	struct dmfs_io *io = flush->bi_private;

	if (flush->bi_status)
		io->flush_status = flush->bi_status;
	bio_put(flush);
	if (atomic_dec_and_test(&io->flushes_left))
		queue_work(dmfs_wq, &io->data_work);
}

/* After the preflush: the data, in process context (we are no longer inside submit_bio). */
static void data_after_flush(struct work_struct *work)
{
	struct dmfs_io *io = container_of(work, struct dmfs_io, data_work);
	struct dmfs_device *dev = io->original->bi_bdev->bd_disk->private_data;

	if (io->flush_status) {
		io->front.bi_status = io->flush_status;
		bio_endio(&io->front);
		return;
	}
	map_data(dev, io->table, &io->front);
}

/*
 * A flush goes to every underlying device. Without data the front bio completes when all
 * of them have; with data (REQ_PREFLUSH on a write) the write starts only after they did,
 * so nothing written before the flush can be overtaken.
 */
static void map_flush(struct dmfs_device *dev, struct dmfs_io *io)
{
	struct dmfs_table *t = io->table;
	struct bio *front = &io->front;
	bool with_data = bio_sectors(front) != 0;
	u32 d;

	front->bi_opf &= ~REQ_PREFLUSH;
	if (!t->dev_count) {
		if (with_data)
			map_data(dev, t, front);
		else
			bio_endio(front);
		return;
	}
	atomic_set(&io->flushes_left, t->dev_count);
	io->flush_status = BLK_STS_OK;
	INIT_WORK(&io->data_work, data_after_flush);
	for (d = 0; d < t->dev_count; d++) {
		struct bio *flush = bio_alloc_bioset(t->devs[d].bdev, 0, REQ_OP_WRITE | REQ_PREFLUSH | REQ_SYNC,
						     GFP_NOIO, &dev->split_bs);

		if (with_data) {
			flush->bi_private = io;
			flush->bi_end_io = preflush_done;
		} else {
			bio_chain(flush, front);
		}
		submit_bio_noacct(flush);
	}
	if (!with_data)
		bio_endio(front);
}

static void count_io(struct dmfs_device *dev, struct bio *bio)
{
	switch (bio_op(bio)) {
	case REQ_OP_READ:
		atomic64_inc(&dev->reads);
		atomic64_add(bio_sectors(bio), &dev->read_sectors);
		break;
	case REQ_OP_WRITE:
		atomic64_inc(&dev->writes);
		atomic64_add(bio_sectors(bio), &dev->write_sectors);
		break;
	default:
		atomic64_inc(&dev->other);
	}
}

static void dmfs_submit_bio(struct bio *bio)
{
	struct dmfs_device *dev = bio->bi_bdev->bd_disk->private_data;
	struct dmfs_table *t;
	struct dmfs_io *io;
	struct bio *front;
	int srcu_index;

	srcu_index = srcu_read_lock(&dev->srcu);
	t = srcu_dereference(dev->live, &dev->srcu);
	if (!t) {
		bio_io_error(bio);
		goto out;
	}
	count_io(dev, bio);
	/* The block layer of 6.1 only warns about writes to a read-only disk; we refuse them. */
	if (t->read_only && op_is_write(bio_op(bio)) && bio_sectors(bio)) {
		bio_io_error(bio);
		goto out;
	}
	front = bio_alloc_clone(bio->bi_bdev, bio, GFP_NOIO, &dev->front_bs);
	if (!front) {
		bio_io_error(bio);
		goto out;
	}
	io = io_of(front);
	io->table = t;
	io->original = bio;
	front->bi_end_io = dmfs_front_end_io;
	atomic_inc(&t->inflight);
	if (front->bi_opf & REQ_PREFLUSH)
		map_flush(dev, io);
	else if (!bio_sectors(front))
		bio_endio(front);
	else
		map_data(dev, t, front);
out:
	srcu_read_unlock(&dev->srcu, srcu_index);
}

static int dmfs_open(DMFS_OPEN_ARGS)
{
	struct dmfs_device *dev = DMFS_OPEN_DISK->private_data;

	atomic_inc(&dev->open_count);
	return 0;
}

static void dmfs_release(DMFS_RELEASE_ARGS)
{
	struct dmfs_device *dev = disk->private_data;

	atomic_dec(&dev->open_count);
}

/* The last reference to the disk is gone: the device object may go now too. */
static void dmfs_free_disk(struct gendisk *disk)
{
	struct dmfs_device *dev = disk->private_data;

	config_item_put(&dev->item);
}

const struct block_device_operations dmfs_fops = {
	.owner = THIS_MODULE,
	.submit_bio = dmfs_submit_bio,
	.open = dmfs_open,
	.release = dmfs_release,
	.free_disk = dmfs_free_disk,
};

int dmfs_io_init(void)
{
	dmfs_wq = alloc_workqueue("dmfs", WQ_MEM_RECLAIM, 0);
	return dmfs_wq ? 0 : -ENOMEM;
}

void dmfs_io_exit(void)
{
	destroy_workqueue(dmfs_wq);
}
