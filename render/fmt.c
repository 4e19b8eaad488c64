/*
 * fmt.c: numbers and charts for pages (see fmt.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "tpl.h"

/*
 * Appends v with dec (0..3) decimals, as printf's "%.*f" would, without
 * printf's cost (charts and tables format thousands of numbers): the
 * value is rounded to an integer count of 10^-dec, ties to even like
 * the default rounding mode.  Huge or odd values go to printf.
 */
void
fmt_fixed(struct buf *b, double v, int dec)
{
	static const double scale[] = { 1, 10, 100, 1000 };
	char tmp[32], *e = tmp + sizeof(tmp);
	double r = rint(v * scale[dec]);
	unsigned long long u;
	int k, neg = r < 0;

	if (!isfinite(v) || fabs(r) >= 1e15) {
		buf_printf(b, "%.*f", dec, v);
		return;
	}
	u = (unsigned long long)(neg ? -r : r);
	for (k = 0; k < dec; k++) {
		*--e = (char)('0' + u % 10);
		u /= 10;
	}
	if (dec > 0)
		*--e = '.';
	do {
		*--e = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (neg)
		*--e = '-';
	buf_putn(b, e, (size_t)(tmp + sizeof(tmp) - e));
}

/* "40", "1.5", "41.25": at most two decimals, no trailing zeros. */
char *
fmt_number(double v)
{
	struct buf b = { 0 };
	char *s, *e;

	fmt_fixed(&b, v, 2);
	s = buf_detach(&b);

	if ((e = strchr(s, '.')) != NULL) {
		char *z = s + strlen(s);

		while (z > e + 1 && z[-1] == '0')
			*--z = '\0';
		if (z == e + 1)
			*e = '\0';
	}
	return s;
}

/* Point i of n on the sparkline's 120 by 36 box, scaled from lo to hi. */
static void
spark_xy(size_t i, size_t n, double v, double lo, double hi, double *x,
    double *y)
{
	*x = n > 1 ? 4 + 112.0 * (double)i / (double)(n - 1) : 60;
	*y = hi > lo ? 32 - 28 * (v - lo) / (hi - lo) : 18;
}

static void
spark_dot(struct buf *b, double x, double y, const char *r)
{
	buf_puts(b, "<circle cx=\"");
	fmt_fixed(b, x, 1);
	buf_puts(b, "\" cy=\"");
	fmt_fixed(b, y, 1);
	buf_printf(b, "\" r=\"%s\"/>", r);
}

/* A sparkline of the values, oldest first; numbers only, so trusted. */
char *
fmt_sparkline(const double *v, const int *has, size_t n, const char *label)
{
	struct buf b = { 0 };
	double lo = 0, hi = 0, x, y;
	size_t i, k = 0;
	int first = 1;

	for (i = 0; i < n; i++)
		if (has[i]) {
			if (first || v[i] < lo)
				lo = v[i];
			if (first || v[i] > hi)
				hi = v[i];
			first = 0;
			k++;
		}
	if (k == 0)
		return NULL;
	buf_puts(&b, "<svg class=\"spark\" viewBox=\"0 0 120 36\" "
	    "role=\"img\" aria-label=\"");
	tpl_escape(&b, label, strlen(label));
	buf_puts(&b, "\">");
	/* One line per run of months with a value: a missing one is a gap. */
	for (i = 0; i < n; i++) {
		if (!has[i])
			continue;
		spark_xy(i, n, v[i], lo, hi, &x, &y);
		if ((i == 0 || !has[i - 1]) && (i + 1 == n || !has[i + 1])) {
			/* Alone between gaps: a dot, as a line of one has none. */
			spark_dot(&b, x, y, "1.5");
			continue;
		}
		if (i == 0 || !has[i - 1])
			buf_puts(&b, "<polyline points=\"");
		else
			buf_putc(&b, ' ');
		fmt_fixed(&b, x, 1);
		buf_putc(&b, ',');
		fmt_fixed(&b, y, 1);
		if (i + 1 == n || !has[i + 1])
			buf_puts(&b, "\"/>");
	}
	/* The latest value, marked. */
	for (i = n; i > 0; i--)
		if (has[i - 1]) {
			spark_xy(i - 1, n, v[i - 1], lo, hi, &x, &y);
			spark_dot(&b, x, y, "2.5");
			break;
		}
	buf_puts(&b, "</svg>");
	return buf_detach(&b);
}

/*
 * Bars in a box 240 wide: a line of values over them, the tallest bar 40
 * high on a baseline at 56, and the names under it.
 */
char *
fmt_bars(const double *v, const int *has, size_t n, const char *const *names,
    const char *const *texts, const char *label)
{
	struct buf b = { 0 };
	double hi = 0, w, h, x;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (has[i]) {
			if (v[i] > hi)
				hi = v[i];
			k++;
		}
	if (k == 0)
		return NULL;
	w = 240.0 / (double)n;
	buf_puts(&b, "<svg class=\"bars\" viewBox=\"0 0 240 68\" "
	    "role=\"img\" aria-label=\"");
	tpl_escape(&b, label, strlen(label));
	buf_puts(&b, "\">");
	for (i = 0; i < n; i++) {
		x = (double)i * w + w / 2;
		buf_puts(&b, "<text class=\"name\" x=\"");
		fmt_fixed(&b, x, 1);
		buf_puts(&b, "\" y=\"66\">");
		tpl_escape(&b, names[i], strlen(names[i]));
		buf_puts(&b, "</text>");
		if (!has[i])
			continue;
		/* A value of 0 still shows: a sliver on the baseline. */
		h = hi > 0 ? v[i] / hi * 40 : 0;
		if (h < 1)
			h = 1;
		buf_puts(&b, "<rect x=\"");
		fmt_fixed(&b, x - w * 0.35, 1);
		buf_puts(&b, "\" y=\"");
		fmt_fixed(&b, 56 - h, 1);
		buf_puts(&b, "\" width=\"");
		fmt_fixed(&b, w * 0.7, 1);
		buf_puts(&b, "\" height=\"");
		fmt_fixed(&b, h, 1);
		buf_puts(&b, "\"/><text x=\"");
		fmt_fixed(&b, x, 1);
		buf_puts(&b, "\" y=\"");
		fmt_fixed(&b, 56 - h - 2, 1);
		buf_puts(&b, "\">");
		tpl_escape(&b, texts[i], strlen(texts[i]));
		buf_puts(&b, "</text>");
	}
	buf_puts(&b, "<line x1=\"0\" y1=\"56.5\" x2=\"240\" y2=\"56.5\"/>"
	    "</svg>");
	return buf_detach(&b);
}
