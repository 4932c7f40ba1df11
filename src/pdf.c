/* pdf — geometry first (every row is one line, ellipsized, so the rows
 * per page and hence the page count are known before drawing), then one
 * pass drawing page after page. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include "desk4s/oserr.h"
#include "desk4s/pdf.h"
#include "desk4s/text.h"

/* A4 landscape in points; portrait would leave 事由 about 16 characters */
#define PAGE_W 841.89
#define PAGE_H 595.28
#define MARGIN 36.0
#define TITLE_H 26.0   /* the title line */
#define SUB_H 18.0     /* range, shop, generation time */
#define HEAD_GAP 6.0
#define ROW_H 16.0
#define FOOT_H 20.0    /* page number band above the bottom margin */
#define PAD 4.0        /* each side of a cell */
#define REASON_MIN 150.0

/* Widest each column may grow, in points, before its text is ellipsized;
 * 事由 takes what is left of the line. */
static const double col_cap[RPT_NCOLS] = { 62, 64, 62, 100, 120, 80, 72, 70, 0 };

/* A laid-out text kept for its next use.  Most cells of a long list come
 * from small sets (dates, kinds, staff, the common reasons) and shaping is
 * most of the work, so a repeated cell reuses its layout as it was. */
struct pdf_slot {
	PangoLayout *lay;                   /* NULL until the slot is first used */
	char *text;                         /* as asked, before txt_pad */
	const PangoFontDescription *font;
	int width;                          /* pango units, -1: no limit */
};
/* Direct-mapped: a miss replaces the slot's text, so memory stays bounded
 * however many different reasons a list has. */
enum { PDF_SLOTS = 1024 };

/* The characters of customer numbers and mobiles (C00012345,
 * A20260724-0064, 138****5678).  Lower case is left out: the font joins
 * "ff" (found by ascii_probe). */
static const char ascii_set[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-*";
enum { ASCII_N = sizeof ascii_set - 1 };

struct pdf {
	cairo_t *cr;
	PangoContext *pc;
	PangoAttrList *attrs;
	PangoLayout *lay;                   /* cells that rarely repeat */
	struct pdf_slot *slot;              /* PDF_SLOTS of them, or NULL */
	PangoFontDescription *body, *bold, *title, *small;
	/* widths of ascii_set's characters in the body font, pango units;
	 * ascii 1 once they are known to add up, -1 when not (ascii_probe) */
	int adv[ASCII_N];
	int ascii;
	double x[RPT_NCOLS + 1];   /* column edges */
	int page, pages;
	const struct rpt_meta *m;
	struct timespec started, shown; /* progress: when the work began, last line */
	int said;                       /* a progress line is on the terminal */
};

static long ms_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t->tv_sec) * 1000 + (now.tv_nsec - t->tv_nsec) / 1000000;
}

/* A month at a large shop is thousands of pages and a minute of layout:
 * say how far it got, redrawn in place, once the work has taken a while. */
static void progress(struct pdf *p, int pages, long done, long total)
{
	const struct rpt_meta *m = p->m;
	long every = m->progress_ms > 0 ? m->progress_ms : 1000;
	if (!m->progress || ms_since(p->said ? &p->shown : &p->started) < every)
		return;
	/* measuring the columns comes first (how many there are is known at
	 * its end), then the pages */
	if (pages)
		fprintf(m->progress, "\r正在生成 PDF：第 %ld / %ld 页    ", done, total);
	else
		fprintf(m->progress, "\r正在排版 PDF：已读 %ld 条", done);
	fflush(m->progress);
	clock_gettime(CLOCK_MONOTONIC, &p->shown);
	p->said = 1;
}

static int stopped(const struct pdf *p)
{
	return p->m->stop && *p->m->stop;
}

/* Where the PDF goes, and the first write that failed (its errno): Cairo's
 * status after finishing does not carry a write error its output stream
 * met (a full disk), so it is kept here. */
struct sink {
	FILE *f;
	int failed;
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct sink *k = closure;
	if (fwrite(data, 1, len, k->f) == len)
		return CAIRO_STATUS_SUCCESS;
	if (!k->failed)
		k->failed = errno ? errno : EIO;
	return CAIRO_STATUS_WRITE_ERROR;
}

