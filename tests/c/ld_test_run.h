/* ld_test_run.h -- a run of the trajectory runner (ld_run.h) on the moments objective,
 * set up in one call for the C unit tests. */
#ifndef LD_TEST_RUN_H
#define LD_TEST_RUN_H

#include <math.h>
#include "ld_run.h"
#include "ld_run_table.h"

typedef struct {
    ld_array arg[3];
    ld_objdata od;
    ld_run_spec spec;
} ld_test_moments_run;

/* The spec of plain gradient descent (method "gd") on l(W) = 1/2 tr(W' Sx W) - tr(W'
 * Sxy) for a chain of L factors of widths r; Wstar for the recorded excess loss; no
 * records beyond the loss and fro2 unless the caller sets spec.meas; no stopping rules. */
static inline void ld_test_moments(ld_test_moments_run *m, ptrdiff_t L, const ptrdiff_t *r,
                                   const double *Sx, const double *Sxy, const double *Wstar)
{
    const ptrdiff_t d = r[0], p = r[L];
    m->arg[0] = (ld_array){Sx, LD_DOUBLE, d, d};
    m->arg[1] = (ld_array){Sxy, LD_DOUBLE, d, p};
    m->arg[2] = (ld_array){Wstar, LD_DOUBLE, d, p};
    m->od = (ld_objdata){m->arg, NULL};
    m->spec = (ld_run_spec){ld_objective_find("moments"), &m->od, ld_update_find("gd"), NULL,
                            L, r, {0}, {NAN, NAN, 0, 0}};
}

/* A trajectory with step eta, threshold cmax, factors W and no records or state. */
static inline ld_traj ld_test_traj(double eta, double cmax, double *const *W)
{
    ld_traj t = {0};
    t.eta = eta;
    t.cmax = cmax;
    t.W = W;
    return t;
}

#endif /* LD_TEST_RUN_H */
