/* ld_run.h -- the one trajectory runner: a deep linear network W = W1 W2 ... WL trained
 * on any objective l(W) with any update rule.  The factor gradients follow from the
 * objective's end-to-end gradient by eq. 11's chain rule,
 * grad_{Wl} = W_{1:l-1}' grad l(W) W_{l+1:L}' (or from the objective's own fused form),
 * the update rule applies them, and the runner records measures of the iterates at chosen
 * steps, stops on divergence or on a stopping rule, and runs sweeps of independent
 * trajectories.
 *
 * An objective (src/core/ld_objective_<name>.c) and an update rule
 * (src/core/ld_update_<name>.c) are tables of functions; src/core/ld_run_table.h lists
 * them by name.  Their data and hyper-parameters are named (the gateway fills them by
 * name from a struct), and read in C through the positions of those names.
 *
 * The divergence convention, for every objective, update rule, single run and sweep: a
 * run stops at the first iterate k whose divergence size (the objective's crit) is not
 * finite or exceeds the trajectory's threshold; then done = k, the factors and update
 * state are those of iterate k (the step from it is not applied), and records are taken
 * only of the iterates before k. */
#ifndef LD_RUN_H
#define LD_RUN_H

#include <stddef.h>
#include "ld_status.h"

/* Element types of a data array (e.g. images stored as uint8). */
enum { LD_DOUBLE = 0, LD_SINGLE = 1, LD_UINT8 = 2 };

/* One data array of an objective: m x n, column-major, of element type type. */
typedef struct {
    const void *data;
    int type;
    ptrdiff_t m, n;
} ld_array;

/* An objective's data: arg[i] is the array named arrays[i] of its table, par[i] the scalar
 * named params[i]. */
typedef struct {
    const ld_array *arg;
    const double *par;
} ld_objdata;

/* One point of a trajectory where an objective is evaluated: the chain W[0..L-1] of
 * widths r[0] = d, ..., r[L] = p, at step t (0-based, counted over the whole run:
 * stochastic objectives draw step t's batch from it), and the scratch of the objective's
 * fused forms (factor_work doubles, set by the runner once per call). */
typedef struct {
    ptrdiff_t L;
    const ptrdiff_t *r;
    double *const *W;
    double t;
    double *fwork;
} ld_point;

typedef struct ld_objective {
    const char *name;
    /* Names of its data arrays and of its scalar parameters, each list ending with NULL. */
    const char *const *arrays;
    const char *const *params;
    /* Doubles of scratch for one trajectory (0 on bad arguments). */
    size_t (*work)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p);
    /* Checks the data once per run: LD_OK, or LD_EARG / LD_EDIM / LD_ENOTFINITE. */
    int (*check)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p);
    /* The end-to-end gradient G = grad l(E) (d x p) of the loss of step t and *crit, a
     * non-negative size of the residual tested for divergence. */
    int (*grad)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double t, const double *E,
                double *G, double *crit, double *work);
    /* The recorded loss at E (deterministic: the full objective, or the full data's
     * excess loss for a stochastic one). */
    int (*loss)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                double *loss, double *work);
    /* Optional (NULL: not provided): the factor gradients G[l] at x directly, *crit as in
     * grad, and E = W1...WL when E is not NULL (a fused form, e.g. the moments' eq. 11
     * with 3L - 2 products).  work is the objective's own scratch, x->fwork the fused
     * forms'. */
    int (*factor_grad)(const ld_objdata *o, const ld_point *x, double *const *G, double *E,
                       double *crit, double *work);
    /* Optional, with factor_grad or fused_step: the doubles of x->fwork they need, or 0
     * on bad arguments (NULL: ld_gradient_work (L, r)). */
    size_t (*factor_work)(const ld_objdata *o, ptrdiff_t L, const ptrdiff_t *r);
    /* Optional: one whole step of plain gradient descent (eq. 5) in place, W <- W - eta
     * grad, the runner's fast path for update rule "gd": *crit at the old iterate, E (when
     * not NULL) = W1...WL at the old iterate, and LD_EDIVERGED with nothing updated when
     * crit is not finite or exceeds cmax.  Its iterates equal factor_grad's followed by
     * the gd update to rounding, and do not depend on whether E is asked for.  Scratch:
     * x->fwork. */
    int (*fused_step)(const ld_objdata *o, const ld_point *x, double eta, double cmax,
                      double *E, double *crit);
    /* Optional (NULL: no curvature): out = H[dE], the Hessian of the recorded loss at E
     * applied to a direction dE (d x p), for the sharpness records (E is needed by the
     * objectives that are not quadratic in E, such as the diagonal networks'). */
    int (*hess)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                const double *dE, double *out, double *work);
    /* Optional: the end-to-end gradient of the recorded loss at E (NULL: grad, which is
     * that gradient for a deterministic objective); for the sharpness records. */
    int (*loss_grad)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                     double *G, double *work);
    /* How the runner calls factor_grad: 0, or LD_FG_* flags (below). */
    int factor_flags;
    /* Optional: the names of the objective's own recorded measures (NULL-terminated, or
     * NULL for none), and their values at E, out[i] for name i (e.g. the diagonal
     * networks' norms of w = u^D - v^D). */
    const char *const *measures;
    int (*measure)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                   double *out, double *work);
} ld_objective;