static PangoLayout *layout_new(struct pdf *p)
{
	PangoLayout *l = pango_layout_new(p->pc);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_single_paragraph_mode(l, TRUE);
	pango_layout_set_attributes(l, p->attrs);
	return l;
}

/* Pango insists on valid UTF-8; txt_pad turns malformed bytes into U+FFFD. */
static void set_text(PangoLayout *l, const char *s, const PangoFontDescription *font, int width)
{
	char buf[1100];
	txt_pad(buf, sizeof buf, s, 1 << 20, 0);
	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, width);
	pango_layout_set_text(l, buf, -1);
}

static size_t slot_of(const char *s, const PangoFontDescription *font, int width)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h = (h ^ (uint32_t)((uintptr_t)font >> 4)) * 16777619u;
	h = (h ^ (uint32_t)width) * 16777619u;
	return h % PDF_SLOTS;
}

/* s laid out in font, ellipsized at width points (<= 0: no limit): kept in
 * the cache when keep, else in the one scratch layout (a cell that seldom
 * repeats would only push out one that does). */
static PangoLayout *layout_of(struct pdf *p, const char *s, const PangoFontDescription *font, double width,
                              int keep)
{
	int w = width > 0 ? (int)(width * PANGO_SCALE) : -1;
	struct pdf_slot *e = keep && p->slot ? &p->slot[slot_of(s, font, w)] : NULL;
	if (e && e->lay && e->font == font && e->width == w && strcmp(e->text, s) == 0)
		return e->lay;
	char *copy = e ? strdup(s) : NULL;
	if (!copy) {
		set_text(p->lay, s, font, w);
		return p->lay;
	}
	free(e->text);
	e->text = copy;
	e->font = font;
	e->width = w;
	if (!e->lay)
		e->lay = layout_new(p);
	set_text(e->lay, s, font, w);
	return e->lay;
}

static int units_wide(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return w;
}

static double text_width(struct pdf *p, const char *s, const PangoFontDescription *font, int keep)
{
	return (double)units_wide(layout_of(p, s, font, -1, keep)) / PANGO_SCALE;
}

/* Whether ascii_set's characters simply add up in the body font: each as
 * wide in any neighbour's company as alone, no ligature (the half-width
 * forms of a CJK font).  Then the cells unique to each row are measured by
 * a sum instead of being shaped.  Every ordered pair is laid out once and
 * each character's width in it compared. */
static void ascii_probe(struct pdf *p)
{
	char one[2] = "", pairs[2 * ASCII_N * ASCII_N + 1], *q = pairs;
	for (int a = 0; a < ASCII_N; a++) {
		one[0] = ascii_set[a];
		p->adv[a] = units_wide(layout_of(p, one, p->body, -1, 0));
		for (int b = 0; b < ASCII_N; b++) {
			*q++ = ascii_set[a];
			*q++ = ascii_set[b];
		}
	}
	*q = 0;
	/* longer than set_text takes, and valid UTF-8 already */
	pango_layout_set_font_description(p->lay, p->body);
	pango_layout_set_width(p->lay, -1);
	pango_layout_set_text(p->lay, pairs, -1);
	PangoLayoutIter *it = pango_layout_get_iter(p->lay);
	int i = 0, ok = 1;
	do {
		PangoRectangle r;
		pango_layout_iter_get_cluster_extents(it, NULL, &r);
		ok = pango_layout_iter_get_index(it) == i &&
		     r.width == p->adv[strchr(ascii_set, pairs[i]) - ascii_set];
		i++;
	} while (ok && pango_layout_iter_next_cluster(it));
	pango_layout_iter_free(it);
	p->ascii = ok && i == q - pairs ? 1 : -1;
}

/* The width of s by sum, when s is made of ascii_set and that adds up;
 * 0 when it has to be measured. */
static int ascii_width(struct pdf *p, const char *s, double *w)
{
	if (p->ascii == 0)
		ascii_probe(p);
	if (p->ascii < 0 || !*s)
		return 0;
	int sum = 0;
	for (; *s; s++) {
		const char *at = strchr(ascii_set, *s);
		if (!at)
			return 0;
		sum += p->adv[at - ascii_set];
	}
	*w = (double)sum / PANGO_SCALE;
	return 1;
}

