/* ring — a bounded queue of slots between one producer thread and one
 * consumer thread, taken in the order they were filled.  The slots
 * themselves (their contents) belong to the caller: the ring hands out
 * indexes 0..n-1, so the caller keeps an array of n items beside it.
 *
 *   producer:  i = ring_claim(r)  fill item i   ring_publish(r)
 *   consumer:  i = ring_take(r)   use item i    ring_release(r)
 *
 * Either side may call ring_stop: the other's blocking call then returns
 * -1 instead of waiting (a consumer still gets the slots already
 * published).  Memory written to an item before ring_publish is visible to
 * the consumer after ring_take, and the same for ring_release/ring_claim. */
#ifndef DESK4S_RING_H
#define DESK4S_RING_H
#include <stddef.h>

struct ring;

/* A ring of n slots (n >= 1); NULL when out of memory or the thread
 * primitives cannot be made. */
struct ring *ring_new(size_t n);
void ring_free(struct ring *r);

/* The next empty slot, waiting for one; -1 once the ring is stopped. */
long ring_claim(struct ring *r);
/* Hands the slot of the last ring_claim to the consumer. */
void ring_publish(struct ring *r);
/* The oldest filled slot, waiting for one; -1 once the ring is stopped
 * and no filled slot is left. */
long ring_take(struct ring *r);
/* Gives the slot of the last ring_take back to the producer. */
void ring_release(struct ring *r);
/* Wakes both sides for good. */
void ring_stop(struct ring *r);
#endif
