// SPDX-License-Identifier: GPL-2.0
/*
 * A dmc image made into a table the bio path can use: validated completely by the shared
 * validator, then every target's type and parameters checked as the kernel's own targets
 * check them, and every underlying device opened and its extent checked. Any failure
 * names the target's source line, which the image records.
 */
#include <linux/crc32c.h>
#include <linux/kdev_t.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "dmfs.h"
#include "dmfs_compat.h"

struct builder {
	struct dmfs_table *table;
	struct gendisk *self;
	char *error;
	size_t error_size;
	u64 index;                       /* the target being built */
	const struct dmfs_target_record *record;
};

static u32 dmfs_kernel_crc32c(const void *bytes, size_t size)
{
	return ~crc32c(~0u, bytes, size);
}

static __printf(2, 3) int target_fail(struct builder *b, const char *format, ...)
{
	size_t used;
	va_list args;

	if (b->record->line)
		used = scnprintf(b->error, b->error_size, "line %u: ", b->record->line);
	else
		used = scnprintf(b->error, b->error_size, "target %llu: ", b->index);
	va_start(args, format);
	vscnprintf(b->error + used, b->error_size - used, format, args);
	va_end(args);
	return -EINVAL;
}

/* Splits off the next space-separated word of *text; its length, 0 at the end. */
static size_t next_word(const char **text, const char **word)
{
	const char *p = *text;
	size_t len = 0;

	while (*p == ' ')
		p++;
	*word = p;
	while (p[len] && p[len] != ' ')
		len++;
	*text = p + len;
	return len;
}

static int parse_u64(struct builder *b, const char *word, size_t len, const char *what, u64 *value)
{
	char digits[24];

	if (len == 0 || len >= sizeof(digits))
		return target_fail(b, "invalid %s '%.*s'", what, (int)min_t(size_t, len, 40), word);
	memcpy(digits, word, len);
	digits[len] = '\0';
	if (kstrtou64(digits, 10, value))
		return target_fail(b, "invalid %s '%s'", what, digits);
	return 0;
}

/* "MAJ:MIN" as the kernel's dm_get_device accepts it; 0 when the word is a path. */
static dev_t parse_dev_numbers(const char *word, size_t len)
{
	char text[24];
	unsigned int major, minor;
	char end;

	if (len >= sizeof(text))
		return 0;
	memcpy(text, word, len);
	text[len] = '\0';
	if (sscanf(text, "%u:%u%c", &major, &minor, &end) != 2 || major >= (1U << 12) || minor >= (1U << 20))
		return 0;
	return MKDEV(major, minor);
}

/* The table's index of the device a target names, opening it the first time. */
static int use_device(struct builder *b, const char *word, size_t len, u32 *index)
{
	struct dmfs_table *t = b->table;
	struct dmfs_underlying *u;
	struct block_device *bdev;
	char path[256];
	dev_t dev;
	u32 i;

	for (i = 0; i < t->dev_count; i++)
		if (t->devs[i].name_len == len && !memcmp(t->devs[i].name, word, len)) {
			*index = i;
			return 0;
		}
	if (t->dev_count == DMFS_MAX_UNDERLYING)
		return target_fail(b, "more than %d distinct devices in one table", DMFS_MAX_UNDERLYING);
	if (len >= sizeof(path))
		return target_fail(b, "device name longer than %zu bytes", sizeof(path) - 1);
	memcpy(path, word, len);
	path[len] = '\0';
	dev = parse_dev_numbers(word, len);
	bdev = dmfs_open_bdev(dev ? NULL : path, dev, t->read_only, &t->devs[t->dev_count].handle);
	if (IS_ERR(bdev))
		return target_fail(b, "cannot open device %s (error %ld)", path, PTR_ERR(bdev));
	u = &t->devs[t->dev_count++];
	u->bdev = bdev;
	u->name = word;
	u->name_len = len;
	if (b->self && bdev->bd_disk == b->self)
		return target_fail(b, "device %s is this dmfs device itself", path);
	*index = t->dev_count - 1;
	return 0;
}

/* device-mapper refuses areas past the end of the device ("device too small"). */
static int check_extent(struct builder *b, u32 dev, u64 offset, u64 length)
{
	struct block_device *bdev = b->table->devs[dev].bdev;
	u64 size = bdev_nr_sectors(bdev);

	if (offset > size || length > size - offset)
		return target_fail(b, "area %llu+%llu is past the end of %.*s (%llu sectors)", offset, length,
				   (int)b->table->devs[dev].name_len, b->table->devs[dev].name, size);
	blk_stack_limits(&b->table->limits, &bdev_get_queue(bdev)->limits, get_start_sect(bdev) + offset);
	return 0;
}

