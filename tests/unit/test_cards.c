/*
 * test_cards.c: people read from vCards (vcf.h) in the shapes Apple
 * Contacts, Google Contacts and Outlook export, 4.0 too, and hostile
 * ones: no name, no end, a huge line, ten thousand cards; text made
 * UTF-8 from Windows-1252 (cardin.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cardin.h"
#include "csvin.h"
#include "unit.h"
#include "util.h"
#include "vcf.h"

static const char apple[] =
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
    "N:Haddad;Noor;;;\r\n"
    "FN:Noor Haddad\r\n"
    "ORG:Ledgerly;Finance\r\n"
    "TITLE:Finance Lead\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:noor@ledgerly.example\r\n"
    "item1.X-ABLabel:_$!<Work>!$_\r\n"
    "item2.EMAIL;type=INTERNET:ap@ledgerly.ex\r\n"
    " ample\r\n"
    "item2.X-ABLabel:billing\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+1 555 0147\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
    " /2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8Q\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Rivera;Tom\\u00e1s;;;\r\n"
    "FN:Tomás Rivera\r\n"
    "END:VCARD\r\n";

static const char google[] =
    "BEGIN:VCARD\n"
    "VERSION:3.0\n"
    "FN:Elena Vasquez\n"
    "N:Vasquez;Elena;;;\n"
    "EMAIL;TYPE=INTERNET;TYPE=WORK:elena@harbordental.example\n"
    "TEL;TYPE=CELL:+1 555 0124\n"
    "ORG:Harbor Dental Group\n"
    "TITLE:Practice Manager\n"
    "CATEGORIES:myContacts\n"
    "END:VCARD\n";

static const char outlook[] =
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;LANGUAGE=en-us:Okafor;Adaeze\r\n"
    "FN:Adaeze Okafor\r\n"
    "ORG:Okafor & Lindqvist LLP\r\n"
    "TITLE:Managing Partner\r\n"
    "TEL;WORK;VOICE:(555) 016-0000\r\n"
    "EMAIL;PREF;INTERNET:aokafor@okaforlindqvist.example\r\n"
    "NOTE;ENCODING=QUOTED-PRINTABLE:Met at the=0D=0Aconference=\r\n"
    "and more\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "TITLE;ENCODING=QUOTED-PRINTABLE:G=E9rant\r\n"
    "N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Dupont;Ren=E9\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 =\r\n"
    "Noir\r\n"
    "END:VCARD\r\n";

static const char v4[] =
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Jo Park\r\n"
    "TEL;VALUE=uri;TYPE=voice:tel:+1-555-0100\r\n"
    "EMAIL:mailto:jo@acme.example\r\n"
    "ORG:Acme\\, Inc.;Sales\r\n"
    "TITLE:Head of\\nSales\r\n"
    "END:VCARD\r\n";

/* Reads text; returns how many people, leaves them in out. */
static size_t
read(const char *text, struct cardins *out, struct diags *d)
{
	return vcf_read("in.vcf", text, strlen(text), out, d);
}

static void
test_shapes(void)
{
	struct cardins l = { 0 };
	struct diags d = { 0 };

	CHECK_INT(read(apple, &l, &d), 2);
	CHECK_STR(l.v[0].name, "Noor Haddad");
	CHECK_STR(l.v[0].org, "Ledgerly");
	CHECK_STR(l.v[0].title, "Finance Lead");
	CHECK_INT(l.v[0].nemails, 2);
	if (l.v[0].nemails == 2) {
		CHECK_STR(l.v[0].emails[0], "noor@ledgerly.example");
		CHECK_STR(l.v[0].emails[1], "ap@ledgerly.example");
	}
	CHECK_INT(l.v[0].nphones, 1);
	CHECK_STR(l.v[0].phones[0], "+1 555 0147");
	CHECK_INT(l.v[0].line, 1);
	CHECK_STR(l.v[1].name, "Tomás Rivera");
	CHECK_INT(l.v[1].line, 17);
	CHECK_INT(read(google, &l, &d), 1);
	CHECK_STR(l.v[2].name, "Elena Vasquez");
	CHECK_STR(l.v[2].org, "Harbor Dental Group");
	CHECK_INT(read(outlook, &l, &d), 2);
	CHECK_STR(l.v[3].name, "Adaeze Okafor");
	CHECK_STR(l.v[3].org, "Okafor & Lindqvist LLP");
	CHECK_STR(l.v[3].phones[0], "(555) 016-0000");
	CHECK_STR(l.v[3].emails[0], "aokafor@okaforlindqvist.example");
	/* No FN: the name N makes, given name first; Latin-1 and QP. */
	CHECK_STR(l.v[4].name, "René Dupont");
	CHECK_STR(l.v[4].org, "Café Noir");
	/* Quoted-printable bytes without a CHARSET: made UTF-8 too. */
	CHECK_STR(l.v[4].title, "Gérant");
	CHECK_INT(read(v4, &l, &d), 1);
	CHECK_STR(l.v[5].phones[0], "+1-555-0100");
	CHECK_STR(l.v[5].emails[0], "jo@acme.example");
	CHECK_STR(l.v[5].org, "Acme, Inc.");
	CHECK_STR(l.v[5].title, "Head of Sales");
	CHECK_INT(d.n, 0);
	cardins_free(&l);
	diags_free(&d);
}

