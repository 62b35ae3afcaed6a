/* ld_kernel_variant.h -- one instruction-set variant of the vector kernels and its table
 * (ld_kernel.h).  Not a stand-alone header: ld_kernel_<variant>.c chooses the instruction
 * set (#pragma GCC target) and defines, before including it,
 *   LD_K(name)       the variant's name of each function, ld_<name>_<variant>, and of its
 *                    table, ld_kernel_<variant>
 *   LD_KERNEL_NAME   the table's name ("avx512", "avx2", "generic")
 * and the vector widths and register tiles each body lists at its top
 * (ld_small_kernel.h, ld_skinny_kernel.h, ld_sparse_kernel.h). */
#include <math.h>
#include <string.h>
#include "ld_kernel.h"

/* 2, 4 and 8 doubles, and the long longs of shuffle masks.  8-byte aligned: loads and
 * stores go through memcpy (unaligned moves), and vectors are never passed by value
 * between functions of different instruction sets. */
typedef double ld_v2 __attribute__((vector_size(2 * sizeof(double))));
typedef double ld_v4 __attribute__((vector_size(4 * sizeof(double))));
typedef double ld_v8 __attribute__((vector_size(8 * sizeof(double))));
typedef long long ld_m2 __attribute__((vector_size(2 * sizeof(long long))));
typedef long long ld_m4 __attribute__((vector_size(4 * sizeof(long long))));
typedef long long ld_m8 __attribute__((vector_size(8 * sizeof(long long))));

#include "ld_small_kernel.h"
#include "ld_skinny_kernel.h"
#include "ld_sparse_kernel.h"

const ld_kernel_table LD_K(kernel) = {
    .name = LD_KERNEL_NAME,
    .threads = 0,
    .small_nn = LD_K(small_nn),
    .small_tn = LD_K(small_tn),
    .small_step2 = LD_K(small_step2),
    .axpy = LD_K(small_axpy),
    .sumsq = LD_K(small_sumsq),
    .skinny_nn = LD_K(skinny_nn_rows),
    .skinny_tn = LD_K(skinny_tn_cols),
    .skinny_nt = LD_K(skinny_nt_cols),
    .skinny_fused = LD_K(skinny_fused_cols),
    .sparse_dots = LD_K(sparse_dots),
    .sparse_combine = LD_K(sparse_combine),
    .transpose = LD_K(transpose),
};
