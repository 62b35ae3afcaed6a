/* ld_run.h -- one trajectory runner for a deep linear network W = W1 W2 ... WL on any
 * objective l(W) with any update rule: the factor gradients follow from the objective's
 * end-to-end gradient by eq. 11's chain rule, grad_{Wl} = W_{1:l-1}' grad l(W) W_{l+1:L}'.
 *
 * An objective (src/ld_objective_<name>.c) and an update rule (src/ld_update_<name>.c)
 * are tables of functions; src/ld_run_table.h lists them by name. */
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

/* An objective's data: narg arrays and npar scalar parameters (meaning per objective). */
typedef struct {
    ptrdiff_t narg;
    const ld_array *arg;
    ptrdiff_t npar;
    const double *par;
} ld_objdata;

typedef struct {
    const char *name;
    /* Doubles of scratch for one trajectory (0 on bad arguments). */
    size_t (*work)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p);
    /* Checks the data once per run: LD_OK, or LD_EARG / LD_EDIM / LD_ENOTFINITE. */
    int (*check)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p);
    /* The end-to-end gradient G = grad l(E) (d x p) of the loss of step t (0-based, counted
     * over the whole run: stochastic objectives draw step t's batch from it), and *crit,
     * a non-negative size of the residual tested for divergence (see ld_run). */
    int (*grad)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double t, const double *E,
                double *G, double *crit, double *work);
    /* The recorded loss at E (deterministic: the full objective, or the full data's
     * excess loss for a stochastic one). */
    int (*loss)(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                double *loss, double *work);
    /* Optional (NULL: not provided): the factor gradients G[l] at W directly, with E
     * receiving W1...WL and *crit as in grad (a fused form, e.g. ld_deep_gradient for
     * the moments).  work has work(o, d, p) + ld_gradient_work(L, r) doubles. */
    int (*factor_grad)(const ld_objdata *o, ptrdiff_t L, const ptrdiff_t *r, double t,
                       const double *const *W, double *const *G, double *E, double *crit,
                       double *work);
    /* Optional, with factor_grad (NULL: factor_grad's scratch is ld_gradient_work(L, r)):
     * the doubles factor_grad needs beyond work(o, d, p), or 0 on bad arguments. */
    size_t (*factor_work)(const ld_objdata *o, ptrdiff_t L, const ptrdiff_t *r);
    /* How the runner calls factor_grad: 0, or LD_FG_* flags (below). */
    int factor_flags;
} ld_objective;

/* factor_grad is called with E = NULL and does not form W1...WL: its gradient needs W at
 * a few entries only (completion); the runner forms E itself at the steps it records. */
#define LD_FG_NO_E 1
/* factor_grad may run its products on OpenMP threads itself (outside a parallel region,
 * its data say when, every width <= LD_RUN_BLAS1_MAX): the runner makes BLAS
 * single-threaded for the call when every width is <= LD_RUN_BLAS1_MAX. */
#define LD_FG_THREADS 2
/* Products up to this size in every dimension gain nothing from OpenBLAS's threads
 * (100 x 100 x 100: 44 us on two threads, 41 us on one); larger ones keep them. */
#define LD_RUN_BLAS1_MAX 128

typedef struct {
    const char *name;
    /* State matrices per factor, each the size of the factor (velocity, Adam moments). */
    int nstate;
    /* Hyper-parameters read from hyper[0..nhyper-1] (defaults are the .m layer's). */
    int nhyper;
    /* Checks the hyper-parameters once per run. */
    int (*check)(const double *hyper);
    /* One update of n entries of one factor: w, its gradient g, its state s[0..nstate-1]
     * (each n doubles), step size eta, step count t = 1, 2, ... over the whole run. */
    void (*step)(const double *hyper, double t, size_t n, double eta, const double *g,
                 double *w, double *const *s);
} ld_update;

/* What to record, and where (as ld_gd_record): record j is of the iterate after at[j]
 * steps of this call.  loss (the objective's loss), fro2, nuclear, erank (effective rank,
 * Roy & Vetterli 2007), sv (nsv x nrec), dist (npath x nrec, ||W - P_k||_F), snap
 * (d x p x nrec); NULL outputs are skipped. */
typedef struct {
    ptrdiff_t nrec;
    const ptrdiff_t *at;
    ptrdiff_t nsv;
    ptrdiff_t npath;
    const double *path;
    double *loss, *fro2, *nuclear, *erank, *sv, *dist, *snap;
} ld_run_record;

/* A run's fixed description: objective, its data, update rule, its hyper-parameters,
 * and the chain of L factors of widths r[0] = d, ..., r[L] = p. */
typedef struct {
    const ld_objective *obj;
    const ld_objdata *data;
    const ld_update *upd;
    const double *hyper;
    ptrdiff_t L;
    const ptrdiff_t *r;
} ld_run_spec;

/* Checks spec once (objective data, hyper-parameters, widths): LD_OK or an error code. */
int ld_run_check(const ld_run_spec *spec);

/* Doubles of scratch for one trajectory of ld_run (0 on bad arguments). */
size_t ld_run_work(const ld_run_spec *spec);

/* Runs iters steps in place on the factors W[0..L-1] and their update state
 * S[l * nstate + i] (state i of factor l), the first of them being step t0 of the whole
 * run (t0 = 0 for a fresh run; a run split into calls continues with t0 = the steps
 * done).  Stops when crit of an iterate is not finite or exceeds cmax: LD_EDIVERGED,
 * *diverged_at = that iterate's index within this call, the factors and state those of
 * that iterate (not updated), *nrec_done the records before it.  spec is assumed checked (ld_run_check).  Nothing
 * is allocated; no state is kept. */
int ld_run(const ld_run_spec *spec, double eta, double *const *W, double *const *S,
           double t0, ptrdiff_t iters, double cmax, const ld_run_record *rec,
           ptrdiff_t *nrec_done, ptrdiff_t *diverged_at, double *work);

/* K independent trajectories (OpenMP over k): step eta[k], factors W[k * L + l], state
 * S[(k * L + l) * nstate + i], threshold cmax[k], records rec[k] (rec may be NULL);
 * work holds K * ld_run_work(spec) doubles.  Checks spec once.  status[k] receives run
 * k's code; returns LD_OK when every run returned LD_OK or LD_EDIVERGED. */
int ld_run_sweep(const ld_run_spec *spec, ptrdiff_t K, const double *eta, double *const *W,
                 double *const *S, double t0, ptrdiff_t iters, const double *cmax,
                 const ld_run_record *rec, ptrdiff_t *nrec_done, ptrdiff_t *diverged_at,
                 int *status, double *work);

/* The factor gradients G[l] = W_{1:l-1}' G W_{l+1:L}' from the end-to-end gradient Gend
 * (d x p); work: ld_chain_work(L, r) doubles.  2L - 2 products. */
size_t ld_chain_work(ptrdiff_t L, const ptrdiff_t *r);
int ld_chain_gradient(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                      const double *Gend, double *const *G, double *work);

/* Effective rank of singular values s[0..n-1] >= 0: exp(-sum q log q), q = s / sum s
 * (Roy & Vetterli 2007); 0 when every s is 0. */
double ld_effective_rank(ptrdiff_t n, const double *s);

#endif /* LD_RUN_H */
