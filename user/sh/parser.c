/*
 * user/sh/parser.c: recursive-descent parser for the POSIX shell
 * grammar.  Builds struct node trees; trees are never freed because
 * function definitions may keep pointers into them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include "sh.h"

static int perr; /* set once a syntax error was reported */

static struct node *parse_clist(struct lexer *l);
static struct node *parse_andor(struct lexer *l);
static struct node *parse_cmd(struct lexer *l);

static const char *const keywords[] = {
	"if",	 "then",  "else", "elif", "fi", "do", "done", "case", "esac",
	"while", "until", "for",  "in",	  "{",	"}",  "!",    NULL};

/* is_keyword - true if @s is a reserved word. */
int
is_keyword(const char *s)
{
	int i;

	for (i = 0; keywords[i]; i++)
		if (strcmp(s, keywords[i]) == 0)
			return 1;
	return 0;
}

/* parse_is_name - true if the @n bytes at @s form a valid variable name. */
int
parse_is_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

/* new_node - return a zeroed node of @type. */
static struct node *
new_node(enum ntype type)
{
	struct node *n = xmalloc(sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->type = type;
	return n;
}

/* tok_name - describe the current token for error messages. */
static const char *
tok_name(struct lexer *l)
{
	static const char *names[] = {
		"word", "newline", "end of file", ";", "&", "|",
		"&&",	"||",	   ";;",	  "(", ")", "redirection"};

	return l->tok == T_WORD ? l->word : names[l->tok];
}

/* syntax - report an unexpected token; returns NULL for convenience. */
static struct node *
syntax(struct lexer *l)
{
	if (perr)
		return NULL;
	perr = 1;
	if (l->tok == T_EOF && !l->eof) {
		l->incomplete = 1;
		return NULL;
	}
	if (!l->incomplete)
		sh_error("syntax error: unexpected %s", tok_name(l));
	return NULL;
}

/* is_kw - true if the current token is the unquoted reserved word @kw. */
static int
is_kw(struct lexer *l, const char *kw)
{
	return l->tok == T_WORD && strcmp(l->word, kw) == 0;
}

/* expect_kw - consume reserved word @kw; returns 0 or -1 (reported). */
static int
expect_kw(struct lexer *l, const char *kw)
{
	if (!is_kw(l, kw)) {
		syntax(l);
		return -1;
	}
	lex_next(l);
	return 0;
}

/* skip_newlines - consume any number of newline tokens. */
static void
skip_newlines(struct lexer *l)
{
	while (l->tok == T_NEWLINE)
		lex_next(l);
}

/* ends_clist - true if the current token terminates a compound list. */
static int
ends_clist(struct lexer *l)
{
	static const char *const enders[] = {"then", "else", "elif", "fi", "do",
					     "done", "esac", "}",    NULL};
	int i;

	if (l->tok == T_EOF || l->tok == T_RPAREN || l->tok == T_DSEMI)
		return 1;
	for (i = 0; l->tok == T_WORD && enders[i]; i++)
		if (strcmp(l->word, enders[i]) == 0)
			return 1;
	return 0;
}

/* seq - join @a and @b in an N_SEQ (either may be NULL). */
static struct node *
seq(struct node *a, struct node *b)
{
	struct node *n;

	if (!a)
		return b;
	n = new_node(N_SEQ);
	n->a = a;
	n->b = b;
	return n;
}

/* parse_item - parse an and-or list plus a trailing '&' or ';'. */
static struct node *
parse_item(struct lexer *l)
{
	size_t start = l->wstart;
	struct node *n = parse_andor(l), *bg;

	if (!n)
		return NULL;
	if (l->tok == T_AMP) {
		bg = new_node(N_BG);
		bg->a = n;
		bg->text = xstrndup(l->s + start, l->prevend - start);
		lex_next(l);
		return bg;
	}
	if (l->tok == T_SEMI)
		lex_next(l);
	return n;
}

/* parse_clist - parse a compound list; NULL if empty or on error. */
static struct node *
parse_clist(struct lexer *l)
{
	struct node *list = NULL, *n;

	skip_newlines(l);
	while (!perr && !ends_clist(l)) {
		if (!(n = parse_item(l)))
			return NULL;
		list = seq(list, n);
		skip_newlines(l);
	}
	return perr ? NULL : list;
}

/* need_clist - parse a compound list that must not be empty. */
static struct node *
need_clist(struct lexer *l)
{
	struct node *n = parse_clist(l);

	return n ? n : syntax(l);
}

/* parse_pipeline - parse [!] cmd { | cmd }. */
static struct node *
parse_pipeline(struct lexer *l)
{
	struct node *first, *last, *n, *p;
	size_t start = l->wstart;
	int bang = 0;

	if (is_kw(l, "!")) {
		bang = 1;
		lex_next(l);
	}
	if (!(first = last = parse_cmd(l)))
		return NULL;
	while (l->tok == T_PIPE) {
		lex_next(l);
		skip_newlines(l);
		if (!(n = parse_cmd(l)))
			return NULL;
		last = last->next = n;
	}
	p = first;
	if (first->next) {
		p = new_node(N_PIPE);
		p->a = first;
	}
	p->text = xstrndup(l->s + start, l->prevend - start);
	if (bang) {
		n = new_node(N_NOT);
		n->a = p;
		p = n;
	}
	return p;
}

/* parse_andor - parse pipelines joined by && and ||. */
static struct node *
parse_andor(struct lexer *l)
{
	struct node *left = parse_pipeline(l), *n;

	while (left && (l->tok == T_AND || l->tok == T_OR)) {
		n = new_node(l->tok == T_AND ? N_AND : N_OR);
		lex_next(l);
		skip_newlines(l);
		n->a = left;
		if (!(n->b = parse_pipeline(l)))
			return NULL;
		left = n;
	}
	return left;
}

/* parse_redir - parse one redirection (current token T_REDIR). */
static struct redir *
parse_redir(struct lexer *l)
{
	struct redir *r = xmalloc(sizeof(*r));

	memset(r, 0, sizeof(*r));
	r->fd = l->rfd;
	r->op = l->rop;
	r->strip = l->rstrip;
	if (lex_next(l) != T_WORD) {
		free(r);
		syntax(l);
		return NULL;
	}
	r->word = xstrdup(l->word);
	if (r->op == R_HERE && l->npend < 16)
		l->pend[l->npend++] = r;
	lex_next(l);
	return r;
}

/* parse_redirs - append redirections after a compound command to @n. */
static struct node *
parse_redirs(struct lexer *l, struct node *n)
{
	struct redir **tail = &n->redirs, *r;

	while (n && l->tok == T_REDIR) {
		if (!(r = parse_redir(l)))
			return NULL;
		*tail = r;
		tail = &r->next;
	}
	return n;
}

/* parse_if - parse if ... fi (current token "if" or "elif"). */
static struct node *
parse_if(struct lexer *l)
{
	struct node *n = new_node(N_IF);

	lex_next(l);
	if (!(n->a = need_clist(l)) || expect_kw(l, "then") < 0)
		return NULL;
	if (!(n->b = need_clist(l)))
		return NULL;
	if (is_kw(l, "elif"))
		return (n->c = parse_if(l)) ? n : NULL;
	if (is_kw(l, "else")) {
		lex_next(l);
		if (!(n->c = need_clist(l)))
			return NULL;
	}
	return expect_kw(l, "fi") < 0 ? NULL : n;
}

/* parse_dogroup - parse "do list done" into @n->b. */
static struct node *
parse_dogroup(struct lexer *l, struct node *n)
{
	if (expect_kw(l, "do") < 0 || !(n->b = need_clist(l)))
		return NULL;
	return expect_kw(l, "done") < 0 ? NULL : n;
}

/* parse_while - parse while/until loops. */
static struct node *
parse_while(struct lexer *l, enum ntype t)
{
	struct node *n = new_node(t);

	lex_next(l);
	if (!(n->a = need_clist(l)))
		return NULL;
	return parse_dogroup(l, n);
}

/* parse_for - parse for NAME [in words] do list done. */
static struct node *
parse_for(struct lexer *l)
{
	struct node *n = new_node(N_FOR);

	if (lex_next(l) != T_WORD || !parse_is_name(l->word, strlen(l->word)))
		return syntax(l);
	n->name = xstrdup(l->word);
	lex_next(l);
	skip_newlines(l);
	if (is_kw(l, "in")) {
		n->forin = 1;
		while (lex_next(l) == T_WORD)
			strlist_add(&n->words, &n->nwords, xstrdup(l->word));
		if (l->tok != T_SEMI && l->tok != T_NEWLINE)
			return syntax(l);
		lex_next(l);
	} else if (l->tok == T_SEMI) {
		lex_next(l);
	}
	skip_newlines(l);
	return parse_dogroup(l, n);
}

/* parse_caseitem - parse "[(] pat [| pat] ) list [;;]". */
static struct caseitem *
parse_caseitem(struct lexer *l)
{
	struct caseitem *ci = xmalloc(sizeof(*ci));

	memset(ci, 0, sizeof(*ci));
	if (l->tok == T_LPAREN)
		lex_next(l);
	for (;;) {
		if (l->tok != T_WORD)
			return (void *)syntax(l);
		strlist_add(&ci->pats, &ci->npats, xstrdup(l->word));
		if (lex_next(l) != T_PIPE)
			break;
		lex_next(l);
	}
	if (l->tok != T_RPAREN)
		return (void *)syntax(l);
	lex_next(l);
	ci->body = parse_clist(l);
	if (perr)
		return NULL;
	if (l->tok == T_DSEMI)
		lex_next(l);
	else if (!is_kw(l, "esac"))
		return (void *)syntax(l);
	skip_newlines(l);
	return ci;
}

/* parse_case - parse case WORD in items esac. */
static struct node *
parse_case(struct lexer *l)
{
	struct node *n = new_node(N_CASE);
	struct caseitem **tail = &n->cases;

	if (lex_next(l) != T_WORD)
		return syntax(l);
	n->name = xstrdup(l->word);
	lex_next(l);
	skip_newlines(l);
	if (expect_kw(l, "in") < 0)
		return NULL;
	skip_newlines(l);
	while (!is_kw(l, "esac")) {
		if (!(*tail = parse_caseitem(l)))
			return NULL;
		tail = &(*tail)->next;
	}
	lex_next(l);
	return n;
}

/* parse_group - parse { list } or ( list ). */
static struct node *
parse_group(struct lexer *l, int sub)
{
	struct node *n = new_node(sub ? N_SUBSHELL : N_GROUP);

	lex_next(l);
	if (!(n->a = need_clist(l)))
		return NULL;
	if (sub) {
		if (l->tok != T_RPAREN)
			return syntax(l);
		lex_next(l);
		return n;
	}
	return expect_kw(l, "}") < 0 ? NULL : n;
}

/* parse_compound - parse a compound command if one starts here. */
static struct node *
parse_compound(struct lexer *l, int *found)
{
	*found = 1;
	if (l->tok == T_LPAREN)
		return parse_group(l, 1);
	if (is_kw(l, "{"))
		return parse_group(l, 0);
	if (is_kw(l, "if"))
		return parse_if(l);
	if (is_kw(l, "while"))
		return parse_while(l, N_WHILE);
	if (is_kw(l, "until"))
		return parse_while(l, N_UNTIL);
	if (is_kw(l, "for"))
		return parse_for(l);
	if (is_kw(l, "case"))
		return parse_case(l);
	*found = 0;
	return NULL;
}

/* parse_func - parse "NAME ( ) compound" after NAME (current "("). */
static struct node *
parse_func(struct lexer *l, struct node *cmd)
{
	struct node *n = new_node(N_FUNC);
	int found;

	if (lex_next(l) != T_RPAREN || cmd->nwords != 1 || cmd->nassigns)
		return syntax(l);
	n->name = cmd->words[0];
	lex_next(l);
	skip_newlines(l);
	n->a = parse_compound(l, &found);
	if (!found)
		return syntax(l);
	return parse_redirs(l, n->a) ? n : NULL;
}

/* try_alias - splice an alias for the command word; returns 1 if done. */
static int
try_alias(struct lexer *l)
{
	const char *v;

	if (l->noalias > 16 || !(v = alias_get(l->word)))
		return 0;
	l->noalias++;
	l->aliasnext = *v && strchr(" \t", v[strlen(v) - 1]);
	l->aliasend = l->wstart + strlen(v);
	lex_splice(l, l->wstart, l->wstart + strlen(l->word), v);
	lex_next(l);
	return 1;
}

/* add_word - add the current word to simple command @n. */
static void
add_word(struct lexer *l, struct node *n)
{
	char *eq = strchr(l->word, '=');

	if (!n->nwords && eq && parse_is_name(l->word, eq - l->word))
		strlist_add(&n->assigns, &n->nassigns, xstrdup(l->word));
	else
		strlist_add(&n->words, &n->nwords, xstrdup(l->word));
}

/* parse_simple - parse assignments, words and redirections. */
static struct node *
parse_simple(struct lexer *l)
{
	struct node *n = new_node(N_CMD);
	struct redir **tail = &n->redirs, *r;

	for (;;) {
		if (l->tok == T_REDIR) {
			if (!(r = parse_redir(l)))
				return NULL;
			*tail = r;
			tail = &r->next;
		} else if (l->tok == T_WORD) {
			if ((!n->nwords ||
			     (l->aliasnext && l->wstart >= l->aliasend)) &&
			    try_alias(l))
				continue;
			if (l->wstart >= l->aliasend)
				l->aliasnext = 0;
			add_word(l, n);
			lex_next(l);
			if (n->nwords == 1 && !n->nassigns && !n->redirs &&
			    l->tok == T_LPAREN)
				return parse_func(l, n);
		} else {
			break;
		}
	}
	l->noalias = 0;
	l->aliasnext = 0;
	if (!n->nwords && !n->nassigns && !n->redirs)
		return syntax(l);
	return n;
}

/* parse_cmd - parse one command of a pipeline. */
static struct node *
parse_cmd(struct lexer *l)
{
	struct node *n;
	int found;

	n = parse_compound(l, &found);
	if (found)
		return parse_redirs(l, n);
	if (ends_clist(l) && l->tok == T_WORD)
		return syntax(l);
	return parse_simple(l);
}

/*
 * parse_command - parse one complete command line from @l.
 * Returns 0 with *@out set (NULL for a blank line), 1 at end of input,
 * -1 on a syntax error (already reported), -2 if more input is needed.
 */
int
parse_command(struct lexer *l, struct node **out)
{
	struct node *list = NULL, *n;

	perr = 0;
	*out = NULL;
	if (lex_next(l) == T_EOF)
		return l->incomplete ? -2 : l->bad ? -1 : 1;
	while (l->tok != T_NEWLINE && l->tok != T_EOF) {
		if (!(n = parse_item(l)))
			break;
		list = seq(list, n);
	}
	if (l->incomplete)
		return -2;
	if (perr || l->bad)
		return -1;
	*out = list;
	return 0;
}
