// SPDX-License-Identifier: GPL-2.0
/*
 * The one validator of dmc images, shared by the dmfs kernel module and dmc's ImageReader
 * (docs/image-format.md, "What a reader checks"). Every offset, size and count comes from
 * the file, so every sum and product is overflow-checked before it is compared with the
 * file size, and no byte is read before the range holding it has been checked.
 */
#include "dmfs_image.h"

#ifdef __KERNEL__
#include <linux/kernel.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#else
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#endif

/* The layout is fixed by the format; these fail the build when a compiler pads differently. */
typedef char dmfs_header_is_128_bytes[sizeof(struct dmfs_image_header) == 128 ? 1 : -1];
typedef char dmfs_string_ref_is_16_bytes[sizeof(struct dmfs_string_ref) == 16 ? 1 : -1];
typedef char dmfs_device_is_192_bytes[sizeof(struct dmfs_device_record) == 192 ? 1 : -1];
typedef char dmfs_target_is_40_bytes[sizeof(struct dmfs_target_record) == 40 ? 1 : -1];

struct checker {
	struct dmfs_image *image;
	char *error;
	size_t error_size;
	char context[96]; /* "device 3 ('name')", prefixed to device messages */
};

#ifdef __GNUC__
__attribute__((format(printf, 2, 3)))
#endif
static int fail(struct checker *c, const char *format, ...)
{
	size_t used = 0;
	va_list args;

	if (c->context[0]) {
		snprintf(c->error, c->error_size, "%s: ", c->context);
		used = strlen(c->error);
	}
	va_start(args, format);
	vsnprintf(c->error + used, c->error_size - used, format, args);
	va_end(args);
	return -1;
}

static int all_zero(const uint8_t *bytes, size_t size)
{
	size_t i;

	for (i = 0; i < size; i++)
		if (bytes[i])
			return 0;
	return 1;
}

static uint64_t divide_rounding_up(uint64_t n, uint64_t d)
{
	return n / d + (n % d != 0);
}

int dmfs_btree_shape_for(uint64_t target_count, unsigned int keys_per_node, struct dmfs_btree_shape *shape)
{
	uint64_t nodes;
	unsigned int levels = 0, l;

	if ((keys_per_node != 8 && keys_per_node != 16 && keys_per_node != 32) || target_count > DMFS_U32_MAX)
		return -1;
	memset(shape, 0, sizeof(*shape));
	shape->keys_per_node = keys_per_node;
	nodes = divide_rounding_up(target_count, keys_per_node);
	/* the kernel's int_log(leaf nodes, K + 1) */
	for (uint64_t n = nodes; n > 1; n = divide_rounding_up(n, keys_per_node + 1))
		levels++;
	shape->depth = 1 + levels;
	if (shape->depth > DMFS_IMAGE_MAX_LEVELS)
		return -1;
	shape->counts[shape->depth - 1] = (uint32_t)nodes;
	for (l = shape->depth - 1; l-- > 0;)
		shape->counts[l] = (uint32_t)divide_rounding_up(shape->counts[l + 1], keys_per_node + 1);
	return 0;
}

static uint64_t internal_nodes(const struct dmfs_btree_shape *shape)
{
	uint64_t nodes = 0;
	unsigned int l;

	for (l = 0; l + 1 < shape->depth; l++)
		nodes += shape->counts[l];
	return nodes;
}

uint64_t dmfs_btree_level_offset(const struct dmfs_btree_shape *shape, unsigned int level)
{
	uint64_t nodes = 0;
	unsigned int l;

	if (level + 1 >= shape->depth)
		return internal_nodes(shape) * shape->keys_per_node;
	for (l = level + 1; l + 1 < shape->depth; l++)
		nodes += shape->counts[l];
	return nodes * shape->keys_per_node;
}

uint64_t dmfs_btree_total_keys(const struct dmfs_btree_shape *shape)
{
	return (internal_nodes(shape) + shape->counts[shape->depth - 1]) * shape->keys_per_node;
}

