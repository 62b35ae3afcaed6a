function [W0, info] = random_init (dims, scale, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{W0} =} random_init (@var{dims}, @var{scale})
% @deftypefnx {} {@var{W0} =} random_init (@var{dims}, @var{scale}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{W0}, @var{info}] =} random_init (@dots{})
% Random factors @code{W0 = @{W1, @dots{}, WL@}} of a deep linear network, for
% @code{gd_deep}.
%
% @var{dims} = [d, r1, @dots{}, r(L-1), p] gives the widths (L = numel (dims) - 1 >= 1):
% Wl is dims(l)-by-dims(l+1).  Options:
% @table @asis
% @item @qcode{"scheme"}
% @qcode{"gaussian"} (default): independent N(0, 1/dims(l+1)) entries, so that
% @code{E norm (x'*Wl)^2 = norm (x)^2} for every row vector x;
% @qcode{"orthogonal"}: Wl has orthonormal rows or columns (whichever fits), from the
% QR factorization of a Gaussian matrix; @qcode{"identity"}: @code{eye (dims(l), dims(l+1))}.
% @item @qcode{"per_factor"}
% false (default): @var{scale} is the scale of the end-to-end product, each factor
% being multiplied by @code{scale^(1/L)} (so for @qcode{"identity"} with equal widths,
% @code{W1*...*WL = scale * eye}, and for @qcode{"gaussian"} the root-mean-square gain of
% @code{x -> x'*W1*...*WL} is @var{scale}); true: every factor is multiplied by
% @var{scale}.
% @item @qcode{"seed"}
% a nonnegative integer: the factors are drawn after @code{rng (seed)} and the previous
% state of the generator is restored afterwards, so results are reproducible and the
% caller's random stream is not disturbed.  Without a seed the global stream is used.
% @item @qcode{"lambda"}
% a finite real lambda (two layers only, @code{numel (dims) == 3}): a lambda-balanced
% start, @code{W2*W2' - W1'*W1 = lambda*I_r}, with the end-to-end product of the draw
% above.  The factors are drawn as without the option (the same product
% @code{W1*W2} for the same seed and options); with its SVD @code{A*diag(s)*B'} and a
% random orthogonal r-by-r O (drawn after them) the start is
% @code{W1 = A*diag(a)*O'}, @code{W2 = O*diag(b)*B'} with @code{a.*b = s},
% @code{b.^2 - a.^2 = lambda}: @code{c = sqrt (lambda^2/4 + s.^2)}, and the smaller of
% @code{c -+ lambda/2} written @code{s.^2 ./ (c + |lambda|/2)} (no cancellation, so the
% balance holds to rounding for any lambda).  The hidden directions beyond
% @code{min (d, p, r)} get @code{b = sqrt (lambda)} (lambda > 0) or
% @code{a = sqrt (-lambda)} (lambda < 0), which needs @code{r <= p} for lambda > 0 and
% @code{r <= d} for lambda < 0.  lambda = 0 gives a balanced start with the same
% product.  Large |lambda| is the lazy (kernel) regime, lambda near 0 the rich one
% (@code{flow_balanced} gives the flow from such a start, @code{lazy_rich} measures it).
% @end table
%
% @var{info} describes the draw, for the record of a run: a struct with fields
% @code{source} (@qcode{"random_init"}), @code{scheme}, @code{scale},
% @code{per_factor}, @code{seed} (empty without one), @code{dims} and @code{lambda}
% (empty without the option).  Pass it to
% @code{gd_deep} as option @qcode{"init_info"} and the result keeps it in
% @code{R.init_info} (a cell array of factors cannot carry it, and MATLAB has no
% attributes on cells, so it travels as a second output).
%
% Errors: @code{lindyn:random_init:dims}, @code{:memory} (factors that would not fit in
% memory), @code{:scale}, @code{:scheme},
% @code{:per_factor}, @code{:seed}, @code{:lambda}, @code{:option}.
%
% Example:
% @c runnable
% @example
% @group
% [W0, info] = random_init ([20 50 20], 1e-3, 'seed', 1);   % small start, r = 50 > d
% size (W0@{1@}), size (W0@{2@})
% R = gd_deep (eye (20), eye (20), 0.1, 100, W0, 'init_info', info);
% R.init_info.seed                                           % 1
% @end group
% @end example
%
% A lambda-balanced start (lazy regime), product scale 1e-3:
% @c runnable
% @example
% @group
% W0 = random_init ([4 3 3], 1e-3, 'lambda', 50, 'seed', 2);
% norm (W0@{2@} * W0@{2@}' - W0@{1@}' * W0@{1@} - 50 * eye (3))   % rounding
% @end group
% @end example
% @seealso{aligned_init, gd_deep, flow_balanced, lazy_rich}
% @end deftypefn

  if (nargin < 2 || mod (numel (varargin), 2) ~= 0)
    ld_usage ('random_init');
  end
  dims = ld_matrix ('random_init', 'dims', dims, 'vector', 'integer', 'nonnegative');
  if (numel (dims) < 2)
    error ('lindyn:random_init:dims', 'random_init: dims must have at least 2 entries [d, ..., p]');
  end
  scale = ld_matrix ('random_init', 'scale', scale, 'scalar', 'finite', 'nonnegative');
  [o, given] = ld_name_value ('random_init', ...
                              struct ('scheme', 'gaussian', 'per_factor', false, 'seed', [], ...
                                      'lambda', []), ...
                              varargin);
  scheme = o.scheme;  per_factor = o.per_factor;  seed = o.seed;  lambda = [];
  for k = 1:numel (given)
    val = o.(given{k});
    switch (given{k})
      case 'scheme'
        if (~ ischar (val) || ~ any (strcmpi (val, {'gaussian', 'orthogonal', 'identity'})))
          error ('lindyn:random_init:scheme', ...
                 'random_init: scheme must be "gaussian", "orthogonal" or "identity"');
        end
        scheme = lower (val);
      case 'per_factor'
        per_factor = ld_logical ('random_init', 'per_factor', val);
      case 'seed'
        seed = ld_matrix ('random_init', 'seed', val, 'scalar', 'integer', 'nonnegative');
      case 'lambda'
        lambda = ld_matrix ('random_init', 'lambda', val, 'scalar', 'finite');
    end
  end
  if (~ isempty (lambda))
    if (numel (dims) ~= 3)
      error ('lindyn:random_init:lambda', ...
             'random_init: lambda needs two layers, dims = [d, r, p] (got %d entries)', numel (dims));
    end
    if (lambda > 0 && dims(2) > dims(3))
      error ('lindyn:random_init:lambda', ...
             'random_init: lambda > 0 needs r <= p (W2*W2'' = W1''*W1 + lambda*I has rank r)');
    end
    if (lambda < 0 && dims(2) > dims(1))
      error ('lindyn:random_init:lambda', ...
             'random_init: lambda < 0 needs r <= d (W1''*W1 = W2*W2'' - lambda*I has rank r)');
    end
  end

  L = numel (dims) - 1;
  if (per_factor)
    c = scale;
  else
    c = scale ^ (1 / L);
  end
  if (~ isempty (seed))
    old = rng ();
    rng (seed);
    restore = onCleanup (@() rng (old));
  end
  % every factor, and the draw of the largest (randn, its QR factors), before any draw
  sizes = dims(1:end-1) .* dims(2:end);
  ld_memory_check ('random_init', 'dims', 8 * (sum (sizes) + 4 * max (sizes)), ...
                   sprintf ('%d factors of %g entries in all', L, sum (sizes)));
  info = struct ('source', 'random_init', 'scheme', scheme, 'scale', scale, ...
                 'per_factor', per_factor, 'seed', seed, 'dims', dims(:)', 'lambda', lambda);
  W0 = cell (1, L);
  for l = 1:L
    m = dims(l);  n = dims(l+1);
    try
      W0{l} = c * draw (scheme, m, n);
    catch err
      if (strcmp (err.identifier, 'Octave:bad-alloc'))
        error ('lindyn:random_init:memory', ...
               'random_init: factor %d (%g-by-%g) does not fit in memory', l, m, n);
      end
      rethrow (err);
    end
  end
  if (~ isempty (lambda))
    W0 = lambda_balance (W0{1} * W0{2}, dims(2), lambda);
  end
end

function W0 = lambda_balance (M, r, lambda)
  % W1 = A diag(a) O', W2 = O diag(b) B' with a.*b = s (the singular values of M) and
  % b.^2 - a.^2 = lambda; hidden directions past min (d, p, r) carry sqrt (|lambda|) in
  % the factor that needs it.
  [d, p] = size (M);
  k = min ([d, p, r]);
  [A, S, B] = svd (M);
  s = diag (S(1:k, 1:k));
  c = sqrt (lambda ^ 2 / 4 + s .^ 2);
  big = c + abs (lambda) / 2;
  small = s .^ 2 ./ big;                  % = c - |lambda|/2, without cancellation
  small(big == 0) = 0;
  if (lambda >= 0)
    a2 = small;  b2 = big;
  else
    a2 = big;  b2 = small;
  end
  [O, Ro] = qr (randn (r));
  O = O * diag (sign (diag (Ro) + (diag (Ro) == 0)));     % Haar-distributed
  a = zeros (r, 1);  b = zeros (r, 1);
  a(1:k) = sqrt (a2);  b(1:k) = sqrt (b2);
  if (lambda > 0)
    b(k+1:r) = sqrt (lambda);
  elseif (lambda < 0)
    a(k+1:r) = sqrt (-lambda);
  end
  % A is d-by-d, B p-by-p: their first r columns exist wherever a, b are nonzero
  ka = min (d, r);  kb = min (p, r);
  W1 = A(:, 1:ka) * (a(1:ka) .* O(:, 1:ka)');
  W2 = (O(:, 1:kb) .* b(1:kb)') * B(:, 1:kb)';
  W0 = {W1, W2};
end

function W = draw (scheme, m, n)
  switch (scheme)
    case 'gaussian'
      W = randn (m, n) / sqrt (max (n, 1));
    case 'orthogonal'
      [Qf, Rf] = qr (randn (max (m, n), min (m, n)), 0);
      Qf = Qf * diag (sign (diag (Rf) + (diag (Rf) == 0)));   % Haar-distributed
      if (m >= n), W = Qf;  else, W = Qf';  end
      if (isempty (W)), W = zeros (m, n);  end
    case 'identity'
      W = eye (m, n);
  end
end

%!test
%! % sizes; identity scheme gives scale * eye end to end
%! W0 = random_init ([4 4 4 4], 8, 'scheme', 'identity');
%! assert (numel (W0), 3);
%! assert (W0{1} * W0{2} * W0{3}, 8 * eye (4), 1e-14);
%! W0 = random_init ([4 4 4], 3, 'scheme', 'identity', 'per_factor', true);
%! assert (W0{1} * W0{2}, 9 * eye (4), 1e-14);

%!test
%! % orthogonal: orthonormal rows or columns, times the per-factor scale
%! W0 = random_init ([5 3 7], 4, 'scheme', 'orthogonal', 'seed', 2);
%! assert (W0{1}' * W0{1}, 2 * 2 * eye (3), 1e-13);
%! assert (W0{2} * W0{2}', 2 * 2 * eye (3), 1e-13);

%!test
%! % gaussian gain: mean of norm(x'*W)^2 over many draws ~ scale^2 norm(x)^2
%! x = randn (1, 6);  g = zeros (1, 400);
%! for k = 1:400
%!   W0 = random_init ([6 10 5], 0.5);  g(k) = norm (x * W0{1} * W0{2})^2;
%! end
%! % relative standard error of the mean of 400 draws is below 0.1: 4 sigma < 0.4
%! assert (mean (g) / (0.25 * norm (x)^2), 1, 0.4);

%!test
%! % seeded draws repeat and leave the caller's stream untouched
%! rng (7);  a = randn ();  rng (7);
%! W1 = random_init ([3 2 3], 1, 'seed', 11);
%! b = randn ();  assert (a, b);
%! W2 = random_init ([3 2 3], 1, 'seed', 11);
%! assert (isequal (W1, W2));
%! W3 = random_init ([3 2 3], 1, 'seed', 12);
%! assert (! isequal (W1, W3));

%!test
%! % lambda-balanced starts: the balance to rounding up to |lambda| = 1e6, the product of
%! % the same draw without the option, d ~= p, r below and above min (d, p)
%! for dims = {[5 2 4], [5 4 4], [3 4 6], [6 4 3]}
%!   dm = dims{1};
%!   for lambda = [-1e6 -2 -1e-3 0 1e-3 0.5 1e6]
%!     if ((lambda > 0 && dm(2) > dm(3)) || (lambda < 0 && dm(2) > dm(1)))
%!       continue;
%!     end
%!     for scale = [0 1e-3 1]
%!       M = random_init (dm, scale, 'seed', 3);
%!       [W0, info] = random_init (dm, scale, 'seed', 3, 'lambda', lambda);
%!       assert (info.lambda, lambda);
%!       W1 = W0{1};  W2 = W0{2};
%!       assert (size (W1), dm(1:2));  assert (size (W2), dm(2:3));
%!       % rounding: each entry of W2*W2' and W1'*W1 is a sum of r products of entries
%!       % of size up to sqrt (|lambda| + scale), so ~ r * eps * (|lambda| + scale^2)
%!       bal = W2 * W2' - W1' * W1 - lambda * eye (dm(2));
%!       assert (norm (bal, 'fro') <= 50 * eps * (abs (lambda) + norm (M{1} * M{2}, 'fro') + 1e-300));
%!       P = M{1} * M{2};
%!       assert (W1 * W2, P, 50 * eps * max (norm (P, 'fro'), 1e-300));
%!     end
%!   end
%! end

%!test
%! % large |lambda| keeps the small factor accurate: the naive c - |lambda|/2 loses every
%! % digit at lambda = 1e6, s = 1e-3 (s^2 = 1e-6 against 5e5): it gives a = 0
%! assert (sqrt (sqrt (1e12 / 4 + 1e-6) - 1e6 / 2), 0);
%! W0 = random_init ([3 3 3], 1e-3, 'lambda', 1e6, 'seed', 5, 'scheme', 'identity');
%! % the product is 1e-3 I: a = 1e-3 / sqrt (b^2), b^2 = sqrt (2.5e11 + 1e-6) + 5e5
%! b2 = sqrt (2.5e11 + 1e-6) + 5e5;
%! assert (svd (W0{1}), 1e-3 / sqrt (b2) * ones (3, 1), 1e-14 * 1e-3 / sqrt (b2));
%! assert (svd (W0{2}), sqrt (b2) * ones (3, 1), 1e-14 * sqrt (b2));
%! assert (W0{1} * W0{2}, 1e-3 * eye (3), 1e-17);

%!error id=lindyn:random_init:lambda random_init ([2 3 4 2], 1, 'lambda', 1)
%!error id=lindyn:random_init:lambda random_init ([2 3], 1, 'lambda', 1)
%!error id=lindyn:random_init:lambda random_init ([4 3 2], 1, 'lambda', 1)
%!error id=lindyn:random_init:lambda random_init ([2 3 4], 1, 'lambda', -1)
%!error id=lindyn:random_init:lambda random_init ([3 3 3], 1, 'lambda', NaN)
%!error id=lindyn:random_init:lambda random_init ([3 3 3], 1, 'lambda', [1 2])
%!error id=lindyn:random_init:per_factor random_init ([2 3], 1, 'per_factor', NaN)
%!error id=lindyn:random_init:memory random_init ([1e150 2e150], 1)
%!error <dims asks for .* GB .*, more than> random_init ([1e6 1e6 10], 1)
%!error <Invalid call> random_init ([2 2])
%!error <Invalid call> random_init ([2 2], 1, 'seed')
%!error id=lindyn:random_init:dims random_init (2, 1)
%!error id=lindyn:random_init:dims random_init ([2 1.5], 1)
%!error id=lindyn:random_init:scale random_init ([2 2], -1)
%!error id=lindyn:random_init:scheme random_init ([2 2], 1, 'scheme', 'xavier')
%!error id=lindyn:random_init:seed random_init ([2 2], 1, 'seed', -1)
%!error id=lindyn:random_init:option random_init ([2 2], 1, 'bogus', 1)

%!demo
%! % small random start: the two-layer network still learns one mode at a time
%! Sx = eye (4);  Sxy = diag ([1 0.4 0.15 0.05]);
%! R = gd_deep (Sx, Sxy, 0.1, 5000, random_init ([4 8 4], 1e-4, 'seed', 1), 'sv', 4);
%! semilogx (R.t + 1, R.sv');  xlabel ('iteration + 1');  ylabel ('singular values');
