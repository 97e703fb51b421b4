/*
 * user/sh/arith.c: evaluator for $((...)) arithmetic (signed long).
 * Precedence climbing over C operators; assignments to variables.
 * The untaken side of && || ?: is parsed with a->noeval set, so its
 * assignments and division errors do not happen.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sh.h"

/* Error codes in struct ar's err; arith_eval() returns them negated. */
struct ar {
	const char *p;
	int err;    /* ARITH_* */
	int noeval; /* >0 on the side && || ?: do not take */
};

static long ar_expr(struct ar *a);

/* skipws - skip blanks in the expression. */
static void
skipws(struct ar *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

/* var_value - numeric value of shell variable @name (0 if unset). */
static long
var_value(const char *name)
{
	const char *v = var_get(name);

	return v ? strtol(v, NULL, 0) : 0;
}

/* assign_op - if an assignment operator follows, return its length. */
static int
assign_op(const char *p, char *op)
{
	static const char *const ops[] = {"<<=", ">>=", "+=", "-=", "*=", "/=",
					  "%=",	 "&=",	"|=", "^=", "=",  NULL};
	int i;

	for (i = 0; ops[i]; i++) {
		size_t l = strlen(ops[i]);

		if (strncmp(p, ops[i], l) == 0 && !(l == 1 && p[1] == '=')) {
			*op = l == 1 ? '=' : ops[i][0];
			return l;
		}
	}
	return 0;
}

/* binop - apply binary operator @op (one of the assignment forms). */
static long
binop(struct ar *a, char op, long x, long y)
{
	switch (op) {
	case '+':
		return x + y;
	case '-':
		return x - y;
	case '*':
		return x * y;
	case '/':
	case '%':
		if (y == 0) {
			if (!a->noeval)
				a->err = ARITH_DIVZERO;
			return 0;
		}
		return op == '/' ? x / y : x % y;
	case '&':
		return x & y;
	case '|':
		return x | y;
	case '^':
		return x ^ y;
	case '<':
		return x << y;
	case '>':
		return x >> y;
	}
	return y;
}

/* ar_name - a variable reference or assignment. */
static long
ar_name(struct ar *a)
{
	char name[128], num[32], op;
	size_t n = 0;
	long v;
	int ol;

	while ((isalnum((unsigned char)*a->p) || *a->p == '_') && n < 127)
		name[n++] = *a->p++;
	name[n] = 0;
	skipws(a);
	if (!(ol = assign_op(a->p, &op)))
		return var_value(name);
	a->p += ol;
	v = binop(a, op, var_value(name), ar_expr(a));
	if (!a->noeval) {
		sprintf(num, "%ld", v);
		if (var_set(name, num, 0) < 0)
			a->err = ARITH_READONLY;
	}
	return v;
}

/* ar_primary - number, variable, (expr) or unary operator. */
static long
ar_primary(struct ar *a)
{
	char *end;
	long v;

	skipws(a);
	switch (*a->p) {
	case '(':
		a->p++;
		v = ar_expr(a);
		skipws(a);
		if (*a->p++ != ')')
			a->err = ARITH_SYNTAX;
		return v;
	case '-':
		a->p++;
		return -ar_primary(a);
	case '+':
		a->p++;
		return ar_primary(a);
	case '!':
		a->p++;
		return !ar_primary(a);
	case '~':
		a->p++;
		return ~ar_primary(a);
	}
	if (isalpha((unsigned char)*a->p) || *a->p == '_')
		return ar_name(a);
	v = strtol(a->p, &end, 0);
	if (end == a->p)
		a->err = ARITH_SYNTAX;
	a->p = end;
	return v;
}

/* Binary operators, longest first, with precedence (higher binds more). */
static const struct {
	const char *op;
	int prec;
} bops[] = {{"||", 1}, {"&&", 2}, {"==", 6}, {"!=", 6}, {"<=", 7},
	    {">=", 7}, {"<<", 8}, {">>", 8}, {"|", 3},	{"^", 4},
	    {"&", 5},  {"<", 7},  {">", 7},  {"+", 9},	{"-", 9},
	    {"*", 10}, {"/", 10}, {"%", 10}, {NULL, 0}};

/* find_bop - index of the binary operator at the cursor, or -1. */
static int
find_bop(struct ar *a)
{
	int i;

	skipws(a);
	for (i = 0; bops[i].op; i++) {
		size_t l = strlen(bops[i].op);

		if (strncmp(a->p, bops[i].op, l) == 0 && a->p[l] != '=')
			return i;
		if (strncmp(a->p, bops[i].op, l) == 0 && l == 2 &&
		    bops[i].op[1] == '=')
			return i;
	}
	return -1;
}

/* apply - evaluate @x OP @y for operator table entry @i. */
static long
apply(struct ar *a, int i, long x, long y)
{
	const char *op = bops[i].op;

	if (!strcmp(op, "||"))
		return x || y;
	if (!strcmp(op, "&&"))
		return x && y;
	if (!strcmp(op, "=="))
		return x == y;
	if (!strcmp(op, "!="))
		return x != y;
	if (!strcmp(op, "<="))
		return x <= y;
	if (!strcmp(op, ">="))
		return x >= y;
	if (!strcmp(op, "<"))
		return x < y;
	if (!strcmp(op, ">"))
		return x > y;
	if (!strcmp(op, "<<"))
		return binop(a, '<', x, y);
	if (!strcmp(op, ">>"))
		return binop(a, '>', x, y);
	return binop(a, op[0], x, y);
}

/* ar_binary - precedence climbing for operators binding >= @minp. */
static long
ar_binary(struct ar *a, int minp)
{
	long x = ar_primary(a), y;
	int i, skip;

	while (!a->err && (i = find_bop(a)) >= 0 && bops[i].prec >= minp) {
		a->p += strlen(bops[i].op);
		skip = (bops[i].prec == 1 && x) || (bops[i].prec == 2 && !x);
		a->noeval += skip;
		y = ar_binary(a, bops[i].prec + 1);
		a->noeval -= skip;
		x = apply(a, i, x, y);
	}
	return x;
}

/* ar_expr - full expression including ?: */
static long
ar_expr(struct ar *a)
{
	long c = ar_binary(a, 1), x, y;

	skipws(a);
	if (*a->p != '?')
		return c;
	a->p++;
	a->noeval += !c;
	x = ar_expr(a);
	a->noeval -= !c;
	skipws(a);
	if (*a->p++ != ':') {
		a->err = ARITH_SYNTAX;
		return 0;
	}
	a->noeval += !!c;
	y = ar_expr(a);
	a->noeval -= !!c;
	return c ? x : y;
}

/*
 * arith_eval - evaluate @expr into *@out.  Returns 0, -ARITH_SYNTAX,
 * -ARITH_DIVZERO, or -ARITH_READONLY (an assignment to a read-only
 * variable, already reported).
 */
int
arith_eval(const char *expr, long *out)
{
	struct ar a = {expr, 0, 0};

	skipws(&a);
	if (!*a.p) {
		*out = 0;
		return 0;
	}
	*out = ar_expr(&a);
	skipws(&a);
	if (*a.p)
		a.err = ARITH_SYNTAX;
	return -a.err;
}
