/* __lindyn_objective__.c -- gateway: one objective of the trajectory runner (ld_run.h)
 * evaluated at one end-to-end point, for the sharpness records of objectives that are not
 * the moments' and for tests of an objective's table against finite differences:
 *   S = __lindyn_objective__ (spec, E)
 *   S = __lindyn_objective__ (spec, E, V)
 * spec: a struct with fields objective and data (as __lindyn_run__'s) and t* (the step
 * whose batch grad uses, 0).  E: the end-to-end d-by-p point.  V: d-by-p-by-k directions.
 * S: a struct with fields loss (the recorded loss at E), grad (the end-to-end gradient
 * of step t), crit (its divergence size), measures (the objective's own measures, a
 * column in the order of its table) and hv (d-by-p-by-k: the objective's Hessian at E
 * applied to each direction; [] without V).  An objective without a Hessian refuses V
 * (lindyn:__lindyn_objective__:hess). */
#include <math.h>
#include <string.h>
#include "ldm.h"
#include "ld_run.h"
#include "ld_run_table.h"

static const char FN[] = "__lindyn_objective__";

static const char *const SPEC_FIELDS[] = {"objective", "data", "t", NULL};
static const char *const OUT[] = {"loss", "grad", "crit", "measures", "hv"};

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ld_objdata od;
    ptrdiff_t d, p, k = 0;
    double *dst;

    ldm_check_nargs(FN, nrhs, 2, 3, nlhs, 1);
    const mxArray *spec = prhs[0];
    if (!mxIsStruct(spec) || mxGetNumberOfElements(spec) != 1)
        ldm_error(FN, "spec", "spec must be a scalar struct");
    const mxArray *sf[3];
    ldm_get_fields(FN, spec, 0, "spec", SPEC_FIELDS, NULL, sf);
    const ld_objective *obj = ldm_get_objective(FN, sf, "spec", &od);
    const mxArray *tf = sf[2];
    const double t = tf == NULL ? 0.0 : (double)ldm_get_integer(FN, tf, "t", 0, 9.0e15);
    const double *E = ldm_get_matrix(FN, prhs[1], "E", 1, &d, &p);
    const double *V = NULL;
    if (nrhs > 2) {
        V = ldm_get_stack(FN, prhs[2], "V", d, p, &k);
        if (k > 0 && obj->hess == NULL)
            ldm_error(FN, "hess", "objective \"%s\" has no Hessian", obj->name);
    }
    if (obj->check(&od, d, p) != LD_OK)
        ldm_error(FN, "data", "the data do not fit objective \"%s\" at a %td-by-%td point",
                  obj->name, d, p);
    const size_t nw = obj->work(&od, d, p);
    if (nw == 0)
        ldm_error(FN, "data", "the data do not fit objective \"%s\"", obj->name);
    const size_t dp = ldm_mul(FN, (size_t)d, (size_t)p);
    const ptrdiff_t nown = ld_name_count(obj->measures);
    ldm_check_memory(FN, "V", 8.0 * ((double)nw + (double)dp * (3.0 + (double)k) + (double)nown));
    double *work = ldm_work(FN, nw);
    memset(work, 0, nw * sizeof(double));   /* as the runner leaves it: no cached batch */

    mxArray *S = mxCreateStructMatrix(1, 1, sizeof OUT / sizeof OUT[0], (const char **)OUT);
    double f, crit;
    ldm_check_status(FN, obj->loss(&od, d, p, E, &f, work));
    mxSetField(S, 0, "loss", mxCreateDoubleScalar(f));
    mxArray *G = ldm_new_matrix(d, p, &dst);
    ldm_check_status(FN, obj->grad(&od, d, p, t, E, dst, &crit, work));
    mxSetField(S, 0, "grad", G);
    mxSetField(S, 0, "crit", mxCreateDoubleScalar(crit));
    mxArray *M = ldm_new_matrix(nown, 1, &dst);
    if (nown > 0 && obj->measure != NULL)
        ldm_check_status(FN, obj->measure(&od, d, p, E, dst, work));
    mxSetField(S, 0, "measures", M);
    if (k > 0) {
        mxArray *H = ldm_new_array3(d, p, k, &dst);
        for (ptrdiff_t j = 0; j < k; ++j)
            ldm_check_status(FN, obj->hess(&od, d, p, E, V + (size_t)j * dp, dst + (size_t)j * dp,
                                           work));
        mxSetField(S, 0, "hv", H);
    } else {
        mxSetField(S, 0, "hv", mxCreateDoubleMatrix(0, 0, mxREAL));
    }
    plhs[0] = S;
}

