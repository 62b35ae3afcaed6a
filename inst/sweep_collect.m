function [T, runs] = sweep_collect (F, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{T} =} sweep_collect (@var{F})
% @deftypefnx {} {@var{T} =} sweep_collect (@var{F}, @var{name}, @var{value}, @dots{})
% @deftypefnx {} {[@var{T}, @var{runs}] =} sweep_collect (@dots{})
% The table of the sweep in folder @var{F}, merged from its point files, whoever ran
% them (@code{sweep}'s backends, SLURM array tasks, @code{sweep_run} by hand); also
% written to @file{@var{F}/sweep.csv}.
%
% @var{T} is the table @code{sweep} returns: a struct with one field per column and one
% row per point, in grid order (see @code{sweep}).  Points without a result have the
% status of @code{sweep_status} (@qcode{"running"}, @qcode{"queued"},
% @qcode{"missing"}) and NaN in the result columns; a failed point has its error
% message.  When the sweep keeps its results (@code{sweep}'s @qcode{"keep"}),
% @code{T.R} holds them (a cell, empty for points without one).
%
% @var{runs} (a struct array, one element per point) says how each point ran:
% @code{backend}, @code{host}, @code{pid}, @code{together} (the number of trajectories
% of its call), @code{call_wall}, @code{warning} and @code{warning_id} (the last
% warning its call issued), @code{blas_threads}, @code{omp_threads}, @code{finished},
% @code{version}; empty strings and NaN for points without a result.
%
% Options: @qcode{"keep"} (default: as the sweep was made; false leaves the results
% unread), @qcode{"csv"} (default true; false writes no file).
%
% Errors: @code{lindyn:sweep_collect:folder}, @code{:keep}, @code{:csv},
% @code{:option}.
%
% Example:
% @c runnable
% @example
% @group
% F = tempname ();
% grid = struct ('eta', [0.05 0.1 0.2], 'scale', 1e-3);
% sweep (@@gd_deep, @{eye(3), diag([1 0.5 0.2]), [], 300@}, grid, 'folder', F);
% T = sweep_collect (F);
% [T.eta, T.final_loss]
% type (fullfile (F, 'sweep.csv'));
% confirm_recursive_rmdir (false);  rmdir (F, 's');
% @end group
% @end example
% @seealso{sweep, sweep_status, sweep_run}
% @end deftypefn

  if (nargin < 1)
    ld_usage ('sweep_collect');
  end
  fn = 'sweep_collect';
  plan = ld_sweep_load (fn, F);
  o = ld_name_value (fn, struct ('keep', plan.keep, 'csv', true), varargin);
  keep = ld_logical (fn, 'keep', o.keep);
  csv = ld_logical (fn, 'csv', o.csv);
  st = ld_sweep_scan (F, plan);
  n = plan.n;
  rows = cell (n, 1);  Rs = cell (n, 1);  metas = cell (n, 1);
  status = st.status;
  for k = 1:n
    switch (status{k})
      case 'done'
        file = ld_sweep_path (F, 'done', k, n);
      case 'failed'
        file = ld_sweep_path (F, 'failed', k, n);
      otherwise
        continue;
    end
    try
      if (keep && strcmp (status{k}, 'done') && plan.keep)
        S = load (file);
      else
        S = load (file, 'row', 'meta');
      end
    catch
      status{k} = 'missing';                      % unreadable: run it again
      continue;
    end
    rows{k} = S.row;
    metas{k} = S.meta;
    if (isfield (S, 'R'))
      Rs{k} = S.R;
    end
  end
  plan.keep = keep && plan.keep;
  T = ld_sweep_table (plan, rows, status, Rs);
  if (csv)
    ld_sweep_csv (ld_sweep_path (F, 'csv'), T);
  end
  if (nargout > 1)
    runs = ld_runs (metas);
  end
end

function runs = ld_runs (metas)
  % the meta data of every point, empty ones for points without a result
  empty = struct ('backend', '', 'host', '', 'pid', NaN, 'together', NaN, 'call_wall', NaN, ...
                  'warning', '', 'warning_id', '', 'blas_threads', NaN, 'omp_threads', NaN, ...
                  'finished', '', 'version', '');
  runs = repmat (empty, numel (metas), 1);
  names = fieldnames (empty);
  for k = 1:numel (metas)
    m = metas{k};
    if (isstruct (m))
      for j = 1:numel (names)
        if (isfield (m, names{j}))
          runs(k).(names{j}) = m.(names{j});
        end
      end
    end
  end
end

%!shared F, Sx, Sxy
%! Sx = diag ([1 0.5]);  Sxy = [1 0; 0 0.3];
%! F = tempname ();
%! sweep (@gd_deep, {Sx, Sxy, [], 200}, struct ('eta', [0.1 0.2], 'scale', 1e-2), ...
%!        'folder', F, 'keep', true);

%!test
%! % the table from the files, the CSV read back, the kept results
%! [T, runs] = sweep_collect (F);
%! assert (T.status, {'done'; 'done'});
%! assert (numel (T.R), 2);
%! R = gd_deep (Sx, Sxy, 0.2, 200, random_init ([2 2 2], 1e-2, 'seed', 0));
%! assert (T.R{2}.factors, R.factors);                 % bit for bit
%! assert (T.final_loss(2), R.excess_loss(end));
%! assert (runs(1).backend, 'serial');
%! txt = fileread (fullfile (F, 'sweep.csv'));
%! lines = strsplit (strtrim (txt), "\n");
%! assert (numel (lines), 3);
%! head = strsplit (lines{1}, ',');
%! assert (head(1:4), {'point', 'name', 'eta', 'scale'});
%! v = strsplit (lines{3}, ',');
%! j = find (strcmp (head, 'final_loss'));
%! assert (str2double (v{j}), T.final_loss(2));        % 17 digits read back exactly
%! assert (v{strcmp (head, 'status')}, '"done"');

%!test
%! % a lost point is "missing", NaN in the table; "keep", false reads no result
%! movefile (fullfile (F, 'points', 'p000001.mat'), [F '.p1']);
%! T = sweep_collect (F, 'keep', false, 'csv', false);
%! assert (T.status, {'missing'; 'done'});
%! assert (isnan (T.final_loss(1)));
%! assert (~ isfield (T, 'R'));
%! movefile ([F '.p1'], fullfile (F, 'points', 'p000001.mat'));

%!test
%! confirm_recursive_rmdir (false);  rmdir (F, 's');

%!error <Invalid call> sweep_collect ()
%!error id=lindyn:sweep_collect:folder sweep_collect (tempname ())
%!error id=lindyn:sweep_collect:folder sweep_collect (3)
