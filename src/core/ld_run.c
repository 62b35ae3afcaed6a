/* ld_run.c -- the trajectory runner: the factor gradients of any objective through eq.
 * 11's chain rule, grad_{Wl} = W_{1:l-1}' grad l(W) W_{l+1:L}' (or the objective's fused
 * step for plain gradient descent), any update rule, records of W = W1...WL at chosen
 * steps, divergence, stopping rules, and sweeps of independent trajectories. */
#include <math.h>
#include <string.h>
#include "ld_run.h"
#include "ld_run_table.h"
#include "ld_chain.h"
#include "ld_gradient.h"
#include "ld_measures.h"
#include "ld_sharpness.h"
#include "ld_blas_threads.h"
#include "ld_small.h"
#include "ld_skinny.h"
#ifdef _OPENMP
#include <omp.h>
#endif

#define LD_OBJECTIVE_ENTRY(name) &ld_objective_##name,
#define LD_UPDATE_ENTRY(name) &ld_update_##name,
static const ld_objective *const objectives[] = {LD_OBJECTIVE_LIST(LD_OBJECTIVE_ENTRY) NULL};
static const ld_update *const updates[] = {LD_UPDATE_LIST(LD_UPDATE_ENTRY) NULL};

const ld_objective *ld_objective_find(const char *name)
{
    for (int i = 0; name != NULL && objectives[i] != NULL; ++i)
        if (strcmp(objectives[i]->name, name) == 0)
            return objectives[i];
    return NULL;
}

const ld_update *ld_update_find(const char *name)
{
    for (int i = 0; name != NULL && updates[i] != NULL; ++i)
        if (strcmp(updates[i]->name, name) == 0)
            return updates[i];
    return NULL;
}

ptrdiff_t ld_name_count(const char *const *names)
{
    ptrdiff_t n = 0;
    while (names != NULL && names[n] != NULL)
        ++n;
    return n;
}

double ld_effective_rank(ptrdiff_t n, const double *s)
{
    double tot = 0.0;
    for (ptrdiff_t i = 0; i < n; ++i)
        tot += s[i];
    if (!(tot > 0.0))
        return 0.0;
    double h = 0.0;
    for (ptrdiff_t i = 0; i < n; ++i) {
        const double q = s[i] / tot;
        if (q > 0.0)
            h -= q * log(q);
    }
    return exp(h);
}

/* ---- stopping rules ------------------------------------------------------------ */

static int loss_on(const ld_stop *st) { return !isnan(st->loss); }
static int change_on(const ld_stop *st) { return !isnan(st->change) && st->window > 0; }
static int patience_on(const ld_stop *st) { return st->patience > 0; }
static int any_stop(const ld_stop *st) { return loss_on(st) || change_on(st) || patience_on(st); }

size_t ld_stop_state_size(const ld_stop *st)
{
    return 3 + (change_on(st) ? (size_t)st->window : 0);
}

/* The rule that fires at a record of loss f and first held-out loss h (LD_STOP_NONE if
 * none); state: records seen, best h, records since the best, the last window losses. */
static int stop_check(const ld_stop *st, double *state, double f, double h)
{
    const double n = state[0];
    int why = LD_STOP_NONE;
    if (loss_on(st) && f <= st->loss)
        why = LD_STOP_LOSS;
    if (change_on(st)) {
        double *ring = state + 3;
        const size_t slot = (size_t)fmod(n, (double)st->window);
        if (n >= (double)st->window && why == LD_STOP_NONE
            && fabs(f - ring[slot]) <= st->change * fabs(ring[slot]))
            why = LD_STOP_CHANGE;
        ring[slot] = f;
    }
    if (patience_on(st)) {
        if (n == 0.0 || h < state[1]) {
            state[1] = h;
            state[2] = 0.0;
        } else {
            state[2] += 1.0;
        }
        if (why == LD_STOP_NONE && state[2] >= (double)st->patience)
            why = LD_STOP_PATIENCE;
    }
    state[0] = n + 1.0;
    return why;
}