/*
%!shared spec, X, y, D
%! randn ('state', 2);
%! X = randn (7, 4);  y = randn (7, 1);  D = 3;
%! spec = struct ('objective', 'diagonal', 'data', struct ('X', X, 'y', y, ...
%!                'target', [1; 0; 0; -1], 'depth', D, 'batch', 7, 'replacement', 0, ...
%!                'seed', 0, 'tol', 0.1));
%!test
%! % the diagonal networks' loss, gradient and measures against direct formulas; the
%! % Hessian against central differences of the gradient (a polynomial in the step:
%! % O(h^2) truncation, ~1e-10 at h = 1e-5, plus eps/h rounding)
%! E = [0.5 + rand(4, 1), 0.5 + rand(4, 1)];
%! u = E(:,1);  v = E(:,2);  w = u.^D - v.^D;  g = X' * (X * w - y) / 7;
%! S = __lindyn_objective__ (spec, E);
%! assert (S.loss, sum ((X * w - y).^2) / 14, 1e-14);
%! assert (S.crit, S.loss, 1e-14);
%! assert (S.grad, [D * u.^(D-1) .* g, -D * v.^(D-1) .* g], 1e-13);
%! assert (S.measures, [norm(w, 1); norm(w); norm(w - [1; 0; 0; -1]); ...
%!                      sum(abs (w) > 0.1 * max (abs (w)))], 1e-13);
%! V = reshape (eye (8), 4, 2, 8);
%! S = __lindyn_objective__ (spec, E, V);
%! H = reshape (S.hv, 8, 8);
%! h = 1e-5;  Hfd = zeros (8);
%! for j = 1:8
%!   Ep = E;  Ep(j) = Ep(j) + h;  Em = E;  Em(j) = Em(j) - h;
%!   Gp = __lindyn_objective__ (spec, Ep).grad;  Gm = __lindyn_objective__ (spec, Em).grad;
%!   Hfd(:,j) = (Gp(:) - Gm(:)) / (2 * h);
%! end
%! assert (H, Hfd, 1e-8 * max (abs (H(:))));
%! assert (H, H', 1e-13 * max (abs (H(:))));
%!test
%! % an objective without own measures or Hessian at E: the moments' (quadratic)
%! Sx = [2 1; 1 2];  Sxy = [1; 0];  Ws = Sx \ Sxy;
%! sp = struct ('objective', 'moments', 'data', struct ('Sx', Sx, 'Sxy', Sxy, 'Wstar', Ws));
%! S = __lindyn_objective__ (sp, [0.3; -0.2], reshape (eye (2), 2, 1, 2));
%! assert (S.grad, Sx * [0.3; -0.2] - Sxy, 1e-15);
%! assert (reshape (S.hv, 2, 2), Sx, 1e-15);  assert (size (S.measures), [0 1]);
%!error id=lindyn:__lindyn_objective__:objective __lindyn_objective__ (struct ('objective', 'nope', 'data', struct ()), 1)
%!error id=lindyn:__lindyn_objective__:data __lindyn_objective__ (spec, ones (4, 3))
%!error id=lindyn:__lindyn_objective__:V __lindyn_objective__ (spec, ones (4, 2), ones (3, 2))
%!error id=lindyn:__lindyn_objective__:spec __lindyn_objective__ (1, 1)
%!error id=lindyn:__lindyn_objective__:nargin __lindyn_objective__ (spec)
*/
