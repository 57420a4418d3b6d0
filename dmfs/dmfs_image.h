/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The dmc binary image (docs/image-format.md), as C that compiles both in the Linux kernel
 * and in user space: the record layouts, one validator and the btree walk. The dmfs module
 * and dmc's ImageReader use this same code, so the fuzzers test what runs in the kernel.
 *
 * Nothing here allocates or keeps state; the caller provides the CRC32C function (the
 * kernel's crc32c() or dmc's own) and the buffer for the message.
 */
#ifndef DMFS_IMAGE_H
#define DMFS_IMAGE_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stddef.h>
#include <stdint.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define DMFS_IMAGE_MAGIC "DMCIMAGE"
#define DMFS_IMAGE_FORMAT_VERSION 1u
#define DMFS_IMAGE_SECTION_ALIGN 8u
#define DMFS_IMAGE_INDEX_ALIGN 64u
#define DMFS_IMAGE_MAX_LEVELS 16u
#define DMFS_IMAGE_MAX_DEVICES 16384u
#define DMFS_BTREE_PAD_KEY (~(uint64_t)0)
#define DMFS_U32_MAX 0xffffffffu
/* The kernel's largest minor (MINORMASK: 20 bits), spelled out so user space has it too. */
#define DMFS_MINOR_MAX 0xfffffu

#define DMFS_DEVICE_READ_ONLY 0x1u
#define DMFS_DEVICE_HAS_MINOR 0x2u
#define DMFS_DEVICE_KNOWN_FLAGS (DMFS_DEVICE_READ_ONLY | DMFS_DEVICE_HAS_MINOR)

struct dmfs_image_header {
	char magic[8];
	uint32_t format_version;
	uint32_t header_size;
	uint64_t total_size;
	uint32_t device_count;
	uint32_t type_count;
	uint64_t target_count;
	uint64_t devices_offset;
	uint64_t types_offset;
	uint64_t load_order_offset;
	uint64_t strings_offset;
	uint64_t strings_size;
	uint32_t body_crc32c;
	uint32_t header_crc32c;
	uint8_t reserved[40];
};

struct dmfs_string_ref {
	uint64_t offset;
	uint32_t size;
	uint32_t reserved;
};

struct dmfs_device_record {
	struct dmfs_string_ref name;
	struct dmfs_string_ref uuid;
	uint32_t flags;
	uint32_t minor;
	uint32_t header_line;
	uint32_t keys_per_node;
	uint32_t depth;
	uint32_t uses_count;
	uint64_t uses_offset;
	uint64_t target_count;
	uint64_t size_sectors;
	uint64_t targets_offset;
	uint64_t index_offset;
	uint64_t index_size;
	uint32_t level_counts[DMFS_IMAGE_MAX_LEVELS];
	uint8_t reserved[24];
};

struct dmfs_target_record {
	uint64_t start;
	uint64_t length;
	uint64_t params_offset;
	uint32_t params_size;
	uint32_t type_id;
	uint32_t line;
	uint32_t reserved;
};

/* Node counts per level for a target count, computed as the kernel's dm_table_build_index. */
struct dmfs_btree_shape {
	unsigned int keys_per_node;
	unsigned int depth;
	uint32_t counts[DMFS_IMAGE_MAX_LEVELS]; /* root first */
};

/* Standard CRC32C of a buffer (initial value and final XOR all-ones). */
typedef uint32_t (*dmfs_crc32c_fn)(const void *bytes, size_t size);

/* An image that passed dmfs_image_check; every accessor below trusts that. */
struct dmfs_image {
	const uint8_t *bytes;
	uint64_t size;
	const struct dmfs_image_header *header;
	const char *strings;
	uint64_t strings_size;
};

/*
 * Checks everything (header, CRCs, section bounds with overflow-checked arithmetic,
 * strings, load order, every device's uses, targets and btree keys) before anything is
 * used. bytes must be 8-byte aligned. Returns 0, or -1 with one message naming the first
 * problem in error (always NUL-terminated).
 */
int dmfs_image_check(struct dmfs_image *image, const void *bytes, uint64_t size, dmfs_crc32c_fn crc,
		     char *error, size_t error_size);

/* 0 and the shape, or -1 for an unsupported K or a count needing more than 16 levels. */
int dmfs_btree_shape_for(uint64_t target_count, unsigned int keys_per_node, struct dmfs_btree_shape *shape);
/* Where level l starts, in keys, in the kernel's memory order (internal levels deepest first). */
uint64_t dmfs_btree_level_offset(const struct dmfs_btree_shape *shape, unsigned int level);
/* Total keys of all levels, padding included. */
uint64_t dmfs_btree_total_keys(const struct dmfs_btree_shape *shape);

const struct dmfs_device_record *dmfs_image_device(const struct dmfs_image *image, uint32_t index);
const struct dmfs_target_record *dmfs_image_targets(const struct dmfs_image *image,
						     const struct dmfs_device_record *device);
const uint32_t *dmfs_image_uses(const struct dmfs_image *image, const struct dmfs_device_record *device);
const uint32_t *dmfs_image_load_order(const struct dmfs_image *image);
const uint64_t *dmfs_image_index(const struct dmfs_image *image, const struct dmfs_device_record *device);
/* A NUL-terminated string of the string table. */
const char *dmfs_image_string(const struct dmfs_image *image, const struct dmfs_string_ref *ref);
const char *dmfs_image_type_name(const struct dmfs_image *image, uint32_t type_id);
uint32_t dmfs_image_type_name_size(const struct dmfs_image *image, uint32_t type_id);
const char *dmfs_image_params(const struct dmfs_image *image, const struct dmfs_target_record *target);

/* A device's btree, ready for lookups: the first key of every level, root first. */
struct dmfs_btree {
	unsigned int keys_per_node;
	unsigned int depth;
	const uint64_t *levels[DMFS_IMAGE_MAX_LEVELS];
};

void dmfs_btree_init(struct dmfs_btree *tree, const struct dmfs_image *image,
		     const struct dmfs_device_record *device);
/*
 * The index of the target holding sector (below the device size), found by walking the
 * btree from the root exactly as dm_table_find_target does.
 */
uint64_t dmfs_btree_find(const struct dmfs_btree *tree, uint64_t sector);

#ifdef __cplusplus
}
#endif

#endif /* DMFS_IMAGE_H */