/* ---- checks and scratch --------------------------------------------------------- */

static int fused(const ld_run_spec *s)
{
    return s->obj->fused_step != NULL && s->upd == &ld_update_gd;
}

/* the objective's own scratch */
static size_t obj_work(const ld_run_spec *s)
{
    return s->obj->work(s->data, s->r[0], s->r[s->L]);
}

/* the scratch of the objective's fused forms (1 without any) */
static size_t fused_work(const ld_run_spec *s)
{
    if (s->obj->factor_grad == NULL && s->obj->fused_step == NULL)
        return 1;
    return s->obj->factor_work != NULL ? s->obj->factor_work(s->data, s->L, s->r)
                                       : ld_gradient_work(s->L, s->r);
}

/* the largest scratch of the held-out evaluations (1 without any) */
static size_t test_work(const ld_run_spec *s)
{
    const ptrdiff_t d = s->r[0], p = s->r[s->L];
    size_t m = 1;
    for (ptrdiff_t i = 0; i < s->meas.ntest; ++i) {
        const size_t w = s->meas.test[i].obj->work(s->meas.test[i].data, d, p);
        if (w == 0)
            return 0;
        m = w > m ? w : m;
    }
    return m;
}

int ld_run_check(const ld_run_spec *s)
{
    if (s == NULL || s->obj == NULL || s->data == NULL || s->upd == NULL)
        return LD_EARG;
    if (!ld_chain_ok(s->L, s->r))
        return LD_EDIM;
    if (ld_name_count(s->upd->hypers) > 0 && s->hyper == NULL)
        return LD_EARG;
    int status = s->obj->check(s->data, s->r[0], s->r[s->L]);
    if (status != LD_OK)
        return status;
    if (s->upd->check != NULL && (status = s->upd->check(s->hyper)) != LD_OK)
        return status;
    const ld_measure_spec *m = &s->meas;
    if (m->nsv < 0 || m->npath < 0 || m->ntest < 0 || (m->ntest > 0 && m->test == NULL)
        || (m->npath > 0 && s->r[0] * s->r[s->L] > 0 && m->path == NULL))
        return LD_EARG;
    for (ptrdiff_t i = 0; i < m->ntest; ++i) {
        if (m->test[i].obj == NULL || m->test[i].data == NULL)
            return LD_EARG;
        if ((status = m->test[i].obj->check(m->test[i].data, s->r[0], s->r[s->L])) != LD_OK)
            return status;
    }
    if (m->sharpness && (s->obj->hess == NULL || !(m->sharp_tol > 0.0) || !isfinite(m->sharp_tol)
                         || m->sharp_maxit < 1))
        return LD_EARG;
    const ld_stop *st = &s->stop;
    if (st->window < 0 || st->patience < 0 || (patience_on(st) && m->ntest < 1)
        || (!isnan(st->change) && (st->change < 0.0 || st->window < 1))
        || (loss_on(st) && !(st->loss > -INFINITY)))
        return LD_EARG;
    return ld_run_work(s) == 0 ? LD_EDIM : LD_OK;
}

typedef struct {
    double *E, *Gend, *Gf, *chain, *s, *mwork, *bwork, *Wsave, *twork, *owork, *fwork, *shwork;
} layout;

/* A cache line in doubles: the scratch's buffers start on their own lines, and so does
 * each trajectory of a sweep. */
#define LD_LINE 8

static size_t round_line(size_t n)
{
    return (n + LD_LINE - 1) / LD_LINE * LD_LINE;
}

/* Scratch of one trajectory, each buffer on whole cache lines: E (dp), Gend (dp), the
 * factor gradients, the chain's scratch, singular values (min(d, p)), measures, balance,
 * a copy of the factors (records of the fused step that need them), held-out
 * evaluations, the objective's own scratch and its fused forms' scratch. */
