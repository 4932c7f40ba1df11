/* ui_field — the single-line editor used by every text entry.  Written for
 * Chinese: it edits whole characters, measures in display cells, and
 * scrolls instead of ever drawing past its box or splitting a wide
 * character (NCURSES-CJK.md items 6-9). */
#ifndef DESK4S_UI_FIELD_H
#define DESK4S_UI_FIELD_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/ui_keys.h"

/* The most any entry holds: a multi-line field's 4000 characters at four
 * bytes each (rules_max_bytes); a stored value longer than its entry
 * would be cut, and the cut saved at the first keystroke in it. */
#define UIF_MAX 16000

/* How typed full-width forms are folded to ASCII: every full-width ASCII
 * character (codes, numbers, dates), or digits and letters only (free text,
 * where Chinese punctuation belongs). */
enum uif_fold { UIF_FOLD_ALL, UIF_FOLD_ALNUM };

struct uif_edit {
	char buf[UIF_MAX + 1]; /* UTF-8 */
	size_t len, cur;       /* bytes; cur is always on a character boundary */
	size_t scroll;         /* first byte shown */
	size_t max;            /* byte limit (<= UIF_MAX) */
	enum uif_fold fold;
};

void uif_init(struct uif_edit *e, size_t max, enum uif_fold fold);
/* Replace the text (cut at a character boundary when too long); cursor to the end. */
void uif_set(struct uif_edit *e, const char *s);
/* Apply an editing request or insert ch (req == UIR_NONE).  Returns 1 when
 * the text changed, 0 when only the cursor moved or nothing happened, -1
 * when refused (too long, a control character). */
int uif_key(struct uif_edit *e, enum uik_req req, uint32_t ch);
/* Draw as "[text]" over w + 2 cells at (y, x); '<' or '>' replace a bracket
 * when text is hidden on that side.  An unfocused entry shows its start; a
 * focused one shows text that fits whole and scrolls longer text to keep
 * the cursor inside.  Returns the screen column of the cursor, always one
 * of the w cells inside the brackets (on the last character when the text
 * fills them exactly). */
int uif_draw(struct uif_edit *e, int y, int x, int w, int focused, unsigned attr);
/* The rows of w cells the text wraps into (a line break starts a row). */
int uif_rows(const struct uif_edit *e, int w);
/* A long text being written (沟通概况, 访问记录): drawn wrapped as rows of
 * "[…]" of w cells from (y, x), at most `rows`, scrolled by whole rows to
 * keep the cursor's row in view; '<' on the first row and '>' on the last
 * say rows are hidden above and below.  The cursor's screen position goes
 * to *cy, *cx. */
void uif_draw_rows(struct uif_edit *e, int y, int x, int w, int rows, unsigned attr, int *cy, int *cx);
#endif
