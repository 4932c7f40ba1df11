/* keymap — text keys to 32-bit ids in memory, for a bulk load's duplicate
 * probes once the index that served them is set aside.  Pure.
 *
 * A slot keeps 32 bits of the key's hash and the id, not the key: 8 bytes
 * per entry, so a million mobiles take about 11 MB.  A lookup therefore
 * yields candidates; the caller confirms each against the stored row.
 * One key may map to several ids (a family sharing a mobile). */
#ifndef DESK4S_KEYMAP_H
#define DESK4S_KEYMAP_H
#include <stddef.h>
#include <stdint.h>

struct kmap;

/* A map sized for `expect` entries (it grows past that); NULL when out of
 * memory. */
struct kmap *kmap_new(size_t expect);
void kmap_free(struct kmap *m);
/* Adds key → id (id > 0).  0, or -1 when out of memory (the map is then
 * unchanged). */
int kmap_add(struct kmap *m, const char *key, uint32_t id);
size_t kmap_count(const struct kmap *m);

/* The ids that may belong to key, in no particular order:
 *   struct kmap_iter it; kmap_find(m, key, &it);
 *   for (uint32_t id; (id = kmap_next(m, &it)) != 0; ) ... */
struct kmap_iter {
	uint32_t hash;
	size_t slot;
};
void kmap_find(const struct kmap *m, const char *key, struct kmap_iter *it);
uint32_t kmap_next(const struct kmap *m, struct kmap_iter *it);
#endif
