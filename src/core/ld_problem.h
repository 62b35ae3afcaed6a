/* ld_problem.h -- the least-squares problem of section 2,
 * f(W) = 1/2 tr(W' Sx W) - tr(W' Sxy), through its second moments, as the closed forms
 * (ld_rrr, ld_assumption1, ld_linear_closed) take it.  A deep network's problem adds the
 * widths of its factors: ld_moments (ld_gradient.h), which the gradients, the flow and the
 * curvature take.  Options and outputs come in structs of each function's own
 * (ld_<name>_opts, ld_<name>_result). */
#ifndef LD_PROBLEM_H
#define LD_PROBLEM_H

#include <stddef.h>

/* Sx = X'X/n (d x d, symmetric) and Sxy = X'Y/n (d x p), column-major with leading
 * dimensions d.  Each function says which triangle of Sx it reads. */
typedef struct {
    ptrdiff_t d;          /* inputs */
    ptrdiff_t p;          /* outputs */
    const double *Sx;
    const double *Sxy;
} ld_lsq;

#endif /* LD_PROBLEM_H */
