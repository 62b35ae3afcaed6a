/* ld_kernel_avx512.c -- the AVX-512F variant of the vector kernels (ld_kernel.h):
 * 8-double vectors, masked loads and stores for the remainders of the small products. */
#include "ld_kernel.h"

#if LD_KERNEL_X86
#include <immintrin.h>
#pragma GCC target("avx512f,avx2,fma")
#define LD_K(name) ld_##name##_avx512
#define LD_KERNEL_NAME "avx512"

/* small products: 8 columns per NN block (24 of the 32 vector registers), the row and k
 * remainders in masked vectors */
#define LD_V ld_v8
#define LD_VW 8
#define LD_VSET1(x) ((ld_v8){(x), (x), (x), (x), (x), (x), (x), (x)})
#define LD_NR 8
#define LD_MASKED 1
#define LD_VLOADM(p, msk) ((ld_v8)_mm512_maskz_loadu_pd((__mmask8)(msk), (p)))
#define LD_VSTOREM(p, v, msk) _mm512_mask_storeu_pd((p), (__mmask8)(msk), (__m512d)(v))

/* skinny products: register tiles (vectors or columns of A x columns) */
#define ld_vd ld_v8
#define ld_mk ld_m8
#define LD_SK_VW 8
#define NN_MV 2
#define NN_NR 12
#define TN_NA 2
#define TN_NR 12
#define NT_MV 4
#define NT_NC 4

/* sparse kernels */
#define VD ld_v8
#define VW 8

#include "ld_kernel_variant.h"
#endif
