/* Unit tests for text: decoding (including malformed input), widths of
 * mixed Chinese/ASCII text, fitting and padding that never split a wide
 * character, and the input-method normalisation. */
#include <check.h>
#include <string.h>

#include "desk4s/text.h"
#include "testutil.h"

/* ---- decode ---- */
static const struct {
	const char *s;
	size_t n;      /* bytes offered */
	uint32_t cp;
	size_t used;
} dec_rows[] = {
	{ "A", 1, 'A', 1 },
	{ "\x7F", 1, 0x7F, 1 },
	{ "\xC3\xA9", 2, 0xE9, 2 },            /* é */
	{ "\xE4\xB8\xAD", 3, 0x4E2D, 3 },      /* 中 */
	{ "\xEF\xBC\x91", 3, 0xFF11, 3 },      /* １ */
	{ "\xF0\x9F\x98\x80", 4, 0x1F600, 4 }, /* 😀 */
	{ "\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 4 },
	{ "\xEF\xBF\xBD", 3, 0xFFFD, 3 },      /* a real U+FFFD */
	{ "\x80", 1, 0xFFFD, 1 },              /* stray continuation */
	{ "\xBF" "A", 2, 0xFFFD, 1 },
	{ "\xC0\x80", 2, 0xFFFD, 1 },          /* overlong NUL */
	{ "\xC1\xBF", 2, 0xFFFD, 1 },          /* overlong */
	{ "\xE0\x80\xAF", 3, 0xFFFD, 1 },      /* overlong / */
	{ "\xF0\x8F\xBF\xBF", 4, 0xFFFD, 1 },  /* overlong */
	{ "\xED\xA0\x80", 3, 0xFFFD, 1 },      /* surrogate D800 */
	{ "\xED\xBF\xBF", 3, 0xFFFD, 1 },      /* surrogate DFFF */
	{ "\xF4\x90\x80\x80", 4, 0xFFFD, 1 },  /* > U+10FFFF */
	{ "\xF5\x80\x80\x80", 4, 0xFFFD, 1 },
	{ "\xFF", 1, 0xFFFD, 1 },
	{ "\xE4\xB8", 2, 0xFFFD, 1 },          /* truncated 中 */
	{ "\xE4\xB8\xAD", 2, 0xFFFD, 1 },      /* n cuts the character */
	{ "\xE4" "AB", 3, 0xFFFD, 1 },         /* lead then ASCII */
	{ "\xF0\x9F\x98", 3, 0xFFFD, 1 },
};

START_TEST(test_decode)
{
	uint32_t cp = 0;
	size_t k = txt_decode(dec_rows[_i].s, dec_rows[_i].n, &cp);

	ck_assert_msg(k == dec_rows[_i].used, "row %d: used %zu, want %zu", _i, k,
	              dec_rows[_i].used);
	ck_assert_msg(cp == dec_rows[_i].cp, "row %d: cp %X, want %X", _i, (unsigned)cp,
	              (unsigned)dec_rows[_i].cp);
}
END_TEST

START_TEST(test_decode_empty)
{
	uint32_t cp = 1;

	ck_assert_uint_eq(txt_decode("abc", 0, &cp), 0);
}
END_TEST

static const struct { uint32_t cp; const char *utf8; } enc_rows[] = {
	{ 'a', "a" }, { 0xE9, "\xC3\xA9" }, { 0x7FF, "\xDF\xBF" },
	{ 0x800, "\xE0\xA0\x80" }, { 0x4E2D, "\xE4\xB8\xAD" },
	{ 0xFFFF, "\xEF\xBF\xBF" }, { 0x10000, "\xF0\x90\x80\x80" },
	{ 0x10FFFF, "\xF4\x8F\xBF\xBF" },
	{ 0xD800, "\xEF\xBF\xBD" },   /* a surrogate cannot be encoded */
	{ 0x110000, "\xEF\xBF\xBD" },
};

START_TEST(test_encode)
{
	char out[5];
	size_t k = txt_encode(enc_rows[_i].cp, out);
	uint32_t back;

	ck_assert_uint_eq(k, strlen(enc_rows[_i].utf8));
	ck_assert_int_eq(memcmp(out, enc_rows[_i].utf8, k), 0);
	ck_assert_uint_eq(txt_decode(out, k, &back), k);
	if (enc_rows[_i].cp <= 0x10FFFF && (enc_rows[_i].cp < 0xD800 || enc_rows[_i].cp > 0xDFFF))
		ck_assert_uint_eq(back, enc_rows[_i].cp);
}
END_TEST

static const struct { const char *s; int valid; } utf8_rows[] = {
	{ "", 1 }, { "abc", 1 }, { "浙A12345", 1 }, { "😀中", 1 },
	{ "\xEF\xBF\xBD", 1 }, { "ab\x80", 0 }, { "\xC0\xAF", 0 },
	{ "\xED\xA0\x80", 0 }, { "中\xE4\xB8", 0 }, { "\xF4\x90\x80\x80", 0 },
};

START_TEST(test_valid_utf8)
{
	ck_assert_int_eq(txt_valid_utf8(utf8_rows[_i].s, strlen(utf8_rows[_i].s)),
	                 utf8_rows[_i].valid);
}
END_TEST

/* ---- width ---- */
static const struct { uint32_t cp; int w; } wc_rows[] = {
	{ 'A', 1 }, { ' ', 1 }, { '~', 1 }, { 0x00, 1 }, { 0x1B, 1 }, { 0x7F, 1 },
	{ 0x85, 1 }, { 0xE9, 1 }, { 0xB7, 1 },
	{ 0x0300, 0 }, { 0x0301, 0 }, { 0x036F, 0 }, { 0x200B, 0 }, { 0x200D, 0 },
	{ 0xFE0F, 0 }, { 0x20E3, 0 }, { 0x3099, 0 },
	{ 0x0370, 1 }, { 0x0410, 1 }, { 0x2014, 1 }, { 0x00A5, 1 },
	{ 0x1100, 2 }, { 0x1160, 1 },
	{ 0x2E80, 2 }, { 0x3000, 2 }, { 0x3001, 2 }, { 0x3002, 2 }, { 0x300A, 2 },
	{ 0x303E, 2 }, { 0x303F, 1 },
	{ 0x3041, 2 }, { 0x30A2, 2 }, { 0x30FB, 2 }, { 0x3105, 2 },
	{ 0x3400, 2 }, { 0x4DBF, 2 }, { 0x4E00, 2 }, { 0x4E2D, 2 }, { 0x9FFF, 2 },
	{ 0xA000, 2 }, { 0xAC00, 2 }, { 0xD7A3, 2 }, { 0xD7B0, 1 },
	{ 0xF900, 2 }, { 0xFAFF, 2 }, { 0xFE30, 2 },
	{ 0xFF01, 2 }, { 0xFF11, 2 }, { 0xFF60, 2 }, { 0xFF61, 1 }, { 0xFF65, 1 },
	{ 0xFFE0, 2 }, { 0xFFE5, 2 }, { 0xFFE6, 2 }, { 0xFFE8, 1 }, { 0xFFFD, 1 },
	{ 0x1F300, 2 }, { 0x1F600, 2 }, { 0x1F64F, 2 }, { 0x1F650, 1 },
	{ 0x1F900, 2 }, { 0x1F9FF, 2 },
	{ 0x20000, 2 }, { 0x2A6DF, 2 }, { 0x2B740, 2 }, { 0x2F800, 2 },
	{ 0x30000, 2 }, { 0x3134A, 2 }, { 0xE0100, 0 }, { 0x10FFFF, 1 },
};

/* What a truncating snprintf leaves of a character is dropped, and a cut
 * between characters keeps whole ones only. */
START_TEST(test_partial_character_dropped)
{
	char s[16];
	snprintf(s, sizeof s, "%s", "选项：奔驰"); /* 5 characters, 15 bytes: fits */
	ck_assert_str_eq(txt_drop_partial(s), "选项：奔驰");
	memcpy(s, "选项：", 7); /* 选项 and one byte of ：, as a cut leaves it */
	s[7] = 0;
	ck_assert_str_eq(txt_drop_partial(s), "选项");
	strcpy(s, "ab\xF0\xAA\x9A"); /* 𪚥 without its last byte */
	ck_assert_str_eq(txt_drop_partial(s), "ab");
	strcpy(s, "abc");
	ck_assert_str_eq(txt_drop_partial(s), "abc");
	ck_assert_uint_eq(txt_cut_len("选项：奔驰", 8), 6);
	ck_assert_uint_eq(txt_cut_len("选项", 6), 6);
	ck_assert_uint_eq(txt_cut_len("选项", 100), 6);
}
END_TEST

START_TEST(test_wcwidth)
{
	ck_assert_msg(txt_wcwidth(wc_rows[_i].cp) == wc_rows[_i].w, "U+%04X: %d, want %d",
	              (unsigned)wc_rows[_i].cp, txt_wcwidth(wc_rows[_i].cp), wc_rows[_i].w);
}
END_TEST

static const struct { const char *s; int width; size_t chars; } w_rows[] = {
	{ "", 0, 0 },
	{ "abc", 3, 3 },
	{ "张三", 4, 2 },
	{ "张三 13800138000", 16, 14 },
	{ "浙A·12345", 9, 8 },
	{ "ＡＢＣ", 6, 3 },
	{ "e\xCC\x81", 1, 2 },           /* e + combining acute */
	{ "保险到期：2024-03-05", 20, 15 },
	{ "😀ok", 4, 3 },
	{ "ab\x80" "c", 4, 4 },          /* a bad byte counts as one U+FFFD */
	{ "\xE4\xB8", 2, 2 },            /* truncated: two bad bytes */
};

START_TEST(test_width)
{
	ck_assert_int_eq(txt_width(w_rows[_i].s), w_rows[_i].width);
	ck_assert_uint_eq(txt_chars(w_rows[_i].s), w_rows[_i].chars);
}
END_TEST

/* ---- fit and pad ---- */
static const struct { const char *s; int cols; size_t bytes; } fit_rows[] = {
	{ "abcdef", 3, 3 },
	{ "abc", 10, 3 },
	{ "abc", 0, 0 },
	{ "abc", -1, 0 },
	{ "张三丰", 4, 6 },
	{ "张三丰", 5, 6 },              /* never half of 丰 */
	{ "张三丰", 1, 0 },
	{ "a张三", 2, 1 },
	{ "a张三", 3, 4 },
	{ "e\xCC\x81x", 1, 3 },          /* combining mark stays with e */
	{ "😀😀", 3, 4 },
	{ "", 5, 0 },
};

START_TEST(test_fit)
{
	size_t k = txt_fit(fit_rows[_i].s, fit_rows[_i].cols);

	ck_assert_msg(k == fit_rows[_i].bytes, "row %d: %zu bytes, want %zu", _i, k,
	              fit_rows[_i].bytes);
	ck_assert(txt_valid_utf8(fit_rows[_i].s, k));
	if (fit_rows[_i].cols >= 0) {
		char buf[64];
		memcpy(buf, fit_rows[_i].s, k);
		buf[k] = '\0';
		ck_assert_int_le(txt_width(buf), fit_rows[_i].cols);
	}
}
END_TEST

static const struct {
	const char *s;
	int cols, pad;
	size_t outsz;
	const char *want;
} pad_rows[] = {
	{ "abc", 5, 1, 64, "abc  " },
	{ "abc", 5, 0, 64, "abc" },
	{ "abcdef", 4, 1, 64, "abcd" },
	{ "张三", 6, 1, 64, "张三  " },
	{ "张三丰", 5, 1, 64, "张三 " },   /* 丰 does not fit: one space */
	{ "张三丰", 5, 0, 64, "张三" },
	{ "a张", 2, 1, 64, "a " },
	{ "ab\x80", 4, 1, 64, "ab\xEF\xBF\xBD " },
	{ "张三", 4, 1, 5, "张 " },        /* out too small: whole chars only */
	{ "abc", 5, 1, 4, "abc" },
	{ "abc", 0, 1, 64, "" },
};

START_TEST(test_pad)
{
	char out[64];
	size_t k;

	memset(out, 'Z', sizeof out);
	k = txt_pad(out, pad_rows[_i].outsz, pad_rows[_i].s, pad_rows[_i].cols, pad_rows[_i].pad);
	ck_assert_str_eq(out, pad_rows[_i].want);
	ck_assert_uint_eq(k, strlen(pad_rows[_i].want));
	ck_assert_uint_lt(k, pad_rows[_i].outsz);
	if (pad_rows[_i].pad && pad_rows[_i].outsz == 64)
		ck_assert_int_eq(txt_width(out), pad_rows[_i].cols);
}
END_TEST

/* A cell: whole when it fits, else cut with "…" in the last cell. */
static const struct {
	const char *s;
	int cols, pad;
	const char *want;
} cell_rows[] = {
	{ "张三", 6, 1, "张三  " },
	{ "张三", 4, 1, "张三" },
	{ "张三丰", 5, 1, "张三…" },          /* 张三 and … fill 5 cells */
	{ "张三丰", 4, 1, "张… " },           /* 三 would leave no room for … */
	{ "张三丰", 4, 0, "张…" },
	{ "杭州西湖区汽车服务有限公司", 16, 1, "杭州西湖区汽车… " },
	{ "abcdef", 4, 1, "abc…" },
	{ "ab\x80" "cd", 4, 1, "ab\xEF\xBF\xBD…" },
	{ "abc", 0, 1, "" },
};

START_TEST(test_cell)
{
	char out[64];
	size_t k = txt_cell(out, sizeof out, cell_rows[_i].s, cell_rows[_i].cols, cell_rows[_i].pad);
	ck_assert_str_eq(out, cell_rows[_i].want);
	ck_assert_uint_eq(k, strlen(cell_rows[_i].want));
	ck_assert_int_le(txt_width(out), cell_rows[_i].cols);
}
END_TEST

/* ---- normalisation ---- */
static const struct { uint32_t in, out; } hw_rows[] = {
	{ 0xFF01, '!' }, { 0xFF10, '0' }, { 0xFF19, '9' }, { 0xFF21, 'A' },
	{ 0xFF41, 'a' }, { 0xFF20, '@' }, { 0xFF5E, '~' }, { 0x3000, ' ' },
	{ 0xFF00, 0xFF00 }, { 0xFF5F, 0xFF5F }, { 0x4E2D, 0x4E2D }, { 'a', 'a' },
	{ 0xFFE5, 0xFFE5 },
};

START_TEST(test_halfwidth)
{
	ck_assert_uint_eq(txt_halfwidth(hw_rows[_i].in), hw_rows[_i].out);
}
END_TEST

static const struct {
	const char *in;
	size_t outsz;
	int rc;
	const char *want;
} norm_rows[] = {
	{ "１３８００１３８０００", 64, 0, "13800138000" },
	{ "  abc \t\n", 64, 0, "abc" },
	{ "　张三　", 64, 0, "张三" },             /* ideographic spaces trimmed */
	{ "张　三", 64, 0, "张 三" },              /* and made plain inside */
	{ "ｗａｎｇ＠１６３．ｃｏｍ", 64, 0, "wang@163.com" },
	{ "（０５７１）８８８８－６６６６", 64, 0, "(0571)8888-6666" },
	{ "浙Ａ·１２３４５", 64, 0, "浙A·12345" },
	{ "", 64, 0, "" },
	{ "   ", 64, 0, "" },
	{ "ab\x80" "c", 64, 0, "ab\xEF\xBF\xBD" "c" },
	{ "abcdef", 4, -1, "abc" },
	{ "张三丰", 7, -1, "张三" },               /* cut at a character */
	{ "张三   ", 7, 0, "张三" },               /* trailing blanks need no room */
	{ "ab", 3, 0, "ab" },
};

START_TEST(test_normalize)
{
	char out[64];

	memset(out, 'Z', sizeof out);
	ck_assert_int_eq(txt_normalize(norm_rows[_i].in, out, norm_rows[_i].outsz),
	                 norm_rows[_i].rc);
	ck_assert_str_eq(out, norm_rows[_i].want);
}
END_TEST

/* txt_is_normal says 1 only where txt_normalize gives the text back; and
 * it does say 1 for the plain values most fields hold. */
static const struct { const char *in; int normal; } is_normal_rows[] = {
	{ "", 1 }, { "abc", 1 }, { "a b", 1 }, { "张三", 1 }, { "张 三", 1 }, { "2024-03-05", 1 },
	{ "浙A·12345", 1 }, { "a\nb", 1 }, { "新华路242号11幢3单元601室", 1 },
	{ " a", 0 }, { "a ", 0 }, { "\tx", 0 }, { "x\n", 0 }, { "　张三", 0 }, { "张三　", 0 },
	{ "张　三", 0 }, { "１３８", 0 }, { "ab\x80" "c", 0 }, { "ab\xE5", 0 }, { "\xEF\xBF\xBD", 0 },
};

START_TEST(test_is_normal)
{
	char out[64];
	const char *in = is_normal_rows[_i].in;
	ck_assert_int_eq(txt_normalize(in, out, sizeof out), 0);
	ck_assert_int_eq(txt_is_normal(in), is_normal_rows[_i].normal);
	if (is_normal_rows[_i].normal)
		ck_assert_str_eq(out, in);
}
END_TEST

static const struct { const char *in, *want; } trim_rows[] = {
	{ "  a b  ", "a b" }, { "\t\r\nx\n", "x" }, { "", "" }, { "   ", "" },
	{ "abc", "abc" }, { " 张三 ", "张三" },
};

START_TEST(test_trim)
{
	char buf[32];

	strcpy(buf, trim_rows[_i].in);
	ck_assert_ptr_eq(txt_trim(buf), buf);
	ck_assert_str_eq(buf, trim_rows[_i].want);
}
END_TEST

/* Free text: only white space at the ends goes, U+3000 included; the
 * full-width punctuation inside is the text. */
static const struct { const char *in, *want; } trim_text_rows[] = {
	{ "　 张　三（李）\t　", "张　三（李）" }, { "客户说：“太贵了！”", "客户说：“太贵了！”" },
	{ "　\n ", "" }, { "", "" }, { "ab", "ab" }, { "１２３　", "１２３" },
};

START_TEST(test_trim_text)
{
	char buf[64];
	size_t start;
	size_t n = txt_trim_span(trim_text_rows[_i].in, &start);
	ck_assert_uint_eq(n, strlen(trim_text_rows[_i].want));
	ck_assert_int_eq(memcmp(trim_text_rows[_i].in + start, trim_text_rows[_i].want, n), 0);
	strcpy(buf, trim_text_rows[_i].in);
	ck_assert_ptr_eq(txt_trim_text(buf), buf);
	ck_assert_str_eq(buf, trim_text_rows[_i].want);
}
END_TEST

/* The same text once folded: what an earlier version stored folded. */
static const struct { const char *a, *b; int same; } folded_rows[] = {
	{ "某某(集团)", "某某（集团）", 1 }, { "某某（集团）　", " 某某（集团）", 1 },
	{ "张 三", "张　三", 1 }, { "", "　", 1 },
	{ "某某（集团）", "某某（集团", 0 }, { "某某[集团]", "某某（集团）", 0 }, { "ab", "AB", 0 },
};

START_TEST(test_same_folded)
{
	ck_assert_int_eq(txt_same_folded(folded_rows[_i].a, folded_rows[_i].b), folded_rows[_i].same);
	ck_assert_int_eq(txt_same_folded(folded_rows[_i].b, folded_rows[_i].a), folded_rows[_i].same);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *text_suite(void); /* called by run.c */
Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_loop_test(tc, test_decode, 0, N(dec_rows));
	tcase_add_loop_test(tc, test_is_normal, 0, N(is_normal_rows));
	tcase_add_test(tc, test_decode_empty);
	tcase_add_test(tc, test_partial_character_dropped);
	tcase_add_loop_test(tc, test_encode, 0, N(enc_rows));
	tcase_add_loop_test(tc, test_valid_utf8, 0, N(utf8_rows));
	tcase_add_loop_test(tc, test_wcwidth, 0, N(wc_rows));
	tcase_add_loop_test(tc, test_width, 0, N(w_rows));
	tcase_add_loop_test(tc, test_fit, 0, N(fit_rows));
	tcase_add_loop_test(tc, test_pad, 0, N(pad_rows));
	tcase_add_loop_test(tc, test_cell, 0, N(cell_rows));
	tcase_add_loop_test(tc, test_halfwidth, 0, N(hw_rows));
	tcase_add_loop_test(tc, test_normalize, 0, N(norm_rows));
	tcase_add_loop_test(tc, test_trim, 0, N(trim_rows));
	tcase_add_loop_test(tc, test_trim_text, 0, N(trim_text_rows));
	tcase_add_loop_test(tc, test_same_folded, 0, N(folded_rows));
	suite_add_tcase(s, tc);
	return s;
}
