/* ld_second_moments.h -- second moments of a data set (section 2 of the paper). */
#ifndef LD_SECOND_MOMENTS_H
#define LD_SECOND_MOMENTS_H

#include <stddef.h>
#include "ld_status.h"

/* The element types the data may come in (Octave's numeric classes). */
typedef enum {
    LD_CLASS_DOUBLE = 0, LD_CLASS_SINGLE,
    LD_CLASS_INT8, LD_CLASS_UINT8, LD_CLASS_INT16, LD_CLASS_UINT16,
    LD_CLASS_INT32, LD_CLASS_UINT32, LD_CLASS_INT64, LD_CLASS_UINT64,
    LD_CLASS_COUNT
} ld_class;

/* A data set: n samples of d inputs X (n x d) and p outputs Y (n x p), column-major with
 * leading dimension n, of element types xclass and yclass (Y may be NULL when p == 0). */
typedef struct {
    ptrdiff_t n, d, p;
    ld_class xclass;
    const void *X;
    ld_class yclass;
    const void *Y;
} ld_data;

/* Rows per block of the one-pass algorithm: 255^2 * 256 < 2^24, so the products and
 * partial sums of a block of 8-bit integers are exact in float. */
#define LD_MOMENTS_BLOCK 256

/* Threads ld_second_moments_any uses by default: OpenMP's maximum (1 without OpenMP). */
int ld_second_moments_threads(void);

/* Doubles of scratch ld_second_moments_any needs for d, p and nthreads threads
 * (0 when the size overflows size_t). */
size_t ld_second_moments_work(ptrdiff_t d, ptrdiff_t p, int nthreads);

/* Sx = X'X/n (d x d, exactly symmetric) and Sxy = X'Y/n (d x p) of the data set data, in
 * one pass over blocks of LD_MOMENTS_BLOCK rows: each block is converted to double
 * (or, see below, float) in the scratch while it is in cache, and both products are taken
 * from it.  The blocks are shared out among nthreads OpenMP threads (statically, so the
 * result does not depend on the timing), each summing into its own copy of the moments;
 * OpenBLAS runs single-threaded meanwhile.
 * Exactness: a block whose entries are whole numbers with max|x|^2 * rows <= 2^24 (for
 * Sxy: max|x| max|y| rows <= 2^24; 8-bit integers always) is multiplied in float, where
 * every product and partial sum is then exact, and summed in double; all-zero columns of
 * a block are skipped.  So when the data are whole numbers and the sums are below 2^53,
 * the moments are the exact sums divided by n, equal to the bit to double(X)'*double(X)/n
 * computed by any BLAS; otherwise they agree with it to rounding.
 * work holds ld_second_moments_work(d, p, nthreads) doubles.  Sxy may be NULL when p == 0.
 * n == 0 gives all-zero moments.  Returns LD_OK, LD_EDIM, LD_EARG, or
 * LD_ENOTFINITE when X or Y holds a NaN or an Inf. */
int ld_second_moments_any(const ld_data *data, double *Sx, double *Sxy, int nthreads,
                          double *work);

/* The same for double X and Y without scratch: one dsyrk and one dgemm over the whole of
 * X (BLAS's own threads, alpha = 1/n), Sx mirrored to exact symmetry.  Returns LD_OK,
 * LD_EDIM or LD_EARG. */
int ld_second_moments(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, const double *X,
                      const double *Y, double *Sx, double *Sxy);

#endif /* LD_SECOND_MOMENTS_H */
