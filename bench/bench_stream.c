/* bench_stream.c -- streaming memory bandwidth for the benchmark's roofline limit
 * (compiled by run_bench.m with mkoctfile at bench time; not part of the package).
 *
 *   gbs = bench_stream (bytes, nthreads, seconds)
 *
 * For each working-set size bytes(k): two arrays of bytes(k)/2 each (a and b, first
 * touched by the threads that stream them), then b = s*a + b, a = s*b + a alternately
 * (every element read twice and written once per pass over one array: the traffic of
 * an in-place update of a matrix read once more), repeated until seconds have passed;
 * gbs(k) is the best pass's rate in GB/s (1e9 bytes), counting 3 * bytes/2 per pass
 * (two reads and one write of bytes/2, write-allocate traffic not counted) on nthreads
 * OpenMP threads. */
#include "mex.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void pass(double *restrict y, const double *restrict x, size_t n, double s, int nt)
{
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(static)
#endif
    for (size_t i = 0; i < n; ++i)
        y[i] = s * x[i] + y[i];
    (void)nt;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    (void)nlhs;
    if (nrhs != 3 || !mxIsDouble(prhs[0]) || !mxIsDouble(prhs[1]) || !mxIsDouble(prhs[2]))
        mexErrMsgIdAndTxt("bench:stream", "usage: gbs = bench_stream (bytes, nthreads, seconds)");
    const double *bytes = mxGetPr(prhs[0]);
    const size_t nb = mxGetNumberOfElements(prhs[0]);
    int nt = (int)mxGetScalar(prhs[1]);
    const double secs = mxGetScalar(prhs[2]);
    if (nt < 1)
        nt = 1;
    plhs[0] = mxCreateDoubleMatrix(1, nb, mxREAL);
    double *out = mxGetPr(plhs[0]);
    for (size_t k = 0; k < nb; ++k) {
        size_t n = (size_t)(bytes[k] / 2 / sizeof(double));
        if (n < 64)
            n = 64;
        n = (n + 7) / 8 * 8;
        double *a = NULL, *b = NULL;
        if (posix_memalign((void **)&a, 64, n * sizeof(double)) != 0
            || posix_memalign((void **)&b, 64, n * sizeof(double)) != 0) {
            free(a);
            out[k] = NAN;
            continue;
        }
#ifdef _OPENMP
#pragma omp parallel for num_threads(nt) schedule(static)
#endif
        for (size_t i = 0; i < n; ++i) {
            a[i] = 1.0;
            b[i] = 0.5;
        }
        double best = 1e300, t0 = now();
        const double s = 1e-3;
        size_t npass = 0;
        do {
            double t = now();
            pass(b, a, n, s, nt);
            pass(a, b, n, -s, nt);
            t = (now() - t) / 2;
            if (t < best)
                best = t;
            npass += 2;
        } while (now() - t0 < secs || npass < 4);
        out[k] = 3.0 * (double)n * sizeof(double) / best / 1e9;
        free(a);
        free(b);
    }
}
