/* ui_keys — the one table of key bindings (it drives the dispatch, the key
 * hints on screen and the F1 help screen) and the key source: the terminal,
 * or a key script named by DESK4S_KEYS for tests. */
#ifndef DESK4S_UI_KEYS_H
#define DESK4S_UI_KEYS_H
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

/* What a key asks for.  UIR_NONE: not bound in that scope (a character to type). */
enum uik_req {
	UIR_NONE, UIR_NEXT, UIR_PREV, UIR_SAVE, UIR_BACK, UIR_HELP, UIR_QUIT,
	UIR_OPEN, UIR_UP, UIR_DOWN, UIR_LEFT, UIR_RIGHT, UIR_HOME, UIR_END,
	UIR_BS, UIR_DEL, UIR_CHOOSE, UIR_PGUP, UIR_PGDN, UIR_RENAME, UIR_NEXTCAR, UIR_NEW,
	UIR_REDRAW,
	/* repair orders and the due list */
	UIR_COMPLETE, UIR_CANCEL, UIR_HISTORY, UIR_REOPEN, UIR_ADDCAR, UIR_RESCHEDULE, UIR_STOP,
	/* the visit log and A-cards */
	UIR_LEAVE, UIR_TOCARD, UIR_FOLLOWUP, UIR_WON, UIR_LOST, UIR_REVIEW, UIR_AWAITING, UIR_CLOSED,
	/* a field's text before the cursor (Ctrl-U) */
	UIR_KILL
};

/* Where a binding applies: a set of scope bits.  64 of them: 32 ran out,
 * so the constants are macros of this type, never int enumerators, and
 * ~ and | on them keep every bit. */
typedef uint64_t uik_scopes;
#define UIK_BIT(n) ((uik_scopes)1 << (n))
#define UIK_ALL UIK_BIT(0)  /* every screen */
#define UIK_MENU UIK_BIT(1) /* main menu */
#define UIK_FORM UIK_BIT(2) /* a sheet */
/* the keys every list with a filter shares (moving, editing the filter,
 * Esc): the lookup, 找车 and the pick lists add their own */
#define UIK_LIST UIK_BIT(3)
#define UIK_CUST UIK_BIT(4) /* the customer sheet only */
/* a sheet this session may only read (its fields locked): moving about
 * and Esc; with a read-only bar (UIK_AWON…), its help has no F2 */
#define UIK_RONLY UIK_BIT(5)
/* the A-card lists' views that a key toggles back from (its other word) */
#define UIK_AWAIT UIK_BIT(6)  /* 待审核 shown (with UIK_AMGR): F7 goes back to all cards */
#define UIK_AENDED UIK_BIT(7) /* 已结束 shown (with UIK_ALIST): F8 goes back to the active ones */
/* the bars of an ended A-card's sheet, read-only: what still works there */
#define UIK_AWON UIK_BIT(8)  /* a card 成交: F6 opens its customer */
#define UIK_ALOST UIK_BIT(9) /* a card 战败: F7 reopens it */
#define UIK_WO UIK_BIT(10)      /* the workshop's repair-order lists (在修 / 今日完工) */
#define UIK_WOSHEET UIK_BIT(11) /* the repair-order sheet (with UIK_FORM) */
#define UIK_CAR UIK_BIT(12)     /* finding the car to open an order (with UIK_LIST) */
#define UIK_DUE UIK_BIT(13)     /* the due list */
#define UIK_WOOPEN UIK_BIT(14)  /* an order in the shop (在修; with UIK_WOSHEET) */
#define UIK_WODONE UIK_BIT(15)  /* a completed order (with UIK_WOSHEET) */
#define UIK_VLIST UIK_BIT(16)   /* the day's visit log */
#define UIK_VSHEET UIK_BIT(17)  /* the visit sheet (with UIK_FORM) */
#define UIK_ALIST UIK_BIT(18)   /* the A-card lists */
#define UIK_AMGR UIK_BIT(19)    /* the manager's A-card overview (with UIK_ALIST) */
#define UIK_ASHEET UIK_BIT(20)  /* the A-card sheet (with UIK_FORM) */
#define UIK_VCALL UIK_BIT(21)   /* the visit sheet of a call (with UIK_VSHEET) */
#define UIK_AGRID UIK_BIT(22)   /* the overview's grid, shown (with UIK_AMGR; not in 待审核, 已结束) */
#define UIK_WOVOID UIK_BIT(23)  /* a cancelled order (with UIK_WOSHEET) */
#define UIK_LOGIN UIK_BIT(24)   /* the login and first-start screens */
#define UIK_AUDIT UIK_BIT(25)   /* the usage log (使用日志) */
#define UIK_PERMS UIK_BIT(26)   /* the permissions table (权限表) */
#define UIK_DRAFTS UIK_BIT(27)  /* the drafts offered after login (未保存的草稿) */
#define UIK_CLIST UIK_BIT(28)   /* the complaint list (客户投诉) */
#define UIK_CSHEET UIK_BIT(29)  /* the complaint sheet (with UIK_FORM) */
#define UIK_CDONE UIK_BIT(30)   /* the bar of a handled complaint's sheet, read-only: no F2/F5 */
/* The due list's keys that act on the selected task (Enter 处理, F5 改期,
 * F6 停止提醒), with UIK_DUE: in its bar only while the task is one the
 * session may work (another consultant's is refused). */
