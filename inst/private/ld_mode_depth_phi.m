function phi = ld_mode_depth_phi (b, q, L, side)
% -*- texinfo -*-
% @deftypefn {} {@var{phi} =} ld_mode_depth_phi (@var{b}, @var{q}, @var{L}, @var{side})
% An antiderivative of @code{1/(v^(L-1) (1 - v^L))} at @var{b}, for an integer L >= 3:
% @code{phi(b) = -b^(2-L)/(L-2) + G(b)/L}, @code{G(b) = L*int_0^b v/(1 - v^L) dv}.
%
% The depth-L aligned mode @code{w = (sigma/lambda) b^L} of the flow
% @code{dw/dt = L w^(2-2/L) (sigma - lambda w)} satisfies
% @code{sigma t (sigma/lambda)^((L-2)/L) = phi(b) - phi(b0)}.  G is evaluated by its
% series @code{L sum_j b^(jL+2)/(jL+2)} for @code{b <= 1/2} and otherwise by partial
% fractions over the L-th roots of unity @code{om_k}:
% @code{G(b) = -sum_k om_k^2 log (1 - b conj (om_k))}, whose k = 0 term
% @code{-log |1 - b|} is formed from @var{q} @code{= |1 - b^L|} (given to full relative
% precision) as @code{log (sum_(j<L) b^j) - log (q)}.  @var{side} is +1 for b < 1 and
% -1 for b > 1 (there the constant @code{i*pi} of the k = 0 logarithm is dropped: it
% cancels in differences).  @var{b}, @var{q} are arrays of one size.
% @end deftypefn

  phi = -b .^ (2 - L) / (L - 2);
  G = zeros (size (b));
  ser = side > 0 & b <= 0.5;
  if (any (ser(:)))
    bs = b(ser);
    J = ceil (56 / L) + 1;             % 0.5^(L J) < 2^-56: the tail is below eps
    s = zeros (size (bs));
    for j = J:-1:0                     % smallest terms first
      s = s + bs .^ (j * L + 2) / (j * L + 2);
    end
    G(ser) = L * s;
  end
  lg = ~ ser;
  if (any (lg(:)))
    bl = b(lg);
    geo = zeros (size (bl));
    for j = L-1:-1:0
      geo = geo + bl .^ j;
    end
    g = log (geo) - log (q(lg));       % -log |1 - b|
    for k = 1:L-1
      om = exp (2i * pi * k / L);
      g = g - real (om ^ 2 * log (1 - bl * conj (om)));
    end
    G(lg) = g;
  end
  phi = phi + G / L;
end
