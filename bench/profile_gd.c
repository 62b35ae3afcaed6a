/* profile_gd.c -- benchmark helper (not part of the package): runs lindyn's trajectory
 * runner ld_run on the moments objective with plain gradient descent (eq. 5, the
 * objective's fused step) alone, outside Octave, so that a profiler sees only the core.
 *   profile_gd L d p r iters [nrec]
 * Widths d, r, ..., r, p; Sx symmetric positive definite with eigenvalues in [0.6, 1]
 * (pseudo-random, diagonally dominant), Sxy = Sx Wt, small random factors, eta = 0.1/L.
 * nrec > 0 records nrec evenly spaced iterates with the excess loss against Wt,
 * ||W||_F^2 and the nuclear norm (one SVD each), as gd_deep's recording does.  The run is
 * set up as tests/c/ld_test_run.h does.  Prints the time per iteration. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>
#include "ld_run.h"
#include "ld_run_table.h"

static double rnd(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0 - 0.5;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s L d p r iters [nrec]\n", argv[0]);
        return 2;
    }
    const ptrdiff_t L = atol(argv[1]), d = atol(argv[2]), p = atol(argv[3]),
                    rr = atol(argv[4]), iters = atol(argv[5]);
    const ptrdiff_t nrec = argc > 6 ? atol(argv[6]) : 0;
    if (L < 1 || d < 1 || p < 1 || rr < 1 || iters < 0 || nrec < 0) {
        fprintf(stderr, "profile_gd: bad arguments\n");
        return 2;
    }
    ptrdiff_t *r = malloc((size_t)(L + 1) * sizeof *r);
    r[0] = d;
    for (ptrdiff_t l = 1; l < L; ++l)
        r[l] = rr;
    r[L] = p;
    unsigned long long seed = 12345;
    /* Sx: unit diagonal, symmetric off-diagonal entries in [-0.25/d, 0.25/d], scaled by
     * 1/1.25: eigenvalues in [0.6, 1] (Gershgorin), so SPD with lambda_max <= 1; O(d^2)
     * set-up, negligible next to the run */
    double *Sx = malloc((size_t)(d * d) * sizeof *Sx);
    for (ptrdiff_t j = 0; j < d; ++j) {
        Sx[j + j * d] = 1.0 / 1.25;
        for (ptrdiff_t i = 0; i < j; ++i)
            Sx[i + j * d] = Sx[j + i * d] = 0.5 * rnd(&seed) / (double)d / 1.25;
    }
    double *Wt = malloc((size_t)(d * p) * sizeof *Wt), *Sxy = calloc((size_t)(d * p), sizeof *Sxy);
    for (ptrdiff_t i = 0; i < d * p; ++i)
        Wt[i] = rnd(&seed);
    for (ptrdiff_t j = 0; j < p; ++j)
        for (ptrdiff_t k = 0; k < d; ++k)
            for (ptrdiff_t i = 0; i < d; ++i)
                Sxy[i + j * d] += Sx[i + k * d] * Wt[k + j * d];
    double **W = malloc((size_t)L * sizeof *W);
    for (ptrdiff_t l = 0; l < L; ++l) {
        W[l] = malloc((size_t)(r[l] * r[l + 1]) * sizeof **W);
        for (ptrdiff_t i = 0; i < r[l] * r[l + 1]; ++i)
            W[l][i] = 0.1 * rnd(&seed);
    }
    const ld_array arg[3] = {{Sx, LD_DOUBLE, d, d}, {Sxy, LD_DOUBLE, d, p}, {Wt, LD_DOUBLE, d, p}};
    const ld_objdata od = {arg, NULL};
    ld_run_spec spec = {ld_objective_find("moments"), &od, ld_update_find("gd"), NULL, L, r,
                        {0}, {NAN, NAN, 0, 0}};
    ld_traj tr = {0};
    tr.eta = 0.1 / (double)L;
    tr.cmax = INFINITY;
    tr.W = W;
    if (nrec > 0) {
        ptrdiff_t *at = malloc((size_t)nrec * sizeof *at);
        for (ptrdiff_t j = 0; j < nrec; ++j)
            at[j] = nrec > 1 ? (ptrdiff_t)((double)iters * (double)j / (double)(nrec - 1)) : iters;
        spec.meas.nuclear = 1;
        tr.rec.nrec = nrec;
        tr.rec.at = at;
        tr.rec.loss = malloc((size_t)nrec * sizeof(double));
        tr.rec.fro2 = malloc((size_t)nrec * sizeof(double));
        tr.rec.nuclear = malloc((size_t)nrec * sizeof(double));
    }
    if (ld_run_check(&spec) != LD_OK) {
        fprintf(stderr, "profile_gd: ld_run_check refused the run\n");
        return 2;
    }
    double *work = malloc(ld_run_work(&spec) * sizeof *work);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const int status = ld_run(&spec, &tr, 0.0, iters, work);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    printf("profile_gd: L=%td d=%td p=%td r=%td iters=%td nrec=%td status=%d: %.3f s, %.3g us/iteration\n",
           L, d, p, rr, iters, nrec, status, secs, 1e6 * secs / (double)(iters > 0 ? iters : 1));
    return status == 0 ? 0 : 1;
}
