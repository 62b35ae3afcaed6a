/* ld_gd.h -- discrete gradient descent (eq. 5) on a deep linear network, L >= 1, with
 * the trajectory recorded at chosen iterations. */
#ifndef LD_GD_H
#define LD_GD_H

#include <stddef.h>
#include "ld_status.h"

/* What to record, and where.  Record j is taken of the iterate after at[j] steps of
 * this call (at increasing, 0 <= at[j] <= iters).  Output arrays hold nrec entries
 * (sv: nsv x nrec, dist: npath x nrec, snap: d x p x nrec); NULL outputs are skipped.
 * nuclear or nsv > 0 costs one SVD (values only) per record. */
typedef struct {
    ptrdiff_t nrec;
    const ptrdiff_t *at;
    const double *Wstar;     /* d x p, needed for excess */
    ptrdiff_t nsv;
    ptrdiff_t npath;
    const double *path;      /* d x p x npath */
    double *excess, *fro2, *nuclear, *sv, *dist, *snap;
} ld_gd_record;

/* Doubles of scratch for ld_gd_run. */
size_t ld_gd_work(ptrdiff_t L, const ptrdiff_t *r);

/* Runs iters steps of eq. 5 in place on the factors W[0..L-1] (widths r[0] = d, ...,
 * r[L] = p), recording as rec says (rec may be NULL).  The run stops when the residual
 * ||Sx W - Sxy||_F^2 of an iterate is not finite or exceeds rmax: it then returns
 * LD_EDIVERGED with *diverged_at = the index (within this call) of that iterate, the
 * factors one step past it, and *nrec_done records (those before it).  Otherwise
 * LD_OK, *nrec_done = rec->nrec.  Nothing is allocated; no state is kept. */
int ld_gd_run(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
              double eta, double *const *W, ptrdiff_t iters, double rmax,
              const ld_gd_record *rec, ptrdiff_t *nrec_done, ptrdiff_t *diverged_at,
              double *work);

/* Doubles of scratch ld_gd_sweep needs for K runs (0 for invalid widths or overflow):
 * per run its ld_gd_work and a copy of its factors, each on whole cache lines. */
size_t ld_gd_sweep_work(ptrdiff_t L, const ptrdiff_t *r, ptrdiff_t K);

/* K independent runs of ld_gd_run, in parallel over k (OpenMP, when compiled with it):
 * run k has step eta[k], factors W[k*L + l], threshold rmax[k] and records rec[k] (rec
 * may be NULL), and its own scratch in work (ld_gd_sweep_work (L, r, K) doubles): for
 * L <= 16 the run iterates on a copy of its factors there and writes them back at the
 * end, so no two threads write the same cache line.  Results are ld_gd_run's, bit for
 * bit.  status[k]
 * receives run k's return code; the function returns LD_OK when every run returned
 * LD_OK or LD_EDIVERGED, else the first other code (argument errors: LD_EARG). */
int ld_gd_sweep(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                ptrdiff_t K, const double *eta, double *const *W, ptrdiff_t iters,
                const double *rmax, const ld_gd_record *rec, ptrdiff_t *nrec_done,
                ptrdiff_t *diverged_at, int *status, double *work);

#endif /* LD_GD_H */