/* count elements of element_size bytes at offset lie inside the body and are aligned. */
static int check_section(struct checker *c, const char *what, uint64_t offset, uint64_t count,
			 uint64_t element_size, uint64_t alignment)
{
	uint64_t body_start = c->image->header->header_size, bytes, end;

	if (__builtin_mul_overflow(count, element_size, &bytes) || __builtin_add_overflow(offset, bytes, &end) ||
	    offset < body_start || end > c->image->size)
		return fail(c, "%s (offset %llu, %llu entries of %llu bytes) lies outside the image body [%llu, %llu)",
			    what, (unsigned long long)offset, (unsigned long long)count,
			    (unsigned long long)element_size, (unsigned long long)body_start,
			    (unsigned long long)c->image->size);
	if (offset % alignment)
		return fail(c, "%s at offset %llu is not %llu-byte aligned", what, (unsigned long long)offset,
			    (unsigned long long)alignment);
	return 0;
}

static int check_header(struct checker *c, const uint8_t *bytes, uint64_t size, dmfs_crc32c_fn crc)
{
	struct dmfs_image_header unsealed;
	const struct dmfs_image_header *header;
	uint32_t computed;

	if (size == 0)
		return fail(c, "empty file, not a dmc image");
	if (size < 8 && memcmp(bytes, DMFS_IMAGE_MAGIC, size) == 0)
		return fail(c, "truncated image: %llu bytes", (unsigned long long)size);
	if (size < 8 || memcmp(bytes, DMFS_IMAGE_MAGIC, 8) != 0)
		return fail(c, "not a dmc image (bad magic)");
	if (size < sizeof(*header))
		return fail(c, "truncated image: %llu bytes, the header alone needs %zu", (unsigned long long)size,
			    sizeof(*header));
	header = (const struct dmfs_image_header *)bytes;
	if (header->format_version != DMFS_IMAGE_FORMAT_VERSION)
		return fail(c, "unsupported image format version %u (this reader reads version %u)",
			    header->format_version, DMFS_IMAGE_FORMAT_VERSION);
	if (header->header_size != sizeof(*header))
		return fail(c, "bad header size %u (expected %zu)", header->header_size, sizeof(*header));
	if (header->total_size > size)
		return fail(c, "truncated image: the header says %llu bytes, only %llu are present",
			    (unsigned long long)header->total_size, (unsigned long long)size);
	if (header->total_size != size)
		return fail(c, "image size mismatch: the header says %llu bytes, the file has %llu",
			    (unsigned long long)header->total_size, (unsigned long long)size);
	if (size % DMFS_IMAGE_SECTION_ALIGN)
		return fail(c, "image size %llu is not a multiple of %u", (unsigned long long)size,
			    DMFS_IMAGE_SECTION_ALIGN);
	memcpy(&unsealed, header, sizeof(unsealed));
	unsealed.header_crc32c = 0;
	computed = crc(&unsealed, sizeof(unsealed));
	if (computed != header->header_crc32c)
		return fail(c, "header checksum mismatch (stored %#010x, computed %#010x)", header->header_crc32c,
			    computed);
	if (!all_zero(header->reserved, sizeof(header->reserved)))
		return fail(c, "reserved header bytes are not zero");
	c->image->header = header;
	return 0;
}

/* In bounds, NUL right after the string, no NUL inside. */
static int check_string(struct checker *c, const struct dmfs_string_ref *ref, const char *what)
{
	const char *text;

	if (ref->reserved || ref->offset > c->image->strings_size ||
	    ref->size >= c->image->strings_size - ref->offset)
		return fail(c, "%s: string reference (offset %llu, %u bytes) lies outside the string table (%llu bytes)",
			    what, (unsigned long long)ref->offset, ref->size,
			    (unsigned long long)c->image->strings_size);
	text = c->image->strings + ref->offset;
	if (text[ref->size] != '\0' || memchr(text, '\0', ref->size))
		return fail(c, "%s: string is not NUL-terminated where the table says", what);
	return 0;
}

static int check_sections_and_body(struct checker *c, dmfs_crc32c_fn crc)
{
	const struct dmfs_image_header *h = c->image->header;
	uint32_t computed;

	if (check_section(c, "device table", h->devices_offset, h->device_count,
			  sizeof(struct dmfs_device_record), DMFS_IMAGE_SECTION_ALIGN) ||
	    check_section(c, "type table", h->types_offset, h->type_count, sizeof(struct dmfs_string_ref),
			  DMFS_IMAGE_SECTION_ALIGN) ||
	    check_section(c, "load order", h->load_order_offset, h->device_count, sizeof(uint32_t),
			  DMFS_IMAGE_SECTION_ALIGN) ||
	    check_section(c, "string table", h->strings_offset, h->strings_size, 1, 1))
		return -1;
	computed = crc(c->image->bytes + h->header_size, c->image->size - h->header_size);
	if (computed != h->body_crc32c)
		return fail(c, "image checksum mismatch (stored %#010x, computed %#010x): the file is corrupted",
			    h->body_crc32c, computed);
	c->image->strings = (const char *)c->image->bytes + h->strings_offset;
	c->image->strings_size = h->strings_size;
	return 0;
}

