/* ld_sparse_kernel.h -- body of the dot products and combinations of chosen columns of
 * ld_sparse.h, compiled once per instruction-set variant by ld_kernel_variant.h (the
 * transpose is ld_small_kernel.h's).  Not a stand-alone header.  The variant defines VD,
 * its vector type, of VW doubles; ld_v4 (4 doubles) takes the tails.  Vectors are loaded
 * with memcpy (unaligned moves) and never passed by value. */

/* the variant's name of each function here (LD_K: ld_kernel_variant.h) */
#define LD_S(name) LD_K(sparse_##name)

static void LD_S(dots)(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                       const double *idx, const double *X, ptrdiff_t ldx, const double *Y,
                       ptrdiff_t ldy, double *out)
{
    for (ptrdiff_t c = c0; c < c1; ++c) {
        const double *y = Y + c * ldy;
        const ptrdiff_t e1 = (ptrdiff_t)ptr[c + 1];
        ptrdiff_t e = (ptrdiff_t)ptr[c];
        /* four entries at a time: y's vectors loaded once for four dot products */
        for (; e + 4 <= e1; e += 4) {
            const double *x0 = X + (ptrdiff_t)idx[e] * ldx, *x1 = X + (ptrdiff_t)idx[e + 1] * ldx;
            const double *x2 = X + (ptrdiff_t)idx[e + 2] * ldx, *x3 = X + (ptrdiff_t)idx[e + 3] * ldx;
            /* two sums per entry (even and odd vectors of the column): eight
             * independent chains of multiply-adds */
            VD s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0}, yv, u;
            VD q0 = {0}, q1 = {0}, q2 = {0}, q3 = {0};
            ptrdiff_t k = 0;
            for (; k + 2 * VW <= n; k += 2 * VW) {
                memcpy(&yv, y + k, sizeof yv);
                memcpy(&u, x0 + k, sizeof u);
                s0 += u * yv;
                memcpy(&u, x1 + k, sizeof u);
                s1 += u * yv;
                memcpy(&u, x2 + k, sizeof u);
                s2 += u * yv;
                memcpy(&u, x3 + k, sizeof u);
                s3 += u * yv;
                memcpy(&yv, y + k + VW, sizeof yv);
                memcpy(&u, x0 + k + VW, sizeof u);
                q0 += u * yv;
                memcpy(&u, x1 + k + VW, sizeof u);
                q1 += u * yv;
                memcpy(&u, x2 + k + VW, sizeof u);
                q2 += u * yv;
                memcpy(&u, x3 + k + VW, sizeof u);
                q3 += u * yv;
            }
            if (k + VW <= n) {
                memcpy(&yv, y + k, sizeof yv);
                memcpy(&u, x0 + k, sizeof u);
                s0 += u * yv;
                memcpy(&u, x1 + k, sizeof u);
                s1 += u * yv;
                memcpy(&u, x2 + k, sizeof u);
                s2 += u * yv;
                memcpy(&u, x3 + k, sizeof u);
                s3 += u * yv;
                k += VW;
            }
            s0 += q0;
            s1 += q1;
            s2 += q2;
            s3 += q3;
            double t0 = 0.0, t1 = 0.0, t2 = 0.0, t3 = 0.0;
            if (VW > 4 && k + 4 <= n) {
                ld_v4 y4, u0, u1, u2, u3;
                memcpy(&y4, y + k, sizeof y4);
                memcpy(&u0, x0 + k, sizeof u0);
                memcpy(&u1, x1 + k, sizeof u1);
                memcpy(&u2, x2 + k, sizeof u2);
                memcpy(&u3, x3 + k, sizeof u3);
                u0 *= y4;
                u1 *= y4;
                u2 *= y4;
                u3 *= y4;
                t0 = (u0[0] + u0[1]) + (u0[2] + u0[3]);
                t1 = (u1[0] + u1[1]) + (u1[2] + u1[3]);
                t2 = (u2[0] + u2[1]) + (u2[2] + u2[3]);
                t3 = (u3[0] + u3[1]) + (u3[2] + u3[3]);
                k += 4;
            }
            for (; k < n; ++k) {
                t0 += x0[k] * y[k];
                t1 += x1[k] * y[k];
                t2 += x2[k] * y[k];
                t3 += x3[k] * y[k];
            }
            for (int i = 0; i < VW; ++i) {
                t0 += s0[i];
                t1 += s1[i];
                t2 += s2[i];
                t3 += s3[i];
            }
            out[e] = t0;
            out[e + 1] = t1;
            out[e + 2] = t2;
            out[e + 3] = t3;
        }
        for (; e < e1; ++e) {
            const double *x0 = X + (ptrdiff_t)idx[e] * ldx;
            VD s0 = {0}, s1 = {0}, u, v;
            ptrdiff_t k = 0;
            for (; k + 2 * VW <= n; k += 2 * VW) {
                memcpy(&u, x0 + k, sizeof u);
                memcpy(&v, y + k, sizeof v);
                s0 += u * v;
                memcpy(&u, x0 + k + VW, sizeof u);
                memcpy(&v, y + k + VW, sizeof v);
                s1 += u * v;
            }
            s0 += s1;
            double t0 = 0.0;
            for (; k < n; ++k)
                t0 += x0[k] * y[k];
            for (int i = 0; i < VW; ++i)
                t0 += s0[i];
            out[e] = t0;
        }
    }
}