static size_t carve(const ld_run_spec *s, double *work, layout *w)
{
    const ptrdiff_t L = s->L, d = s->r[0], p = s->r[L];
    const size_t dp = (size_t)d * (size_t)p, nf = ld_chain_size(L, s->r);
    const size_t cw = ld_chain_work(L, s->r), mw = ld_measures_work(d, p);
    const size_t bw = s->meas.balance ? ld_balance_work(L, s->r) : 1;
    const size_t tw = test_work(s), ow = obj_work(s), fw = fused_work(s);
    const size_t shw = s->meas.sharpness ? ld_sharpness_work(L, s->r, 1, s->meas.sharp_maxit) : 1;
    if (cw == 0 || mw == 0 || bw == 0 || tw == 0 || ow == 0 || fw == 0 || shw == 0)
        return 0;
    const size_t sizes[] = {dp, dp, nf, cw, (size_t)(d < p ? d : p), mw, bw, nf, tw, ow, fw,
                            shw};
    double **where[] = {&w->E, &w->Gend, &w->Gf, &w->chain, &w->s, &w->mwork, &w->bwork,
                        &w->Wsave, &w->twork, &w->owork, &w->fwork, &w->shwork};
    size_t off = 0;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
        if (work != NULL)
            *where[i] = work + off;
        if (sizes[i] > (size_t)-1 / 2 - off)
            return 0;
        off += round_line(sizes[i]);
    }
    return off;
}

size_t ld_run_work(const ld_run_spec *s)
{
    if (s == NULL || s->obj == NULL || s->data == NULL || !ld_chain_ok(s->L, s->r))
        return 0;
    layout w;
    return carve(s, NULL, &w);
}

/* ---- one trajectory ------------------------------------------------------------- */

/* The objective's curvature at a record, for ld_sharpness_loss. */
typedef struct {
    const ld_run_spec *s;
    const double *E;
    double *work;
} curv_ctx;

static int obj_hess(const void *ctx, const double *dE, double *out)
{
    const curv_ctx *c = (const curv_ctx *)ctx;
    const ld_run_spec *s = c->s;
    return s->obj->hess(s->data, s->r[0], s->r[s->L], c->E, dE, out, c->work);
}

/* The top eigenvalue of the loss's Hessian in the factors F (end-to-end E), warm-started
 * from tr->sharp_v, where the eigenvector found is left for the next record. */
static int sharpness_at(const ld_run_spec *s, ld_traj *tr, const double *E,
                        const double *const *F, const layout *w, double *value)
{
    const ptrdiff_t d = s->r[0], p = s->r[s->L];
    double *G = w->Gend, crit;
    int status = s->obj->loss_grad != NULL
                     ? s->obj->loss_grad(s->data, d, p, E, G, w->owork)
                     : s->obj->grad(s->data, d, p, 0.0, E, G, &crit, w->owork);
    if (status != LD_OK)
        return status;
    const curv_ctx ctx = {s, E, w->owork};
    const ld_curvature cv = {s->L, s->r, obj_hess, &ctx};
    const ld_sharpness_opts opt = {1, s->meas.sharp_tol, s->meas.sharp_maxit, 1, tr->sharp_v};
    ld_sharpness_result res = {value, tr->sharp_v, 0, 0.0, 0};
    status = ld_sharpness_loss(&cv, F, G, &opt, &res, w->shwork);
    /* a point where the Hessian cannot be had (non-finite products) records NaN */
    if (status == LD_ENOTFINITE) {
        *value = NAN;
        return LD_OK;
    }
    return status;
}

/* Record j of the iterate with end-to-end E and factors F; *why the stopping rule that
 * fires there. */
