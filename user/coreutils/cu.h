/* user/coreutils/cu.h: shared helpers and the utility table of the Basalt
 * multi-call binary. Every utility is `int cmd_NAME(int argc, char **argv)`
 * and returns its exit status. */
#pragma once
#include <stddef.h>
#include <sys/types.h>

struct cu_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
};

extern const char *cu_prog; /* name used in error messages */
extern int cu_fail;	    /* exit status for a failed write to stdout */

#define CU_PRINTF __attribute__((format(printf, 1, 2)))
void cu_err(const char *fmt, ...) CU_PRINTF;
void cu_errno(const char *fmt, ...) CU_PRINTF;
int cu_usage(const char *fmt, ...) CU_PRINTF;
int cu_badopt(const char *opts);
int cu_copy_fd(int in, int out);
int cu_write_all(int fd, const void *buf, size_t len);
void cu_human(unsigned long long n, char *buf, size_t len);
const char *cu_base(const char *path);
char *cu_join(const char *dir, const char *name);
int cu_read_file(const char *path, char *buf, size_t len);

/* Shared between utilities (defined in chmod.c, sys.c, ls.c, cp.c). */
long cu_mode(const char *spec, mode_t old, int isdir, mode_t umask_val);
long meminfo(const char *key);
void ls_mode(mode_t m, char *s);
int cp_tree(const char *src, const char *dst, int recurse);

/* Every utility, in the order of the task list; X(name) per entry. */
// clang-format off
#define CU_CMDS(X)							\
	X(cat) X(echo) X(printf) X(true) X(false) X(pwd)		\
	X(mkdir) X(rmdir) X(rm) X(touch) X(ln) X(mv) X(cp)		\
	X(head) X(tail) X(wc) X(ls) X(stat)				\
	X(grep) X(sort) X(uniq) X(cut) X(tr) X(tee) X(xargs) X(seq)	\
	X(find) X(du) X(df) X(sleep) X(uname) X(env) X(date) X(which)	\
	X(hexdump) X(kill) X(ps) X(uptime) X(free) X(dmesg) X(clear)	\
	X(sync) X(mount) X(poweroff) X(reboot) X(basalt_info)	\
	X(chmod) X(tty) X(stty) X(basename) X(dirname) X(mktemp)
// clang-format on

#define CU_DECL(n) int cmd_##n(int argc, char **argv);
CU_CMDS(CU_DECL)
