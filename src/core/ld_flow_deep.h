/* ld_flow_deep.h -- the gradient flow of a deep linear network (eq. 12),
 * dW_l/dt = -grad_{W_l} f = W_{1:l-1}' (Sxy - Sx W) W_{l+1:L}', integrated by the
 * Dormand-Prince 5(4) pair with adaptive steps (Hairer, Norsett & Wanner, II.4). */
#ifndef LD_FLOW_DEEP_H
#define LD_FLOW_DEEP_H

#include <stddef.h>
#include "ld_status.h"
#include "ld_gradient.h"   /* ld_moments */

/* Doubles of scratch ld_flow_deep needs for the chain of widths r[0] = d, ..., r[L] = p
 * (0 on bad arguments). */
size_t ld_flow_deep_work(ptrdiff_t L, const ptrdiff_t *r);

/* Counters of one integration. */
typedef struct {
    double steps;      /* accepted steps */
    double rejected;   /* rejected steps */
    double evals;      /* right-hand-side evaluations (gradients, eq. 11) */
    double t_reached;  /* the time the state in y corresponds to */
    double h_next;     /* the step size proposed for a continuation */
    ptrdiff_t done;    /* how many of the requested times were reached (and stored) */
} ld_flow_stats;

/* The times to store and the error control of one integration. */
typedef struct {
    ptrdiff_t nt;       /* times requested */
    const double *t;    /* t[0] <= t[1] <= ... <= t[nt-1], t[0] >= 0 */
    double rtol;        /* > 0 */
    double atol;        /* >= 0 */
    double max_steps;   /* >= 0: steps (accepted or not) at most */
    double h0;          /* > 0: the first step size to try; 0: chosen (see below) */
} ld_flow_opts;

/* Integrates from y (the factors W_1, ..., W_L of prob stacked column-major, n = sum
 * r[l] r[l+1] doubles; overwritten) at time 0 through the times opt->t, storing the state
 * at t[k] in Y + k n.  Steps are clipped to land exactly on every t[k].  Error control
 * per component, max norm:
 *   |err_i| <= atol + rtol max(|y_i|, |y_new_i|).
 * h0 > 0 is the first step size to try (a continuation passes stats->h_next back), else
 * it is chosen by Hairer's heuristic.  ptrs is scratch for 2 L pointers (the factor and
 * gradient views).  At most max_steps steps (accepted or not) are taken: when they run
 * out, the call returns LD_OK with stats->done < nt, y holding the state at time
 * stats->t_reached, so the caller can continue from there (this is how the .m wrapper
 * keeps every MEX call short).  Returns LD_EDIVERGED when the state becomes non-finite or
 * the step size underflows (stats->t_reached says how far it got, Y holds the states
 * reached before); LD_EDIM or LD_EARG on bad arguments. */
int ld_flow_deep(const ld_moments *prob, const ld_flow_opts *opt, double *y, double *Y,
                 ld_flow_stats *stats, double *work, double **ptrs);

#endif /* LD_FLOW_DEEP_H */
