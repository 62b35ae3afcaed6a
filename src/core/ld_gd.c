/* ld_gd.c -- iters steps of Wl <- Wl - eta grad_{Wl} f (eq. 5), recording measures of
 * W = W1...WL at the requested iterations and stopping on divergence. */
#include <math.h>
#include <string.h>
#include "ld_gd.h"
#include "ld_gradient.h"
#include "ld_measures.h"
#include "ld_blas_threads.h"
#include "ld_small.h"
#include "ld_skinny.h"
#ifdef _OPENMP
#include <omp.h>
#endif

size_t ld_gd_work(ptrdiff_t L, const ptrdiff_t *r)
{
    const size_t g = ld_gradient_work(L, r);
    if (g == 0)
        return 0;
    const size_t m = ld_measures_work(r[0], r[L]);
    if (m == 0)
        return 0;
    return g + m + (size_t)r[0] * (size_t)r[L];
}

/* Record j of the end-to-end matrix E. */
static int take_record(ptrdiff_t d, ptrdiff_t p, const double *E, const double *Sx,
                       const ld_gd_record *rec, ptrdiff_t j, double *work)
{
    const size_t dp = (size_t)d * (size_t)p;
    if (rec->snap != NULL && dp > 0)
        memcpy(rec->snap + (size_t)j * dp, E, dp * sizeof(double));
    return ld_measures(d, p, E, Sx, rec->Wstar, rec->excess ? rec->excess + j : NULL,
                       rec->fro2 ? rec->fro2 + j : NULL,
                       rec->nuclear ? rec->nuclear + j : NULL, rec->sv ? rec->nsv : 0,
                       rec->sv ? rec->sv + (size_t)j * (size_t)rec->nsv : NULL,
                       rec->dist ? rec->npath : 0,
                       rec->dist ? rec->path : NULL,
                       rec->dist ? rec->dist + (size_t)j * (size_t)rec->npath : NULL, work);
}

static int gd_loop(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                   double eta, double *const *W, ptrdiff_t iters, double rmax,
                   const ld_gd_record *rec, ptrdiff_t nrec, double *E, double *mwork,
                   double *work, ptrdiff_t *jout, ptrdiff_t *diverged_at);

/* A chain with a width at most this and another above LD_SMALL_MAX is "skinny": its
 * large products run on one OpenBLAS thread (see ld_gd_run). */
#define LD_GD_SKINNY 32