#define UIK_DUETASK UIK_BIT(31)
/* a pick list over a sheet or the due list (ui_pick; with UIK_LIST): its
 * Enter, Tab, Esc and Backspace are its own, F2 waits for a choice */
#define UIK_PICK UIK_BIT(32)
/* the customer lookup (ui_lookup; with UIK_LIST): F4 registers a customer */
#define UIK_LOOKUP UIK_BIT(33)
/* the lookup choosing a customer for another sheet (with UIK_LOOKUP) */
#define UIK_LOOKPICK UIK_BIT(34)
/* a car's repair-order history (F7 on an order): no views, no F4 */
#define UIK_WOHIST UIK_BIT(35)
#define UIK_WONEW UIK_BIT(36) /* an order not yet opened (with UIK_WOSHEET): F2 开单 */
#define UIK_AREVIEW UIK_BIT(37) /* an A-card not yet reviewed (with UIK_ASHEET, UIK_AWON or UIK_ALOST): F8 审核 */
/* a dialog of one field to fill (uifm_dialog_act: a reason, 完工时间, a
 * new date), alone: Enter, F2 and Ctrl-S do its act (uik_set_act), Esc
 * cancels it, and the field's typing keys; nothing moves */
#define UIK_DLG1 UIK_BIT(38)
/* a small sheet of several fields (uifm_dialog; with UIK_FORM): F2 does
 * its act, Esc cancels it without a question */
#define UIK_DLG UIK_BIT(39)
/* a question (uia_ask): the answer letters are its own (uik_ask_help_lines);
 * Esc answers none of them */
#define UIK_ASK UIK_BIT(40)
/* the first start, creating the first 管理员 account (with UIK_LOGIN) */
#define UIK_FIRST UIK_BIT(41)
/* a pick list over a sheet (with UIK_PICK): F2 waits for a choice, then
 * saves the sheet; over the due list there is no sheet to save */
#define UIK_PICKFORM UIK_BIT(42)

/* One key press: kind is OK (a character), KEY_CODE_YES (a function key),
 * UIK_EOF when a key script has run out, or UIK_HANGUP once the session
 * was hung up (uik_hangup_signal, or the terminal's reads keep failing):
 * from then on every read reports it, so every screen unwinds. */
#define UIK_EOF (-100)
#define UIK_HANGUP (-101)
struct uik_key { int kind; wint_t ch; };
/* The terminal's bracketed-paste marks (ESC[200~ … ESC[201~, enabled by
 * ui_screen), as function-key codes past curses' own; <Paste> and </Paste>
 * in a key script.  uik_get consumes them: between them a run of line
 * breaks or a Tab is a space, so a pasted paragraph stays in its field; a
 * break that ends the paste stays Enter. */
#define UIK_PASTE_BEGIN (KEY_MAX + 1)
#define UIK_PASTE_END (KEY_MAX + 2)
/* The key uik_get reports when the poll (uik_set_poll) found something
 * changed while nobody typed: the screen reads again and redraws. */
#define UIK_CHANGED (KEY_MAX + 3)

/* Who is at the desk, for what the hints and the help offer: an enum
 * auth_role, or UIK_NOBODY before a login (nothing is left out). */
enum { UIK_NOBODY = -1 };

