/* text — UTF-8 decoding, display width and input normalisation.
 * No locale is consulted anywhere: the width of a character must be the
 * same in the UI, the reports and the tests whatever LANG says. */
#include "desk4s/text.h"

#include <stdlib.h>
#include <string.h>

#define TXT_REPL 0xFFFDu

size_t txt_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	if (n == 0) {
		*cp = 0;
		return 0;
	}
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, c &= 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, c &= 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		/* stray continuation byte, C0/C1 (always overlong) or F5..FF */
		*cp = TXT_REPL;
		return 1;
	}
	if (n < len) {
		*cp = TXT_REPL;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = TXT_REPL;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*cp = TXT_REPL;
		return 1;
	}
	*cp = c;
	return len;
}

size_t txt_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	/* A surrogate or an out-of-range value cannot be written as UTF-8;
	 * writing U+FFFD keeps the output valid. */
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = TXT_REPL;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int txt_valid_utf8(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = txt_decode(s + i, n - i, &cp);
		/* A real U+FFFD in the text is 3 bytes; a 1-byte FFFD is an error. */
		if (cp == TXT_REPL && k == 1)
			return 0;
		i += k;
	}
	return 1;
}

struct txt_range { uint32_t lo, hi; };

/* Zero-width: combining marks, zero-width and bidi format characters,
 * variation selectors.  Sorted, checked before the wide table. */
static const struct txt_range txt_zero[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
	{ 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
	{ 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0900, 0x0902 },
	{ 0x093A, 0x093A }, { 0x093C, 0x093C }, { 0x0941, 0x0948 },
	{ 0x094D, 0x094D }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 },
	{ 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E },
	{ 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F },
	{ 0x202A, 0x202E }, { 0x2060, 0x2064 }, { 0x20D0, 0x20FF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0x1D167, 0x1D169 },
	{ 0x1D17B, 0x1D182 }, { 0xE0001, 0xE0001 }, { 0xE0020, 0xE007F },
	{ 0xE0100, 0xE01EF },
};

/* East Asian Wide and Fullwidth, plus the emoji blocks the project
 * decided to draw as 2 (NCURSES-CJK.md item 10).  Sorted. */
static const struct txt_range txt_wide[] = {
	{ 0x1100, 0x115F },   /* Hangul Jamo initial consonants */
	{ 0x231A, 0x231B }, { 0x2329, 0x232A }, { 0x23E9, 0x23EC },
	{ 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 }, { 0x25FD, 0x25FE },
	{ 0x2614, 0x2615 }, { 0x2648, 0x2653 }, { 0x267F, 0x267F },
	{ 0x2693, 0x2693 }, { 0x26A1, 0x26A1 }, { 0x26AA, 0x26AB },
	{ 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 }, { 0x26CE, 0x26CE },
	{ 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA }, { 0x26F2, 0x26F3 },
	{ 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA }, { 0x26FD, 0x26FD },
	{ 0x2705, 0x2705 }, { 0x270A, 0x270B }, { 0x2728, 0x2728 },
	{ 0x274C, 0x274C }, { 0x274E, 0x274E }, { 0x2753, 0x2755 },
	{ 0x2757, 0x2757 }, { 0x2795, 0x2797 }, { 0x27B0, 0x27B0 },
	{ 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C }, { 0x2B50, 0x2B50 },
	{ 0x2B55, 0x2B55 },
	{ 0x2E80, 0x2E99 }, { 0x2E9B, 0x2EF3 },   /* CJK radicals supplement */
	{ 0x2F00, 0x2FD5 },                       /* Kangxi radicals */
	{ 0x2FF0, 0x2FFF },                       /* ideographic description */
	{ 0x3000, 0x303E },                       /* CJK symbols, punctuation */
	{ 0x3041, 0x3096 }, { 0x3099, 0x30FF },   /* Hiragana, Katakana */
	{ 0x3105, 0x312F },                       /* Bopomofo */
	{ 0x3131, 0x318E },                       /* Hangul compatibility Jamo */
	{ 0x3190, 0x31E3 }, { 0x31EF, 0x321E },   /* Kanbun .. enclosed */
	{ 0x3220, 0x3247 }, { 0x3250, 0x4DBF },   /* .. CJK compat, ext A */
	{ 0x4E00, 0x9FFF },                       /* CJK unified ideographs */
	{ 0xA000, 0xA48C }, { 0xA490, 0xA4C6 },   /* Yi */
	{ 0xA960, 0xA97C },                       /* Hangul Jamo extended A */
	{ 0xAC00, 0xD7A3 },                       /* Hangul syllables */
	{ 0xF900, 0xFAFF },                       /* CJK compat ideographs */
	{ 0xFE10, 0xFE19 },                       /* vertical forms */
	{ 0xFE30, 0xFE52 }, { 0xFE54, 0xFE66 }, { 0xFE68, 0xFE6B },
	{ 0xFF01, 0xFF60 },                       /* full-width forms */
	{ 0xFFE0, 0xFFE6 },
	{ 0x16FE0, 0x16FE4 }, { 0x17000, 0x187F7 }, { 0x18800, 0x18CD5 },
	{ 0x1B000, 0x1B2FB },                     /* Kana supplement .. Nushu */
	{ 0x1F004, 0x1F004 }, { 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E },
	{ 0x1F191, 0x1F19A }, { 0x1F200, 0x1F202 }, { 0x1F210, 0x1F23B },
	{ 0x1F240, 0x1F248 }, { 0x1F250, 0x1F251 }, { 0x1F260, 0x1F265 },
	{ 0x1F300, 0x1F64F },                     /* emoji, pictographs */
	{ 0x1F900, 0x1F9FF },                     /* supplemental symbols */
	{ 0x20000, 0x2FFFD },                     /* CJK ext B..F, compat sup */
	{ 0x30000, 0x3FFFD },                     /* CJK ext G, H */
};

