/* user/coreutils/names.c: basename, dirname and mktemp - the path-name
 * helpers scripts use. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cu.h"

/* base_of - POSIX basename of @path into @out (@path unchanged): trailing
 * slashes dropped, then what follows the last slash; "/" for all slashes,
 * "" stays "". */
static void
base_of(const char *path, char *out, size_t size)
{
	size_t end = strlen(path), start;

	while (end > 1 && path[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (end == 1 && path[0] == '/')
		start = 0;
	snprintf(out, size, "%.*s", (int)(end - start), path + start);
}

/* print_base - @path's basename without @suffix (unless all of it). */
static void
print_base(const char *path, const char *suffix)
{
	char buf[4096];
	size_t n, s;

	base_of(path, buf, sizeof(buf));
	n = strlen(buf);
	s = suffix ? strlen(suffix) : 0;
	if (s && s < n && strcmp(buf + n - s, suffix) == 0)
		buf[n - s] = '\0';
	puts(buf);
}

/* cmd_basename - basename NAME [SUFFIX] | basename -a [-s SUFFIX] NAME... */
int
cmd_basename(int argc, char **argv)
{
	const char *suffix = NULL;
	int c, all = 0;

	while ((c = getopt(argc, argv, "as:")) != -1) {
		if (c == '?')
			return cu_badopt("as:");
		if (c == 's')
			suffix = optarg;
		all = 1;	/* -s implies -a, as in GNU */
	}
	if (optind >= argc)
		return cu_usage("missing operand");
	if (!all) {
		if (argc - optind > 2)
			return cu_usage("extra operand '%s'", argv[optind + 2]);
		print_base(argv[optind],
			   argc - optind == 2 ? argv[optind + 1] : NULL);
		return 0;
	}
	for (int i = optind; i < argc; i++)
		print_base(argv[i], suffix);
	return 0;
}

/* print_dir - POSIX dirname: "." without a slash, "/" for the root. */
static void
print_dir(const char *path)
{
	size_t end = strlen(path);

	while (end > 1 && path[end - 1] == '/')		/* trailing slashes */
		end--;
	while (end > 0 && path[end - 1] != '/')		/* the last name */
		end--;
	if (end == 0) {
		puts(path[0] == '/' ? "/" : ".");
		return;
	}
	while (end > 1 && path[end - 1] == '/')		/* its slashes */
		end--;
	printf("%.*s\n", (int)end, path);
}

/* cmd_dirname - dirname NAME... */
int
cmd_dirname(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "")) != -1)
		return cu_badopt("");
	if (optind >= argc)
		return cu_usage("missing operand");
	for (int i = optind; i < argc; i++)
		print_dir(argv[i]);
	return 0;
}

/* fill_x - replace the trailing X's of @name (at least 3) with random
 * letters and digits; -1 if there are too few. */
static int
fill_x(char *name)
{
	static const char set[] = "abcdefghijklmnopqrstuvwxyz"
				  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t n = strlen(name), x = 0;
	unsigned char r;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	while (x < n && name[n - 1 - x] == 'X')
		x++;
	if (x < 3 || fd < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	for (size_t i = n - x; i < n; i++) {
		if (read(fd, &r, 1) != 1)
			r = (unsigned char)(getpid() + i);
		name[i] = set[r % (sizeof(set) - 1)];
	}
	close(fd);
	return 0;
}

/* make_one - create @path (a directory with @dir) exclusively; retries
 * with new letters when the name exists.  0 or -1 with errno. */
static int
make_one(char *path, size_t xat, int dir)
{
	char *tmpl = strdup(path);
	int fd;

	if (!tmpl)
		return -1;
	for (int tries = 0; tries < 100; tries++) {
		strcpy(path, tmpl);
		if (fill_x(path + xat) < 0) {
			free(tmpl);
			errno = EINVAL;
			return -1;
		}
		if (dir ? mkdir(path, 0700) == 0 :
			  (fd = open(path, O_CREAT | O_EXCL | O_RDWR, 0600)) >= 0) {
			if (!dir)
				close(fd);
			free(tmpl);
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	free(tmpl);
	return -1;
}

/* cmd_mktemp - mktemp [-d] [-q] [-p DIR | -t] [TEMPLATE]: make a new file
 * (or directory) with a unique name and print it.  The default template
 * is tmp.XXXXXXXXXX in $TMPDIR or /tmp. */
int
cmd_mktemp(int argc, char **argv)
{
	const char *tmpl = "tmp.XXXXXXXXXX", *dir = NULL;
	char path[4096], shown[4096];
	int c, mkd = 0, quiet = 0, in_tmp = 0;

	while ((c = getopt(argc, argv, "dqp:t")) != -1) {
		if (c == '?')
			return cu_badopt("dqp:t");
		mkd |= c == 'd';
		quiet |= c == 'q';
		in_tmp |= c == 't';
		if (c == 'p')
			dir = optarg;
	}
	if (argc - optind > 1)
		return cu_usage("too many templates");
	if (optind < argc)
		tmpl = argv[optind];
	else
		in_tmp = 1;
	if (in_tmp && !dir && !(dir = getenv("TMPDIR")))
		dir = "/tmp";
	if (dir && strchr(tmpl, '/')) {
		cu_err("invalid template, '%s', contains directory separator",
		       tmpl);
		return 1;
	}
	snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "", dir ? "/" : "",
		 tmpl);
	memcpy(shown, path, sizeof(shown));
	if (make_one(path, strlen(path) - strlen(tmpl), mkd) < 0) {
		if (!quiet) {
			if (errno == EINVAL)
				cu_err("too few X's in template '%s'", tmpl);
			else
				cu_errno("failed to create %s via template "
					 "'%s'", mkd ? "directory" : "file",
					 shown);
		}
		return 1;
	}
	puts(path);
	return 0;
}