/* The request a key makes in the given scopes (UIK_ALL is always included).
 * Whatever the role: a key it may not use still reaches its screen, which
 * refuses it naming the permission. */
enum uik_req uik_request(uik_scopes scopes, const struct uik_key *k);
/* 1 when role may use what request r asks for (auth_can on the permission
 * the action needs beyond its screen's, e.g. F8 审核's 审核A卡). */
int uik_may(enum uik_req r, int role);
/* The on-screen key hints for the scopes, e.g. "Tab/Enter 下一项  F2/Ctrl-S 保存",
 * without the keys role may not use (uik_may). */
void uik_hints(uik_scopes scopes, int role, char *out, size_t outsz);
/* Lines of the help screen, generated from the table; returns the count and
 * fills up to max lines (each owned by the caller, free with uik_free_lines).
 * The screens role may not open (查看, 查看全部A卡, 查看使用日志) and the
 * keys it may not use on the others are left out, one line naming each. */
int uik_help_lines(int role, char **lines, int max);
/* The same for one screen, whose frame has these scopes: a title, then
 * each key that works there once, with the screen's own word for it.
 * 0 lines when scopes name no screen. */
int uik_screen_help_lines(uik_scopes scopes, int role, char **lines, int max);
void uik_free_lines(char **lines, int n);
/* The word of the dialog in front (UIK_DLG1, UIK_DLG): what its Enter or
 * F2 does, in its bar and F1 (完工, 改期, 保存).  Returns the word it
 * replaces, for the dialog to put back when it closes; NULL: 保存. */
const char *uik_set_act(const char *word);
/* The help lines of a question (uia_ask): a title, each answer of the
 * answers line ("Y 放弃修改并返回      N 继续编辑"; keys: the letters it
 * takes), what Esc and Enter do there, then the keys every screen has.
 * Returns the count, as uik_screen_help_lines. */
int uik_ask_help_lines(const char *answers, const char *keys, int role, char **lines, int max);
/* The key bar under a question: its answers as the answers line says them,
 * then Esc ("Esc 同 N" where the line does not name it) and the keys every
 * screen has (F1). */
void uik_ask_hints(const char *answers, int role, char *out, size_t outsz);
/* What Esc does under a question with this answers line: its own part's
 * words, or "同 N：" and the N's words, or 不作选择，关闭问题. */
void uik_ask_esc(const char *answers, char *out, size_t outsz);

/* Key source.  uik_open_script reads the whole script named by path;
 * returns 0 or -1 with err. */
int uik_open_script(const char *path, char *err, size_t errsz);
void uik_close_script(void);
int uik_scripted(void);
/* Next key.  In a script, <Dump> writes the screen to $DESK4S_DUMP and
 * <Resize WxH> resizes (returning KEY_RESIZE), both transparently; <Hup>
 * raises SIGHUP, as a dropped connection would (when uik_hangup_signal
 * handles it; otherwise it does nothing). */
void uik_get(struct uik_key *k);
/* fn(ctx) runs before each wait for a key at the terminal, after the
 * screen is drawn (the store's st_idle: checkpoints off the save path). */
void uik_set_idle(void (*fn)(void *), void *ctx);
/* While set, a wait for a key at the terminal calls fn(ctx) every
 * UIK_POLL_MS without a key; when it returns 1 (another terminal changed
 * what the screen shows) uik_get reports UIK_CHANGED.  Keys cost nothing:
 * fn runs only after a pause.  In a key script <Idle> stands for such a
 * pause: fn runs once, and UIK_CHANGED follows when it returns 1.  With
 * $DESK4S_IDLE_SYNC=NAME set (tests), <Idle> first creates NAME.idle and
 * waits up to 30 s for NAME.go, so a test acts as another terminal at that
 * point.  A screen sets it around its own wait for a key only, so no
 * screen opened over it gets its UIK_CHANGED; NULL fn: no poll. */
#define UIK_POLL_MS 2000
void uik_set_poll(int (*fn)(void *), void *ctx);

/* The handler for SIGHUP and SIGTERM (installed by ui.c without
 * SA_RESTART, so a blocked read returns at once): async-signal-safe, it
 * only notes the signal; the next read reports UIK_HANGUP. */
void uik_hangup_signal(int sig);
/* The signal that hung the session up (SIGHUP for a terminal gone without
 * one), 0 while none did. */
int uik_hangup(void);
#endif