static int txt_in(const struct txt_range *t, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	if (cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < t[mid].lo)
			hi = mid;
		else if (cp > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int txt_wcwidth(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 1; /* drawn as U+FFFD */
	if (cp < 0x300)
		return 1; /* fast path for ASCII and Latin-1 */
	if (cp >= 0x4E00 && cp <= 0x9FFF)
		return 2; /* and for the common CJK ideographs (in txt_wide) */
	if (txt_in(txt_zero, sizeof txt_zero / sizeof txt_zero[0], cp))
		return 0;
	if (txt_in(txt_wide, sizeof txt_wide / sizeof txt_wide[0], cp))
		return 2;
	return 1;
}

int txt_width(const char *s)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) { /* every ASCII byte is one cell */
			i++;
			w++;
			continue;
		}
		uint32_t cp;
		i += txt_decode(s + i, n - i, &cp);
		w += txt_wcwidth(cp);
	}
	return w;
}

size_t txt_chars(const char *s)
{
	size_t n = strlen(s), i = 0, c = 0;

	while (i < n) {
		uint32_t cp;
		i += txt_decode(s + i, n - i, &cp);
		c++;
	}
	return c;
}

size_t txt_cut_len(const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

char *txt_drop_partial(char *s)
{
	size_t n = strlen(s), lead = n;
	while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0)
		return s;
	unsigned char c = (unsigned char)s[lead - 1];
	size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (n - (lead - 1) < need)
		s[lead - 1] = 0;
	return s;
}

size_t txt_fit(const char *s, int cols)
{
	size_t n = strlen(s), i = 0;
	int w = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = txt_decode(s + i, n - i, &cp);
		int cw = txt_wcwidth(cp);
		/* Combining marks (width 0) that follow the last character that
		 * fits stay with it. */
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	return i;
}