static int take_record(const ld_run_spec *s, ld_traj *tr, ptrdiff_t j, const double *E,
                       const double *const *F, const layout *w, int *why)
{
    const ptrdiff_t L = s->L, d = s->r[0], p = s->r[L], mn = d < p ? d : p;
    const size_t dp = (size_t)d * (size_t)p;
    const ld_measure_spec *m = &s->meas;
    const ld_records *rec = &tr->rec;
    const int stopping = tr->stop_state != NULL && any_stop(&s->stop);
    int status;
    double f = NAN, h = NAN;
    if (rec->snap != NULL && dp > 0)
        memcpy(rec->snap + (size_t)j * dp, E, dp * sizeof(double));
    if (rec->loss != NULL || stopping) {
        if ((status = s->obj->loss(s->data, d, p, E, &f, w->owork)) != LD_OK)
            return status;
        if (rec->loss != NULL)
            rec->loss[j] = f;
    }
    for (ptrdiff_t i = 0; i < m->ntest; ++i) {
        double v;
        if ((status = m->test[i].obj->loss(m->test[i].data, d, p, E, &v, w->twork)) != LD_OK)
            return status;
        if (rec->test != NULL)
            rec->test[(size_t)j * (size_t)m->ntest + (size_t)i] = v;
        if (i == 0)
            h = v;
    }
    if (rec->fro2 != NULL)
        rec->fro2[j] = ld_small_sumsq(dp, E);
    const int want_sv = rec->nuclear != NULL || rec->erank != NULL || (rec->sv != NULL && m->nsv > 0);
    if (want_sv) {
        if ((status = ld_singular_values(d, p, E, w->s, w->mwork)) != LD_OK)
            return status;
        double nuc = 0.0;
        for (ptrdiff_t i = 0; i < mn; ++i)
            nuc += w->s[i];
        if (rec->nuclear != NULL)
            rec->nuclear[j] = nuc;
        if (rec->erank != NULL)
            rec->erank[j] = ld_effective_rank(mn, w->s);
        if (rec->sv != NULL)
            for (ptrdiff_t i = 0; i < m->nsv; ++i)
                rec->sv[(size_t)j * (size_t)m->nsv + (size_t)i] = i < mn ? w->s[i] : 0.0;
    }
    if (rec->dist != NULL && m->npath > 0
        && (status = ld_path_dist(d, p, E, m->npath, m->path,
                                  rec->dist + (size_t)j * (size_t)m->npath)) != LD_OK)
        return status;
    if (rec->sharp != NULL && (status = sharpness_at(s, tr, E, F, w, rec->sharp + j)) != LD_OK)
        return status;
    const ptrdiff_t nown = ld_name_count(s->obj->measures);
    if (rec->own != NULL && nown > 0 && s->obj->measure != NULL
        && (status = s->obj->measure(s->data, d, p, E, rec->own + (size_t)j * (size_t)nown,
                                     w->owork)) != LD_OK)
        return status;
    if (rec->balance != NULL && L > 1
        && (status = ld_balance(L, s->r, F, rec->balance + (size_t)j * (size_t)(L - 1),
                                w->bwork)) != LD_OK)
        return status;
    *why = stopping ? stop_check(&s->stop, tr->stop_state, f, h) : LD_STOP_NONE;
    return LD_OK;
}

/* The factor gradients at the iterate x (into G), its crit, and E = W1...WL when E is
 * not NULL. */
static int gradients(const ld_run_spec *s, const ld_point *x, double *const *G, double *E,
                     const layout *w, double *crit)
{
    const ptrdiff_t L = s->L, d = s->r[0], p = s->r[L];
    const double *const *Wc = (const double *const *)x->W;
    if (s->obj->factor_grad != NULL) {
        const int no_e = (s->obj->factor_flags & LD_FG_NO_E) != 0;
        const int status = s->obj->factor_grad(s->data, x, G, no_e ? NULL : E, crit, w->owork);
        if (status == LD_OK && no_e && E != NULL)
            ld_chain_suffixes(L, s->r, Wc, w->chain, E);
        return status;
    }
    double *sbuf = w->chain, *A0 = sbuf + ld_chain_suffix_size(L, s->r);
    ld_chain_suffixes(L, s->r, Wc, sbuf, w->E);
    const int status = s->obj->grad(s->data, d, p, x->t, w->E, w->Gend, crit, w->owork);
    if (status != LD_OK)
        return status;
    ld_chain_left(L, s->r, Wc, sbuf, w->Gend, G, A0, A0 + ld_chain_buf_size(L, s->r));
    return LD_OK;
}