static int build_linear(struct builder *b, const char *params, struct dmfs_target *target)
{
	const char *dev, *offset, *extra;
	size_t dev_len = next_word(&params, &dev);
	size_t offset_len = next_word(&params, &offset);
	int ret;

	if (!dev_len || !offset_len || next_word(&params, &extra))
		return target_fail(b, "linear: invalid argument count (want <device> <offset>)");
	target->kind = DMFS_LINEAR;
	ret = parse_u64(b, offset, offset_len, "linear device sector", &target->offset);
	if (!ret)
		ret = use_device(b, dev, dev_len, &target->dev);
	if (!ret)
		ret = check_extent(b, target->dev, target->offset, b->record->length);
	return ret;
}

static int build_striped(struct builder *b, const char *params, struct dmfs_target *target)
{
	const char *word;
	size_t len = next_word(&params, &word);
	u64 stripes, chunk, width, i;
	u32 remainder;
	struct dmfs_striped *s;
	int ret;

	if (parse_u64(b, word, len, "stripe count", &stripes))
		return -EINVAL;
	if (stripes == 0 || stripes > 1024)
		return target_fail(b, "striped: invalid stripe count %llu", stripes);
	len = next_word(&params, &word);
	if (parse_u64(b, word, len, "chunk size", &chunk))
		return -EINVAL;
	if (chunk == 0 || chunk > UINT_MAX)
		return target_fail(b, "striped: invalid chunk size %llu", chunk);
	width = div_u64_rem(b->record->length, (u32)stripes, &remainder);
	if (remainder)
		return target_fail(b, "striped: target length is not divisible by the number of stripes");
	if (width % chunk)
		return target_fail(b, "striped: target length is not divisible by the chunk size");
	s = kzalloc(struct_size(s, stripe, stripes), GFP_KERNEL);
	if (!s)
		return target_fail(b, "out of memory");
	target->kind = DMFS_STRIPED;
	target->striped = s;
	s->stripes = stripes;
	s->chunk = chunk;
	for (i = 0; i < stripes; i++) {
		const char *dev;
		size_t dev_len = next_word(&params, &dev);

		len = next_word(&params, &word);
		if (!dev_len || !len)
			return target_fail(b, "striped: not enough destinations specified");
		ret = parse_u64(b, word, len, "stripe device sector", &s->stripe[i].offset);
		if (!ret)
			ret = use_device(b, dev, dev_len, &s->stripe[i].dev);
		if (!ret)
			ret = check_extent(b, s->stripe[i].dev, s->stripe[i].offset, width);
		if (ret)
			return ret;
	}
	if (next_word(&params, &word))
		return target_fail(b, "striped: too many arguments for %llu stripes", stripes);
	blk_limits_io_min(&b->table->limits, chunk << SECTOR_SHIFT);
	blk_limits_io_opt(&b->table->limits, (chunk * stripes) << SECTOR_SHIFT);
	return 0;
}

static int build_target(struct builder *b, struct dmfs_target *target)
{
	const struct dmfs_image *image = &b->table->image;
	const char *type = dmfs_image_type_name(image, b->record->type_id);
	const char *params = dmfs_image_params(image, b->record);
	const char *word;

	if (!strcmp(type, "linear"))
		return build_linear(b, params, target);
	if (!strcmp(type, "striped"))
		return build_striped(b, params, target);
	if (!strcmp(type, "error")) {
		target->kind = DMFS_ERROR;
		return 0;
	}
	if (!strcmp(type, "zero")) {
		target->kind = DMFS_ZERO;
		if (next_word(&params, &word))
			return target_fail(b, "zero: no arguments required");
		return 0;
	}
	return target_fail(b, "target type '%.*s' is not supported by dmfs (linear, striped, error, zero)", 40,
			   type);
}

/* The device of the image this table is for: the one named like the configfs directory, or the only one. */
static const struct dmfs_device_record *pick_device(struct dmfs_table *t, const char *name, char *error,
						    size_t error_size)
{
	const struct dmfs_image_header *h = t->image.header;
	u32 i;

	for (i = 0; i < h->device_count; i++) {
		const struct dmfs_device_record *d = dmfs_image_device(&t->image, i);

		if (!strcmp(dmfs_image_string(&t->image, &d->name), name))
			return d;
	}
	if (h->device_count == 1)
		return dmfs_image_device(&t->image, 0);
	scnprintf(error, error_size, "the image holds %u devices and none is named '%s'", h->device_count, name);
	return NULL;
}

static int build_targets(struct dmfs_table *t, struct gendisk *self, char *error, size_t error_size)
{
	struct builder b = { .table = t, .self = self, .error = error, .error_size = error_size };
	int ret;

	t->targets = kvcalloc(t->target_count, sizeof(*t->targets), GFP_KERNEL);
	t->devs = kvcalloc(DMFS_MAX_UNDERLYING, sizeof(*t->devs), GFP_KERNEL);
	if (!t->targets || !t->devs) {
		scnprintf(error, error_size, "out of memory for %llu targets", t->target_count);
		return -ENOMEM;
	}
	blk_set_stacking_limits(&t->limits);
	dmfs_limits_enable_flush(&t->limits);
	for (b.index = 0; b.index < t->target_count; b.index++) {
		b.record = &t->records[b.index];
		ret = build_target(&b, &t->targets[b.index]);
		if (ret)
			return ret;
		cond_resched();
	}
	return 0;
}

