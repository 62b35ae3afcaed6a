function [sigma, lambda, w0, info] = ld_mode_start (Sx, Sxy, W0, reltol)
% -*- texinfo -*-
% @deftypefn {} {[@var{sigma}, @var{lambda}, @var{w0}, @var{info}] =} ld_mode_start (@var{Sx}, @var{Sxy}, @var{W0}, @var{reltol})
% The computation of @code{mode_start} on validated arguments; @var{reltol} is the
% relative tolerance of the blow-up ODE for L >= 3 (@code{mode_start}: 1e-6; the
% step-size advice, which needs the transition times to a percent, 1e-4).
% @end deftypefn

  L = numel (W0);
  d = size (Sx, 1);  p = size (Sxy, 2);
  [U, S, V] = svd (Sxy, 'econ');
  s = diag (S);
  if (isempty (s))
    m = 0;
  else
    m = sum (s > max (d, p) * eps (s(1)));
  end
  U = U(:, 1:m);  V = V(:, 1:m);  sigma = s(1:m);
  lambda = sum (U .* (Sx * U), 1)';
  info = struct ('U', U, 'V', V, 'depth', L, 'method', '');
  if (L == 1)
    w0 = sum (U .* (W0{1} * V), 1)';
    info.method = 'product';
  elseif (L == 2)
    Smat = W0{1}' * U + W0{2} * V;               % r-by-m: the growing parts s_i
    w0 = zeros (m, 1);
    if (m > 0)
      [~, Rq] = qr (Smat, 0);
      k = min (m, size (Rq, 1));
      w0(1:k) = diag (Rq(1:k, 1:k)) .^ 2 / 4;   % modes beyond the width: 0
    end
    info.method = 'gram-schmidt';
  else
    w0 = zeros (m, 1);
    H = cell (1, L - 1);
    for i = 1:m
      [w0(i), H] = ld_mode_blowup (W0, U(:,i), V(:,i), H, reltol);
    end
    info.method = 'blow-up';
  end
  w0 = max (w0, 0);
end