static void
test_hostile(void)
{
	struct cardins l = { 0 };
	struct diags d = { 0 };
	struct buf b = { 0 };
	size_t i;

	/* No name; a card that never ends; a line that is no property. */
	CHECK_INT(read("BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.example\n"
	    "END:VCARD\nnonsense\nBEGIN:VCARD\nFN:Half\nBEGIN:VCARD\n"
	    "FN:Whole\nEND:VCARD\nBEGIN:VCARD\nFN:Cut\n", &l, &d), 1);
	CHECK_STR(l.v[0].name, "Whole");
	CHECK_DIAG(&d, 1, 1, "a card without a name (FN or N): skipped");
	CHECK_DIAG(&d, 5, 1, "not a vCard line");
	CHECK_DIAG(&d, 6, 1, "a card that never ends (BEGIN:VCARD again on "
	    "line 8)");
	CHECK_DIAG(&d, 11, 1, "a card that never ends (no END:VCARD)");
	cardins_free(&l);
	diags_free(&d);
	/* A 10 MB line: passed over, said, the card kept. */
	buf_puts(&b, "BEGIN:VCARD\nFN:Big\nNOTE:");
	for (i = 0; i < 10u << 20; i += 64)
		buf_puts(&b, "0123456789abcdef0123456789abcdef0123456789abcdef"
		    "0123456789abcdef");
	buf_puts(&b, "\nPHOTO:");
	for (i = 0; i < 1u << 20; i += 16)
		buf_puts(&b, "QUFBQUFBQUFBQUFB");
	buf_puts(&b, "\nEMAIL:big@x.example\nEND:VCARD\n");
	CHECK_INT(vcf_read("big.vcf", b.s, b.len, &l, &d), 1);
	CHECK_STR(l.v[0].emails[0], "big@x.example");
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 3, 1, "a NOTE of 10240 KiB: skipped");
	cardins_free(&l);
	diags_free(&d);
	/* Ten thousand cards. */
	buf_reset(&b);
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %zu\r\n"
		    "ORG:Org %zu\r\nEMAIL:p%zu@org%zu.example\r\nEND:VCARD\r\n",
		    i, i % 300, i, i % 300);
	CHECK_INT(vcf_read("many.vcf", b.s, b.len, &l, &d), 10000);
	CHECK_STR(l.v[9999].name, "Person 9999");
	CHECK_INT(l.v[9999].line, 59995);
	CHECK_INT(d.n, 0);
	cardins_free(&l);
	diags_free(&d);
	buf_free(&b);
}

static void
test_utf8(void)
{
	size_t n;
	int latin;
	char *s;

	s = cardins_utf8("\xef\xbb\xbf" "Caf\xc3\xa9", 8, &n, &latin);
	CHECK_STR(s, "Café");
	CHECK_INT(latin, 0);
	free(s);
	s = cardins_utf8("Caf\xe9 \x80 \x96", 8, &n, &latin);
	CHECK_STR(s, "Café € –");
	CHECK_INT(latin, 1);
	free(s);
}

/* Google Contacts' CSV (2023 on), its older shape, HubSpot's export. */
static const char google_csv[] =
    "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,"
    "File As,Organization Name,Organization Title,Organization Department,"
    "Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value\r\n"
    "Noor,,Haddad,,,,Ledgerly,Finance Lead,,,\"Approves invoices,\r\n"
    "over $5k\",* myContacts,Work,noor@ledgerly.example ::: "
    "n.haddad@ledgerly.example,,,Mobile,+1 555 0147\r\n"
    "Tom\xc3\xa1s,,Rivera,,,,Ledgerly,,,,,,,tomas@ledgerly.example,,,,\r\n";
static const char google_old_csv[] =
    "Name,Given Name,Additional Name,Family Name,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Organization 1 - Name,Organization 1 - Title\n"
    "Elena Vasquez,Elena,,Vasquez,* myContacts,* Work,"
    "elena@harbordental.example,Work,+1 555 0124,Harbor Dental Group,"
    "Practice Manager\n";
