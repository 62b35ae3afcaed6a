/* bench_blasinfo.c -- benchmark helper (not part of the package): which BLAS Octave runs
 * on, as seen from inside the process.
 *   [config, threads, corename] = bench_blasinfo ()
 * config: openblas_get_config () ("" when the BLAS is not OpenBLAS); threads:
 * openblas_get_num_threads () (-1 when unknown); corename: openblas_get_corename ().
 * The symbols are looked up at run time, so this builds and runs with any BLAS. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include "mex.h"

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    (void)nlhs;
    (void)prhs;
    if (nrhs != 0)
        mexErrMsgIdAndTxt("lindyn:bench_blasinfo:nargin", "bench_blasinfo: no arguments");
    char *(*config)(void) = (char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_config");
    int (*threads)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "openblas_get_num_threads");
    char *(*corename)(void) = (char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_corename");
    plhs[0] = mxCreateString(config ? config() : "");
    plhs[1] = mxCreateDoubleScalar(threads ? (double)threads() : -1.0);
    plhs[2] = mxCreateString(corename ? corename() : "");
}