static void LD_S(combine)(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                          const double *idx, const double *coef, const double *X,
                          ptrdiff_t ldx, double *Y, ptrdiff_t ldy)
{
    ptrdiff_t k = 0;
    /* 4 VW rows of a column in registers over all of the group's entries; the groups
     * run inside the blocks of rows, so the block of X they read (4 VW rows of every
     * column) stays in L1 while it is reused by the groups that share its columns */
    for (; k + 4 * VW <= n; k += 4 * VW)
        for (ptrdiff_t c = c0; c < c1; ++c) {
            const ptrdiff_t e0 = (ptrdiff_t)ptr[c], e1 = (ptrdiff_t)ptr[c + 1];
            double *y = Y + c * ldy;
            /* two entries at a time into two sets of sums: eight independent chains of
             * multiply-adds (four would wait on the FMA latency) */
            VD a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0}, b0 = {0}, b1 = {0}, b2 = {0}, b3 = {0};
            VD u, v;
            ptrdiff_t e = e0;
            for (; e + 2 <= e1; e += 2) {
                const double *x = X + (ptrdiff_t)idx[e] * ldx + k;
                const double *z = X + (ptrdiff_t)idx[e + 1] * ldx + k;
                const double g = coef[e], h = coef[e + 1];
                memcpy(&u, x, sizeof u);
                memcpy(&v, z, sizeof v);
                a0 += g * u;
                b0 += h * v;
                memcpy(&u, x + VW, sizeof u);
                memcpy(&v, z + VW, sizeof v);
                a1 += g * u;
                b1 += h * v;
                memcpy(&u, x + 2 * VW, sizeof u);
                memcpy(&v, z + 2 * VW, sizeof v);
                a2 += g * u;
                b2 += h * v;
                memcpy(&u, x + 3 * VW, sizeof u);
                memcpy(&v, z + 3 * VW, sizeof v);
                a3 += g * u;
                b3 += h * v;
            }
            if (e < e1) {
                const double *x = X + (ptrdiff_t)idx[e] * ldx + k;
                const double g = coef[e];
                memcpy(&u, x, sizeof u);
                a0 += g * u;
                memcpy(&u, x + VW, sizeof u);
                a1 += g * u;
                memcpy(&u, x + 2 * VW, sizeof u);
                a2 += g * u;
                memcpy(&u, x + 3 * VW, sizeof u);
                a3 += g * u;
            }
            a0 += b0;
            a1 += b1;
            a2 += b2;
            a3 += b3;
            memcpy(y + k, &a0, sizeof a0);
            memcpy(y + k + VW, &a1, sizeof a1);
            memcpy(y + k + 2 * VW, &a2, sizeof a2);
            memcpy(y + k + 3 * VW, &a3, sizeof a3);
        }
    for (ptrdiff_t c = c0; c < c1; ++c) {
        double *y = Y + c * ldy;
        const ptrdiff_t e0 = (ptrdiff_t)ptr[c], e1 = (ptrdiff_t)ptr[c + 1];
        ptrdiff_t kc = k;
        for (; kc + VW <= n; kc += VW) {
            VD a0 = {0}, u;
            for (ptrdiff_t e = e0; e < e1; ++e) {
                memcpy(&u, X + (ptrdiff_t)idx[e] * ldx + kc, sizeof u);
                a0 += coef[e] * u;
            }
            memcpy(y + kc, &a0, sizeof a0);
        }
        if (VW > 4 && kc + 4 <= n) {
            ld_v4 a0 = {0}, u;
            for (ptrdiff_t e = e0; e < e1; ++e) {
                memcpy(&u, X + (ptrdiff_t)idx[e] * ldx + kc, sizeof u);
                a0 += coef[e] * u;
            }
            memcpy(y + kc, &a0, sizeof a0);
            kc += 4;
        }
        if (kc < n) {
            for (ptrdiff_t kk = kc; kk < n; ++kk)
                y[kk] = 0.0;
            for (ptrdiff_t e = e0; e < e1; ++e) {
                const double *x = X + (ptrdiff_t)idx[e] * ldx;
                const double g = coef[e];
                for (ptrdiff_t kk = kc; kk < n; ++kk)
                    y[kk] += g * x[kk];
            }
        }
    }
}