int ld_gd_run(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
              double eta, double *const *W, ptrdiff_t iters, double rmax,
              const ld_gd_record *rec, ptrdiff_t *nrec_done, ptrdiff_t *diverged_at,
              double *work)
{
    const size_t gw = ld_gradient_work(L, r);
    if (gw == 0)
        return LD_EDIM;
    if (iters < 0 || nrec_done == NULL || diverged_at == NULL || work == NULL
        || !(isfinite(eta)) || isnan(rmax))
        return LD_EARG;
    const ptrdiff_t d = r[0], p = r[L];
    ptrdiff_t nrec = 0;
    if (rec != NULL) {
        nrec = rec->nrec;
        if (nrec < 0 || (nrec > 0 && rec->at == NULL) || rec->nsv < 0 || rec->npath < 0
            || (rec->excess != NULL && d > 0 && p > 0 && rec->Wstar == NULL)
            || (rec->dist != NULL && rec->npath > 0 && d > 0 && p > 0 && rec->path == NULL))
            return LD_EARG;
        for (ptrdiff_t j = 0; j < nrec; ++j)
            if (rec->at[j] < 0 || rec->at[j] > iters || (j > 0 && rec->at[j] <= rec->at[j - 1]))
                return LD_EARG;
    }
    double *E = work + gw, *mwork = E + (size_t)d * (size_t)p;
    ptrdiff_t j = 0;
    int status;
    *nrec_done = 0;
    *diverged_at = -1;
    /* Products with one dimension <= LD_GD_SKINNY (e.g. p = 10 classes) and another above
     * LD_SMALL_MAX go to dgemm at a low arithmetic intensity, where OpenBLAS's threads
     * cost more than they bring (d = 784, p = 10, shared 2-core machine: L=1 0.69 ms per
     * iteration single-threaded against 1.26 ms with 2 threads; L=2 3.0 against 5.2 ms):
     * run those single-threaded for L >= 2, and restore OpenBLAS's count at the end.
     * L = 1 keeps OpenBLAS's threads: on an idle machine its single skinny product was
     * 5% faster with them (the two measurements disagree only for L = 1). */
    ptrdiff_t rmin = r[0], rmx = r[0];
    for (ptrdiff_t l = 1; l <= L; ++l) {
        rmin = r[l] < rmin ? r[l] : rmin;
        rmx = r[l] > rmx ? r[l] : rmx;
    }
    /* With the skinny kernels (ld_skinny.h) every product of a chain with p <= LD_SKINNY_N
     * is theirs (p is the small dimension of each), no dgemm is left in the loop, and the
     * kernels choose their own threads: the rule applies only to the chains they do not
     * take. */
    const int skinny = L >= 2 && rmin <= LD_GD_SKINNY && rmx > LD_SMALL_MAX && iters > 0
                       && !(LD_SKINNY_ENABLED && p <= LD_SKINNY_N);
    const int blas_prev = skinny ? ld_blas_threads(1) : 0;
    status = gd_loop(L, r, Sx, Sxy, eta, W, iters, rmax, rec, nrec, E, mwork, work,
                     &j, diverged_at);
    if (blas_prev > 1)
        ld_blas_threads(blas_prev);
    if (status == LD_OK || status == LD_EDIVERGED)
        *nrec_done = j;
    return status;
}

/* The iterations of ld_gd_run (arguments checked). */
static int gd_loop(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                   double eta, double *const *W, ptrdiff_t iters, double rmax,
                   const ld_gd_record *rec, ptrdiff_t nrec, double *E, double *mwork,
                   double *work, ptrdiff_t *jout, ptrdiff_t *diverged_at)
{
    const ptrdiff_t d = r[0], p = r[L];
    ptrdiff_t j = 0;
    int status;
    for (ptrdiff_t k = 0; k <= iters; ++k) {
        const int rec_here = j < nrec && rec->at[j] == k;
        if (k == iters) {
            if (rec_here) {
                if ((status = ld_end_to_end(L, r, (const double *const *)W, E, work)) != LD_OK)
                    return status;
                if ((status = take_record(d, p, E, Sx, rec, j, mwork)) != LD_OK)
                    return status;
                ++j;
            }
            break;
        }
        double rn2;
        if ((status = ld_gd_step(L, r, Sx, Sxy, eta, W, rec_here ? E : NULL, &rn2, work))
            != LD_OK)
            return status;
        if (!isfinite(rn2) || rn2 > rmax) {
            *diverged_at = k;
            *jout = j;
            return LD_EDIVERGED;
        }
        if (rec_here) {
            if ((status = take_record(d, p, E, Sx, rec, j, mwork)) != LD_OK)
                return status;
            ++j;
        }
    }
    *jout = j;
    return LD_OK;
}

/* A cache line in doubles: each trajectory of a sweep gets its own lines. */
#define LD_LINE 8
/* Sweeps of chains up to this depth run each trajectory on a private copy of its factors */
#define LD_SWEEP_COPY_L 16

static size_t chain_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t c = 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        c += (size_t)r[l] * (size_t)r[l + 1];
    return c;
}

static size_t round_line(size_t n)
{
    return (n + LD_LINE - 1) / LD_LINE * LD_LINE;
}

/* Doubles per trajectory: its factors (a private copy, L <= LD_SWEEP_COPY_L) and its
 * ld_gd_work, each rounded up to whole cache lines. */
static size_t sweep_stride(ptrdiff_t L, const ptrdiff_t *r, size_t w)
{
    return round_line(w) + (L <= LD_SWEEP_COPY_L ? round_line(chain_size(L, r)) : 0);
}

