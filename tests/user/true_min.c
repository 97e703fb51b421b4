/*
 * tests/user/true_min.c: the smallest useful program: exits 0.  The
 * fork_execve_wait benchmark and the exec tests run it.
 */
int
main(void)
{
	return 0;
}
