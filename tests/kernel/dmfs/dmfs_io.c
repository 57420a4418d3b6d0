/*
 * dmfs-io: the I/O the dmfs suite needs and busybox cannot do (busybox dd goes through the
 * page cache even with iflag=direct). Built static on the host by prepare.sh.
 *   dmfs-io read DEV OFFSET LEN        O_DIRECT read of LEN bytes at OFFSET, to stdout
 *   dmfs-io write DEV OFFSET LEN       O_DIRECT write of LEN bytes from stdin at OFFSET
 *   dmfs-io tags DEV COUNT SEED NAME MUL MOD
 *                                      COUNT random sectors s of DEV must hold the lib.sh
 *                                      pattern tag NAME:(s*MUL)%MOD
 *   dmfs-io churn DEV BLOCKS ROUNDS    writes ROUNDS generations of BLOCKS 4 KiB blocks while
 *                                      reading random blocks back; every record read must be
 *                                      zero or hold its own block number (nothing misplaced);
 *                                      at the end every block holds the last generation
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BLOCK 4096

static void *aligned(size_t size)
{
	void *p = NULL;

	if (posix_memalign(&p, BLOCK, size ? size : BLOCK)) {
		perror("posix_memalign");
		exit(2);
	}
	return p;
}

static int open_direct(const char *dev, int flags)
{
	int fd = open(dev, flags | O_DIRECT);

	if (fd < 0) {
		perror(dev);
		exit(2);
	}
	return fd;
}

static int full_io(int fd, void *buf, size_t len, off_t offset, int write_it)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write_it ? pwrite(fd, (char *)buf + done, len - done, offset + done)
				     : pread(fd, (char *)buf + done, len - done, offset + done);
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

static int do_read(const char *dev, off_t offset, size_t len)
{
	char *buf = aligned(len);
	int fd = open_direct(dev, O_RDONLY);

	if (full_io(fd, buf, len, offset, 0)) {
		perror("read");
		return 1;
	}
	return fwrite(buf, 1, len, stdout) == len ? 0 : 1;
}

static int do_write(const char *dev, off_t offset, size_t len)
{
	char *buf = aligned(len);
	int fd = open_direct(dev, O_WRONLY);

	if (fread(buf, 1, len, stdin) != len) {
		fprintf(stderr, "short input\n");
		return 1;
	}
	if (full_io(fd, buf, len, offset, 1)) {
		perror("write");
		return 1;
	}
	return 0;
}

static int do_tags(const char *dev, long count, unsigned seed, const char *name, uint64_t mul, uint64_t mod)
{
	char *buf = aligned(512);
	int fd = open_direct(dev, O_RDONLY);
	off_t size = lseek(fd, 0, SEEK_END);
	uint64_t sectors = size / 512, state = seed * 2654435761u + 1;
	long i;

	for (i = 0; i < count; i++) {
		char want[40];
		uint64_t s;

		state = state * 6364136223846793005ull + 1442695040888963407ull;
		s = (state >> 17) % sectors;
		if (full_io(fd, buf, 512, s * 512, 0)) {
			printf("sector %llu: unreadable\n", (unsigned long long)s);
			return 1;
		}
		snprintf(want, sizeof(want), "%-16s%015llu\n", name, (unsigned long long)(s * mul % mod));
		if (memcmp(buf, want, 32)) {
			printf("sector %llu: got '%.31s', want '%.31s'\n", (unsigned long long)s, buf, want);
			return 1;
		}
	}
	printf("%ld random sectors of %llu right\n", count, (unsigned long long)sectors);
	return 0;
}

static void fill_block(char *buf, long block, long generation)
{
	char record[48];
	int i;

	/* 32-byte records: "block 00000007 gen 000003 .....\n" */
	snprintf(record, sizeof(record), "block %08ld gen %06ld .....\n", block % 100000000, generation % 1000000);
	for (i = 0; i < BLOCK; i += 32)
		memcpy(buf + i, record, 32);
}

/* 0 when the block is whole (every record the same) and holds `block`; its generation in *gen. */
static int parse_block(const char *buf, long block, long *gen)
{
	long b, g;
	int i;

	for (i = 0; i < BLOCK; i += 32)
		if (memcmp(buf, buf + i, 32))
			return -1;
	if (sscanf(buf, "block %ld gen %ld", &b, &g) != 2 || b != block)
		return -1;
	*gen = g;
	return 0;
}

static int records_placed(const char *buf, long block)
{
	static const char zero[32];
	long b, g;
	int i;

	for (i = 0; i < BLOCK; i += 32)
		if (memcmp(buf + i, zero, 32) &&
		    (sscanf(buf + i, "block %ld gen %ld", &b, &g) != 2 || b != block % 100000000))
			return 0;
	return 1;
}

static int do_churn(const char *dev, long blocks, long rounds)
{
	int fd = open_direct(dev, O_RDWR);
	char *buf = aligned(BLOCK);
	long round, b, checked = 0;
	pid_t writer;
	int status, bad = 0;

	writer = fork();
	if (writer == 0) {
		for (round = 1; round <= rounds; round++)
			for (b = 0; b < blocks; b++) {
				fill_block(buf, b, round);
				if (full_io(fd, buf, BLOCK, (off_t)b * BLOCK, 1)) {
					perror("churn write");
					_exit(1);
				}
			}
		_exit(0);
	}
	/*
	 * Reader: random blocks while the writer runs. A read racing a write to the same page of
	 * the loop device's backing file may see a mix of two generations, so each 32-byte
	 * record is checked on its own: zero (not yet written) or this block's number.
	 */
	while (waitpid(writer, &status, WNOHANG) == 0) {
		b = random() % blocks;
		if (full_io(fd, buf, BLOCK, (off_t)b * BLOCK, 0) || !records_placed(buf, b)) {
			printf("block %ld read while writing: torn or misplaced: '%.31s'\n", b, buf);
			bad = 1;
			break;
		}
		checked++;
	}
	if (!bad)
		waitpid(writer, &status, 0);
	if (bad || !WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("writer failed or a read was wrong\n");
		return 1;
	}
	for (b = 0; b < blocks; b++) {
		long gen = -1;

		if (full_io(fd, buf, BLOCK, (off_t)b * BLOCK, 0) || parse_block(buf, b, &gen) || gen != rounds) {
			printf("block %ld after %ld rounds: generation %ld ('%.31s')\n", b, rounds, gen, buf);
			return 1;
		}
	}
	printf("%ld rounds of %ld blocks written, %ld concurrent reads right, final data right\n", rounds, blocks,
	       checked);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "read"))
		return do_read(argv[2], atoll(argv[3]), atoll(argv[4]));
	if (argc == 5 && !strcmp(argv[1], "write"))
		return do_write(argv[2], atoll(argv[3]), atoll(argv[4]));
	if (argc == 8 && !strcmp(argv[1], "tags"))
		return do_tags(argv[2], atol(argv[3]), atoi(argv[4]), argv[5], strtoull(argv[6], 0, 10),
			       strtoull(argv[7], 0, 10));
	if (argc == 5 && !strcmp(argv[1], "churn"))
		return do_churn(argv[2], atol(argv[3]), atol(argv[4]));
	fprintf(stderr, "usage: see the comment at the top of dmfs_io.c\n");
	return 2;
}
