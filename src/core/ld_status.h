/* ld_status.h -- status codes shared by every function of the lindyn C core.
 *
 * The core never prints, never allocates behind the caller's back and never calls
 * exit(): it returns one of these codes and the caller (a MEX gateway or a C test)
 * decides what to say.  Scratch memory is passed in by the caller; functions that
 * need some have a companion `*_work` query returning the number of doubles needed.
 */
#ifndef LD_STATUS_H
#define LD_STATUS_H

#include <stddef.h>

typedef enum {
    LD_OK = 0,        /* success */
    LD_EDIM = 1,      /* a dimension is negative or too large for the BLAS integer type */
    LD_EARG = 2,      /* an argument value is invalid (NULL pointer, bad option, ...) */
    LD_ELAPACK = 3,   /* a LAPACK routine reported failure (info != 0) */
    LD_ENOTFINITE = 4,/* an input or result is NaN or Inf where that is not allowed */
    LD_EDIVERGED = 5  /* an iteration diverged (non-finite or exploding iterate) */
} ld_status;

/* 2^53: every whole number up to it is exactly a double, so it bounds the iteration
 * counts of gradient descent (t in eq. 21, 22) passed as doubles. */
#define LD_MAX_EXACT_INT 9007199254740992.0

/* A short English description of a status code (static storage, never NULL). */
const char *ld_strerror(int status);

/* True when every dimension fits the BLAS integer type (and is >= 0). */
int ld_dims_ok(ptrdiff_t m, ptrdiff_t n);

/* True when the nt times t[0..nt-1] are finite and >= 0 and, with integer != 0, whole
 * numbers at most LD_MAX_EXACT_INT (iteration counts of gradient descent). */
int ld_times_ok(ptrdiff_t nt, const double *t, int integer);

#endif /* LD_STATUS_H */
