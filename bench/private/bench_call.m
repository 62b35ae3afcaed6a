function R = bench_call (fn, Sx, Sxy, eta, iters, W0, varargin)
% bench_call -- call the public gradient-descent function fn ('gd_linear' or 'gd_deep')
% the same way for both: W0 is a cell of factors ({W} for gd_linear, passed as option
% "init").
  if (strcmp (fn, 'gd_linear'))
    R = gd_linear (Sx, Sxy, eta, iters, 'init', W0{1}, varargin{:});
  else
    R = gd_deep (Sx, Sxy, eta, iters, W0, varargin{:});
  end
end