size_t txt_pad(char *out, size_t outsz, const char *s, int cols, int pad)
{
	size_t n = strlen(s), i = 0, o = 0;
	int w = 0;

	if (outsz == 0)
		return 0;
	while (i < n) {
		uint32_t cp = (unsigned char)s[i];
		char enc[4];
		/* ASCII (one byte, one cell) without the decoder */
		size_t k = cp < 0x80 ? 1 : txt_decode(s + i, n - i, &cp);
		int cw = cp < 0x80 ? 1 : txt_wcwidth(cp);
		size_t ek;

		if (w + cw > cols)
			break;
		/* Malformed bytes become U+FFFD so the padded text is always
		 * valid UTF-8 for the terminal. */
		if (cp == TXT_REPL && k == 1)
			ek = txt_encode(cp, enc);
		else
			memcpy(enc, s + i, k), ek = k;
		if (o + ek + 1 > outsz)
			break;
		memcpy(out + o, enc, ek);
		o += ek;
		w += cw;
		i += k;
	}
	while (pad && w < cols && o + 2 <= outsz) {
		out[o++] = ' ';
		w++;
	}
	out[o] = '\0';
	return o;
}

size_t txt_cell(char *out, size_t outsz, const char *s, int cols, int pad)
{
	if (cols < 1 || outsz == 0)
		return txt_pad(out, outsz, s, cols, pad);
	/* one pass (a long report fits a quarter of a million rows of cells):
	 * copy what fits in cols, remembering where cols - 1 ended, the cut
	 * that leaves a cell for the ellipsis */
	size_t n = strlen(s), i = 0, o = 0, cut = 0;
	int w = 0, wcut = 0;
	while (i < n) {
		uint32_t cp = (unsigned char)s[i];
		size_t k = cp < 0x80 ? 1 : txt_decode(s + i, n - i, &cp);
		int cw = cp < 0x80 ? 1 : txt_wcwidth(cp);
		char enc[4];
		size_t ek;
		if (w + cw > cols)
			break;
		if (cp == TXT_REPL && k == 1)
			ek = txt_encode(cp, enc); /* malformed: drawn as U+FFFD */
		else
			memcpy(enc, s + i, k), ek = k;
		if (o + ek + 1 > outsz)
			break;
		memcpy(out + o, enc, ek);
		o += ek;
		w += cw;
		i += k;
		if (w <= cols - 1)
			cut = o, wcut = w;
	}
	if (i < n) {
		o = cut;
		w = wcut;
		if (o + 3 + 1 <= outsz) {
			memcpy(out + o, "…", 3);
			o += 3;
			w++;
		}
	}
	while (pad && w < cols && o + 2 <= outsz) {
		out[o++] = ' ';
		w++;
	}
	out[o] = '\0';
	return o;
}

uint32_t txt_halfwidth(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	if (cp == 0x3000)
		return ' ';
	return cp;
}

static int txt_isspace(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

int txt_normalize(const char *in, char *out, size_t outsz)
{
	size_t n = strlen(in), i = 0, start = n, end = 0, o = 0;

	if (outsz == 0)
		return -1;
	/* First find the trimmed range, so that trailing blanks that would
	 * not fit do not count as an overflow. */
	while (i < n) {
		uint32_t cp;
		size_t k = txt_decode(in + i, n - i, &cp);
		if (!txt_isspace(txt_halfwidth(cp))) {
			if (start == n)
				start = i;
			end = i + k;
		}
		i += k;
	}
	for (i = start; i < end;) {
		uint32_t cp;
		char enc[4];
		size_t k = txt_decode(in + i, end - i, &cp);
		size_t ek = txt_encode(txt_halfwidth(cp), enc);
		if (o + ek + 1 > outsz) {
			out[o] = '\0';
			return -1;
		}
		memcpy(out + o, enc, ek);
		o += ek;
		i += k;
	}
	out[o] = '\0';
	return 0;
}

int txt_is_normal(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if ((i == 0 || i == n - 1) && txt_isspace(c))
				return 0;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = txt_decode(s + i, n - i, &cp);
		/* a broken sequence (decoded as U+FFFD from fewer bytes), a
		 * full-width form or a space at either end all change */
		if (cp == 0xFFFD || txt_halfwidth(cp) != cp ||
		    ((i == 0 || i + k == n) && txt_isspace(txt_halfwidth(cp))))
			return 0;
		i += k;
	}
	return 1;
}

/* Length of the white space (ASCII, or U+3000 as E3 80 80) that starts
 * p[0..n), or that ends it (at_end); 0 when there is none. */
