/* user/coreutils/stat.c: stat (default listing and -c FORMAT). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cu.h"

/* stat_type - GNU's file type words for %F. */
static const char *
stat_type(const struct stat *st)
{
	mode_t m = st->st_mode;

	if (S_ISREG(m))
		return st->st_size ? "regular file" : "regular empty file";
	if (S_ISDIR(m))
		return "directory";
	if (S_ISLNK(m))
		return "symbolic link";
	if (S_ISCHR(m))
		return "character special file";
	if (S_ISBLK(m))
		return "block special file";
	if (S_ISFIFO(m))
		return "fifo";
	return S_ISSOCK(m) ? "socket" : "weird file";
}

/* stat_names - user and group names, or their numbers if unknown. */
static void
stat_names(const struct stat *st, char *u, char *g)
{
	struct passwd *pw = getpwuid(st->st_uid);
	struct group *gr = getgrgid(st->st_gid);

	snprintf(u, 64, "%s", pw ? pw->pw_name : "UNKNOWN");
	snprintf(g, 64, "%s", gr ? gr->gr_name : "UNKNOWN");
}

/* stat_directive - print one %X directive for @name. Returns 0 or -1. */
static int
stat_directive(char c, const char *name, const struct stat *st)
{
	char buf[64], g[64];

	switch (c) {
	case 'n':
		fputs(name, stdout);
		break;
	case 's':
		printf("%lld", (long long)st->st_size);
		break;
	case 'a':
		printf("%o", (unsigned)(st->st_mode & 07777));
		break;
	case 'A':
		ls_mode(st->st_mode, buf);
		fputs(buf, stdout);
		break;
	case 'F':
		fputs(stat_type(st), stdout);
		break;
	case 'h':
		printf("%lu", (unsigned long)st->st_nlink);
		break;
	case 'i':
		printf("%lu", (unsigned long)st->st_ino);
		break;
	case 'u':
		printf("%u", (unsigned)st->st_uid);
		break;
	case 'g':
		printf("%u", (unsigned)st->st_gid);
		break;
	case 'U':
		stat_names(st, buf, g);
		fputs(buf, stdout);
		break;
	case 'G':
		stat_names(st, buf, g);
		fputs(g, stdout);
		break;
	case 'b':
		printf("%lld", (long long)st->st_blocks);
		break;
	case 'Y':
		printf("%lld", (long long)st->st_mtime);
		break;
	case 'X':
		printf("%lld", (long long)st->st_atime);
		break;
	case 'Z':
		printf("%lld", (long long)st->st_ctime);
		break;
	case '%':
		putchar('%');
		break;
	default:
		return -1;
	}
	return 0;
}

/* stat_format - print @fmt for one file, then a newline. */
static void
stat_format(const char *fmt, const char *name, const struct stat *st)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%' || fmt[1] == 0) {
			putchar(*fmt);
			continue;
		}
		fmt++;
		if (stat_directive(*fmt, name, st) < 0) {
			putchar('?');
		}
	}
	putchar('\n');
}

/* stat_time - print "LABEL: YYYY-MM-DD HH:MM:SS.NNNNNNNNN +ZZZZ". */
static void
stat_time(const char *label, const struct timespec *ts)
{
	char buf[64], zone[16];
	struct tm *tm = localtime(&ts->tv_sec);

	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", tm);
	strftime(zone, sizeof(zone), "%z", tm);
	printf("%s: %s.%09ld %s\n", label, buf, ts->tv_nsec, zone);
}

/* stat_default - GNU-like multi-line report for one file. */
static void
stat_default(const char *name, const struct stat *st)
{
	char mode[11], u[64], g[64];

	ls_mode(st->st_mode, mode);
	stat_names(st, u, g);
	printf("  File: %s\n  Size: %-10lld\tBlocks: %-10lld IO Block: %-6ld "
	       "%s\n",
	       name, (long long)st->st_size, (long long)st->st_blocks,
	       (long)st->st_blksize, stat_type(st));
	printf("Device: %lxh/%lud\tInode: %-11lu Links: %lu\n",
	       (unsigned long)st->st_dev, (unsigned long)st->st_dev,
	       (unsigned long)st->st_ino, (unsigned long)st->st_nlink);
	printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n",
	       (unsigned)(st->st_mode & 07777), mode, (unsigned)st->st_uid, u,
	       (unsigned)st->st_gid, g);
	stat_time("Access", &st->st_atim);
	stat_time("Modify", &st->st_mtim);
	stat_time("Change", &st->st_ctim);
}

/* cmd_stat - show file status; -c FORMAT, -L follow links. */
int
cmd_stat(int argc, char **argv)
{
	const char *fmt = NULL;
	struct stat st;
	int c, i, follow = 0, rc = 0;

	while ((c = getopt(argc, argv, "c:L")) != -1) {
		if (c == 'c')
			fmt = optarg;
		else if (c == 'L')
			follow = 1;
		else
			return cu_badopt("c:L");
	}
	if (optind >= argc)
		return cu_usage("missing operand");
	for (i = optind; i < argc; i++) {
		if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
			cu_errno("cannot stat '%s'", argv[i]);
			rc = 1;
		} else if (fmt)
			stat_format(fmt, argv[i], &st);
		else
			stat_default(argv[i], &st);
	}
	return rc;
}