/* crit at the iterate x alone (the last iterate of a call, when it is recorded), with E */
static int crit_at(const ld_run_spec *s, const ld_point *x, const layout *w, double *crit)
{
    const ptrdiff_t L = s->L, d = s->r[0], p = s->r[L];
    ld_chain_suffixes(L, s->r, (const double *const *)x->W, w->chain, w->E);
    return s->obj->grad(s->data, d, p, x->t, w->E, w->Gend, crit, w->owork);
}

static int diverged(double crit, double cmax)
{
    return !isfinite(crit) || crit > cmax;
}

static void copy_factors(ptrdiff_t L, const ptrdiff_t *r, double *const *src, double *dst,
                         int back)
{
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t n = (size_t)r[l] * (size_t)r[l + 1];
        if (n > 0) {
            if (back)
                memcpy(src[l], dst, n * sizeof(double));
            else
                memcpy(dst, src[l], n * sizeof(double));
        }
        dst += n;
    }
}

#define LD_RUN_MAXL 4096

/* The iterations of ld_run (arguments checked). */
static int run_loop(const ld_run_spec *s, ld_traj *tr, double t0, ptrdiff_t iters,
                    const layout *w)
{
    const ptrdiff_t L = s->L, *r = s->r, ns = s->upd->nstate;
    const ptrdiff_t nrec = tr->rec.nrec;
    const int fast = fused(s);
    /* pointers to the factor gradients and to the saved factors (L is bounded) */
    double *G[LD_RUN_MAXL], *F[LD_RUN_MAXL];
    {
        double *g = w->Gf, *f = w->Wsave;
        for (ptrdiff_t l = 0; l < L; ++l) {
            G[l] = g;
            F[l] = f;
            g += (size_t)r[l] * (size_t)r[l + 1];
            f += (size_t)r[l] * (size_t)r[l + 1];
        }
    }
    ld_point x = {L, r, tr->W, t0, w->fwork};
    /* the fused step's records come after its step: the factors of the recorded iterate
     * are kept (copied before the step) only where a record needs them or a stopping
     * rule may end the run there */
    const int keep = s->meas.balance || tr->rec.sharp != NULL
                     || (tr->stop_state != NULL && any_stop(&s->stop));
    ptrdiff_t j = 0;
    int status = LD_OK, why = LD_STOP_NONE;
    for (ptrdiff_t k = 0; k <= iters; ++k) {
        const int rec_here = j < nrec && tr->rec.at[j] == k;
        double crit = 0.0;
        x.t = t0 + (double)k;
        tr->done = k;
        if (k == iters) {
            if (rec_here) {
                if ((status = crit_at(s, &x, w, &crit)) != LD_OK)
                    break;
                if (diverged(crit, tr->cmax)) {
                    status = LD_EDIVERGED;
                    break;
                }
                if ((status = take_record(s, tr, j, w->E, (const double *const *)tr->W, w, &why))
                    != LD_OK)
                    break;
                ++j;
            }
            break;
        }
        if (fast) {
            /* the objective's whole step, which gives E of the iterate before it without
             * changing its arithmetic; a record is of that iterate */
            if (rec_here && keep)
                copy_factors(L, r, tr->W, w->Wsave, 0);
            status = s->obj->fused_step(s->data, &x, tr->eta, tr->cmax, rec_here ? w->E : NULL,
                                        &crit);
            if (status != LD_OK)
                break;
            if (rec_here) {
                if ((status = take_record(s, tr, j, w->E, (const double *const *)F, w, &why))
                    != LD_OK)
                    break;
                ++j;
                if (why != LD_STOP_NONE) {
                    copy_factors(L, r, tr->W, w->Wsave, 1);
                    break;
                }
            }
            continue;
        }
        if ((status = gradients(s, &x, G, rec_here ? w->E : NULL, w, &crit)) != LD_OK)
            break;
        if (diverged(crit, tr->cmax)) {
            status = LD_EDIVERGED;
            break;
        }
        if (rec_here) {
            if ((status = take_record(s, tr, j, w->E, (const double *const *)tr->W, w, &why))
                != LD_OK)
                break;
            ++j;
            if (why != LD_STOP_NONE)
                break;
        }
        for (ptrdiff_t l = 0; l < L; ++l) {
            const size_t n = (size_t)r[l] * (size_t)r[l + 1];
            if (n > 0)
                s->upd->step(s->hyper, x.t + 1.0, n, tr->eta, G[l], tr->W[l],
                             ns > 0 ? tr->S + l * ns : NULL);
        }
    }
    tr->nrec_done = j;
    tr->stopped_by = status == LD_OK ? why : LD_STOP_NONE;
    return status;
}