/* factor_grad ignores E and does not form W1...WL: its gradient needs W at a few
 * entries only (completion); the runner forms E itself at the steps it records. */
#define LD_FG_NO_E 1
/* The objective keeps something in its own scratch from one step to the next (the batch
 * objective's permutation, the completion's index sets): the runner zeroes that scratch at
 * the start of every call, so that a call never depends on what a previous one left. */
#define LD_OBJ_CACHES 4
/* factor_grad may run its products on OpenMP threads itself (outside a parallel region,
 * its data say when, every width <= LD_RUN_BLAS1_MAX): the runner makes BLAS
 * single-threaded for the call when every width is <= LD_RUN_BLAS1_MAX. */
#define LD_FG_THREADS 2
/* Products up to this size in every dimension gain nothing from OpenBLAS's threads
 * (100 x 100 x 100: 44 us on two threads, 41 us on one); larger ones keep them. */
#define LD_RUN_BLAS1_MAX 128

typedef struct {
    const char *name;
    /* Names of its hyper-parameters (hyper[i] is hypers[i]), ending with NULL. */
    const char *const *hypers;
    /* State matrices per factor, each the size of the factor (velocity, Adam moments). */
    int nstate;
    /* Checks the hyper-parameters once per run. */
    int (*check)(const double *hyper);
    /* One update of n entries of one factor: w, its gradient g, its state s[0..nstate-1]
     * (each n doubles), step size eta, step count t = 1, 2, ... over the whole run. */
    void (*step)(const double *hyper, double t, size_t n, double eta, const double *g,
                 double *w, double *const *s);
} ld_update;

/* An objective with its data, evaluated at the records (a held-out loss). */
typedef struct {
    const ld_objective *obj;
    const ld_objdata *data;
} ld_eval;

/* What every trajectory of a run records at its record steps. */
typedef struct {
    ptrdiff_t nsv;           /* top singular values of W (nsv x nrec) */
    int nuclear, erank;      /* nuclear norm; effective rank (Roy & Vetterli 2007) */
    int snapshots;           /* W itself (d x p x nrec) */
    int balance;             /* ||Wl' Wl - W(l+1) W(l+1)'||_F, l = 1..L-1 ((L-1) x nrec) */
    ptrdiff_t npath;         /* ||W - P_k||_F for a d x p x npath stack (npath x nrec) */
    const double *path;
    ptrdiff_t ntest;         /* held-out losses (ntest x nrec) */
    const ld_eval *test;
    int sharpness;           /* the top eigenvalue of the loss's Hessian in all factor
                              * entries (ld_sharpness_loss), warm-started from the last
                              * record's eigenvector: needs the objective's hess */
    double sharp_tol;        /* its relative residual tolerance (ld_sharpness.h) */
    ptrdiff_t sharp_maxit;   /* its Lanczos steps at most */
} ld_measure_spec;

/* Stopping rules, checked at every record (off when their value is NaN or 0):
 *   loss     the recorded loss is at most this;
 *   change   the relative change of the recorded loss over the last window records,
 *            |l_j - l_{j-window}| <= change |l_{j-window}|, is at most this;
 *   patience the first held-out loss has not improved on its best for this many records.
 * A rule that fires ends the run at that record's iterate (its factors and state). */
