/*
 * kernel/fdtable.c: file-descriptor tables (kernel/proc.h).
 *
 * A table grows by doubling up to its limit (RLIMIT_NOFILE); a slot holds
 * one reference to an open file.  Locks: fdt->lock (a mutex) over the
 * slots; file_put of a closed file happens after it is released, since a
 * driver's release may sleep.
 */
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

#define FDT_INITIAL	64

struct fdtable *
fdt_new(void)
{
	struct fdtable *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	mutex_init(&t->lock, "fdtable");
	t->max = FD_DEFAULT_MAX;
	return t;
}

/* grow - make room for slot @fd.  Context: t->lock held. */
static int
grow(struct fdtable *t, unsigned int fd)
{
	unsigned int n = t->size ? t->size : FDT_INITIAL;
	struct file **files;
	uint8_t *flags;

	if (fd < t->size)
		return 0;
	while (n <= fd)
		n *= 2;
	files = kzalloc(n * sizeof(*files));
	flags = kzalloc(n);
	if (!files || !flags) {
		kfree(files);
		kfree(flags);
		return -ENOMEM;
	}
	if (t->size) {
		memcpy(files, t->files, t->size * sizeof(*files));
		memcpy(flags, t->cloexec, t->size);
	}
	kfree(t->files);
	kfree(t->cloexec);
	t->files = files;
	t->cloexec = flags;
	t->size = n;
	return 0;
}

struct fdtable *
fdt_copy(struct fdtable *src)
{
	struct fdtable *t = fdt_new();

	if (!t)
		return NULL;
	mutex_lock(&src->lock);
	t->max = src->max;
	if (src->size && grow(t, src->size - 1) < 0) {
		mutex_unlock(&src->lock);
		kfree(t);
		return NULL;
	}
	for (unsigned int i = 0; i < src->size; i++) {
		if ((t->files[i] = src->files[i]) != NULL)
			file_get(t->files[i]);
		t->cloexec[i] = src->cloexec[i];
	}
	mutex_unlock(&src->lock);
	return t;
}

void
fdt_free(struct fdtable *t)
{
	for (unsigned int i = 0; i < t->size; i++)
		file_put(t->files[i]);
	kfree(t->files);
	kfree(t->cloexec);
	kfree(t);
}

void
fdt_close_on_exec(struct fdtable *t)
{
	for (unsigned int i = 0; i < t->size; i++) {
		struct file *f = NULL;
		mutex_lock(&t->lock);
		if (t->cloexec[i]) {
			f = t->files[i];
			t->files[i] = NULL;
			t->cloexec[i] = 0;
		}
		mutex_unlock(&t->lock);
		file_put(f);
	}
}

/* fd_install - see proc.h.  Context: thread. */
int
fd_install(struct fdtable *t, struct file *f, int min, bool cloexec)
{
	int fd = -EMFILE;

	if (min < 0)
		return -EINVAL;
	mutex_lock(&t->lock);
	for (unsigned int i = (unsigned int)min; i < t->max; i++) {
		if (i >= t->size && grow(t, i) < 0) {
			fd = -ENOMEM;
			break;
		}
		if (!t->files[i]) {
			t->files[i] = f;
			t->cloexec[i] = cloexec;
			fd = (int)i;
			break;
		}
	}
	mutex_unlock(&t->lock);
	return fd;
}

/* fd_install_at - see proc.h.  -EBADF when @fd is past the limit. */
int
fd_install_at(struct fdtable *t, struct file *f, int fd, bool cloexec)
{
	struct file *old = NULL;
	int err = 0;

	if (fd < 0 || (unsigned int)fd >= t->max)
		return -EBADF;
	mutex_lock(&t->lock);
	if ((err = grow(t, (unsigned int)fd)) == 0) {
		old = t->files[fd];
		t->files[fd] = f;
		t->cloexec[fd] = cloexec;
	}
	mutex_unlock(&t->lock);
	file_put(old);
	return err < 0 ? err : fd;
}

int
fd_get(struct fdtable *t, int fd, struct file **out)
{
	int err = -EBADF;

	mutex_lock(&t->lock);
	if (fd >= 0 && (unsigned int)fd < t->size && t->files[fd]) {
		*out = t->files[fd];
		file_get(*out);
		err = 0;
	}
	mutex_unlock(&t->lock);
	return err;
}

int
fd_close(struct fdtable *t, int fd)
{
	struct file *f = NULL;

	mutex_lock(&t->lock);
	if (fd >= 0 && (unsigned int)fd < t->size) {
		f = t->files[fd];
		t->files[fd] = NULL;
		t->cloexec[fd] = 0;
	}
	mutex_unlock(&t->lock);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

int
fd_get_cloexec(struct fdtable *t, int fd)
{
	int r = -EBADF;

	mutex_lock(&t->lock);
	if (fd >= 0 && (unsigned int)fd < t->size && t->files[fd])
		r = t->cloexec[fd];
	mutex_unlock(&t->lock);
	return r;
}

int
fd_set_cloexec(struct fdtable *t, int fd, bool on)
{
	int r = -EBADF;

	mutex_lock(&t->lock);
	if (fd >= 0 && (unsigned int)fd < t->size && t->files[fd]) {
		t->cloexec[fd] = on;
		r = 0;
	}
	mutex_unlock(&t->lock);
	return r;
}