/* "line N: " for the device header (where `minor=` and `ro` were written), if the image knows it. */
size_t dmfs_table_header_place(const struct dmfs_table *t, char *error, size_t error_size)
{
	return t->device->header_line ? scnprintf(error, error_size, "line %u: ", t->device->header_line) : 0;
}

struct dmfs_table *dmfs_table_create(const void *bytes, size_t size, const char *name, struct gendisk *self,
				     char *error, size_t error_size)
{
	struct dmfs_table *t;
	int ret = -ENOMEM;

	error[0] = '\0';
	if (size > DMFS_MAX_IMAGE_SIZE) {
		scnprintf(error, error_size, "image of %zu bytes is larger than dmfs accepts (%llu)", size,
			  DMFS_MAX_IMAGE_SIZE);
		return ERR_PTR(-EFBIG);
	}
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		goto out_of_memory;
	atomic_set(&t->inflight, 0);
	init_waitqueue_head(&t->drained);
	/* Our own copy, 8-byte aligned: configfs frees its buffer when the file closes. */
	t->bytes = kvmalloc(size ? size : 8, GFP_KERNEL);
	if (!t->bytes)
		goto out_of_memory;
	memcpy(t->bytes, bytes, size);
	t->size = size;
	if (dmfs_image_check(&t->image, t->bytes, size, dmfs_kernel_crc32c, error, error_size)) {
		ret = -EINVAL;
		goto fail;
	}
	t->device = pick_device(t, name, error, error_size);
	if (!t->device) {
		ret = -EINVAL;
		goto fail;
	}
	t->records = dmfs_image_targets(&t->image, t->device);
	t->target_count = t->device->target_count;
	t->sectors = t->device->size_sectors;
	t->read_only = t->device->flags & DMFS_DEVICE_READ_ONLY;
	/* The shared image check keeps a fixed minor within the kernel's 20 bits. */
	BUILD_BUG_ON(DMFS_MINOR_MAX != MINORMASK);
	t->minor = t->device->flags & DMFS_DEVICE_HAS_MINOR ? (int)t->device->minor : -1;
	dmfs_btree_init(&t->tree, &t->image, t->device);
	ret = build_targets(t, self, error, error_size);
	if (ret)
		goto fail;
	return t;

out_of_memory:
	scnprintf(error, error_size, "out of memory for an image of %zu bytes", size);
fail:
	dmfs_table_destroy(t);
	return ERR_PTR(ret);
}

void dmfs_table_destroy(struct dmfs_table *t)
{
	u64 i;
	u32 d;

	if (!t)
		return;
	if (t->targets)
		for (i = 0; i < t->target_count; i++)
			if (t->targets[i].kind == DMFS_STRIPED)
				kfree(t->targets[i].striped);
	for (d = 0; t->devs && d < t->dev_count; d++)
		dmfs_close_bdev(t->devs[d].bdev, t->devs[d].handle, t->read_only);
	kvfree(t->devs);
	kvfree(t->targets);
	kvfree(t->bytes);
	kfree(t);
}

/* Appends what fits of bytes (all of it when only counting, buf NULL); how much that was. */
static size_t put(char *buf, size_t size, size_t used, const char *bytes, size_t len)
{
	if (!buf)
		return len;
	len = used < size ? min(len, size - used) : 0;
	memcpy(buf + used, bytes, len);
	return len;
}

/* One line "start length type params\n" at buf + used (if it fits); its length. */
static size_t table_line(const struct dmfs_table *t, u64 i, char *buf, size_t size, size_t used)
{
	const struct dmfs_target_record *r = &t->records[i];
	const char *type = dmfs_image_type_name(&t->image, r->type_id);
	char numbers[48];
	size_t len = scnprintf(numbers, sizeof(numbers), "%llu %llu ", r->start, r->length);
	size_t start = used;

	used += put(buf, size, used, numbers, len);
	used += put(buf, size, used, type, dmfs_image_type_name_size(&t->image, r->type_id));
	if (r->params_size) {
		used += put(buf, size, used, " ", 1);
		used += put(buf, size, used, dmfs_image_params(&t->image, r), r->params_size);
	}
	used += put(buf, size, used, "\n", 1);
	return used - start;
}

/*
 * The live table as dmsetup prints it, into buf of size bytes (no NUL); with buf NULL, the
 * size it needs. When it does not fit (a new table went live between the two calls), it
 * ends with "... N more targets".
 */
size_t dmfs_table_text(const struct dmfs_table *t, char *buf, size_t size)
{
	bool fits = !buf || dmfs_table_text(t, NULL, 0) <= size;
	size_t used = 0;
	u64 i;

	for (i = 0; i < t->target_count; i++) {
		size_t len = table_line(t, i, NULL, 0, 0);

		if (!fits && used + len + 48 > size) {
			char more[48];

			used += put(buf, size, used, more, scnprintf(more, sizeof(more), "... %llu more targets\n",
								   t->target_count - i));
			break;
		}
		used += table_line(t, i, buf, size, used);
	}
	return used;
}
