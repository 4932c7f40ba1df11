/* print — hand a finished file to CUPS with lp (cups-client), run without
 * a shell.  Callers send PDF only: plain UTF-8 text through CUPS comes out
 * as boxes where no CJK text filter font is set up. */
#ifndef DESK4S_PRINT_H
#define DESK4S_PRINT_H
#include <stddef.h>

enum prn_status { PRN_OK, PRN_NO_LP, PRN_NO_SCHEDULER, PRN_REJECTING, PRN_FAILED };

/* lp [-d queue] -t title -- path.  queue NULL or "" means CUPS's default
 * destination.  PRN_OK with the job's number in msg ("打印任务号 front-12",
 * and a paused queue named: the job waits there);
 * PRN_NO_LP when lp is not installed; PRN_NO_SCHEDULER when lp failed
 * and lpstat -r says CUPS is not running; PRN_REJECTING for a queue that
 * refuses jobs (cupsreject); PRN_FAILED with what lp said otherwise (an
 * unknown queue or no default destination said in Chinese first). */
enum prn_status prn_send(const char *path, const char *queue, const char *title,
                         char *msg, size_t msgsz);
#endif
