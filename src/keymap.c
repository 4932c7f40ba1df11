/* keymap — open addressing with linear probing over (hash, id) pairs.
 * The slot of an entry comes from its stored 32-bit hash alone, so the
 * table can grow without the keys. */
#include "desk4s/keymap.h"

#include <stdlib.h>

struct kmap_slot {
	uint32_t hash;
	uint32_t id; /* 0: empty */
};

struct kmap {
	struct kmap_slot *v;
	size_t cap, n;
};

/* FNV-1a, then a 64-bit finaliser (MurmurHash3's fmix64) so that keys
 * differing only in their last digits spread over the whole table */
static uint32_t key_hash(const char *key)
{
	uint64_t h = 14695981039346656037u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return (uint32_t)h;
}

/* the hash scaled onto [0, cap): any capacity works, not only powers of two */
static size_t home(const struct kmap *m, uint32_t hash)
{
	return (size_t)(((uint64_t)hash * m->cap) >> 32);
}

static void put(struct kmap *m, uint32_t hash, uint32_t id)
{
	size_t i = home(m, hash);
	while (m->v[i].id)
		i = i + 1 == m->cap ? 0 : i + 1;
	m->v[i].hash = hash;
	m->v[i].id = id;
	m->n++;
}

static int resize(struct kmap *m, size_t cap)
{
	struct kmap_slot *v = calloc(cap, sizeof *v);
	if (!v)
		return -1;
	struct kmap_slot *old = m->v;
	size_t oldcap = m->cap;
	m->v = v;
	m->cap = cap;
	m->n = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].id)
			put(m, old[i].hash, old[i].id);
	free(old);
	return 0;
}

struct kmap *kmap_new(size_t expect)
{
	struct kmap *m = calloc(1, sizeof *m);
	/* at most 3/4 full: probes stay short with linear probing */
	if (!m || resize(m, expect / 3 * 4 + 16) != 0) {
		free(m);
		return NULL;
	}
	return m;
}

void kmap_free(struct kmap *m)
{
	if (!m)
		return;
	free(m->v);
	free(m);
}

int kmap_add(struct kmap *m, const char *key, uint32_t id)
{
	if (id == 0)
		return -1;
	if ((m->n + 1) * 4 > m->cap * 3 && resize(m, m->cap / 2 * 3 + 16) != 0)
		return -1;
	put(m, key_hash(key), id);
	return 0;
}

size_t kmap_count(const struct kmap *m)
{
	return m->n;
}

void kmap_find(const struct kmap *m, const char *key, struct kmap_iter *it)
{
	it->hash = key_hash(key);
	it->slot = home(m, it->hash);
}

uint32_t kmap_next(const struct kmap *m, struct kmap_iter *it)
{
	/* every entry of this hash lies between its home slot and the next
	 * empty one */
	while (m->v[it->slot].id) {
		const struct kmap_slot *s = &m->v[it->slot];
		it->slot = it->slot + 1 == m->cap ? 0 : it->slot + 1;
		if (s->hash == it->hash)
			return s->id;
	}
	return 0;
}
