/*
 * corrupt_images GOOD.img OUT_DIR: the dmfs suite's refusal inputs, made on the host from
 * one good image, as the corruption suite (tests/unit/image_corruption_test.cc) makes
 * them (configfs never passes an empty write on, so no empty image): truncations, bit flips (CRC no longer matches), and hand-made damage resealed with
 * valid CRCs (bad offsets, counts, btree keys, targets). Writes OUT_DIR/NAME.img and
 * OUT_DIR/expected.txt with "NAME<TAB>text the refusal must contain" lines.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmfs_image.h"

static uint8_t *good;
static size_t good_size;
static const char *out_dir;
static FILE *expected;

static uint32_t crc32c(const void *data, size_t size)
{
	const uint8_t *p = data;
	uint32_t crc = ~0u;

	while (size--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
	}
	return ~crc;
}

static void reseal(uint8_t *bytes, size_t size)
{
	struct dmfs_image_header *h = (void *)bytes;

	h->body_crc32c = crc32c(bytes + sizeof(*h), size - sizeof(*h));
	h->header_crc32c = 0;
	h->header_crc32c = crc32c(h, sizeof(*h));
}

static void emit(const char *name, const uint8_t *bytes, size_t size, const char *want)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.img", out_dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(bytes, 1, size, f) != size || fclose(f)) {
		perror(path);
		exit(2);
	}
	fprintf(expected, "%s\t%s\n", name, want);
}

static uint8_t *copy(void)
{
	uint8_t *bytes = malloc(good_size);

	memcpy(bytes, good, good_size);
	return bytes;
}

#define DEVICE(b) ((struct dmfs_device_record *)((b) + ((struct dmfs_image_header *)(b))->devices_offset))
#define TARGET(b, i) ((struct dmfs_target_record *)((b) + DEVICE(b)->targets_offset) + (i))
#define KEY(b, i) ((uint64_t *)((b) + DEVICE(b)->index_offset) + (i))

/* One crafted case: change the copy, reseal it, write it. */
#define CRAFT(name, want, change)                   \
	do {                                        \
		uint8_t *b = copy();                \
		change;                             \
		reseal(b, good_size);               \
		emit(name, b, good_size, want);     \
		free(b);                            \
	} while (0)

int main(int argc, char **argv)
{
	static const size_t cuts[] = { 4, 8, 100, 128, 129, 1000 };
	FILE *in;
	char path[512];

	if (argc != 3)
		return 2;
	in = fopen(argv[1], "rb");
	if (!in)
		return 2;
	fseek(in, 0, SEEK_END);
	good_size = ftell(in);
	rewind(in);
	good = malloc(good_size);
	if (fread(good, 1, good_size, in) != good_size)
		return 2;
	out_dir = argv[2];
	snprintf(path, sizeof(path), "%s/expected.txt", out_dir);
	expected = fopen(path, "w");

	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		char name[32];

		snprintf(name, sizeof(name), "truncated-%zu", cuts[i]);
		emit(name, good, cuts[i], cuts[i] == 0 ? "empty" : "truncated");
	}
	emit("truncated-last-byte", good, good_size - 1, "truncated");
	for (size_t offset = 3; offset < good_size; offset += good_size / 9) {
		char name[32];
		uint8_t *b = copy();

		b[offset] ^= 0x10;
		snprintf(name, sizeof(name), "bitflip-%zu", offset);
		emit(name, b, good_size, offset < 8 ? "not a dmc image" : "checksum mismatch");
		free(b);
	}
	CRAFT("version-2", "unsupported image format version", ((struct dmfs_image_header *)b)->format_version = 2);
	CRAFT("device-table-outside", "outside the image body",
	      ((struct dmfs_image_header *)b)->devices_offset = 1ull << 40);
	CRAFT("name-outside", "outside the string table", DEVICE(b)->name.offset = 1u << 30);
	CRAFT("no-targets", "bad target count", DEVICE(b)->target_count = 0);
	CRAFT("targets-past-end", "outside the image", DEVICE(b)->target_count = 0xffffffffu);
	CRAFT("targets-offset-wraps", "outside", DEVICE(b)->targets_offset = UINT64_MAX - 8);
	CRAFT("targets-misaligned", "aligned", DEVICE(b)->targets_offset += 4);
	CRAFT("index-misaligned", "64-byte aligned", DEVICE(b)->index_offset += 8);
	CRAFT("keys-per-node-12", "keys per node", DEVICE(b)->keys_per_node = 12);
	CRAFT("wrong-depth", "depth", DEVICE(b)->depth += 1);
	CRAFT("wrong-node-count", "node counts", DEVICE(b)->level_counts[1] += 1);
	CRAFT("wrong-index-size", "btree size", DEVICE(b)->index_size += 64);
	CRAFT("unknown-flag", "unknown flags", DEVICE(b)->flags |= 1u << 9);
	CRAFT("reserved-set", "reserved", DEVICE(b)->reserved[3] = 1);
	CRAFT("wrong-size", "differs", DEVICE(b)->size_sectors += 1);
	CRAFT("internal-key", "btree key", *KEY(b, 0) = 5);
	CRAFT("leaf-key", "leaf key", *KEY(b, DEVICE(b)->index_size / 8 - 9) = 1);
	CRAFT("leaf-padding", "leaf key", *KEY(b, DEVICE(b)->index_size / 8 - 1) = 12345);
	CRAFT("target-gap", "does not follow", TARGET(b, 5)->start += 1);
	CRAFT("zero-length", "does not follow", TARGET(b, 7)->length = 0);
	CRAFT("type-id", "type id", TARGET(b, 2)->type_id = 99);
	CRAFT("params-outside", "outside the string table", TARGET(b, 2)->params_offset = UINT64_MAX);
	CRAFT("params-without-nul", "NUL", TARGET(b, 2)->params_size = 1);
	/* A minor the kernel cannot have: the shared validator refuses it, in dmc and in the module alike. */
	CRAFT("minor-too-large", "minor 1048576 is too large",
	      DEVICE(b)->flags |= DMFS_DEVICE_HAS_MINOR; DEVICE(b)->minor = 1u << 20);
	emit("control-unchanged", good, good_size, "");
	fclose(expected);
	return 0;
}
