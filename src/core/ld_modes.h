/* ld_modes.h -- the decoupled end-to-end modes of a two-layer network under Assumption 1
 * with eps = 0: the gradient flow w' = 2 w (sigma - lambda w) (Thm. 1, eq. 16) and the
 * exact gradient-descent recursion w <- w (1 + eta (sigma - lambda w))^2 (eq. 22 as
 * corrected in doc/theory.md). Every function is vectorized over m modes x nt times; the
 * output is m x nt, column-major (mode index fastest). */
#ifndef LD_MODES_H
#define LD_MODES_H

#include <stddef.h>
#include "ld_status.h"

/* m modes: the singular value sigma[i] of Sxy, the matching eigenvalue lambda[i] of Sx
 * (the diagonal of U' Sx U of Assumption 1) and the start w0[i] of mode i. */
typedef struct {
    ptrdiff_t m;
    const double *sigma;
    const double *lambda;
    const double *w0;
} ld_mode_set;

/* The checks every mode function makes first: LD_EARG for md == NULL, LD_EDIM when m or
 * nt is negative or too large, LD_OK when there is nothing to compute (m == 0 or
 * nt == 0), else LD_EARG when sigma, lambda or w0 is NULL or holds a NaN or an Inf. */
int ld_mode_set_check(const ld_mode_set *md, ptrdiff_t nt);

/* 1 / (alpha e^x / w0 + beta (1 - e^x)), the logistic curve of eq. 16 (alpha = 1,
 * beta = lambda / sigma, x = -2 sigma t) and of Thm. 3's bounds (x = t log R), with
 * e^x / w0 formed as exp(x - log w0) when e^x underflows.  alpha, w0 > 0, beta >= 0,
 * x <= 0. */
double ld_mode_logistic(double alpha, double beta, double w0, double x);

/* w(i, k) = w_i(t[k]) of eq. 16 for the modes md, sigma, lambda, w0 >= 0 and t >= 0 (all
 * finite):
 *   1/w = e^{-2 sigma t}/w0 + (lambda/sigma)(1 - e^{-2 sigma t})   (sigma > 0),
 *   1/w = 1/w0 + 2 lambda t                                        (sigma = 0),
 * two nonnegative terms, so there is no cancellation and no e^{2 sigma t} to overflow;
 * e^{-2 sigma t}/w0 is formed as exp(-2 sigma t - log w0) when e^{-2 sigma t} underflows.
 * w0 = 0 gives 0 at every time.  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_mode_flow(const ld_mode_set *md, ptrdiff_t nt, const double *t, double *w);

/* Doubles of scratch ld_mode_gd needs for nt requested times (0 if nt < 0). */
size_t ld_mode_gd_work(ptrdiff_t nt);

/* w(i, k) = w_i at iteration t[k] of w <- w (1 + eta (sigma_i - lambda_i w))^2 from w0_i
 * (the modes md), for nonnegative integer t[k] <= 2^53 in any order, with repeats.  The recursion is
 * iterated once per mode up to max(t), storing only the requested points, so the cost is
 * O(max t) per mode at most; it stops earlier, exactly, when the floating-point sequence
 * becomes periodic (a fixed point, a 2-cycle, ..., found by Brent's cycle detection with
 * O(1) memory): the iterate at a later t is then the one (t - k0) mod period steps after
 * the cycle's start k0.  The result equals the plain loop to the bit.
 * work holds ld_mode_gd_work(nt) doubles.  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_mode_gd(const ld_mode_set *md, double eta, ptrdiff_t nt, const double *t, double *w,
               double *work);

/* first(i) = the first iteration t <= maxit at which the recursion of ld_mode_gd from w0_i
 * reaches w_t >= level_i, or -1 if it does not (cost O(first) per mode, iterations
 * stop early, exactly, when the sequence turns periodic).  Used for the phase-transition
 * times: level_i = sigma_i / (2 lambda_i).  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_mode_gd_crossing(const ld_mode_set *md, double eta, const double *level, double maxit,
                        double *first);

/* The largest depth the depth-L recursions accept. */
#define LD_MODE_DEPTH_MAX 1000

/* ld_mode_gd for the aligned modes of a depth-L network (1 <= depth <= LD_MODE_DEPTH_MAX):
 * w <- w + eta (sigma - lambda w) for L = 1, eq. 22 (corrected) for L = 2 (bit for bit
 * ld_mode_gd), and for L >= 3 w <- w (1 + eta w^((L-2)/L) (sigma - lambda w))^L, iterated
 * on the factor value a = w^(1/L) as a <- a (1 + eta a^(L-2) (sigma - lambda a^L)) with
 * integer powers (what matrix GD does to each factor's mode), w = a^L at the records;
 * cycles are detected on a.  Returns LD_OK, LD_EDIM or LD_EARG (also for a bad depth). */
int ld_mode_gd_depth(const ld_mode_set *md, double eta, int depth, ptrdiff_t nt,
                     const double *t, double *w, double *work);

/* ld_mode_gd_crossing for the depth-L recursion of ld_mode_gd_depth. */
int ld_mode_gd_crossing_depth(const ld_mode_set *md, double eta, int depth,
                              const double *level, double maxit, double *first);

#endif /* LD_MODES_H */
