/* oserr — what the operating system said, in the user's language: the
 * C library's own texts are English under the only UTF-8 locale a shop's
 * host may have (C.UTF-8). */
#ifndef DESK4S_OSERR_H
#define DESK4S_OSERR_H
#include <stddef.h>
#include <sys/types.h>

/* The reason for errno value e, in Chinese for the errors staff meet
 * (a missing file, a permission, a full disk, …), else strerror's text. */
const char *oserr_text(int e);
/* An account's login for a message (whose file, whose link), or its
 * number when it has none. */
void oserr_account(uid_t uid, char *out, size_t outsz);
#endif
