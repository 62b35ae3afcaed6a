function [sigma, lambda, w0] = ld_mode_args (fn, sigma, lambda, w0)
% -*- texinfo -*-
% @deftypefn {} {[@var{sigma}, @var{lambda}, @var{w0}] =} ld_mode_args (@var{fn}, @var{sigma}, @var{lambda}, @var{w0})
% Validate the per-mode arguments of the mode functions of lindyn (@var{fn} is the public
% function's name).
%
% Each of @var{sigma}, @var{lambda}, @var{w0} must be a real, finite, nonnegative scalar
% or vector; scalars are expanded to the common length m, and all three are returned as
% m-by-1 columns.  Pass @var{w0} as @code{[]} (with nargin 3) when the function has no
% initial values.  Errors: @code{lindyn:@var{fn}:sigma}, @code{lindyn:@var{fn}:lambda},
% @code{lindyn:@var{fn}:w0}, and @code{lindyn:@var{fn}:size} for lengths that differ.
% @end deftypefn

  if (nargin < 4)
    w0 = 0;
  end
  sigma = ld_matrix (fn, 'sigma', sigma, 'finite', 'vector', 'nonnegative');
  lambda = ld_matrix (fn, 'lambda', lambda, 'finite', 'vector', 'nonnegative');
  w0 = ld_matrix (fn, 'w0', w0, 'finite', 'vector', 'nonnegative');
  n = [numel(sigma), numel(lambda), numel(w0)];
  m = max (n);
  if (any (n == 0))
    m = 0;
  end
  if (any (n ~= m & n ~= 1))
    error (sprintf ('lindyn:%s:size', fn), ...
           '%s: sigma, lambda and w0 must be scalars or vectors of one length (got %d, %d, %d)', ...
           fn, n(1), n(2), n(3));
  end
  sigma = expand (sigma, m);
  lambda = expand (lambda, m);
  w0 = expand (w0, m);
end

function x = expand (x, m)
  if (numel (x) == m)
    x = x(:);
  else
    x = repmat (x, m, 1);
  end
end
