function [sigma, lambda, w0, info] = mode_start (Sx, Sxy, W0)
% -*- texinfo -*-
% @deftypefn  {} {[@var{sigma}, @var{lambda}, @var{w0}] =} mode_start (@var{Sx}, @var{Sxy}, @var{W0})
% @deftypefnx {} {[@var{sigma}, @var{lambda}, @var{w0}, @var{info}] =} mode_start (@dots{})
% The modes of the problem and the effective start of each mode from any factors
% @var{W0} = @code{@{W1, @dots{}, WL@}}, for @code{phase_times}, @code{mode_gd} and
% @code{mode_flow}.
%
% With the SVD @code{Sxy = U*diag(sigma)*V'} (the m = rank (Sxy) positive singular
% values, largest first), @var{sigma} are the singular values, @code{lambda(i) =
% U(:,i)'*Sx*U(:,i)} (Assumption 1, eq. 13) and @var{w0} the start of each mode, so
% that @code{phase_times (sigma, lambda, w0, eta, "depth", L)} predicts when gradient
% descent from @var{W0} learns mode i (the first iteration at which
% @code{U(:,i)'*W*V(:,i)} reaches half its plateau @code{sigma/lambda}).
%
% @strong{Aligned, balanced starts} (Thm. 1, @code{aligned_init} with orthogonal Q):
% @var{w0} is @code{U(:,i)'*W1*...*WL*V(:,i)}, exactly (L = 2: exactly the formula
% below; L >= 3: to the accuracy of the ODE solve, about 1e-4 relative).
%
% @strong{Random small starts, L = 2.}  While W is small, @code{a_i = W1'*u_i} and
% @code{b_i = W2*v_i} (vectors over the hidden units) follow
% @code{a_i <- a_i + eta*g*b_i}, @code{b_i <- b_i + eta*g*a_i} with
% @code{g = sigma_i - lambda_i*w_i}, so @code{s_i = a_i + b_i} grows by
% @code{1 + eta*g} per step and @code{a_i - b_i} shrinks by @code{1 - eta*g}; the mode
% @code{w_i = a_i'*b_i = (|s_i|^2 - |a_i - b_i|^2)/4} then follows eq. 22's recursion
% @code{w <- w*(1 + eta*g)^2} from @code{|s_i(0)|^2/4} (up to a term that decays).
% A mode learned earlier (larger sigma) holds its hidden direction @code{s_j/|s_j|},
% and the part of @code{s_i} along it stops growing once mode j is learned; so
% @var{w0}(i) is @code{|r_i|^2/4} with @code{r_i} the part of @code{s_i(0)} orthogonal
% to @code{s_1(0), @dots{}, s_(i-1)(0)} (Gram-Schmidt in the order of decreasing sigma:
% the diagonal of R in @code{qr ([s_1, @dots{}, s_m], 0)}).
%
% @strong{Random small starts, L >= 3.}  There is no linear phase: while W is small,
% mode i is driven by the multilinear flow @code{dWl/dt = sigma_i * f_(l-1) * g_l'}
% (@code{f_l = Wl'*...*W1'*u_i}, @code{g_l = W(l+1)*...*WL*v_i}), which blows up at a
% finite time t*; the balanced mode of depth L blows up at
% @code{t* = w0^(-(L-2)/L) / ((L-2)*sigma)}, so @var{w0} is
% @code{((L-2)*sigma*t*)^(-L/(L-2))}.  t* is computed by @code{ode45} (the flow is
% homogeneous: the factors are scaled to norm 1 and the time back) until w reaches 1e6,
% plus the balanced remainder; before mode i, the hidden directions
% @code{f_l/|f_l|} of the modes learned earlier are projected out of the factors (the
% analogue of the Gram-Schmidt step above).
%
% For L = 1, @var{w0} is @code{U(:,i)'*W1*V(:,i)}.  @var{info} has fields @code{U},
% @code{V} (the singular vectors, d-by-m and p-by-m), @code{depth} and @code{method}
% (@qcode{"product"} for L = 1, @qcode{"gram-schmidt"} for L = 2,
% @qcode{"blow-up"} for L >= 3).  The derivation and the agreement with gradient
% descent (L = 2: the measured half-way iterations equal the predicted ones on a
% Saxe-style hierarchy from @code{random_init} starts at scales 1e-12 to 1e-3, within
% 1%; L = 3: within about 3%) are in doc/theory.md of the package.
% Cost: one SVD of @var{Sxy}; L = 2 one QR of an r-by-m matrix; L >= 3 one ODE solve
% per mode, in the number of factor entries.
%
% Errors: @code{lindyn:mode_start:Sx}, @code{:Sxy}, @code{:W0}.
%
% Example: a random start on a hierarchy of three modes
% @c runnable
% @example
% @group
% Sx = eye (3) / 3;  Sxy = diag ([3 2 1]) / 3 * [1 0 0; 0 1 0; 0 0 1];
% W0 = random_init ([3 20 3], 1e-6, "seed", 1);
% [sigma, lambda, w0] = mode_start (Sx, Sxy, W0);
% T = phase_times (sigma, lambda, w0, 0.2);
% R = gd_deep (Sx, Sxy, 0.2, ceil (max (T.gd_half)), W0, "record", 0:ceil (max (T.gd_half)), ...
%              "sv", 3);
% [T.gd_half, arrayfun(@@(i) find (R.sv(i,:) >= sigma(i) / (2*lambda(i)), 1) - 1, 1:3)']
% @end group
% @end example
% @seealso{phase_times, mode_gd, mode_flow, random_init, aligned_init, stepsize_check}
% @end deftypefn

  if (nargin ~= 3)
    ld_usage ('mode_start');
  end
  fn = 'mode_start';
  [Sx, Sxy] = ld_moments_check (fn, Sx, Sxy);
  d = size (Sx, 1);  p = size (Sxy, 2);
  W0 = ld_starts (fn, W0, 1, d, p);
  W0 = W0{1};
  [sigma, lambda, w0, info] = ld_mode_start (Sx, Sxy, W0, 1e-6);
end

%!shared Sx, Sxy
%! % a Saxe-style hierarchy: 8 one-hot items, properties on three levels (root, halves,
%! % pairs) in unequal numbers, so the 4 singular values are distinct (.77 .44 .30 .24)
%! nodes = {1:8, 1:4, 5:8, 1:2, 3:4, 5:6, 7:8};  counts = [3, 3, 1, 4, 2, 3, 1];
%! Y = zeros (8, 0);
%! for k = 1:7, c = zeros (8, 1);  c(nodes{k}) = 1;  Y = [Y, repmat(c, 1, counts(k))];  end
%! Sx = eye (8) / 8;  Sxy = Y / 8;

%!test
%! % aligned balanced starts: w0 is the product's mode exactly (L = 2: by the formula;
%! % L = 3: blow-up time by ode45 at RelTol 1e-6, hence 1e-3)
%! [sigma, lambda, w0, info] = mode_start (Sx, Sxy, aligned_init (Sx, Sxy, 6, [5 6 7 8 9 9]));
%! assert (w0, exp (-2 * [5; 6; 7; 8]), 1e-13 * exp (-10));
%! assert (sigma, svd (Sxy)(1:4), 1e-14);  assert (lambda, ones (4, 1) / 8, 1e-15);
%! assert (info.method, 'gram-schmidt');
%! [~, ~, w3] = mode_start (Sx, Sxy, aligned_init (Sx, Sxy, [6 6], [2 2.5 3 3.5 4 4]));
%! assert (w3, exp (-3 * [2; 2.5; 3; 3.5]), 1e-3 * w3);   % measured 1.4e-4
%! [~, ~, w1] = mode_start (Sx, Sxy, aligned_init (Sx, Sxy, [], [2 2.5 3 3.5 4 4 4 4]));
%! assert (w1, exp (-[2; 2.5; 3; 3.5]), 1e-15);

%!function t = crossings (Sx, Sxy, eta, T, W0, sigma, lambda, U, V)
%! % the first iteration of gd_deep at which each mode u'Wv reaches half its plateau
%! R = gd_deep (Sx, Sxy, eta, T, W0, 'record', 0:T, 'snapshots', true, 'verbose', false);
%! t = zeros (numel (sigma), 1);
%! for i = 1:numel (sigma)
%!   w = squeeze (sum (sum (R.snapshots .* (U(:,i) * V(:,i)'), 1), 2));
%!   t(i) = R.t(find (w >= sigma(i) / (2 * lambda(i)), 1));
%! end

%!test
%! % random starts, L = 2: phase_times from mode_start's w0 against the crossings of
%! % gd_deep (measured: equal to the iteration at 1e-6, one iteration off at 1e-3;
%! % asserted within 2%)
%! eta = 0.1;
%! for scale = [1e-3 1e-6]
%!   W0 = random_init ([8 24 17], scale, 'seed', 2);
%!   [sigma, lambda, w0, info] = mode_start (Sx, Sxy, W0);
%!   T = phase_times (sigma, lambda, w0, eta);
%!   got = crossings (Sx, Sxy, eta, ceil (1.2 * max (T.gd_half)), W0, sigma, lambda, ...
%!                    info.U, info.V);
%!   assert (abs (T.gd_half ./ got - 1) < 0.02);
%! end

%!test
%! % random start, L = 3 (measured within 3%; asserted 5%)
%! eta = 0.1;  W0 = random_init ([8 24 24 17], 1e-3, 'seed', 2);
%! [sigma, lambda, w0, info] = mode_start (Sx, Sxy, W0);
%! assert (info.method, 'blow-up');
%! T = phase_times (sigma, lambda, w0, eta, 'depth', 3);
%! got = crossings (Sx, Sxy, eta, ceil (1.2 * max (T.gd_half)), W0, sigma, lambda, ...
%!                  info.U, info.V);
%! assert (abs (T.gd_half ./ got - 1) < 0.05);

%!test
%! % the modes: rank of Sxy only; zero factors give w0 = 0
%! [sigma, lambda, w0, info] = mode_start (diag ([2 1 1]), [1 0; 0 0; 0 0], {zeros(3, 2), zeros(2)});
%! assert (sigma, 1);  assert (lambda, 2);  assert (w0, 0);  assert (size (info.U), [3 1]);
%! [~, ~, w0] = mode_start (eye (2), eye (2), {zeros(2), eye(2), eye(2)});
%! assert (w0, [0; 0]);

%!error <Invalid call> mode_start (1, 1)
%!error id=lindyn:mode_start:Sx mode_start ([1 2; 3 4], [1; 1], {[1; 1], 1})
%!error id=lindyn:mode_start:Sxy mode_start (eye (2), [1 1 1], {1})
%!error id=lindyn:mode_start:W0 mode_start (eye (2), [1; 1], {ones(3, 1), 1})
%!error id=lindyn:mode_start:W0 mode_start (eye (2), [1; 1], {ones(2, 1), ones(1, 2)})
%!error id=lindyn:mode_start:W0 mode_start (eye (2), [1; 1], 'ab')
%!error id=lindyn:mode_start:W0 mode_start (eye (2), [1; 1], {[NaN; 1], 1})
