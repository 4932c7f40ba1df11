/* The reader thread's hand-over: every slot reaches the consumer once and
 * in order, and a stop from either side ends the other's wait. */
#include "testutil.h"
#include "desk4s/ring.h"

#include <pthread.h>

enum { SLOTS = 4, COUNT = 100000 };

struct feed {
	struct ring *ring;
	long items[SLOTS];
	long sent;      /* how many the producer published */
	long stop_after; /* the producer stops the ring after this many; 0: never */
};

static void *produce(void *v)
{
	struct feed *f = v;
	for (long n = 1; n <= COUNT; n++) {
		long i = ring_claim(f->ring);
		if (i < 0)
			break;
		f->items[i] = n;
		ring_publish(f->ring);
		f->sent = n;
		if (n == f->stop_after) {
			ring_stop(f->ring);
			break;
		}
	}
	return NULL;
}

START_TEST(every_slot_once_in_order)
{
	struct feed f = { .ring = ring_new(SLOTS) };
	ck_assert_ptr_nonnull(f.ring);
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, produce, &f), 0);
	long want = 1;
	while (want <= COUNT) {
		long i = ring_take(f.ring);
		ck_assert_int_ge(i, 0);
		ck_assert_int_lt(i, SLOTS);
		ck_assert_int_eq(f.items[i], want);
		f.items[i] = -1; /* a slot handed over twice would show it */
		ring_release(f.ring);
		want++;
	}
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_int_eq(f.sent, COUNT);
	ring_free(f.ring);
}
END_TEST

/* the consumer gives up half way: the producer, waiting for a free slot,
 * is woken and told to stop instead of waiting for ever */
START_TEST(consumer_stop_wakes_the_producer)
{
	struct feed f = { .ring = ring_new(SLOTS) };
	ck_assert_ptr_nonnull(f.ring);
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, produce, &f), 0);
	for (long want = 1; want <= 1000; want++) {
		long i = ring_take(f.ring);
		ck_assert_int_ge(i, 0);
		ck_assert_int_eq(f.items[i], want);
		ring_release(f.ring);
	}
	ring_stop(f.ring);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	/* the producer got at most a ring's worth ahead */
	ck_assert_int_le(f.sent, 1000 + SLOTS);
	ck_assert_int_lt(f.sent, COUNT);
	ck_assert_int_eq(ring_claim(f.ring), -1);
	ring_free(f.ring);
}
END_TEST

/* the producer stops after three: the consumer still gets those three,
 * then -1 instead of a wait */
START_TEST(producer_stop_leaves_published_slots)
{
	struct feed f = { .ring = ring_new(SLOTS), .stop_after = 3 };
	ck_assert_ptr_nonnull(f.ring);
	pthread_t t;
	ck_assert_int_eq(pthread_create(&t, NULL, produce, &f), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	for (long want = 1; want <= 3; want++) {
		long i = ring_take(f.ring);
		ck_assert_int_ge(i, 0);
		ck_assert_int_eq(f.items[i], want);
		ring_release(f.ring);
	}
	ck_assert_int_eq(ring_take(f.ring), -1);
	ring_free(f.ring);
}
END_TEST

START_TEST(no_ring_of_nothing)
{
	ck_assert_ptr_null(ring_new(0));
}
END_TEST

Suite *ring_suite(void)
{
	Suite *s = suite_create("ring");
	TCase *t = tcase_create("ring");
	tcase_add_test(t, every_slot_once_in_order);
	tcase_add_test(t, consumer_stop_wakes_the_producer);
	tcase_add_test(t, producer_stop_leaves_published_slots);
	tcase_add_test(t, no_ring_of_nothing);
	suite_add_tcase(s, t);
	return s;
}
