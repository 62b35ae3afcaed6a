/* __lindyn_config__.c -- gateway: [kernel, blas_threads, tty, omp_threads] =
 * __lindyn_config__ (), and prev = __lindyn_config__ ("blas_threads" or "omp_threads", n).
 * What the C core runs on: the small-product kernel chosen at run time for this CPU
 * ("avx512", "avx2", "generic", or "none" without the kernel: ld_small_kernel), OpenBLAS's
 * thread count (0 when the BLAS is not OpenBLAS, ld_blas_threads) and whether standard output is a terminal
 * (isatty, for the progress line of inst/private/ld_progress.m; false where POSIX is
 * missing) and OpenMP's thread count for the next parallel regions (omp_get_max_threads;
 * 0 without OpenMP, ld_omp_threads).  Used by inst/lindyn.m.  The second form sets
 * OpenBLAS's thread count, or OpenMP's, to n (a positive integer, at most 1024) and
 * returns the previous count (0, and nothing set, when the BLAS is not OpenBLAS or
 * there is no OpenMP); the benchmarks use it to measure the dgemm rate on one core and
 * on all of them, the workers of sweep to run on one thread each. */
#include "ldm.h"
#include "lindyn.h"
#include "ld_small.h"
#include <string.h>
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#define LD_HAVE_ISATTY 1
#else
#define LD_HAVE_ISATTY 0
#endif

static const char FN[] = "__lindyn_config__";

/* the largest thread count the setter accepts (OpenBLAS caps it at its build's maximum) */
#define LD_CONFIG_MAX_THREADS 1024

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    double *n;

    if (nrhs == 2) {
        char name[16];
        double v;
        int omp;
        ldm_check_nargs(FN, nrhs, 2, 2, nlhs, 1);
        if (!mxIsChar(prhs[0]) || mxGetString(prhs[0], name, sizeof name) != 0
            || (strcmp(name, "blas_threads") != 0 && strcmp(name, "omp_threads") != 0))
            ldm_error(FN, "name", "the settings are \"blas_threads\" and \"omp_threads\"");
        omp = strcmp(name, "omp_threads") == 0;
        v = ldm_get_scalar(FN, prhs[1], "n");
        /* more threads than processors only wait on each other (OpenBLAS's spin on each
         * other without end under a tight address-space limit) */
        int most = LD_CONFIG_MAX_THREADS;
#if LD_HAVE_ISATTY
        const long online = sysconf(_SC_NPROCESSORS_ONLN);
        if (online >= 1 && online < most)
            most = (int)online;
#endif
        if (!(v >= 1 && v <= most && v == (double)(int)v))
            ldm_error(FN, "n", "n must be an integer in [1, %d] (the processors online)", most);
        plhs[0] = ldm_new_matrix(1, 1, &n);
        n[0] = (double)(omp ? ld_omp_threads((int)v) : ld_blas_threads((int)v));
        return;
    }
    ldm_check_nargs(FN, nrhs, 0, 0, nlhs, 4);
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
    if (nlhs > 3) {
        plhs[3] = ldm_new_matrix(1, 1, &n);
        n[0] = (double)ld_omp_threads(0);
    }
}

/*
%!test
%! [k, n] = __lindyn_config__ ();
%! assert (any (strcmp (k, {'avx512', 'avx2', 'generic', 'none'})));
%! assert (isscalar (n) && n >= 0 && n == round (n));
%! [~, ~, tty] = __lindyn_config__ ();
%! assert (islogical (tty) && isscalar (tty));
%!test
%! % the setter returns the previous count and the query then reports the new one
%! % (when the BLAS is not OpenBLAS both are 0 and nothing changes)
%! [~, n0] = __lindyn_config__ ();
%! prev = __lindyn_config__ ('blas_threads', 1);
%! assert (prev, n0);
%! [~, n1] = __lindyn_config__ ();
%! if (n0 > 0)
%!   assert (n1, 1);
%!   __lindyn_config__ ('blas_threads', n0);
%!   [~, n2] = __lindyn_config__ ();
%!   assert (n2, n0);
%! else
%!   assert (n1, 0);
%! end
%!test
%! % OpenMP's count: the setter returns the previous one, the query reports the new one
%! % (0 for both, and nothing set, in a build without OpenMP)
%! [~, ~, ~, n0] = __lindyn_config__ ();
%! assert (isscalar (n0) && n0 >= 0 && n0 == round (n0));
%! prev = __lindyn_config__ ('omp_threads', 1);
%! assert (prev, n0);
%! [~, ~, ~, n1] = __lindyn_config__ ();
%! if (n0 > 0)
%!   assert (n1, 1);
%!   __lindyn_config__ ('omp_threads', n0);
%!   [~, ~, ~, n2] = __lindyn_config__ ();
%!   assert (n2, n0);
%! else
%!   assert (n1, 0);
%! end
%!error <expected 0 to 0 input> __lindyn_config__ (1)
%!error <expected 0 to 0 input> __lindyn_config__ (1, 2, 3)
%!error id=lindyn:__lindyn_config__:name __lindyn_config__ ('threads', 1)
%!error id=lindyn:__lindyn_config__:name __lindyn_config__ (1, 1)
%!error id=lindyn:__lindyn_config__:n __lindyn_config__ ('blas_threads', 0)
%!error id=lindyn:__lindyn_config__:n __lindyn_config__ ('blas_threads', 1.5)
%!error id=lindyn:__lindyn_config__:n __lindyn_config__ ('blas_threads', 1e9)
%!error id=lindyn:__lindyn_config__:n __lindyn_config__ ('blas_threads', nproc () + 1)
%!error id=lindyn:__lindyn_config__:n __lindyn_config__ ('omp_threads', 0)
*/
