/*
 * kernel/format.c: printf-style formatting into a bounded buffer.
 *
 * The output is produced one piece at a time into a struct fmt_buf that
 * stores what fits and counts everything, so the C99 return value comes for
 * free and padding of any width costs no more than the bytes it stores.
 * Context: pure and reentrant; callable from any context, including
 * interrupt and panic context.
 */
#include "kernel/format.h"
#include "kernel/string.h"

/* Flags of a conversion specification. */
#define FMT_MINUS (1u << 0) /* '-': left align */
#define FMT_ZERO  (1u << 1) /* '0': pad numbers with zeros */
#define FMT_SPACE (1u << 2) /* ' ': blank before positive numbers */
#define FMT_PLUS  (1u << 3) /* '+': sign before positive numbers */
#define FMT_HASH  (1u << 4) /* '#': 0x prefix, leading octal 0 */

/* Width and precision saturate here instead of overflowing an int. */
#define FMT_FIELD_MAX 0x7fffffff

enum fmt_length {
	LEN_NONE,
	LEN_HH,
	LEN_H,
	LEN_L,
	LEN_LL,
	LEN_Z,
	LEN_T,
};

struct fmt_buf {
	char *buf;
	size_t size; /* bytes at buf, including room for the NUL */
	size_t len;  /* bytes produced so far, stored or not */
};

struct fmt_spec {
	unsigned int flags;
	int width; /* 0 when absent */
	int prec;  /* -1 when absent */
	enum fmt_length length;
	char conv;
};

/* Append @n copies of @c, storing only what fits before the NUL. */
static void
fmt_repeat(struct fmt_buf *b, char c, size_t n)
{
	size_t room = 0;

	if (b->size > 0 && b->len < b->size - 1)
		room = b->size - 1 - b->len;
	if (room > n)
		room = n;
	if (room > 0)
		memset(b->buf + b->len, c, room);
	b->len += n;
}

/* Append the @n bytes at @s, storing only what fits before the NUL. */
static void
fmt_write(struct fmt_buf *b, const char *s, size_t n)
{
	size_t room = 0;

	if (b->size > 0 && b->len < b->size - 1)
		room = b->size - 1 - b->len;
	if (room > n)
		room = n;
	if (room > 0)
		memcpy(b->buf + b->len, s, room);
	b->len += n;
}

/* Parse a decimal field at *@pp, saturating at FMT_FIELD_MAX. */
static int
fmt_parse_int(const char **pp)
{
	const char *p = *pp;
	int v = 0;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (FMT_FIELD_MAX - 9) / 10)
			v = FMT_FIELD_MAX;
		else
			v = v * 10 + (*p - '0');
	}
	*pp = p;
	return v;
}

/* Parse the flags and the field width at @p; returns the next character. */
static const char *
fmt_parse_width(const char *p, struct fmt_spec *sp, va_list *ap)
{
	for (;; p++) {
		if (*p == '-')
			sp->flags |= FMT_MINUS;
		else if (*p == '0')
			sp->flags |= FMT_ZERO;
		else if (*p == ' ')
			sp->flags |= FMT_SPACE;
		else if (*p == '+')
			sp->flags |= FMT_PLUS;
		else if (*p == '#')
			sp->flags |= FMT_HASH;
		else
			break;
	}
	if (*p == '*') {
		int w = va_arg(*ap, int);

		p++;
		if (w < 0) { /* a negative '*' width means '-' */
			sp->flags |= FMT_MINUS;
			w = w == -FMT_FIELD_MAX - 1 ? FMT_FIELD_MAX : -w;
		}
		sp->width = w;
	} else {
		sp->width = fmt_parse_int(&p);
	}
	return p;
}

