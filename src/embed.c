/* embed — lookup over the generated table of compiled-in files. */
#include <string.h>
#include "desk4s/embed.h"

const struct emb_file *emb_find(const char *name)
{
	size_t n;
	const struct emb_file *f = emb_all(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return &f[i];
	return NULL;
}
