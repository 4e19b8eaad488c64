/*
 * test_tpl.c: what the template engine's escaping promises beyond the
 * Mustache specification (tests/mustache.c runs that).  The spec asks for
 * & " < > only; we escape ' too, so that a workspace template that puts a
 * value into a single-quoted attribute cannot be broken out of.
 */
#include <stdio.h>
#include <string.h>

#include "tpl.h"
#include "unit.h"
#include "util.h"

/*
 * Renders text with {{x}} set to x; returns the output (static), or
 * "ERROR: " and the first message when it does not compile.
 */
static const char *
render(const char *text, const char *x)
{
	static char out[512];
	struct tv_pool pool;
	struct tpl_set *set = tpl_set_new();
	struct diags d = { 0 };
	struct buf b = { 0 };
	struct tv *root;

	memset(&pool, 0, sizeof(pool));
	root = tv_map(&pool);
	tv_put_str(&pool, root, "x", x);
	tpl_set_add(set, "t", text, strlen(text), "t.html");
	out[0] = '\0';
	if (tpl_render(set, "t", root, &b, &d) == 0 && b.len < sizeof(out)) {
		memcpy(out, b.s, b.len);
		out[b.len] = '\0';
	} else if (d.n > 0)
		snprintf(out, sizeof(out), "ERROR: %d:%d: %s", d.v[0].line,
		    d.v[0].col, d.v[0].msg);
	buf_free(&b);
	diags_free(&d);
	tv_pool_free(&pool);
	tpl_set_free(set);
	return out;
}

void
test_tpl(void)
{
	struct buf b = { 0 };

	tpl_escape(&b, "a&b<c>d\"e'f", 11);
	CHECK(b.len == 30 && memcmp(b.s, "a&amp;b&lt;c&gt;d&quot;e&#39;f", 30)
	    == 0);
	buf_free(&b);
	CHECK_STR(render("<a title='{{x}}'>", "' onmouseover='alert(1)"),
	    "<a title='&#39; onmouseover=&#39;alert(1)'>");
	CHECK_STR(render("<a title=\"{{x}}\">", "\" onclick=\"x"),
	    "<a title=\"&quot; onclick=&quot;x\">");
	/* Triple braces and {{& }} are the template's choice: not escaped. */
	CHECK_STR(render("{{{x}}}{{&x}}", "'<"), "'<'<");

	/*
	 * The compiler (tpl_compile.c) beside the spec's own tests: a tag
	 * alone on its line takes the line; a variable's never does.
	 */
	CHECK_STR(render("a\n  {{#x}}  \nb\n{{/x}}\n", "1"), "a\nb\n");
	CHECK_STR(render("a\n  {{! note }}\r\nb", "1"), "a\nb");
	CHECK_STR(render("a\n  {{x}}  \nb", "1"), "a\n  1  \nb");
	CHECK_STR(render("{{=<% %>=}}<%x%> {{x}}", "1"), "1 {{x}}");
	CHECK_STR(render("{{#x}}{{/y}}", "1"), "ERROR: 1:7: 'y' closes section "
	    "'x': close that one first");
	CHECK_STR(render("a\n{{/x}}", "1"), "ERROR: 2:1: 'x' closes a section "
	    "that was never opened");
	CHECK_STR(render("{{#x}}", "1"), "ERROR: 1:1: section 'x' is never "
	    "closed: add {{/x}}");
	CHECK_STR(render("{{x", "1"), "ERROR: 1:1: tag '{{' is not closed: "
	    "end it with '}}'");
	CHECK_STR(render("{{= a=}}", "1"), "ERROR: 1:1: bad delimiter change: "
	    "write {{=<% %>=}} with two delimiters and no '=' or space in them");
}
