/* ui_screen — the terminal itself: start and stop curses (on a terminal or
 * headless for key scripts), clipped drawing of UTF-8 text by display width,
 * and the text dump of the screen that the tests compare.
 * Everything is drawn on stdscr so that a dump sees exactly what is shown. */
#ifndef DESK4S_UI_SCREEN_H
#define DESK4S_UI_SCREEN_H
#include <stddef.h>
#include <curses.h>

#define UIS_MIN_COLS 80
#define UIS_MIN_LINES 24

/* Colour pairs (plain attributes when the terminal has no colours). */
enum uis_style { UIS_PLAIN, UIS_TITLE, UIS_REQUIRED, UIS_IMPORTANT, UIS_ERROR,
                 UIS_STATUS, UIS_SELECT, UIS_HINT, UIS_OK };

/* Start curses; headless draws into memory only (output /dev/null) and
 * honours LINES/COLUMNS.  Returns 0, or -1 with a Chinese message in err. */
int uis_start(int headless, char *err, size_t errsz);
/* Leave curses and free the screen; safe to call twice. */
void uis_stop(void);
/* Only endwin: for signal handlers and atexit. */
void uis_restore(void);
int uis_active(void);

int uis_too_small(void);
/* The notice shown instead of any screen while the terminal is too small. */
void uis_draw_too_small(void);

attr_t uis_attr(enum uis_style s);
/* Draw s at (y, x), never past maxw cells nor the right edge, never splitting
 * a wide character; non-printables become U+FFFD.  maxw < 0: to the edge.
 * Returns the cells drawn. */
int uis_put(int y, int x, int maxw, const char *s, attr_t a);
/* Like uis_put, then blanks up to exactly w cells. */
void uis_putpad(int y, int x, int w, const char *s, attr_t a);
/* A box with an optional title in the top edge. */
void uis_box(int y, int x, int h, int w, const char *title, attr_t a);
void uis_hline(int y, int x, int w, attr_t a);
void uis_clear_rect(int y, int x, int h, int w);

/* What is behind a box drawn over a screen (a pick list).  Each time a
 * screen is drawn it registers how: its frame (uia_frame), then what is
 * inside it (a sheet, ui_form), each with the rows it was given; a box
 * calls uis_redraw_behind after a resize, so the screen is drawn anew at
 * the new size instead of left blank.  Registering a frame drops the body
 * of the one before; what registers during uis_redraw_behind is ignored. */
struct uis_behind {
	int (*frame)(void *ctx, int *top, int *height); /* 0, or -1: too small */
	void *frame_ctx;
	int top, height;                                 /* the rows the frame left */
	void (*body)(void *ctx, int top, int height);
	void *body_ctx;
	int body_dtop, body_dh;                          /* its rows, relative to those */
};
void uis_behind_frame(int (*draw)(void *ctx, int *top, int *height), void *ctx, int top,
                      int height);
void uis_behind_body(void (*draw)(void *ctx, int top, int height), void *ctx, int top,
                     int height);
/* ctx is going away (a sheet freed): never draw it again. */
void uis_behind_forget(void *ctx);
/* Erase and draw what is registered; erase only when nothing is. */
void uis_redraw_behind(void);
/* For a screen drawn over another and then gone (the help screen). */
void uis_behind_save(struct uis_behind *b);
void uis_behind_restore(const struct uis_behind *b);

/* Append the screen as text to path: one line per row, trailing blanks
 * removed, then a line "----".  Returns 0 or -1. */
int uis_dump(const char *path);
/* Append where the cursor is, as a screen of one line "cursor ROW,COL"
 * (0-based; COL in cells), then "----": a dump cannot show it. */
int uis_dump_cursor(const char *path);
#endif