static size_t blank_len(const char *p, size_t n, int at_end)
{
	const unsigned char *u = (const unsigned char *)p;
	if (n >= 1 && txt_isspace(u[at_end ? n - 1 : 0]))
		return 1;
	const unsigned char *q = at_end ? u + n - 3 : u;
	if (n >= 3 && q[0] == 0xE3 && q[1] == 0x80 && q[2] == 0x80)
		return 3;
	return 0;
}

size_t txt_trim_span(const char *s, size_t *start)
{
	size_t a = 0, b = strlen(s), k;
	while ((k = blank_len(s + a, b - a, 0)) != 0)
		a += k;
	while ((k = blank_len(s + a, b - a, 1)) != 0)
		b -= k;
	*start = a;
	return b - a;
}

char *txt_trim_text(char *s)
{
	size_t a, n = txt_trim_span(s, &a);
	memmove(s, s + a, n);
	s[n] = '\0';
	return s;
}

int txt_same_name(const char *a, const char *b)
{
	/* a name stored before names were joined (欧阳 修) is the name joined */
	char ja[256], jb[256];
	if ((strpbrk(a, " \t\xe3") || strpbrk(b, " \t\xe3")) && strlen(a) < sizeof ja && strlen(b) < sizeof jb) {
		a = txt_join_name(strcpy(ja, a));
		b = txt_join_name(strcpy(jb, b));
	}
	return txt_same_folded(a, b);
}

int txt_same_folded(const char *a, const char *b)
{
	/* txt_normalize trims exactly what txt_trim_span does, since only
	 * U+3000 folds to a space */
	size_t i, j, na = txt_trim_span(a, &i), nb = txt_trim_span(b, &j);
	size_t ea = i + na, eb = j + nb;
	while (i < ea && j < eb) {
		uint32_t ca, cb;
		i += txt_decode(a + i, ea - i, &ca);
		j += txt_decode(b + j, eb - j, &cb);
		if (txt_halfwidth(ca) != txt_halfwidth(cb))
			return 0;
	}
	return i == ea && j == eb;
}

char *txt_trim(char *s)
{
	size_t n = strlen(s), a = 0;

	while (n > 0 && txt_isspace((unsigned char)s[n - 1]))
		n--;
	while (a < n && txt_isspace((unsigned char)s[a]))
		a++;
	memmove(s, s + a, n - a);
	s[n - a] = '\0';
	return s;
}

void txt_buf_put(struct txt_buf *b, const char *p, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *t = realloc(b->s, cap);
		if (!t) {
			b->oom = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
}

static int txt_code_chars(const char *s, int letters)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (letters && *s >= 'A' && *s <= 'Z')))
			return 0;
	return 1;
}

void txt_drop_separators(char *q)
{
	char c[128];
	size_t n = 0;
	for (const char *p = q; *p && n + 1 < sizeof c; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xB7) { /* · */
			p++;
			continue;
		}
		c[n++] = *p;
	}
	c[n] = 0;
	if (strcmp(c, q) == 0)
		return;
	uint32_t cp;
	size_t first = (unsigned char)c[0] >= 0x80 ? txt_decode(c, n, &cp) : 0;
	if (txt_code_chars(c, 0) || (first && c[first] >= 'A' && c[first] <= 'Z' && txt_code_chars(c + first, 1)))
		memcpy(q, c, n + 1);
}

/* Han characters: the unified ideographs with extension A and B onwards,
 * and the compatibility ideographs (names use rare ones: 𪚥 is U+2A6A5). */
static int is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x323AF);
}

static int name_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == 0x3000;
}

char *txt_join_name(char *s)
{
	size_t n = strlen(s), o = 0;
	uint32_t before = 0; /* the last character written, 0 at the start */
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = txt_decode(s + i, n - i, &c);
		if (!name_space(c)) {
			memmove(s + o, s + i, k);
			o += k;
			i += k;
			before = c;
			continue;
		}
		while (i < n && (k = txt_decode(s + i, n - i, &c)) > 0 && name_space(c))
			i += k;
		uint32_t after = 0;
		if (i < n)
			txt_decode(s + i, n - i, &after);
		if (before && after && !(is_han(before) && is_han(after)))
			s[o++] = ' ';
	}
	s[o] = '\0';
	return s;
}
