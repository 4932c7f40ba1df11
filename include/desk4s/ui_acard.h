/* ui_acard — A卡: the card sheet with its 访问记录, follow-up records, the
 * manager's review, closing as 成交 (into the customer registration through
 * 潜客编号) or 战败; a consultant's own cards and the manager's overview,
 * both paged so tens of thousands of cards scroll. */
#ifndef DESK4S_UI_ACARD_H
#define DESK4S_UI_ACARD_H
#include <stdint.h>
#include "desk4s/draft.h"
#include "desk4s/ui_app.h"

/* The session's own cards by next follow-up date, overdue first (menu 3). */
void uiac_run_mine(struct uia *a);
/* All cards by consultant and level with counts, and those awaiting review. */
void uiac_run_manager(struct uia *a);
/* The card sheet: card id, or 0 for a new card — from entry visit_id when
 * that is not 0 (its data carried over).  Returns the card's id once stored,
 * 0 when none was. */
int64_t uiac_card(struct uia *a, int64_t id, int64_t visit_id);
/* The stored card id with its 访问记录 sheet open at once: the due list's
 * A卡回访 is done by writing the record, which moves the card's level and
 * next date (and so the task) as F5 on the card does.  1 when one was
 * written (the card then closes); Esc leaves the card open until Esc. */
int uiac_card_followup(struct uia *a, int64_t id);
/* The due list's 改期 of an A卡回访: the card's own 下次回访计划 moves (as
 * the card's consultant or a manager, logged as a change of the card), so
 * the card and the list never disagree.  1 when moved; else said why. */
int uiac_reschedule(struct uia *a, int64_t id, const char *date);
/* The card sheet opened from draft d (ui_draft): the stored card
 * d->record_id, or a new one (from the walk-in entry d->link_id when not
 * 0), with the draft's values unsaved. */
void uiac_run_draft(struct uia *a, const struct draft *d);
#endif
