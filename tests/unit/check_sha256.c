/* SHA-256 against the NIST examples (FIPS 180-4 / CSRC "SHA256.pdf"). */
#include "testutil.h"
#include "desk4s/sha256.h"

START_TEST(nist_vectors)
{
	char hex[65];
	sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(m448, strlen(m448), hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

/* one million 'a', fed in uneven pieces so every buffering path runs */
START_TEST(million_a_in_pieces)
{
	char a[1000];
	memset(a, 'a', sizeof a);
	struct sha256 c;
	sha256_init(&c);
	size_t done = 0, step = 1;
	while (done < 1000000) {
		size_t n = step < 1000000 - done ? step : 1000000 - done;
		if (n > sizeof a)
			n = sizeof a;
		sha256_update(&c, a, n);
		done += n;
		step = step % 997 + 7;
	}
	unsigned char d[32];
	char hex[65];
	sha256_final(&c, d);
	sha256_tohex(d, hex);
	ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* lengths around the padding boundary (55, 56, 63, 64 bytes) agree
 * between one call and byte-by-byte feeding */
START_TEST(padding_boundaries)
{
	static const size_t lens[] = { 55, 56, 57, 63, 64, 65, 119, 120 };
	char msg[128];
	for (size_t i = 0; i < sizeof msg; i++)
		msg[i] = (char)('A' + i % 26);
	for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		char one[65], bytes[65];
		sha256_hex(msg, lens[k], one);
		struct sha256 c;
		unsigned char d[32];
		sha256_init(&c);
		for (size_t i = 0; i < lens[k]; i++)
			sha256_update(&c, msg + i, 1);
		sha256_final(&c, d);
		sha256_tohex(d, bytes);
		ck_assert_str_eq(one, bytes);
	}
	char hex[65];
	/* 448 bits + 448 bits = 112 bytes: the two-block NIST example */
	const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	                   "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	sha256_hex(m896, strlen(m896), hex);
	ck_assert_str_eq(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}
END_TEST

Suite *sha256_suite(void)
{
	Suite *s = suite_create("sha256");
	TCase *t = tcase_create("sha256");
	tcase_add_test(t, nist_vectors);
	tcase_add_test(t, million_a_in_pieces);
	tcase_add_test(t, padding_boundaries);
	suite_add_tcase(s, t);
	return s;
}