static int check_types_and_order(struct checker *c)
{
	const struct dmfs_image_header *h = c->image->header;
	const struct dmfs_string_ref *types = (const void *)(c->image->bytes + h->types_offset);
	const uint32_t *order = dmfs_image_load_order(c->image);
	char what[32];
	uint32_t i, j;

	for (i = 0; i < h->type_count; i++) {
		snprintf(what, sizeof(what), "target type %u", i);
		if (check_string(c, &types[i], what))
			return -1;
	}
	/*
	 * A permutation, checked without a bitmap (no allocation): each entry in range and
	 * unique. Quadratic, hence the device limit.
	 */
	if (h->device_count > DMFS_IMAGE_MAX_DEVICES)
		return fail(c, "too many devices (%u; at most %u in one image)", h->device_count,
			    DMFS_IMAGE_MAX_DEVICES);
	for (i = 0; i < h->device_count; i++) {
		if (order[i] >= h->device_count)
			return fail(c, "the load order is not a permutation of the devices");
		for (j = 0; j < i; j++)
			if (order[j] == order[i])
				return fail(c, "the load order is not a permutation of the devices");
	}
	return 0;
}

static int printable(const char *text)
{
	for (; *text; text++)
		if (*text < 0x20 || *text > 0x7e || *text == '\'')
			return 0;
	return 1;
}

static int check_device_fields(struct checker *c, uint32_t index, const struct dmfs_device_record *d)
{
	const char *name;

	snprintf(c->context, sizeof(c->context), "device %u", index);
	if (check_string(c, &d->name, "name"))
		return -1;
	name = dmfs_image_string(c->image, &d->name);
	if (d->name.size <= 48 && printable(name))
		snprintf(c->context, sizeof(c->context), "device %u ('%s')", index, name);
	if (check_string(c, &d->uuid, "uuid"))
		return -1;
	if (d->flags & ~DMFS_DEVICE_KNOWN_FLAGS)
		return fail(c, "unknown flags %#x", d->flags);
	if (!(d->flags & DMFS_DEVICE_HAS_MINOR) && d->minor)
		return fail(c, "minor set without its flag");
	if (d->minor > DMFS_MINOR_MAX)
		return fail(c, "minor %u is too large: minors are at most %u", d->minor, DMFS_MINOR_MAX);
	if (!all_zero(d->reserved, sizeof(d->reserved)))
		return fail(c, "reserved bytes are not zero");
	return 0;
}

static int check_uses(struct checker *c, const struct dmfs_device_record *d)
{
	const uint32_t *uses;
	uint32_t i;

	if (check_section(c, "uses", d->uses_offset, d->uses_count, sizeof(uint32_t), DMFS_IMAGE_SECTION_ALIGN))
		return -1;
	uses = dmfs_image_uses(c->image, d);
	for (i = 0; i < d->uses_count; i++)
		if (uses[i] >= c->image->header->device_count)
			return fail(c, "uses device %u, which does not exist", uses[i]);
	return 0;
}

static int check_targets(struct checker *c, const struct dmfs_device_record *d)
{
	const struct dmfs_target_record *targets;
	struct dmfs_string_ref params;
	uint64_t expected_start = 0, i;
	char what[64];

	if (d->target_count == 0 || d->target_count > DMFS_U32_MAX)
		return fail(c, "bad target count %llu", (unsigned long long)d->target_count);
	if (check_section(c, "targets", d->targets_offset, d->target_count, sizeof(struct dmfs_target_record),
			  DMFS_IMAGE_SECTION_ALIGN))
		return -1;
	targets = dmfs_image_targets(c->image, d);
	for (i = 0; i < d->target_count; i++) {
		const struct dmfs_target_record *t = &targets[i];

		if (t->type_id >= c->image->header->type_count || t->reserved)
			return fail(c, "target %llu: bad type id %u", (unsigned long long)i, t->type_id);
		params.offset = t->params_offset;
		params.size = t->params_size;
		params.reserved = 0;
		snprintf(what, sizeof(what), "target %llu parameters", (unsigned long long)i);
		if (check_string(c, &params, what))
			return -1;
		if (t->start != expected_start || t->length == 0 || t->start + t->length < t->start)
			return fail(c, "target %llu: start %llu length %llu does not follow the previous target (end %llu)",
				    (unsigned long long)i, (unsigned long long)t->start,
				    (unsigned long long)t->length, (unsigned long long)expected_start);
		expected_start = t->start + t->length;
	}
	if (d->size_sectors != expected_start)
		return fail(c, "size %llu differs from the end of the last target %llu",
			    (unsigned long long)d->size_sectors, (unsigned long long)expected_start);
	return 0;
}

