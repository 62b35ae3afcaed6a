/* ld_kernel_avx2.c -- the AVX2+FMA variant of the vector kernels (ld_kernel.h): 4-double
 * vectors. */
#include "ld_kernel.h"

#if LD_KERNEL_X86
#pragma GCC target("avx2,fma")
#define LD_K(name) ld_##name##_avx2
#define LD_KERNEL_NAME "avx2"

/* small products: 4 columns per NN block (12 of the 16 vector registers), the last
 * m mod 4 rows and k mod 4 terms in scalar code */
#define LD_V ld_v4
#define LD_VW 4
#define LD_VSET1(x) ((ld_v4){(x), (x), (x), (x)})
#define LD_NR 4
#define LD_MASKED 0

/* skinny products: register tiles */
#define ld_vd ld_v4
#define ld_mk ld_m4
#define LD_SK_VW 4
#define NN_MV 2
#define NN_NR 6
#define TN_NA 1
#define TN_NR 12
#define NT_MV 3
#define NT_NC 4

/* sparse kernels */
#define VD ld_v4
#define VW 4

#include "ld_kernel_variant.h"
#endif