size_t ld_gd_sweep_work(ptrdiff_t L, const ptrdiff_t *r, ptrdiff_t K)
{
    const size_t w = ld_gd_work(L, r);
    if (w == 0 || K < 0)
        return 0;
    const size_t s = sweep_stride(L, r, w);
    if (K > 0 && s > ((size_t)-1 - LD_LINE) / (size_t)K)
        return 0;
    return (size_t)K * s + LD_LINE;
}

/* Run k of a sweep on its own cache lines: the factors of neighbouring trajectories
 * (separate arrays of the caller, allocated one after another) share the lines at their
 * ends, and two threads writing them every step would pass those lines back and forth. */
static int sweep_one(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                     double eta, double *const *W, ptrdiff_t iters, double rmax,
                     const ld_gd_record *rec, ptrdiff_t *nrec_done, ptrdiff_t *diverged_at,
                     double *wk)
{
    if (L > LD_SWEEP_COPY_L)
        return ld_gd_run(L, r, Sx, Sxy, eta, W, iters, rmax, rec, nrec_done, diverged_at,
                         wk);
    double *Wk[LD_SWEEP_COPY_L];
    double *q = wk;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t n = (size_t)r[l] * (size_t)r[l + 1];
        Wk[l] = q;
        if (n > 0)
            memcpy(q, W[l], n * sizeof(double));
        q += n;
    }
    const int st = ld_gd_run(L, r, Sx, Sxy, eta, Wk, iters, rmax, rec, nrec_done,
                             diverged_at, wk + round_line(chain_size(L, r)));
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t n = (size_t)r[l] * (size_t)r[l + 1];
        if (n > 0)
            memcpy(W[l], Wk[l], n * sizeof(double));
    }
    return st;
}

int ld_gd_sweep(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                ptrdiff_t K, const double *eta, double *const *W, ptrdiff_t iters,
                const double *rmax, const ld_gd_record *rec, ptrdiff_t *nrec_done,
                ptrdiff_t *diverged_at, int *status, double *work)
{
    const size_t w = ld_gd_work(L, r);
    if (w == 0)
        return LD_EDIM;
    if (K < 0 || (K > 0 && (eta == NULL || W == NULL || rmax == NULL || nrec_done == NULL
                            || diverged_at == NULL || status == NULL || work == NULL)))
        return LD_EARG;
    for (ptrdiff_t k = 0; k < K * L; ++k)
        if (W[k] == NULL && r[k % L] > 0 && r[k % L + 1] > 0)
            return LD_EARG;
    const size_t stride = sweep_stride(L, r, w);
    /* the first whole cache line of work (ld_gd_sweep_work has one line of slack) */
    double *base = work + (LD_LINE - ((size_t)work / sizeof(double)) % LD_LINE) % LD_LINE;
    /* Trajectories are independent: one per thread.  OpenBLAS is made single-threaded
     * for the parallel region (and restored after): otherwise every trajectory's
     * products above LD_SMALL_MAX start BLAS threads of their own on the same cores
     * (measured, K = 4, L = 2, d = 256: 18 ms per trajectory-iteration against 6 ms). */
    int blas_prev = 0;
#ifdef _OPENMP
    if (K > 1 && omp_get_max_threads() > 1)
        blas_prev = ld_blas_threads(1);
#pragma omp parallel for schedule(dynamic, 1) if (K > 1)
#endif
    for (ptrdiff_t k = 0; k < K; ++k)
        status[k] = sweep_one(L, r, Sx, Sxy, eta[k], W + k * L, iters, rmax[k],
                              rec != NULL ? rec + k : NULL, nrec_done + k, diverged_at + k,
                              base + (size_t)k * stride);
    if (blas_prev > 1)
        ld_blas_threads(blas_prev);
    for (ptrdiff_t k = 0; k < K; ++k)
        if (status[k] != LD_OK && status[k] != LD_EDIVERGED)
            return status[k];
    return LD_OK;
}