/* The high of the right-most leaf under node n of level l, as the kernel's high(). */
static uint64_t rightmost_high(const struct dmfs_btree_shape *shape, const struct dmfs_btree *tree,
			       unsigned int level, uint64_t node)
{
	const uint64_t children = shape->keys_per_node + 1;

	for (; level + 1 < shape->depth; level++)
		node = node * children + (children - 1);
	if (node >= shape->counts[shape->depth - 1])
		return DMFS_BTREE_PAD_KEY;
	return tree->levels[shape->depth - 1][node * shape->keys_per_node + shape->keys_per_node - 1];
}

static int check_keys(struct checker *c, const struct dmfs_device_record *d, const struct dmfs_btree_shape *shape)
{
	const struct dmfs_target_record *targets = dmfs_image_targets(c->image, d);
	const unsigned int k = shape->keys_per_node;
	struct dmfs_btree tree;
	uint64_t i, keys;
	unsigned int l;

	dmfs_btree_init(&tree, c->image, d);
	keys = (uint64_t)shape->counts[shape->depth - 1] * k;
	for (i = 0; i < keys; i++) {
		uint64_t expected = i < d->target_count ? targets[i].start + targets[i].length - 1 : DMFS_BTREE_PAD_KEY;

		if (tree.levels[shape->depth - 1][i] != expected)
			return fail(c, "btree leaf key %llu is %llu, expected %llu", (unsigned long long)i,
				    (unsigned long long)tree.levels[shape->depth - 1][i],
				    (unsigned long long)expected);
	}
	/* Internal keys must be the kernel's values: lookups rely on them to stay in bounds. */
	for (l = 0; l + 1 < shape->depth; l++) {
		keys = (uint64_t)shape->counts[l] * k;
		for (i = 0; i < keys; i++) {
			uint64_t child = i / k * (k + 1) + i % k;
			uint64_t expected = child < shape->counts[l + 1] ? rightmost_high(shape, &tree, l + 1, child)
									  : DMFS_BTREE_PAD_KEY;

			if (tree.levels[l][i] != expected)
				return fail(c, "btree key %llu of level %u is %llu, expected %llu",
					    (unsigned long long)i, l, (unsigned long long)tree.levels[l][i],
					    (unsigned long long)expected);
		}
	}
	return 0;
}

static int check_index(struct checker *c, const struct dmfs_device_record *d)
{
	struct dmfs_btree_shape shape;
	unsigned int l;

	if (dmfs_btree_shape_for(d->target_count, d->keys_per_node, &shape))
		return fail(c, "unsupported keys per node %u", d->keys_per_node);
	if (d->depth != shape.depth)
		return fail(c, "btree depth %u, expected %u", d->depth, shape.depth);
	for (l = 0; l < DMFS_IMAGE_MAX_LEVELS; l++)
		if (d->level_counts[l] != shape.counts[l])
			return fail(c, "btree node counts do not match the target count");
	if (d->index_size != dmfs_btree_total_keys(&shape) * sizeof(uint64_t))
		return fail(c, "btree size %llu bytes, expected %llu", (unsigned long long)d->index_size,
			    (unsigned long long)(dmfs_btree_total_keys(&shape) * sizeof(uint64_t)));
	if (check_section(c, "btree", d->index_offset, dmfs_btree_total_keys(&shape), sizeof(uint64_t),
			  DMFS_IMAGE_INDEX_ALIGN))
		return -1;
	return check_keys(c, d, &shape);
}