/* A chain with a width at most this and another above LD_SMALL_MAX is "skinny": its
 * large products run on one OpenBLAS thread (see ld_run). */
#define LD_RUN_SKINNY 32

int ld_run(const ld_run_spec *s, ld_traj *tr, double t0, ptrdiff_t iters, double *work)
{
    if (s == NULL || s->obj == NULL || s->upd == NULL || !ld_chain_ok(s->L, s->r))
        return LD_EDIM;
    if (tr == NULL)
        return LD_EARG;
    const ptrdiff_t L = s->L, *r = s->r, ns = s->upd->nstate;
    tr->done = 0;
    tr->nrec_done = 0;
    tr->stopped_by = LD_STOP_NONE;
    const ld_records *rec = &tr->rec;
    if (iters < 0 || work == NULL || tr->W == NULL || (ns > 0 && tr->S == NULL)
        || !isfinite(tr->eta) || isnan(tr->cmax) || !(t0 >= 0.0) || L > LD_RUN_MAXL
        || rec->nrec < 0 || (rec->nrec > 0 && rec->at == NULL)
        || (any_stop(&s->stop) && tr->stop_state == NULL)
        || (rec->sharp != NULL && (!s->meas.sharpness || tr->sharp_v == NULL)))
        return tr->status = LD_EARG;
    for (ptrdiff_t j = 0; j < rec->nrec; ++j)
        if (rec->at[j] < 0 || rec->at[j] > iters || (j > 0 && rec->at[j] <= rec->at[j - 1]))
            return tr->status = LD_EARG;
    layout w;
    if (carve(s, work, &w) == 0)
        return tr->status = LD_EDIM;
    /* objectives that cache in their scratch (LD_OBJ_CACHES): zeroed once per call, so a
     * call never depends on what a previous call left there */
    if (s->obj->factor_flags & LD_OBJ_CACHES)
        memset(w.owork, 0, obj_work(s) * sizeof(double));
    ptrdiff_t rmin = r[0], rmx = r[0];
    for (ptrdiff_t l = 1; l <= L; ++l) {
        rmin = r[l] < rmin ? r[l] : rmin;
        rmx = r[l] > rmx ? r[l] : rmx;
    }
    /* Products with one dimension <= LD_RUN_SKINNY (e.g. p = 10 classes) and another
     * above LD_SMALL_MAX go to dgemm at a low arithmetic intensity, where OpenBLAS's
     * threads cost more than they bring (d = 784, p = 10, shared 2-core machine: L=2 3.0
     * against 5.2 ms per iteration): run those single-threaded for L >= 2 unless the
     * skinny kernels take every product of the step (p <= LD_SKINNY_N), and so do the
     * products of an objective that runs them on the OpenMP threads itself.  Not inside
     * a parallel region (a sweep sets BLAS's threads once around it). */
    const int skinny = L >= 2 && rmin <= LD_RUN_SKINNY && rmx > LD_SMALL_MAX && iters > 0
                       && !(LD_SKINNY_ENABLED && r[L] <= LD_SKINNY_N);
    const int own = (s->obj->factor_flags & LD_FG_THREADS) && rmx <= LD_RUN_BLAS1_MAX
                    && iters > 0;
    int nested = 0;
#ifdef _OPENMP
    nested = omp_in_parallel();
#endif
    const int blas_prev = (skinny || own) && !nested ? ld_blas_threads(1) : 0;
    tr->status = run_loop(s, tr, t0, iters, &w);
    if (blas_prev > 1)
        ld_blas_threads(blas_prev);
    return tr->status;
}