/* Parse the precision and length modifier at @p; returns the next char. */
static const char *
fmt_parse_prec(const char *p, struct fmt_spec *sp, va_list *ap)
{
	sp->prec = -1;
	if (*p == '.') {
		p++;
		if (*p == '*') {
			p++;
			sp->prec = va_arg(*ap, int);
			if (sp->prec < 0) /* as if omitted */
				sp->prec = -1;
		} else {
			sp->prec = fmt_parse_int(&p);
		}
	}
	sp->length = LEN_NONE;
	if (*p == 'h') {
		sp->length = p[1] == 'h' ? LEN_HH : LEN_H;
		p += sp->length == LEN_HH ? 2 : 1;
	} else if (*p == 'l') {
		sp->length = p[1] == 'l' ? LEN_LL : LEN_L;
		p += sp->length == LEN_LL ? 2 : 1;
	} else if (*p == 'z') {
		sp->length = LEN_Z;
		p++;
	} else if (*p == 't') {
		sp->length = LEN_T;
		p++;
	}
	return p;
}

/* Fetch a signed integer argument of the size @length names. */
static int64_t
fmt_arg_signed(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case LEN_HH:
		return (signed char)va_arg(*ap, int);
	case LEN_H:
		return (short)va_arg(*ap, int);
	case LEN_L:
		return va_arg(*ap, long);
	case LEN_LL:
		return va_arg(*ap, long long);
	case LEN_Z:
		return va_arg(*ap, ssize_t);
	case LEN_T:
		return va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, int);
	}
}

