/* bench_cg.c -- benchmark helper (not part of the package): callgrind's client requests
 * from Octave, so that a child run under valgrind --tool=callgrind counts the
 * instructions of chosen calls only.
 *   bench_cg ('start')  instrumentation on      bench_cg ('stop')  instrumentation off
 *   bench_cg ('zero')   counters to zero        bench_cg ('dump', NAME)  counters to a
 *                                               dump file, "desc: Trigger: Client
 *                                               Request: NAME"
 *   n = bench_cg ('running')  1 under valgrind, else 0
 * Outside valgrind every request does nothing. */
#include <string.h>
#include <valgrind/callgrind.h>
#include "mex.h"

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    char op[16], name[512];
    (void)nlhs;
    if (nrhs < 1 || !mxIsChar(prhs[0]) || mxGetString(prhs[0], op, sizeof op) != 0)
        mexErrMsgIdAndTxt("lindyn:bench_cg:op", "bench_cg: the first argument is an operation");
    if (strcmp(op, "start") == 0) {
        CALLGRIND_START_INSTRUMENTATION;
    } else if (strcmp(op, "stop") == 0) {
        CALLGRIND_STOP_INSTRUMENTATION;
    } else if (strcmp(op, "zero") == 0) {
        CALLGRIND_ZERO_STATS;
    } else if (strcmp(op, "dump") == 0) {
        if (nrhs < 2 || !mxIsChar(prhs[1]) || mxGetString(prhs[1], name, sizeof name) != 0)
            mexErrMsgIdAndTxt("lindyn:bench_cg:name", "bench_cg: dump needs a name");
        CALLGRIND_DUMP_STATS_AT(name);
    } else if (strcmp(op, "running") == 0) {
        plhs[0] = mxCreateDoubleScalar((double)RUNNING_ON_VALGRIND);
    } else {
        mexErrMsgIdAndTxt("lindyn:bench_cg:op", "bench_cg: unknown operation %s", op);
    }
}
