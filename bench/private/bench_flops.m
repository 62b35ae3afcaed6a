function f = bench_flops (L, d, p, r)
% bench_flops -- floating-point operations of one iteration of eq. 5 (baseline B).
%
%   f = bench_flops (L, d, p, r)
%
% Counts 2mnk for every m-by-k by k-by-n product of the cheapest product order, the one
% of lindyn's C core (3L - 2 products, src/core/ld_gradient.c): the suffix products
% W_l...W_L, the residual Sx*W - Sxy (as (Sx*W1)*(W2...WL) when r < p), and per factor
% l < L the left chain W_l'*A_l and the fused update A_l*S_{l+1}'.  Element-wise work
% (O(dp) per iteration) is left out.  Widths: d, r, ..., r, p.

  w = [d, r * ones(1, L - 1), p];
  mnk = 0;
  for l = L-2:-1:1               % suffix products S_{l+1} = W_{l+1} S_{l+2}, 1-based
    mnk = mnk + w(l+1) * p * w(l+2);
  end
  if (L == 1)
    mnk = mnk + d * p * d;
  elseif (w(2) < p)
    mnk = mnk + d * w(2) * d + d * p * w(2);
  else
    mnk = mnk + d * p * w(2) + d * p * d;
  end
  for l = 1:L-1
    mnk = mnk + 2 * w(l) * w(l+1) * p;
  end
  f = 2 * mnk;
end
