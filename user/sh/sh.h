/*
 * user/sh/sh.h: shared declarations of Basalt's /bin/sh.
 * The shell is single-threaded; globals below are owned by the files
 * named in each section.  Nothing here is thread-safe.
 */
#pragma once
#include <stddef.h>
#include <sys/types.h>

/* Tokens produced by lexer.c. */
enum tok {
	T_WORD,
	T_NEWLINE,
	T_EOF,
	T_SEMI,
	T_AMP,
	T_PIPE,
	T_AND,
	T_OR,
	T_DSEMI,
	T_LPAREN,
	T_RPAREN,
	T_REDIR
};

/* Redirection operators. */
enum rop {
	R_IN,
	R_OUT,
	R_CLOBBER, /* >| : R_OUT even under set -C */
	R_APP,
	R_DUPIN,
	R_DUPOUT,
	R_HERE,
	R_RDWR
};

struct redir {
	int fd; /* target descriptor */
	enum rop op;
	char *word; /* raw word (or heredoc delimiter) */
	char *body; /* heredoc body, raw */
	int quoted; /* heredoc delimiter was quoted */
	int strip;  /* <<- : strip leading tabs */
	struct redir *next;
};

enum ntype {
	N_CMD,
	N_PIPE,
	N_AND,
	N_OR,
	N_SEQ,
	N_BG,
	N_NOT,
	N_IF,
	N_WHILE,
	N_UNTIL,
	N_FOR,
	N_CASE,
	N_SUBSHELL,
	N_GROUP,
	N_FUNC
};

struct caseitem {
	char **pats;
	int npats;
	struct node *body;
	struct caseitem *next;
};

/* One AST node; which fields are used depends on type. */
struct node {
	enum ntype type;
	struct node *a, *b, *c; /* operands / cond, body, else */
	struct node *next;	/* next command of a pipeline */
	char **words;		/* N_CMD argv, N_FOR list */
	int nwords;
	char **assigns; /* N_CMD NAME=value prefixes */
	int nassigns;
	struct redir *redirs;
	char *name; /* N_FOR variable, N_FUNC name */
	char *text; /* source text, for jobs */
	struct caseitem *cases;
	int forin; /* N_FOR had an "in" list */
};

struct lexer {
	char *s; /* private copy of the input */
	size_t len, pos;
	long delta;		/* bytes added by alias splicing */
	int incomplete;		/* ran off the end mid-construct */
	int bad;		/* unterminated quote at real EOF */
	int eof;		/* no more input will come */
	struct redir *pend[16]; /* heredocs awaiting bodies */
	int npend;
	/* current token */
	enum tok tok;
	char *word;
	size_t wstart;	/* start of current token */
	size_t prevend; /* end of the previous token */
	int rfd, rstrip;
	enum rop rop;
	int noalias;	 /* alias expansion depth guard */
	int aliasnext;	 /* previous alias ended in blank */
	size_t aliasend; /* where that alias's text ends */
};

/* lexer.c */
void lex_init(struct lexer *l, const char *s, int eof);
enum tok lex_next(struct lexer *l);
size_t lex_skip_word_part(const char *s, size_t i, size_t n, int *bad);
size_t lex_match_paren(const char *s, size_t i, size_t n, int *bad);
size_t lex_match_brace(const char *s, size_t i, size_t n, int *bad);
size_t lex_match_backq(const char *s, size_t i, size_t n, int *bad);
void lex_splice(struct lexer *l, size_t start, size_t end, const char *v);

/* parser.c */
int parse_command(struct lexer *l, struct node **out);
int parse_is_name(const char *s, size_t n);

/* expand.c */
int expand_words(char **words, int n, char ***argv);
char *expand_str(const char *raw, int heredoc);
char *expand_assign(const char *raw);
char *expand_pattern(const char *raw);
void strlist_add(char ***v, int *n, char *s);
void strlist_free(char **v, int n);

/* arith.c */
enum { ARITH_SYNTAX = 1, ARITH_DIVZERO, ARITH_READONLY };
int arith_eval(const char *expr, long *out);

