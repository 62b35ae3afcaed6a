/* __lindyn_second_moments__.c -- gateway: [Sx, Sxy] = __lindyn_second_moments__ (X, Y).
 * X n-by-d, Y n-by-p, real, full, any numeric class (read in place, never converted as a
 * whole), finite; see inst/second_moments.m. */
#include <math.h>
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_second_moments__";

/* Whether a double or single array holds a NaN or an Inf (integers never do). */
static int has_nonfinite(int cls, const void *a, size_t count)
{
    if (a == NULL)
        return 0;
    if (cls == LD_CLASS_DOUBLE) {
        for (size_t i = 0; i < count; ++i)
            if (!isfinite(((const double *)a)[i]))
                return 1;
    } else if (cls == LD_CLASS_SINGLE) {
        for (size_t i = 0; i < count; ++i)
            if (!isfinite(((const float *)a)[i]))
                return 1;
    }
    return 0;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t n, d, ny, p;
    int xc, yc;
    double *Sx, *Sxy;

    ldm_check_nargs(FN, nrhs, 2, 2, nlhs, 2);
    const void *X = ldm_get_numeric(FN, prhs[0], "X", &xc, &n, &d);
    const void *Y = ldm_get_numeric(FN, prhs[1], "Y", &yc, &ny, &p);
    if (ny != n)
        ldm_error(FN, "Y", "Y must have as many rows as X (%td), got %td", n, ny);

    const int nt = ld_second_moments_threads();
    const size_t w = ld_second_moments_work(d, p, nt);
    if (w == 0)
        ldm_error(FN, "size", "X is too large (%td columns)", d);
    ldm_check_memory(FN, "X", 8.0 * ((double)d * (double)d + (double)d * (double)p
                                     + (double)w));
    plhs[0] = ldm_new_matrix(d, d, &Sx);
    mxArray *sxy = ldm_new_matrix(d, p, &Sxy);
    double *work = ldm_work(FN, w);
    const ld_data data = {n, d, p, (ld_class)xc, X, (ld_class)yc, Y};
    const int st = ld_second_moments_any(&data, Sx, Sxy, nt, work);
    if (st == LD_ENOTFINITE) {
        if (has_nonfinite(yc, Y, (size_t)n * (size_t)p))
            ldm_error(FN, "Y", "Y must not contain NaN or Inf");
        ldm_error(FN, "X", "X must not contain NaN or Inf");
    }
    ldm_check_status(FN, st);
    mxFree(work);
    if (nlhs > 1)
        plhs[1] = sxy;
    else
        mxDestroyArray(sxy);
}

/*
%!test
%! X = randn (50, 4); Y = randn (50, 2);
%! [Sx, Sxy] = __lindyn_second_moments__ (X, Y);
%! assert (Sx, X' * X / 50, 1e-14);
%! assert (Sxy, X' * Y / 50, 1e-14);
%!test
%! % every numeric class, read in place; whole numbers give the exact moments
%! X = [1 2; 3 4; 5 6; 0 0];  Y = [1; 0; 2; 7];
%! for c = {'double', 'single', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'}
%!   [Sx, Sxy] = __lindyn_second_moments__ (cast (X, c{1}), cast (Y, c{1}));
%!   assert (isequal (Sx, X' * X / 4) && isequal (Sxy, X' * Y / 4), true, c{1});
%! end
%!error <expected 2 to 2 input> __lindyn_second_moments__ (1)
%!error <X must be a real> __lindyn_second_moments__ ({1}, 1)
%!error <X must be a real> __lindyn_second_moments__ (true, 1)
%!error <X must be a real> __lindyn_second_moments__ ('a', 1)
%!error <Y must be a real> __lindyn_second_moments__ (1, {1})
%!error <X must be a real> __lindyn_second_moments__ (1i, 1)
%!error <X must be a real> __lindyn_second_moments__ (single (1i), 1)
%!error <X must be a real> __lindyn_second_moments__ (sparse (1), 1)
%!error <X must not contain NaN> __lindyn_second_moments__ (NaN, 1)
%!error <X must not contain NaN> __lindyn_second_moments__ (single ([1; Inf]), [1; 2])
%!error <Y must not contain NaN> __lindyn_second_moments__ ([1; 2], single ([1; NaN]))
%!error <as many rows> __lindyn_second_moments__ (ones (3, 2), ones (2, 1))
%!error <2-D> __lindyn_second_moments__ (ones (2, 2, 2), 1)
%!error <2-D> __lindyn_second_moments__ (uint8 (ones (2, 2, 2)), 1)
*/
