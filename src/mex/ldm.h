/* ldm.h -- argument fetching and validation shared by every MEX gateway.
 *
 * Every helper raises an Octave/MATLAB error (mexErrMsgIdAndTxt) with identifier
 * "lindyn:<gateway>:<what>" on bad input, so a gateway never reads out of bounds and
 * never crashes.  Memory comes from mxMalloc, which Octave and MATLAB free on error.
 */
#ifndef LDM_H
#define LDM_H

#include <stddef.h>
#include "mex.h"
#include "ld_run.h"

/* Error with identifier lindyn:<fn>:<what> and a printf-style message. */
void ldm_error(const char *fn, const char *what, const char *fmt, ...);

/* Check nrhs in [lo, hi] and nlhs <= maxout (nlhs 0 always allowed).  Call it first:
 * it also records fn for the errors of ldm_new_matrix / ldm_new_array3. */
void ldm_check_nargs(const char *fn, int nrhs, int lo, int hi, int nlhs, int maxout);

/* A real, full (non-sparse), double, 2-D matrix; returns its data (NULL if empty)
 * and dimensions.  finite != 0 also refuses NaN and Inf. */
const double *ldm_get_matrix(const char *fn, const mxArray *a, const char *name,
                             int finite, ptrdiff_t *m, ptrdiff_t *n);

/* As ldm_get_matrix, and the dimensions must be exactly m x n (-1: any). */
const double *ldm_get_matrix_size(const char *fn, const mxArray *a, const char *name,
                                  int finite, ptrdiff_t m, ptrdiff_t n);

/* A real, finite double scalar. */
double ldm_get_scalar(const char *fn, const mxArray *a, const char *name);

/* A real double scalar that is not NaN (Inf allowed). */
double ldm_get_scalar_inf(const char *fn, const mxArray *a, const char *name);

/* A real, full, double, finite array of size m x n x k (k free; 2-D arrays have k = 1,
 * an empty array k = 0); returns its data (NULL if empty) and k. */
const double *ldm_get_stack(const char *fn, const mxArray *a, const char *name,
                            ptrdiff_t m, ptrdiff_t n, ptrdiff_t *k);

/* A real double scalar holding an integer in [lo, hi]. */
ptrdiff_t ldm_get_integer(const char *fn, const mxArray *a, const char *name,
                          double lo, double hi);

/* A real double vector (any orientation, possibly empty) of length *len; finite
 * values only when finite != 0. */
const double *ldm_get_vector(const char *fn, const mxArray *a, const char *name,
                             int finite, ptrdiff_t *len);

/* A real double vector of integers in [lo, hi] (any orientation, possibly empty), copied
 * into an mxMalloc'ed ptrdiff_t array of length *len (never NULL). */
ptrdiff_t *ldm_get_index_vector(const char *fn, const mxArray *a, const char *name,
                                double lo, double hi, ptrdiff_t *len);

/* A real, full, finite, square double matrix, symmetric to within
 * 1e-10 * max |entry| (otherwise lindyn:<fn>:<name>); *n is its order. */
const double *ldm_get_symmetric(const char *fn, const mxArray *a, const char *name,
                                ptrdiff_t *n);

/* The second moments a gateway takes first: Sx (argument sx) a real, full, finite, square
 * d x d double matrix (its symmetry is not checked; see ldm_get_symmetric) and Sxy
 * (argument sxy) a real, full, finite d x p double matrix.  Errors lindyn:<fn>:Sx and
 * lindyn:<fn>:Sxy.  Returns Sx's data; *Sxy, *d and *p receive the rest. */
const double *ldm_get_moments(const char *fn, const mxArray *sx, const mxArray *sxy,
                              const double **Sxy, ptrdiff_t *d, ptrdiff_t *p);

/* The modes of eq. 16 and 22 from the arguments a[0], a[1], a[2]: sigma, lambda and w0,
 * real finite double vectors of one length *m (lambda and w0 are measured against sigma:
 * errors lindyn:<fn>:sigma, lindyn:<fn>:lambda, lindyn:<fn>:w0). */
void ldm_get_modes(const char *fn, const mxArray *const *a, const double **sigma,
                   const double **lambda, const double **w0, ptrdiff_t *m);

/* A real finite double vector of times t >= 0 of length *len (lindyn:<fn>:<name>); with
 * integer != 0 also integers at most 2^53 (iteration counts of gradient descent). */
const double *ldm_get_times(const char *fn, const mxArray *a, const char *name, int integer,
                            ptrdiff_t *len);

