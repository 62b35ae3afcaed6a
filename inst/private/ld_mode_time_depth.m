function T = ld_mode_time_depth (sigma, lambda, w0, w, L)
% -*- texinfo -*-
% @deftypefn {} {@var{T} =} ld_mode_time_depth (@var{sigma}, @var{lambda}, @var{w0}, @var{w}, @var{L})
% The time at which the flow @code{dw/dt = L w^(2-2/L) (sigma - lambda w)} from
% @var{w0} reaches the level @var{w} (arrays of one size; any integer L >= 1), in
% closed form: @code{t(w) = int_w0^w du / (L u^(2-2/L) (sigma - lambda u))}.
% 0 when @code{w <= w0}; Inf when the level is never reached (@code{sigma = 0},
% @code{w >= sigma/lambda}, @code{w0 = 0}, or beyond the blow-up of lambda = 0).
% L = 1: @code{log ((w* - w0)/(w* - w))/lambda}; L = 2: eq. 16 solved for t; L >= 3:
% @code{(phi(b) - phi(b0)) / (sigma (sigma/lambda)^((L-2)/L))} with
% @code{b = (w/w*)^(1/L)} (@code{ld_mode_depth_phi}).
% @end deftypefn

  T = Inf (size (w));
  T(w <= w0) = 0;
  k = w > w0 & sigma > 0 & w0 > 0;
  if (L == 1)
    k = w > w0 & sigma > 0;                 % L = 1 moves from w0 = 0 too
  end
  kl = k & lambda == 0;
  ks = k & lambda > 0 & w < sigma ./ max (lambda, realmin);
  s = sigma(kl);  v0 = w0(kl);  v = w(kl);
  switch (L)
    case 1
      T(kl) = (v - v0) ./ s;
    case 2
      T(kl) = log (v ./ v0) ./ (2 * s);
    otherwise
      c = (L - 2) / L;                        % blow-up reaches every level
      T(kl) = (v0 .^ (-c) - v .^ (-c)) ./ ((L - 2) * s);
  end
  s = sigma(ks);  l = lambda(ks);  v0 = w0(ks);  v = w(ks);  ws = s ./ l;
  switch (L)
    case 1
      T(ks) = (log (ws - v0) - log (ws - v)) ./ l;
    case 2
      T(ks) = (log (v ./ v0) - log1p (-v ./ ws) + log1p (-v0 ./ ws)) ./ (2 * s);
    otherwise
      y = v ./ ws;  y0 = v0 ./ ws;
      F = ld_mode_depth_phi (y .^ (1 / L), 1 - y, L, 1) ...
          - ld_mode_depth_phi (y0 .^ (1 / L), 1 - y0, L, 1);
      T(ks) = F ./ (s .* ws .^ ((L - 2) / L));
  end
end