typedef struct {
    double loss;
    double change;
    ptrdiff_t window;
    ptrdiff_t patience;
} ld_stop;

enum { LD_STOP_NONE = 0, LD_STOP_LOSS = 1, LD_STOP_CHANGE = 2, LD_STOP_PATIENCE = 3 };

/* Doubles of a trajectory's stopping-rule state, kept by the caller across the calls of
 * one run (zeroed at its start): records seen, best held-out loss, records since it, and
 * the last window losses. */
size_t ld_stop_state_size(const ld_stop *stop);

/* A run's fixed description. */
typedef struct {
    const ld_objective *obj;
    const ld_objdata *data;
    const ld_update *upd;
    const double *hyper;
    ptrdiff_t L;
    const ptrdiff_t *r;      /* widths r[0] = d, ..., r[L] = p */
    ld_measure_spec meas;
    ld_stop stop;
} ld_run_spec;

/* Where one trajectory's records of a call go: record j is of the iterate after at[j]
 * steps of the call (at increasing in [0, iters]); arrays as in ld_measure_spec, each
 * with nrec columns; NULL skips a measure. */
typedef struct {
    ptrdiff_t nrec;
    const ptrdiff_t *at;
    double *loss, *test, *fro2, *nuclear, *erank, *sv, *dist, *snap, *balance;
    double *own;    /* the objective's own measures (one row per name of its table) */
    double *sharp;  /* the sharpness */
} ld_records;

/* One trajectory of a call: its inputs, its state (updated in place), its outputs. */
typedef struct {
    double eta;              /* step size */
    double cmax;             /* divergence threshold on crit (Inf: only non-finite) */
    double *const *W;        /* the L factors */
    double *const *S;        /* state i of factor l at S[l * nstate + i] */
    double *stop_state;      /* ld_stop_state_size doubles (may be NULL without rules) */
    double *sharp_v;         /* with sharpness records: the last record's top eigenvector
                              * (n = sum r_l r_(l+1) doubles; zeros at the start of a run),
                              * the next record's start vector */
    ld_records rec;
    ptrdiff_t done;          /* out: steps applied in this call */
    ptrdiff_t nrec_done;     /* out: records taken */
    int status;              /* out: LD_OK, LD_EDIVERGED, or an error code */
    int stopped_by;          /* out: LD_STOP_* */
} ld_traj;

/* Checks spec once (objective data, hyper-parameters, widths, measures): LD_OK or an
 * error code. */
int ld_run_check(const ld_run_spec *spec);

/* Doubles of scratch for one trajectory of ld_run (0 on bad arguments). */
size_t ld_run_work(const ld_run_spec *spec);

/* Runs up to iters steps of trajectory tr, the first of them being step t0 of the whole
 * run (t0 = 0 for a fresh run; a run split into calls continues with t0 = the steps
 * done).  Returns tr->status.  spec is assumed checked (ld_run_check).  Nothing is
 * allocated; no state is kept. */
int ld_run(const ld_run_spec *spec, ld_traj *tr, double t0, ptrdiff_t iters, double *work);

/* Doubles of scratch for K trajectories of ld_run_sweep (0 on bad arguments). */
size_t ld_run_sweep_work(const ld_run_spec *spec, ptrdiff_t K);

/* K independent trajectories (OpenMP over them, BLAS single-threaded inside), each on
 * private cache lines of work for chains up to LD_RUN_COPY_L factors.  Checks spec once.
 * Results are ld_run's, bit for bit.  Returns LD_OK when every trajectory ended LD_OK or
 * LD_EDIVERGED, else the first other code. */
int ld_run_sweep(const ld_run_spec *spec, ptrdiff_t K, ld_traj *tr, double t0,
                 ptrdiff_t iters, double *work);

/* Trajectories of a sweep with chains up to this many factors iterate on private copies
 * of their factors and state. */
#define LD_RUN_COPY_L 16

/* Effective rank of singular values s[0..n-1] >= 0: exp(-sum q log q), q = s / sum s
 * (Roy & Vetterli 2007); 0 when every s is 0. */
double ld_effective_rank(ptrdiff_t n, const double *s);

#endif /* LD_RUN_H */
