/* text — UTF-8 decoding, display width and normalisation of what staff type.
 * Pure functions: no curses, no SQLite.  The one width function of the
 * program lives here (NCURSES-CJK.md item 10); the UI, reports and tests
 * all call txt_wcwidth so that they agree. */
#ifndef DESK4S_TEXT_H
#define DESK4S_TEXT_H
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* Decode one UTF-8 character from s (at most n bytes).  Returns the number of
 * bytes used (1..4) and stores the code point in *cp; on a malformed or
 * truncated sequence returns 1 and stores U+FFFD.  n == 0 returns 0. */
size_t txt_decode(const char *s, size_t n, uint32_t *cp);
/* Encode cp into out (needs 4 bytes); returns the byte count. */
size_t txt_encode(uint32_t cp, char *out);
/* 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int txt_valid_utf8(const char *s, size_t n);

/* Display width of one code point in terminal cells: 2 for East Asian wide
 * and full-width, 0 for combining marks, 1 otherwise.  Non-printables
 * (controls) return 1, because they are drawn as U+FFFD. */
int txt_wcwidth(uint32_t cp);
/* Display width of a UTF-8 string. */
int txt_width(const char *s);
/* Number of characters (code points) in a UTF-8 string. */
size_t txt_chars(const char *s);
/* Longest prefix of s whose display width is <= cols, never splitting a
 * character: returns its length in bytes. */
size_t txt_fit(const char *s, int cols);
/* Longest prefix of s of at most max bytes that ends between characters:
 * returns its length in bytes (strlen(s) when all of it fits). */
size_t txt_cut_len(const char *s, size_t max);
/* Drop an incomplete character from the end of s (what a truncating
 * snprintf can leave); returns s. */
char *txt_drop_partial(char *s);
/* Copy s into out (outsz bytes) truncated to cols cells and padded with
 * spaces to exactly cols cells (when pad).  Returns the bytes written. */
size_t txt_pad(char *out, size_t outsz, const char *s, int cols, int pad);
/* s in a cell of cols columns: cut with "…" when wider (never inside a
 * character), padded with spaces to cols when pad; malformed bytes drawn
 * as U+FFFD as by txt_pad.  Returns the length written. */
size_t txt_cell(char *out, size_t outsz, const char *s, int cols, int pad);

/* Map one full-width ASCII variant (U+FF01..U+FF5E) to ASCII and U+3000 to
 * a space; other code points are returned unchanged. */
uint32_t txt_halfwidth(uint32_t cp);
/* Normalise a code, number or date as an input method produced it, into
 * out (outsz bytes): full-width ASCII to ASCII, ideographic space to space,
 * leading and trailing white space trimmed.  Not for free text, whose
 * full-width punctuation is correct Chinese (see txt_trim_span).  Returns
 * 0, or -1 when out is too small (out is then truncated at a character
 * boundary). */
int txt_normalize(const char *in, char *out, size_t outsz);
/* 1 when txt_normalize would give s back unchanged (checked without
 * copying: most values are). */
int txt_is_normal(const char *s);
/* Free text trimmed: the part of s left once white space at either end
 * (ASCII, and the ideographic space U+3000 an input method types) is cut;
 * every character inside stays as typed.  Stores the offset of the first
 * kept byte in *start and returns the kept length in bytes. */
size_t txt_trim_span(const char *s, size_t *start);
/* s trimmed in place as txt_trim_span says; returns s. */
char *txt_trim_text(char *s);
/* A name as written: white space between two Chinese characters is
 * dropped (欧阳 修; an old system's 张　三 padded to three characters), any
 * other run of it becomes one space (John  Smith), none at either end.
 * In place; returns s. */
char *txt_join_name(char *s);
/* 1 when a and b are the same once both are normalised (txt_normalize):
 * a name typed with full-width brackets is the name an earlier version
 * stored with them folded to ASCII. */
int txt_same_folded(const char *a, const char *b);
/* The same for names, joined as well (txt_join_name): 欧阳修 is the 欧阳 修
 * an earlier version stored with a space. */
int txt_same_name(const char *a, const char *b);
/* Trim leading and trailing ASCII white space in place; returns s. */
char *txt_trim(char *s);
/* A string that grows as bytes are put (kept NUL-terminated); once an
 * allocation fails, oom is set and later puts do nothing.  Free s. */
struct txt_buf {
	char *s;
	size_t len, cap;
	int oom;
};
void txt_buf_put(struct txt_buf *b, const char *p, size_t n);
/* A number or a plate as people write it down for a lookup — 138 1234 5678,
 * 138-1234-5678, 粤B·12345, 浙A 12345 (already folded and upper case) —
 * without its separators, in place, when what is left is digits or a
 * plate's province, letters and digits; anything else (a name with a
 * space: Zhang San) is left as it is. */
void txt_drop_separators(char *q);

#endif