/* Fetch an unsigned integer argument of the size @length names. */
static uint64_t
fmt_arg_unsigned(enum fmt_length length, va_list *ap)
{
	switch (length) {
	case LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_L:
		return va_arg(*ap, unsigned long);
	case LEN_LL:
		return va_arg(*ap, unsigned long long);
	case LEN_Z:
		return va_arg(*ap, size_t);
	case LEN_T:
		return (uint64_t)va_arg(*ap, ptrdiff_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/*
 * Write the digits of @v in @base into the end of @tmp (24 bytes, enough
 * for 22 octal digits); returns the digit count.  Zero gives no digits.
 */
static size_t
fmt_digits(char *tmp, uint64_t v, unsigned int base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t n = 0;

	while (v != 0) {
		tmp[23 - n++] = set[v % base];
		v /= base;
	}
	return n;
}

/* The base of integer conversion @conv. */
static unsigned int
fmt_base(char conv)
{
	if (conv == 'o')
		return 8;
	if (conv == 'x' || conv == 'X')
		return 16;
	return 10;
}

/* Emit @s (@n bytes) padded with spaces to the field width of @sp. */
static void
fmt_field(struct fmt_buf *b, const struct fmt_spec *sp, const char *s, size_t n)
{
	size_t pad = (size_t)sp->width > n ? (size_t)sp->width - n : 0;

	if (!(sp->flags & FMT_MINUS))
		fmt_repeat(b, ' ', pad);
	fmt_write(b, s, n);
	if (sp->flags & FMT_MINUS)
		fmt_repeat(b, ' ', pad);
}

/*
 * Emit the number @mag (with @sign, 0 for none) as @sp asks: precision is
 * the minimum digit count, '#' adds 0x or a leading octal 0, and '0' pads
 * with zeros after the sign unless a precision or '-' was given.
 */
static void
fmt_number(struct fmt_buf *b, const struct fmt_spec *sp, uint64_t mag,
	   char sign)
{
	char tmp[24];
	unsigned int base = fmt_base(sp->conv);
	size_t nd = fmt_digits(tmp, mag, base, sp->conv == 'X');
	size_t zeros = 0, body, pad = 0;
	const char *prefix = NULL;

	if (sp->prec < 0 && nd == 0)
		zeros = 1; /* zero is "0" unless a precision says */
	else if (sp->prec >= 0 && (size_t)sp->prec > nd)
		zeros = (size_t)sp->prec - nd;
	if (sp->conv == 'o' && (sp->flags & FMT_HASH) && zeros == 0)
		zeros = 1; /* the first digit of a nonzero value is not 0 */
	if (base == 16 && (sp->flags & FMT_HASH) && mag != 0)
		prefix = sp->conv == 'X' ? "0X" : "0x";
	body = (sign ? 1 : 0) + (prefix ? 2 : 0) + zeros + nd;
	if ((size_t)sp->width > body)
		pad = (size_t)sp->width - body;
	if ((sp->flags & (FMT_ZERO | FMT_MINUS)) == FMT_ZERO && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(sp->flags & FMT_MINUS))
		fmt_repeat(b, ' ', pad);
	if (sign)
		fmt_repeat(b, sign, 1);
	if (prefix)
		fmt_write(b, prefix, 2);
	fmt_repeat(b, '0', zeros);
	fmt_write(b, tmp + sizeof(tmp) - nd, nd);
	if (sp->flags & FMT_MINUS)
		fmt_repeat(b, ' ', pad);
}

/* Emit %p: "0x" and 16 hex digits, padded to the width with spaces. */
static void
fmt_pointer(struct fmt_buf *b, const struct fmt_spec *sp, const void *p)
{
	char tmp[24], out[18];
	size_t nd = fmt_digits(tmp, (uintptr_t)p, 16, false);

	memset(out, '0', sizeof(out));
	out[1] = 'x';
	memcpy(out + sizeof(out) - nd, tmp + sizeof(tmp) - nd, nd);
	fmt_field(b, sp, out, sizeof(out));
}

/* Emit %s: at most prec bytes of @s (never reading past them). */
static void
fmt_string(struct fmt_buf *b, const struct fmt_spec *sp, const char *s)
{
	size_t n;

	if (s == NULL)
		s = "(null)";
	n = sp->prec < 0 ? strlen(s) : strnlen(s, (size_t)sp->prec);
	fmt_field(b, sp, s, n);
}

/* The sign character of signed @v under the flags of @sp, or 0. */
static char
fmt_sign(const struct fmt_spec *sp, int64_t v)
{
	if (v < 0)
		return '-';
	if (sp->flags & FMT_PLUS)
		return '+';
	if (sp->flags & FMT_SPACE)
		return ' ';
	return 0;
}

/*
 * Emit one conversion described by @sp.  Returns false if @sp->conv is not
 * a conversion this formatter knows, so the caller copies it literally.
 */
static bool
fmt_convert(struct fmt_buf *b, const struct fmt_spec *sp, va_list *ap)
{
	char c;
	int64_t v;

	switch (sp->conv) {
	case 'd':
	case 'i':
		v = fmt_arg_signed(sp->length, ap);
		/* Negate as unsigned so INT64_MIN does not overflow. */
		fmt_number(b, sp, v < 0 ? -(uint64_t)v : (uint64_t)v,
			   fmt_sign(sp, v));
		return true;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		fmt_number(b, sp, fmt_arg_unsigned(sp->length, ap), 0);
		return true;
	case 'p':
		fmt_pointer(b, sp, va_arg(*ap, void *));
		return true;
	case 's':
		fmt_string(b, sp, va_arg(*ap, const char *));
		return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_field(b, sp, &c, 1);
		return true;
	case '%':
		fmt_repeat(b, '%', 1);
		return true;
	default:
		return false;
	}
}

/*
 * kvsnprintf - format @fmt with @ap into @buf (@size bytes).
 * Returns the length of the full output, clamped to INT_MAX; the stored
 * output is NUL-terminated whenever @size > 0.  Context: any.
 */
int
kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_buf b = {.buf = buf, .size = size, .len = 0};
	struct fmt_spec sp;
	const char *start, *p = fmt;
	va_list args;

	va_copy(args, ap); /* a real object, so &args is a va_list * */
	while (*p) {
		if (*p != '%') {
			for (start = p; *p && *p != '%'; p++)
				;
			fmt_write(&b, start, (size_t)(p - start));
			continue;
		}
		start = p;
		sp.flags = 0;
		p = fmt_parse_width(p + 1, &sp, &args);
		p = fmt_parse_prec(p, &sp, &args);
		sp.conv = *p;
		if (sp.conv != '\0' && fmt_convert(&b, &sp, &args)) {
			p++;
			continue;
		}
		/* Unknown or cut-off conversion: copy it through. */
		if (*p)
			p++;
		fmt_write(&b, start, (size_t)(p - start));
	}
	va_end(args);
	if (size > 0)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return b.len > FMT_FIELD_MAX ? FMT_FIELD_MAX : (int)b.len;
}

/*
 * ksnprintf - kvsnprintf() with the arguments inline.
 * Returns as kvsnprintf().  Context: any.
 */
int
ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