/* ---- sweeps --------------------------------------------------------------------- */

/* Trajectories that iterate on private copies of factors and state. */
static int copies(const ld_run_spec *s)
{
    return s->L <= LD_RUN_COPY_L && s->upd->nstate <= 4;
}

/* Doubles per trajectory: its ld_run_work and, with copies, its factors and state, each
 * rounded up to whole cache lines. */
static size_t sweep_stride(const ld_run_spec *s, size_t w)
{
    const size_t nf = ld_chain_size(s->L, s->r);
    return round_line(w) + (copies(s) ? round_line(nf * (size_t)(1 + s->upd->nstate)) : 0);
}

size_t ld_run_sweep_work(const ld_run_spec *s, ptrdiff_t K)
{
    const size_t w = ld_run_work(s);
    if (w == 0 || K < 0)
        return 0;
    const size_t st = sweep_stride(s, w);
    if (K > 0 && st > ((size_t)-1 - LD_LINE) / (size_t)K)
        return 0;
    return (size_t)K * st + LD_LINE;
}

/* Trajectory k on its own cache lines: the factors of neighbouring trajectories (the
 * caller's separate arrays, allocated one after another) share the lines at their ends,
 * and two threads writing them every step would pass those lines back and forth. */
static void sweep_one(const ld_run_spec *s, ld_traj *tr, double t0, ptrdiff_t iters,
                      double *wk)
{
    if (!copies(s)) {
        ld_run(s, tr, t0, iters, wk);
        return;
    }
    const ptrdiff_t L = s->L, ns = s->upd->nstate, *r = s->r;
    double *Wk[LD_RUN_COPY_L], *Sk[LD_RUN_COPY_L * 4];
    double *q = wk;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t n = (size_t)r[l] * (size_t)r[l + 1];
        Wk[l] = q;
        if (n > 0)
            memcpy(q, tr->W[l], n * sizeof(double));
        q += n;
        for (ptrdiff_t i = 0; i < ns; ++i) {
            Sk[l * ns + i] = q;
            if (n > 0)
                memcpy(q, tr->S[l * ns + i], n * sizeof(double));
            q += n;
        }
    }
    ld_traj t = *tr;
    t.W = Wk;
    t.S = Sk;
    ld_run(s, &t, t0, iters, wk + round_line(ld_chain_size(L, r) * (size_t)(1 + ns)));
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t n = (size_t)r[l] * (size_t)r[l + 1];
        if (n > 0) {
            memcpy(tr->W[l], Wk[l], n * sizeof(double));
            for (ptrdiff_t i = 0; i < ns; ++i)
                memcpy(tr->S[l * ns + i], Sk[l * ns + i], n * sizeof(double));
        }
    }
    tr->done = t.done;
    tr->nrec_done = t.nrec_done;
    tr->status = t.status;
    tr->stopped_by = t.stopped_by;
}

int ld_run_sweep(const ld_run_spec *s, ptrdiff_t K, ld_traj *tr, double t0,
                 ptrdiff_t iters, double *work)
{
    int st = ld_run_check(s);
    if (st != LD_OK)
        return st;
    if (K < 0 || (K > 0 && (tr == NULL || work == NULL)))
        return LD_EARG;
    for (ptrdiff_t k = 0; k < K; ++k)
        if (tr[k].W == NULL || (s->upd->nstate > 0 && tr[k].S == NULL))
            return LD_EARG;
    const size_t stride = sweep_stride(s, ld_run_work(s));
    /* the first whole cache line of work (ld_run_sweep_work has one line of slack) */
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
        sweep_one(s, tr + k, t0, iters, base + (size_t)k * stride);
    if (blas_prev > 1)
        ld_blas_threads(blas_prev);
    for (ptrdiff_t k = 0; k < K; ++k)
        if (tr[k].status != LD_OK && tr[k].status != LD_EDIVERGED)
            return tr[k].status;
    return LD_OK;
}