/* A cell vector {W1, ..., WL} (L >= 1) of real, full, double, finite matrices forming a
 * chain: W1 is d-by-r1, Wl is r(l-1)-by-rl, WL is r(L-1)-by-p.  d and p are checked when
 * >= 0 (-1: taken from the cell).  Returns L; *r (L+1 widths, r[0] = d, r[L] = p) and *W
 * (L data pointers, NULL for empty factors) are mxMalloc'ed. */
ptrdiff_t ldm_get_chain(const char *fn, const mxArray *a, const char *name, ptrdiff_t d,
                        ptrdiff_t p, ptrdiff_t **r, const double ***W);

/* A new 1-by-L cell holding copies of the chain's factors (sizes r), and pointers to
 * the copies' data, which callers may update in place. */
mxArray *ldm_new_chain(const char *fn, ptrdiff_t L, const ptrdiff_t *r,
                       const double *const *W, double ***out);

/* A logical or numeric scalar flag, returned as 0/1. */
int ldm_get_flag(const char *fn, const mxArray *a, const char *name);

/* A new m x n real double matrix, zero-filled, and a pointer to its data.  Running out
 * of memory gives the error lindyn:<gateway>:memory (ldm_work too). */
mxArray *ldm_new_matrix(ptrdiff_t m, ptrdiff_t n, double **data);

/* A new m x n x k real double array, zero-filled, and a pointer to its data. */
mxArray *ldm_new_array3(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double **data);

/* Scratch space of count doubles from mxMalloc (never NULL; errors on overflow). */
double *ldm_work(const char *fn, size_t count);

/* The memory a request may take, in bytes: MemAvailable + SwapFree of /proc/meminfo (4 GB
 * where it cannot be read), at most what the address-space limit (ulimit -v) leaves above
 * the process's current size.  The rule of inst/private/ld_memory_check.m. */
double ldm_memory_available(void);

/* Refuse a request of bytes bytes (computed in double, so it cannot overflow) that the
 * machine cannot give: the error lindyn:<fn>:memory naming the argument name.  Gateways
 * call it with the total of the outputs whose size their arguments set, before making
 * any of them.  Requests below 16 MB always pass. */
void ldm_check_memory(const char *fn, const char *name, double bytes);

/* Product a*b of sizes, erroring (lindyn:<fn>:size) on overflow of size_t. */
size_t ldm_mul(const char *fn, size_t a, size_t b);

/* Turn a core status code into an error lindyn:<fn>:<what> (no-op for LD_OK). */
void ldm_check_status(const char *fn, int status);

/* A real, full, 2-D array of any numeric class (double, single, or an integer class;
 * logical, char, complex, sparse and the rest are refused, error lindyn:<fn>:<name>),
 * read in place: returns its data (NULL if empty), *cls its element type (an ld_class
 * of ld_second_moments.h) and its dimensions.  Values are not checked. */
const void *ldm_get_numeric(const char *fn, const mxArray *a, const char *name, int *cls,
                            ptrdiff_t *m, ptrdiff_t *n);

/* ---- arguments passed as structs (named fields) ---------------------------------- */

/* The fields of element i of the struct s named in the NULL-terminated lists known and
 * known2 (known2 may be NULL), each read once: f[k] is the field named by the k-th name
 * of known then known2 (NULL when absent).  A field of any other name is refused
 * (lindyn:<fn>:<what>): a misspelt name is an error, never ignored.  (Octave looks a
 * field up by listing every name: one lookup per name is the least a gateway can do.) */
void ldm_get_fields(const char *fn, const mxArray *s, mwIndex i, const char *what,
                    const char *const *known, const char *const *known2, const mxArray **f);

/* f itself, or the error lindyn:<fn>:<what> "<what> must have a field <name>" when NULL. */
const mxArray *ldm_need(const char *fn, const mxArray *f, const char *what, const char *name);

/* A string of fewer than len characters into buf (lindyn:<fn>:<what> otherwise). */
void ldm_get_string(const char *fn, const mxArray *a, const char *what, char *buf, size_t len);

/* The objective (ld_run.h, by name from src/core/ld_run_table.h) named by the field
 * objective (f[0], as read by ldm_get_fields) of the struct what, and its data into *od
 * from its field data (f[1]): a struct with exactly the objective's named arrays (real
 * full 2-D double, single or uint8, read in place) and scalars.  Errors
 * lindyn:<fn>:objective and lindyn:<fn>:data. */
const ld_objective *ldm_get_objective(const char *fn, const mxArray *const *f,
                                      const char *what, ld_objdata *od);

#endif /* LDM_H */
