/* ld_rrr.h -- minimum-norm reduced-rank regression (eq. 4; Reinsel & Velu, Thm. 2.2, Gamma = I). */
#ifndef LD_RRR_H
#define LD_RRR_H

#include <stddef.h>
#include "ld_status.h"
#include "ld_problem.h"

/* Doubles of scratch ld_rrr needs for d x p moments. */
size_t ld_rrr_work(ptrdiff_t d, ptrdiff_t p);

/* The outputs of ld_rrr. */
typedef struct {
    double *W;            /* d x p x nk (the caller's array) */
    double *s;            /* NULL, or min(d,p) (the caller's array): the singular values of
                             Sx^{1/2} W*, descending, zero-padded: the excess loss of
                             W(:,:,j) is sum_{i > k[j]} s_i^2 / 2 */
    ptrdiff_t rank_x;     /* numerical rank of Sx used by the pseudo-inverse */
    ptrdiff_t rank_fit;   /* attainable rank: the number of s_i > max(d,p) DBL_EPSILON s_1 */
} ld_rrr_result;

/* W(:,:,j) = W* V_k V_k' with k = k[j], for j = 0..nk-1, where W* = pinv(Sx) Sxy and V_k holds
 * the top k right singular vectors of Sx^{1/2} W* (equivalently of the fitted values X W*:
 * eigenvectors of Sxy' pinv(Sx) Sxy).  This is the minimum-norm minimizer of
 * tr((W - W*)' Sx (W - W*)) over rank(W) <= k.
 *
 *   mom  Sx d x d symmetric positive semidefinite (upper triangle read), Sxy d x p.
 *   tol  eigenvalues of Sx at or below tol * lambda_max(Sx) are treated as zero in pinv(Sx)
 *        (ld_pinv_rank; ld_pinv_tol(d) = d * DBL_EPSILON is pinv's default).
 *   k    nk ranks >= 0; a rank at or above the attainable rank (res->rank_fit) gives W* V V'
 *        with V the rank_fit right singular vectors, i.e. W* with its numerically-zero part
 *        removed.
 * Ties s_k == s_{k+1} make the rank-k minimizer non-unique; the one returned is built from
 * the singular vectors LAPACK's dgesvd chooses.  Returns LD_OK, LD_EDIM, LD_EARG or
 * LD_ELAPACK. */
int ld_rrr(const ld_lsq *mom, ptrdiff_t nk, const ptrdiff_t *k, double tol,
           ld_rrr_result *res, double *work);

#endif /* LD_RRR_H */
