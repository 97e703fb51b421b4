/* user/coreutils/hexdump.c: hexdump -C (canonical hex+ASCII) and the
 * default 16-bit word format, with '*' for repeated lines. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cu.h"

/* hd_line - print one line of @n bytes at @off in the chosen format. */
static void
hd_line(const unsigned char *b, int n, unsigned long off, int canon)
{
	int i;

	if (!canon) {
		printf("%07lx", off);
		for (i = 0; i < n; i += 2)
			printf(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
		printf("%*s\n", (8 - (n + 1) / 2) * 5, "");
		return;
	}
	printf("%08lx ", off);
	for (i = 0; i < 16; i++) {
		if (i == 8)
			putchar(' ');
		printf(i < n ? " %02x" : "   ", b[i]);
	}
	printf("  |");
	for (i = 0; i < n; i++)
		putchar(b[i] >= 0x20 && b[i] < 0x7f ? b[i] : '.');
	printf("|\n");
}

/*
 * hd_fill - read up to 16 bytes from the inputs in turn, opening the next
 * file as each ends; *@ok counts files opened. Returns the byte count.
 */
static int
hd_fill(unsigned char *b, char ***files, int *fd, int *ok)
{
	int n = 0;
	ssize_t r;

	while (n < 16) {
		if (*fd < 0) {
			if (**files == NULL)
				break;
			*fd = strcmp(**files, "-") ? open(**files, O_RDONLY)
						   : 0;
			if (*fd < 0)
				cu_errno("%s", **files);
			else
				(*ok)++;
			(*files)++;
			continue;
		}
		r = read(*fd, b + n, 16 - n);
		if (r > 0) {
			n += r;
			continue;
		}
		if (*fd > 0)
			close(*fd);
		*fd = -1;
	}
	return n;
}

/* cmd_hexdump - dump files (or stdin); -C canonical format. */
int
cmd_hexdump(int argc, char **argv)
{
	unsigned char b[16], prev[16];
	unsigned long off = 0;
	int c, n, canon = 0, ok = 0, fd = -1, star = 0, have = 0;
	char *dflt[] = {"-", NULL}, **files;

	while ((c = getopt(argc, argv, "C")) != -1) {
		if (c != 'C')
			return cu_badopt("C");
		canon = 1;
	}
	files = optind < argc ? argv + optind : dflt;
	while ((n = hd_fill(b, &files, &fd, &ok)) > 0) {
		if (have && n == 16 && memcmp(b, prev, 16) == 0) {
			if (!star)
				puts("*");
			star = 1;
		} else {
			hd_line(b, n, off, canon);
			star = 0;
		}
		memcpy(prev, b, 16);
		have = 1;
		off += n;
	}
	if (off)
		printf(canon ? "%08lx\n" : "%07lx\n", off);
	if (ok == 0) {
		cu_err("all input file arguments failed");
		return 1;
	}
	return 0;
}
