/* ld_problem.h -- the data of the least-squares problem of section 2,
 * f(W) = 1/2 tr(W' Sx W) - tr(W' Sxy): its second moments, and, for a deep linear network
 * W = W1 W2 ... WL, the widths of its factors.  The closed forms take an ld_moments, the
 * flow and the curvature of the deep network an ld_deep_problem; their options and
 * outputs come in structs of their own (ld_<name>.h). */
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
} ld_moments;

/* The moments and the chain of L factors W[l] (r[l] x r[l+1]) of widths r[0] = d, r[1],
 * ..., r[L] = p. */
typedef struct {
    ptrdiff_t L;
    const ptrdiff_t *r;
    const double *Sx;     /* d x d, symmetric */
    const double *Sxy;    /* d x p */
} ld_deep_problem;

#endif /* LD_PROBLEM_H */
