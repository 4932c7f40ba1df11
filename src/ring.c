/* ring — one mutex and two condition variables: the slots are few and
 * each carries a whole CSV row's work, so a lock per hand-over costs
 * nothing next to what is handed over. */
#include <pthread.h>
#include <stdlib.h>
#include "desk4s/ring.h"

struct ring {
	pthread_mutex_t mu;
	pthread_cond_t filled;   /* signalled when a slot is published */
	pthread_cond_t emptied;  /* signalled when a slot is released */
	size_t n;
	/* only the producer moves head and only the consumer tail, so the
	 * slot each side holds is always head % n and tail % n */
	size_t head;             /* slots published so far */
	size_t tail;             /* slots released so far */
	int stopped;
};

struct ring *ring_new(size_t n)
{
	if (n == 0)
		return NULL;
	struct ring *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->n = n;
	if (pthread_mutex_init(&r->mu, NULL) != 0) {
		free(r);
		return NULL;
	}
	if (pthread_cond_init(&r->filled, NULL) != 0) {
		pthread_mutex_destroy(&r->mu);
		free(r);
		return NULL;
	}
	if (pthread_cond_init(&r->emptied, NULL) != 0) {
		pthread_cond_destroy(&r->filled);
		pthread_mutex_destroy(&r->mu);
		free(r);
		return NULL;
	}
	return r;
}

void ring_free(struct ring *r)
{
	if (!r)
		return;
	pthread_cond_destroy(&r->emptied);
	pthread_cond_destroy(&r->filled);
	pthread_mutex_destroy(&r->mu);
	free(r);
}

long ring_claim(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	while (!r->stopped && r->head - r->tail == r->n)
		pthread_cond_wait(&r->emptied, &r->mu);
	long i = r->stopped ? -1 : (long)(r->head % r->n);
	pthread_mutex_unlock(&r->mu);
	return i;
}

void ring_publish(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->head++;
	pthread_cond_signal(&r->filled);
	pthread_mutex_unlock(&r->mu);
}

long ring_take(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	while (!r->stopped && r->head == r->tail)
		pthread_cond_wait(&r->filled, &r->mu);
	long i = r->head == r->tail ? -1 : (long)(r->tail % r->n);
	pthread_mutex_unlock(&r->mu);
	return i;
}

void ring_release(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->tail++;
	pthread_cond_signal(&r->emptied);
	pthread_mutex_unlock(&r->mu);
}

void ring_stop(struct ring *r)
{
	pthread_mutex_lock(&r->mu);
	r->stopped = 1;
	pthread_cond_broadcast(&r->filled);
	pthread_cond_broadcast(&r->emptied);
	pthread_mutex_unlock(&r->mu);
}