/* vars.c */
struct var {
	char *name, *val; /* val NULL: declared (export/readonly) but unset */
	int exported, readonly;
	struct var *next;
};
enum vprint { VP_SET, VP_EXPORT, VP_READONLY };
const char *var_get(const char *name);
int var_set(const char *name, const char *val, int export);
int var_unset(const char *name);
void var_export(const char *name);
void var_readonly(const char *name);
int var_is_readonly(const char *name);
char **var_environ(void);
void var_import(char **envp);
void var_print(enum vprint which);
int var_assign(const char *asg, int export);
char *alias_get(const char *name);
void alias_set(const char *name, const char *val);
int alias_unset(const char *name);
void alias_print(const char *name);
int var_local(const char *name);
int var_local_mark(void);
void var_local_pop(int mark);
struct node *func_get(const char *name);
void func_set(const char *name, struct node *body);
void func_unset(const char *name);

/* exec.c */
int exec_node(struct node *n, int nofork);
int exec_string(const char *s);
int exec_file(const char *path, int mustexist);
int exec_simple_argv(char **argv, int argc);
void exec_external(char **argv) __attribute__((noreturn));
char *exec_find_path(const char *name);
int exec_is_executable(const char *path);
int exec_cmdsubst(const char *src, char **out);
void exec_reset_signals(void);

/* redir.c */
int redir_apply(struct redir *r, int save[], int *nsave);
void redir_restore(int save[], int nsave);

/* jobs.c */
int job_run_fg(pid_t *pids, int n, pid_t pgid, const char *text);
int job_add_bg(pid_t *pids, int n, pid_t pgid, const char *text);
void job_reap(int print);
int job_builtin(char **argv, int argc);
int job_wait_pid(pid_t pid);
void job_init(void);

/* builtins.c and the files with the bigger builtins */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name, int *special);
const char *builtin_name(int i);
int builtin_test(int argc, char **argv);    /* test.c */
int builtin_cd(int argc, char **argv);	    /* cd.c */
int builtin_pwd(int argc, char **argv);	    /* cd.c */
int builtin_read(int argc, char **argv);    /* read.c */
int builtin_set(int argc, char **argv);	    /* options.c */
int builtin_getopts(int argc, char **argv); /* getopts.c */
int builtin_hash(int argc, char **argv);    /* hash.c */
int builtin_ulimit(int argc, char **argv);  /* resource.c */
int builtin_umask(int argc, char **argv);   /* resource.c */
int builtin_times(int argc, char **argv);   /* resource.c */
int is_keyword(const char *s);

/* options.c */
int option_set(char c, const char *name, int on);
void option_letters(char *buf);

/* getopts.c */
void getopts_reset(void);

/* hash.c */
char *hash_find(const char *name);
const char *hash_get(const char *name);
void hash_clear(void);

/* printf.c */
int builtin_printf(int argc, char **argv);
int printf_put_b(const char *s);

/* trap.c */
int builtin_trap(int argc, char **argv);
void trap_run_pending(void);
void trap_run_exit(void);
void trap_reset_child(void);
int trap_sig_number(const char *s);
const char *trap_sig_name(int sig);

/* lineedit.c */
char *lineedit_read(const char *prompt);
void lineedit_history_add(const char *line);
int builtin_history(int argc, char **argv);

/* main.c: shell-wide state */
struct shstate {
	int status;    /* $? */
	pid_t lastbg;  /* $! */
	pid_t rootpid; /* $$ */
	char *arg0;    /* $0 */
	char **pos;    /* $1 ... */
	int npos;
	int interactive; /* stdin is a terminal with termios */
	int jobctl;	 /* put jobs in their own process groups */
	int subshell;	 /* we are a forked child of the shell */
	int eflag, xflag, nflag, uflag, fflag; /* set -e -x -n -u -f */
	int aflag, bflag, Cflag, vflag;	       /* set -a -b -C -v */
	int ignoreeof;			       /* set -o ignoreeof */
	int conddepth; /* >0 while evaluating a condition */
	int brk, cont; /* pending break/continue levels */
	int ret;       /* pending return from function */
	int loopdepth, funcdepth;
	int lineno;
	int nsubst; /* command substitutions run so far */
	pid_t shpgid;
};
extern struct shstate sh;
void sh_error(const char *fmt, ...);
void sh_exit(int status) __attribute__((noreturn));
int sh_fail(int status);
void *xmalloc(size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xrealloc(void *p, size_t n);