static int check_devices(struct checker *c)
{
	const struct dmfs_image_header *h = c->image->header;
	uint64_t targets = 0;
	uint32_t i;

	for (i = 0; i < h->device_count; i++) {
		const struct dmfs_device_record *d = dmfs_image_device(c->image, i);

		if (check_device_fields(c, i, d) || check_uses(c, d) || check_targets(c, d) || check_index(c, d))
			return -1;
		targets += d->target_count;
	}
	c->context[0] = '\0';
	if (targets != h->target_count)
		return fail(c, "the header counts %llu targets, the devices hold %llu",
			    (unsigned long long)h->target_count, (unsigned long long)targets);
	return 0;
}

int dmfs_image_check(struct dmfs_image *image, const void *bytes, uint64_t size, dmfs_crc32c_fn crc,
		     char *error, size_t error_size)
{
	struct checker c = { .image = image, .error = error, .error_size = error_size };

	if (error_size)
		error[0] = '\0';
	memset(image, 0, sizeof(*image));
	image->bytes = bytes;
	image->size = size;
	if ((uintptr_t)bytes % DMFS_IMAGE_SECTION_ALIGN)
		return fail(&c, "image buffer is not 8-byte aligned");
	if (check_header(&c, bytes, size, crc) || check_sections_and_body(&c, crc) || check_types_and_order(&c) ||
	    check_devices(&c)) {
		memset(image, 0, sizeof(*image));
		return -1;
	}
	return 0;
}

const struct dmfs_device_record *dmfs_image_device(const struct dmfs_image *image, uint32_t index)
{
	return (const struct dmfs_device_record *)(image->bytes + image->header->devices_offset) + index;
}

const struct dmfs_target_record *dmfs_image_targets(const struct dmfs_image *image,
						     const struct dmfs_device_record *device)
{
	return (const struct dmfs_target_record *)(image->bytes + device->targets_offset);
}

const uint32_t *dmfs_image_uses(const struct dmfs_image *image, const struct dmfs_device_record *device)
{
	return (const uint32_t *)(image->bytes + device->uses_offset);
}

const uint32_t *dmfs_image_load_order(const struct dmfs_image *image)
{
	return (const uint32_t *)(image->bytes + image->header->load_order_offset);
}

const uint64_t *dmfs_image_index(const struct dmfs_image *image, const struct dmfs_device_record *device)
{
	return (const uint64_t *)(image->bytes + device->index_offset);
}

const char *dmfs_image_string(const struct dmfs_image *image, const struct dmfs_string_ref *ref)
{
	return image->strings + ref->offset;
}

static const struct dmfs_string_ref *type_ref(const struct dmfs_image *image, uint32_t type_id)
{
	return (const struct dmfs_string_ref *)(image->bytes + image->header->types_offset) + type_id;
}

const char *dmfs_image_type_name(const struct dmfs_image *image, uint32_t type_id)
{
	return dmfs_image_string(image, type_ref(image, type_id));
}

uint32_t dmfs_image_type_name_size(const struct dmfs_image *image, uint32_t type_id)
{
	return type_ref(image, type_id)->size;
}

const char *dmfs_image_params(const struct dmfs_image *image, const struct dmfs_target_record *target)
{
	return image->strings + target->params_offset;
}

void dmfs_btree_init(struct dmfs_btree *tree, const struct dmfs_image *image,
		     const struct dmfs_device_record *device)
{
	struct dmfs_btree_shape shape;
	const uint64_t *keys = dmfs_image_index(image, device);
	unsigned int l;

	memset(tree, 0, sizeof(*tree));
	shape.keys_per_node = device->keys_per_node;
	shape.depth = device->depth;
	memcpy(shape.counts, device->level_counts, sizeof(shape.counts));
	tree->keys_per_node = shape.keys_per_node;
	tree->depth = shape.depth;
	for (l = 0; l < shape.depth; l++)
		tree->levels[l] = keys + dmfs_btree_level_offset(&shape, l);
}

uint64_t dmfs_btree_find(const struct dmfs_btree *tree, uint64_t sector)
{
	const unsigned int k = tree->keys_per_node;
	uint64_t node = 0;
	unsigned int l, i = 0;

	for (l = 0; l < tree->depth; l++) {
		const uint64_t *keys;

		node = node * (k + 1) + i;
		keys = tree->levels[l] + node * k;
		for (i = 0; i < k; i++)
			if (keys[i] >= sector)
				break;
	}
	return node * k + i;
}
