/* __lindyn_config__.c -- gateway: [kernel, blas_threads, tty] = __lindyn_config__ ().
 * What the C core runs on: the small-product kernel chosen at run time for this CPU
 * ("avx512", "avx2", "generic", or "none" without the kernel: ld_small_kernel), OpenBLAS's
 * thread count (0 when the BLAS is not OpenBLAS, ld_blas_threads) and whether standard output is a terminal
 * (isatty, for the progress line of inst/private/ld_progress.m; false where POSIX is
 * missing).  Used by inst/lindyn.m. */
#include "ldm.h"
#include "lindyn.h"
#include "ld_small.h"
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#define LD_HAVE_ISATTY 1
#else
#define LD_HAVE_ISATTY 0
#endif

static const char FN[] = "__lindyn_config__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    double *n;

    (void)prhs;
    ldm_check_nargs(FN, nrhs, 0, 0, nlhs, 3);
    plhs[0] = mxCreateString(ld_small_kernel());
    if (nlhs > 1) {
        plhs[1] = ldm_new_matrix(1, 1, &n);
        n[0] = (double)ld_blas_threads(0);
    }
    if (nlhs > 2) {
#if LD_HAVE_ISATTY
        plhs[2] = mxCreateLogicalScalar(isatty(STDOUT_FILENO) == 1);
#else
        plhs[2] = mxCreateLogicalScalar(0);
#endif
    }
}

/*
%!test
%! [k, n] = __lindyn_config__ ();
%! assert (any (strcmp (k, {'avx512', 'avx2', 'generic', 'none'})));
%! assert (isscalar (n) && n >= 0 && n == round (n));
%! [~, ~, tty] = __lindyn_config__ ();
%! assert (islogical (tty) && isscalar (tty));
%!error <expected 0 to 0 input> __lindyn_config__ (1)
*/
