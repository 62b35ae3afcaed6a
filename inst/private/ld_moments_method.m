function [R, opts] = ld_moments_method (fn, Sx, Sxy, eta, iters, W0, opts)
% -*- texinfo -*-
% @deftypefn {} {[@var{R}, @var{opts}] =} ld_moments_method (@var{fn}, @var{Sx}, @var{Sxy}, @var{eta}, @var{iters}, @var{W0}, @var{opts})
% Option @qcode{"method"} of @code{gd_deep} and @code{gd_linear}.  For the default
% @qcode{"gd"} it returns @var{R} = [] and @var{opts} without the update-rule options
% (@qcode{"method"}, @qcode{"beta"}, @qcode{"beta1"}, @qcode{"beta2"},
% @qcode{"epsilon"}, which only momentum and Adam use): the caller then runs its fused
% gradient-descent path (@code{ld_gd_driver}).  For @qcode{"momentum"} and
% @qcode{"adam"} it runs the trajectory engine on the moments objective and returns
% @var{R} with the fields of that path.
% @end deftypefn

  method = 'gd';
  for k = 1:2:numel (opts) - 1
    if (ischar (opts{k}) && strcmpi (opts{k}, 'method'))
      method = opts{k+1};
    end
  end
  R = [];
  if (ischar (method) && strcmp (method, 'gd'))
    drop = false (size (opts));
    for k = 1:2:numel (opts) - 1
      if (ischar (opts{k}) && any (strcmpi (opts{k}, {'method', 'beta', 'beta1', 'beta2', 'epsilon'})))
        drop(k:k+1) = true;
      end
    end
    opts = opts(~ drop);
    return;
  end
  d = size (Sx, 1);  p = size (Sxy, 2);
  if (d > 0 && p > 0)
    Wstar = __lindyn_min_norm_ls__ (Sx, Sxy);
  else
    Wstar = zeros (d, p);
  end
  crit = @(W) norm (Sx * W - Sxy, 'fro')^2;
  cost = 2 * d * d * p + 6 * d * p * max (d, p);
  R = ld_run_driver (fn, 'moments', {Sx, Sxy, Wstar}, [], eta, iters, W0, d, p, ...
                     [{'effective_rank', false}, opts], crit, cost);
  [R.excess_loss] = R.loss;
  R = rmfield (R, {'loss', 'erank', 'state', 'method'});
  f = fieldnames (R);
  R = orderfields (R, [1; numel(f); (2:numel(f)-1)']);
  if (~ iscell (W0))                              % the starts, one chain per trajectory
    W0 = {{W0}};
  elseif (isempty (W0) || ~ iscell (W0{1}))
    W0 = {W0};
  end
  W0 = W0(ones (1, numel (R)) * (numel (W0) == 1) + (1:numel (R)) * (numel (W0) > 1));
  R = ld_run_info (R, fn, opts, W0, []);          % how the run was made, as gd's result
  for k = 1:numel (R)
    R(k).interrupted = false;
  end
end