static const char hubspot_csv[] =
    "\xef\xbb\xbf\"Record ID\",\"First Name\",\"Last Name\",\"Email\","
    "\"Phone Number\",\"Job Title\",\"Company Name\",\"Lifecycle Stage\"\n"
    "\"5101\",\"Adaeze\",\"Okafor\",\"aokafor@okaforlindqvist.example\","
    "\"(555) 016-0000\",\"Managing Partner\",\"Okafor & Lindqvist LLP\","
    "\"customer\"\n";

static void
test_csv(void)
{
	struct cardins l = { 0 };
	struct diags d = { 0 };
	const char *latin = "Name;Company;E-mail;Title\n"
	    "Ren\xe9 Dupont;Caf\xe9 Noir;rene@cafe.example;G\xe9rant\n";

	CHECK_INT(csv_read("google.csv", google_csv, strlen(google_csv), &l,
	    &d), 2);
	CHECK_STR(l.v[0].name, "Noor Haddad");
	CHECK_STR(l.v[0].org, "Ledgerly");
	CHECK_STR(l.v[0].title, "Finance Lead");
	CHECK_INT(l.v[0].nemails, 2);
	if (l.v[0].nemails == 2)
		CHECK_STR(l.v[0].emails[1], "n.haddad@ledgerly.example");
	CHECK_STR(l.v[0].phones[0], "+1 555 0147");
	CHECK_INT(l.v[0].line, 2);
	CHECK_STR(l.v[1].name, "Tomás Rivera");
	CHECK_INT(l.v[1].line, 4);	/* the quoted line end counts */
	CHECK_INT(csv_read("old.csv", google_old_csv, strlen(google_old_csv),
	    &l, &d), 1);
	CHECK_STR(l.v[2].name, "Elena Vasquez");
	CHECK_STR(l.v[2].emails[0], "elena@harbordental.example");
	CHECK_INT(l.v[2].nemails, 1);
	CHECK_STR(l.v[2].org, "Harbor Dental Group");
	CHECK_STR(l.v[2].title, "Practice Manager");
	CHECK_INT(csv_read("hubspot.csv", hubspot_csv, strlen(hubspot_csv),
	    &l, &d), 1);
	CHECK_STR(l.v[3].name, "Adaeze Okafor");
	CHECK_STR(l.v[3].org, "Okafor & Lindqvist LLP");
	CHECK_STR(l.v[3].phones[0], "(555) 016-0000");
	CHECK_INT(d.n, 0);
	/* Semicolons and Windows-1252, headers of no tool in particular. */
	CHECK_INT(csv_read("fr.csv", latin, strlen(latin), &l, &d), 1);
	CHECK_INT(l.n, 5);
	CHECK_STR(l.v[4].name, "René Dupont");
	CHECK_STR(l.v[4].emails[0], "rene@cafe.example");
	CHECK_DIAG(&d, 0, DIAG_NOTE, "not UTF-8: read as Windows-1252");
	cardins_free(&l);
	diags_free(&d);
}

static void
test_csv_hostile(void)
{
	struct cardins l = { 0 };
	struct diags d = { 0 };
	struct buf b = { 0 };
	size_t i;
	const char *formula = "Name,Email,Company\n"
	    "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",a@b.example,"
	    "=1+1\n"
	    ",nobody@x.example,Nameless\n"
	    "Open,\"o@x.example,Quote\n";

	CHECK_INT(csv_read("f.csv", formula, strlen(formula), &l, &d), 1);
	CHECK_STR(l.v[0].name, "=HYPERLINK(\"http://evil.example\",\"x\")");
	CHECK_STR(l.v[0].org, "=1+1");
	CHECK_DIAG(&d, 3, 1, "a row without a name: skipped");
	CHECK_DIAG(&d, 4, 1, "a quote that never closes");
	CHECK_INT(csv_read("none.csv", "Foo,Bar\n1,2\n", 12, &l, &d), -1);
	CHECK_DIAG(&d, 1, 2, "names no column of a person's name");
	CHECK_INT(csv_read("empty.csv", "", 0, &l, &d), -1);
	cardins_free(&l);
	diags_free(&d);
	/* A field of 10 MB: cut, said, the row kept. */
	buf_puts(&b, "Name,Company\nBig,");
	for (i = 0; i < 10u << 20; i += 16)
		buf_puts(&b, "0123456789abcdef");
	buf_puts(&b, "\nSmall,Co\n");
	CHECK_INT(csv_read("big.csv", b.s, b.len, &l, &d), 2);
	CHECK_DIAG(&d, 2, 1, "a field over 64 KiB: cut");
	CHECK_INT(strlen(l.v[0].org), 64u << 10);
	CHECK_STR(l.v[1].name, "Small");
	cardins_free(&l);
	diags_free(&d);
	buf_free(&b);
}

void
test_cards(void)
{
	test_shapes();
	test_hostile();
	test_utf8();
	test_csv();
	test_csv_hostile();
}