/* Draw s in [x, x+width) with its line box centred in a band of height h. */
static void draw(struct pdf *p, const char *s, const PangoFontDescription *font, double x, double y,
                 double width, double h, int keep)
{
	int w, th;
	PangoLayout *l = layout_of(p, s, font, width, keep);
	pango_layout_get_size(l, &w, &th);
	cairo_move_to(p->cr, x, y + (h - (double)th / PANGO_SCALE) / 2);
	pango_cairo_show_layout(p->cr, l);
}

/* Columns whose cells come from small sets (dates, days, kinds, staff,
 * reasons with their dates): worth keeping laid out. */
static int repeats(int col)
{
	return col == RPT_DUE || col == RPT_OVERDUE || col == RPT_KIND || col == RPT_STAFF || col == RPT_REASON;
}

static void rule(struct pdf *p, double y, double width, double grey)
{
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, MARGIN, y);
	cairo_line_to(p->cr, PAGE_W - MARGIN, y);
	cairo_stroke(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

/* The first pass over the tasks: the widest cell of each column (a
 * column whose widest cell reaches its cap is done: one long company name
 * ends the measuring of names), and how many tasks, how many overdue. */
struct measure {
	struct pdf *p;
	double w[RPT_NCOLS];
	size_t n, late;
};

static int measure_task(const struct due_task *t, void *ctx)
{
	struct measure *ms = ctx;
	struct pdf *p = ms->p;
	char cell[512];
	if (stopped(p))
		return 1;
	if (ms->n % 256 == 0)
		progress(p, 0, (long)ms->n, 0);
	for (int c = 0; c < RPT_NCOLS - 1; c++) {
		if (ms->w[c] + 2 * PAD >= col_cap[c])
			continue;
		rpt_cell(t, c, cell, sizeof cell);
		double cw;
		if (c == RPT_OVERDUE || !ascii_width(p, cell, &cw))
			cw = text_width(p, cell, c == RPT_OVERDUE ? p->bold : p->body, repeats(c) || !*cell);
		if (cw > ms->w[c])
			ms->w[c] = cw;
	}
	ms->n++;
	ms->late += t->overdue_days > 0;
	return 0;
}

/* Column edges from the measured widths, capped. */
static void columns(struct pdf *p, struct measure *ms)
{
	double used = 0, w[RPT_NCOLS];
	for (int c = 0; c < RPT_NCOLS - 1; c++) {
		w[c] = ms->w[c] + 2 * PAD;
		if (w[c] > col_cap[c])
			w[c] = col_cap[c];
		used += w[c];
	}
	double room = PAGE_W - 2 * MARGIN;
	/* the caps are chosen so that this holds; shrink evenly if not */
	double scale = used + REASON_MIN > room ? (room - REASON_MIN) / used : 1;
	p->x[0] = MARGIN;
	for (int c = 0; c < RPT_NCOLS - 1; c++)
		p->x[c + 1] = p->x[c] + w[c] * scale;
	p->x[RPT_NCOLS] = PAGE_W - MARGIN;
}

/* Title block and column headings; returns the y below them. */
static double page_head(struct pdf *p)
{
	char line[512];
	double y = MARGIN;
	rpt_title(p->m, line, sizeof line);
	draw(p, line, p->title, MARGIN, y, -1, TITLE_H, 1);
	y += TITLE_H;
	snprintf(line, sizeof line, "门店：%s　　日期：%s 至 %s　　%s%s生成时间：%.16s", p->m->shop, p->m->from,
	         p->m->to, p->m->filter, *p->m->filter ? "　　" : "", p->m->generated);
	draw(p, line, p->body, MARGIN, y, PAGE_W - 2 * MARGIN, SUB_H, 1);
	y += SUB_H + HEAD_GAP;
	rule(p, y, 0.8, 0);
	for (int c = 0; c < RPT_NCOLS; c++)
		draw(p, rpt_heading(c), p->bold, p->x[c] + PAD, y, p->x[c + 1] - p->x[c] - 2 * PAD, ROW_H, 1);
	y += ROW_H;
	rule(p, y, 0.8, 0);
	return y;
}

static void page_foot(struct pdf *p)
{
	char line[64];
	snprintf(line, sizeof line, "第 %d 页 / 共 %d 页", p->page, p->pages);
	double w = text_width(p, line, p->small, 0);
	draw(p, line, p->small, (PAGE_W - w) / 2, PAGE_H - MARGIN - FOOT_H / 2, -1, FOOT_H, 0);
}

/* The second pass: rows drawn as they come, a page shown when full. */
struct drawing {
	struct pdf *p;
	int per_page, row; /* rows on a page, rows on this one */
	double y;
	size_t i, n;       /* drawn; listed by the first pass */
};

static void page_start(struct drawing *d)
{
	progress(d->p, 1, d->p->page, d->p->pages);
	d->y = page_head(d->p);
}

static void page_end(struct drawing *d)
{
	page_foot(d->p);
	cairo_show_page(d->p->cr);
	d->p->page++;
	d->row = 0;
}

static int draw_task(const struct due_task *t, void *ctx)
{
	struct drawing *d = ctx;
	struct pdf *p = d->p;
	/* a list grown since the first pass would outrun the page count
	 * (cli_due reads both passes from one snapshot) */
	if (stopped(p) || d->i == d->n)
		return 1;
	if (d->row == 0)
		page_start(d);
	char cell[512];
	for (int c = 0; c < RPT_NCOLS; c++) {
		rpt_cell(t, c, cell, sizeof cell);
		draw(p, cell, c == RPT_OVERDUE ? p->bold : p->body, p->x[c] + PAD, d->y, p->x[c + 1] - p->x[c] - 2 * PAD,
		     ROW_H, repeats(c) || !*cell);
	}
	d->y += ROW_H;
	rule(p, d->y, 0.3, 0.6);
	d->i++;
	if (++d->row == d->per_page)
		page_end(d);
	return 0;
}

/* A list in memory as a source for pdf_due_from. */
struct array {
	const struct due_task *t;
	size_t n;
};

static long array_list(void *src, due_fn fn, void *ctx, char *err, size_t errsz)
{
	(void)err;
	(void)errsz;
	const struct array *a = src;
	size_t i = 0;
	while (i < a->n && !fn(&a->t[i], ctx))
		i++;
	return (long)i;
}

int pdf_due(FILE *out, const struct rpt_meta *m, const struct due_task *t, size_t n,
            char *err, size_t errsz)
{
	struct array a = { t, n };
	return pdf_due_from(out, m, array_list, &a, err, errsz);
}

int pdf_due_from(FILE *out, const struct rpt_meta *m, pdf_source list, void *src, char *err,
                 size_t errsz)
{
	struct sink sink = { out, 0 };
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(write_out, &sink, PAGE_W, PAGE_H);
	char title[256];
	rpt_title(m, title, sizeof title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "desk4s");
	struct pdf p = { .cr = cairo_create(surf), .m = m };
	clock_gettime(CLOCK_MONOTONIC, &p.started);
	/* a private font map, released below, so nothing outlives the call */
	PangoFontMap *fm = pango_cairo_font_map_new();
	p.pc = pango_font_map_create_context(fm);
	pango_cairo_context_set_resolution(p.pc, 72); /* font sizes in PDF points */
	pango_cairo_update_context(p.cr, p.pc);
	/* Half-width forms for ASCII everywhere: the same digit glyphs whether
	 * a run is shaped as Latin ("C2026…") or as Han ("日期：2026…"), so
	 * digits line up in columns, and a print path that converts the PDF to
	 * PostScript and back (CUPS with cups-pdf) keeps one name per glyph
	 * and hence the right text; otherwise "2" had two glyphs and lost its
	 * meaning there. */
	p.attrs = pango_attr_list_new();
	pango_attr_list_insert(p.attrs, pango_attr_font_features_new("hwid=1"));
	p.lay = layout_new(&p);
	/* without room for the cache every cell is laid out afresh */
	p.slot = calloc(PDF_SLOTS, sizeof *p.slot);
	p.body = pango_font_description_from_string(PDF_FONT " 9");
	p.bold = pango_font_description_from_string(PDF_FONT " Bold 9");
	p.title = pango_font_description_from_string(PDF_FONT " Bold 16");
	p.small = pango_font_description_from_string(PDF_FONT " 8");

	/* Without a CJK font every heading would print as boxes: refuse then.
	 * (A rare character in one name is not worth refusing the list for.) */
	set_text(p.lay, "回访到期清单应日客户手机车牌负责人事由第页共条逾期天", p.body, -1);
	int unknown = pango_layout_get_unknown_glyphs_count(p.lay);
	/* two passes over the list, not the list in memory: a month at a large
	 * shop is a quarter of a million tasks (128 MB held) */
	struct measure ms = { .p = &p };
	for (int c = 0; c < RPT_NCOLS - 1; c++)
		ms.w[c] = text_width(&p, rpt_heading(c), p.bold, 1);
	int rc = 0, failed = 0;
	if (unknown == 0 && list(src, measure_task, &ms, err, errsz) < 0)
		failed = 1;
	columns(&p, &ms);
	double body_h = PAGE_H - 2 * MARGIN - FOOT_H - TITLE_H - SUB_H - HEAD_GAP - ROW_H;
	struct drawing d = { .p = &p, .per_page = (int)(body_h / ROW_H), .n = ms.n };
	/* the count line after the last row needs a row of its own */
	p.pages = (int)((ms.n + 1 + (size_t)d.per_page - 1) / (size_t)d.per_page);
	p.page = 1;
	if (unknown == 0 && !failed && !stopped(&p) && list(src, draw_task, &d, err, errsz) < 0)
		failed = 1;
	if (unknown == 0 && !failed && !stopped(&p)) {
		if (d.row == 0)
			page_start(&d);
		char line[128];
		rpt_count_line(ms.n, ms.late, line, sizeof line);
		draw(&p, ms.n ? line : "没有到期的回访任务", p.body, MARGIN + PAD, d.y, -1, ROW_H, 0);
		page_end(&d);
	}
	if (p.said) {
		fputc('\n', m->progress);
		fflush(m->progress);
	}
	if (failed) {
		rc = -1; /* err says why the list could not be read */
	} else if (stopped(&p)) {
		snprintf(err, errsz, "生成 PDF 已中断");
		rc = -1;
	} else if (unknown != 0) {
		snprintf(err, errsz, "没有能显示中文的字体（需要 %s）：请安装 fonts-noto-cjk", PDF_FONT);
		rc = -1;
	}
	pango_font_description_free(p.body);
	pango_font_description_free(p.bold);
	pango_font_description_free(p.title);
	pango_font_description_free(p.small);
	for (size_t i = 0; p.slot && i < PDF_SLOTS; i++) {
		if (p.slot[i].lay)
			g_object_unref(p.slot[i].lay);
		free(p.slot[i].text);
	}
	free(p.slot);
	g_object_unref(p.lay);
	pango_attr_list_unref(p.attrs);
	g_object_unref(p.pc);
	g_object_unref(fm);
	cairo_destroy(p.cr);
	cairo_surface_finish(surf);
	cairo_status_t st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	/* Nothing of Cairo's or fontconfig's is alive now: drop their caches, so
	 * that a leak checker sees only our own memory (a later call reloads).
	 * Not after a stop: stopped before the first row is drawn, Pango's own
	 * font thread can still hold fonts, and Cairo then aborts on a cache
	 * not yet empty (seen about one stop in two); the program ends next. */
	if (!stopped(&p)) {
		cairo_debug_reset_static_data();
		FcFini();
	}
	if (rc == 0 && (sink.failed || ferror(out))) {
		snprintf(err, errsz, "生成 PDF 失败：写出时出错：%s", oserr_text(sink.failed ? sink.failed : EIO));
		rc = -1;
	} else if (rc == 0 && st != CAIRO_STATUS_SUCCESS) {
		snprintf(err, errsz, "生成 PDF 失败：%s%s%s", cairo_status_to_string(st),
		         st == CAIRO_STATUS_WRITE_ERROR ? "：" : "", st == CAIRO_STATUS_WRITE_ERROR ? oserr_text(errno) : "");
		rc = -1;
	}
	return rc;
}
