function plan = ld_sweep_plan (fun, args, grid, points, eta_mode, keep)
% -*- texinfo -*-
% @deftypefn {} {@var{plan} =} ld_sweep_plan (@var{fun}, @var{args}, @var{grid}, @var{points}, @var{eta_mode}, @var{keep})
% The points of a sweep (see @code{sweep}): every grid axis classified, the Cartesian
% product enumerated in grid order (the first field of @var{grid} outermost, the last
% one varying fastest) or the explicit list @var{points} taken as it is, and, for
% @var{eta_mode} = @qcode{"recommended"}, the step of every point computed once per
% distinct problem and start from the third output of @code{stepsize_check}.
%
% @var{plan} has fields @code{format}, @code{fun}, @code{sig} (@code{ld_sweep_signature}),
% @code{pos} (the positional arguments given, [] where an axis or the start supplies
% them), @code{opts} (the options given after them), @code{axes} (a struct array: name,
% kind, at, values), @code{idx} (N-by-A: the value of axis a at point k is
% @code{axes(a).values@{idx(k,a)@}}), @code{n}, @code{made} (whether starts are drawn by
% @code{random_init}), @code{eta_mode}, @code{recommended} and @code{eta} (N-by-1, NaN
% unless @var{eta_mode} is @qcode{"recommended"}) and @code{keep}.  Nothing here runs a
% trajectory.
% @end deftypefn

  fn = 'sweep';
  if (~ iscell (args) || (~ isempty (args) && ~ isvector (args)))
    error ('lindyn:sweep:args', 'sweep: args must be a cell of the arguments of fun');
  end
  sig = ld_sweep_signature (fun);
  npos = numel (sig.pos);
  args = reshape (args, 1, []);
  pos = cell (1, npos);
  m = min (numel (args), npos);
  pos(1:m) = args(1:m);
  opts = args(m+1:end);
  if (mod (numel (opts), 2) ~= 0 || ~ all (cellfun (@(s) ischar (s) && ~ isempty (s), opts(1:2:end))))
    error ('lindyn:sweep:args', ...
           ['sweep: args must hold the %d positional arguments of %s (%s), then ', ...
            'name-value options'], npos, sig.label, strjoin (sig.pos, ', '));
  end
  given = ~ cellfun (@(a) isnumeric (a) && isempty (a), pos);

  % ---- the axes and the points ----
  if (~ isempty (points))
    if (~ (isempty (grid) || (isstruct (grid) && isscalar (grid) && isempty (fieldnames (grid)))))
      error ('lindyn:sweep:points', 'sweep: give either a grid or "points", not both');
    end
    if (~ isstruct (points))
      error ('lindyn:sweep:points', 'sweep: points must be a struct array, one element per point');
    end
    names = fieldnames (points)';
    n = numel (points);
    values = cellfun (@(f) reshape ({points.(f)}, 1, []), names, 'UniformOutput', false);
    idx = repmat ((1:n)', 1, numel (names));
  else
    if (isempty (grid) && isnumeric (grid))
      grid = struct ();
    end
    if (~ (isstruct (grid) && isscalar (grid)))
      error ('lindyn:sweep:grid', 'sweep: grid must be a struct whose fields are the axes');
    end
    names = fieldnames (grid)';
    values = cell (1, numel (names));
    for a = 1:numel (names)
      values{a} = ld_axis_values (grid.(names{a}), names{a});
    end
    counts = cellfun ('numel', values);
    n = prod (counts);
    ld_memory_check (fn, 'grid', 8 * n * (numel (names) + 40), ...
                     sprintf ('a grid of %g points', n));
    idx = zeros (n, numel (names));
    rep = n;
    for a = 1:numel (names)                 % the first axis outermost, the last fastest
      rep = rep / counts(a);
      col = repmat (1:counts(a), rep, n / (rep * counts(a)));
      idx(:, a) = col(:);
    end
  end
  kinds = {'pos', 'start', 'seed', 'factor', 'option'};
  axes = struct ('name', names, 'kind', 'option', 'at', 0, 'values', values);
  for a = 1:numel (axes)
    name = axes(a).name;
    if (any (strcmp (name, {'scale', 'widths', 'depth', 'lambda', 'scheme'})))
      axes(a).kind = 'start';
    elseif (strcmp (name, 'seed'))
      axes(a).kind = 'seed';
    elseif (strcmp (name, 'eta_factor'))
      axes(a).kind = 'factor';
    elseif (any (strcmp (name, sig.pos)))
      axes(a).kind = 'pos';
      axes(a).at = find (strcmp (name, sig.pos), 1);
    end
  end
  has = @(name) any (strcmp ({axes.name}, name));
  kind_of = @(k) any (strcmp ({axes.kind}, k));
  assert (all (ismember ({axes.kind}, kinds)));

  % ---- the start: given, an axis, or drawn by random_init ----
  slot = sig.start > 0 || ~ isempty (sig.start_option);
  start_given = sig.start > 0 && given(sig.start);
  made = kind_of ('start') || (has ('seed') && ~ sig.seed_option) ...
         || (sig.start > 0 && ~ start_given && ~ has ('W0'));
  if (made)
    if (~ slot)
      error ('lindyn:sweep:grid', ...
             'sweep: %s takes no start (W0), so the grid cannot draw one (axes %s)', ...
             sig.label, strjoin ({axes(strcmp ({axes.kind}, 'start')).name}, ', '));
    end
    if (has ('W0'))
      error ('lindyn:sweep:grid', ['sweep: W0 is a grid axis and the start axes ask ', ...
                                   'random_init for one too: keep one of them']);
    end
    if (~ has ('scale'))
      error ('lindyn:sweep:grid', ['sweep: the start of every point is drawn by ', ...
             'random_init, which needs its scale: add grid.scale (e.g. 1e-3), or give W0 ', ...
             'in args']);
    end
    if (has ('lambda'))
      ld_lambda_check (axes(strcmp ({axes.name}, 'lambda')).values{1});
    end
    if (strcmp (sig.sizes, 'start') && ~ (start_given && iscell (pos{sig.start})))
      error ('lindyn:sweep:W0', ['sweep: to draw starts for %s, give a start W0 in ', ...
             'args: its end sizes are the network''s'], sig.label);
    end
  end
  if (has ('seed') && ~ made && ~ sig.seed_option)
    error ('lindyn:sweep:grid', 'sweep: grid axis seed: %s has no seed option and no start is drawn', ...
           sig.label);
  end

  plan = struct ('format', 1, 'fun', fun, 'sig', sig, 'pos', {pos}, 'opts', {opts}, ...
                 'axes', axes, 'idx', idx, 'n', n, 'made', made, 'eta_mode', '', ...
                 'recommended', NaN (n, 1), 'eta', NaN (n, 1), 'keep', logical (keep));

  % ---- steps from stepsize_check's advice ----
  if (kind_of ('factor') && isempty (eta_mode))
    error ('lindyn:sweep:eta', ['sweep: grid axis eta_factor multiplies the recommended ', ...
                                'step: add the option "eta", "recommended"']);
  end
  if (~ isempty (eta_mode))
    if (~ (ischar (eta_mode) && strcmp (eta_mode, 'recommended')))
      error ('lindyn:sweep:eta', 'sweep: option eta must be "recommended"');
    end
    if (sig.eta == 0 || given(sig.eta) || has ('eta'))
      error ('lindyn:sweep:eta', ['sweep: with "eta", "recommended" the step comes from ', ...
             'stepsize_check: leave eta out of args (or pass []) and out of the grid']);
    end
    if (isempty (sig.moments))
      error ('lindyn:sweep:eta', ['sweep: "eta", "recommended" asks stepsize_check, which ', ...
             'knows the problems of gd_deep, gd_linear, sgd_deep, gd_completion and ', ...
             'gd_sensing, not that of %s'], sig.label);
    end
    plan.eta_mode = 'recommended';
  end

  % ---- every positional argument has a source ----
  for j = 1:npos
    src = given(j) || any (strcmp ({axes.name}, sig.pos{j})) || (j == sig.start && made) ...
          || (j == sig.eta && ~ isempty (eta_mode));
    if (~ src)
      error ('lindyn:sweep:args', ...
             'sweep: argument %s of %s is neither in args nor a grid axis', sig.pos{j}, sig.label);
    end
  end

  if (~ isempty (eta_mode))
    plan = ld_recommended (plan);
  end
end

function v = ld_axis_values (v, name)
  % the values of one axis: elements of a numeric, logical or struct array, cells of a
  % cell array, a string or a handle as one value
  if (ischar (v) || isa (v, 'function_handle'))
    v = {v};
  elseif (iscell (v))
    v = reshape (v, 1, []);
  elseif (isnumeric (v) || islogical (v) || isstruct (v))
    v = num2cell (reshape (v, 1, []));
  else
    error ('lindyn:sweep:grid', 'sweep: grid.%s must be a vector or a cell of values', name);
  end
  if (isempty (v))
    error ('lindyn:sweep:grid', 'sweep: grid.%s has no values', name);
  end
end

function ld_lambda_check (lambda)
  % random_init's "lambda" option exists in this lindyn (asked with a valid call)
  try
    random_init ([2 2 2], 1, 'lambda', lambda, 'seed', 0);
  catch err
    if (strcmp (err.identifier, 'lindyn:random_init:option'))
      error ('lindyn:sweep:lambda', ['sweep: grid axis lambda needs random_init''s ', ...
             'option "lambda", which this lindyn''s random_init does not have']);
    end
  end
end

function plan = ld_recommended (plan)
  % eta = eta_factor * stepsize_check's recommended step for the point's problem, start
  % and number of iterations (the advice looks at the point a run of that length
  % reaches), computed once per distinct combination of them
  sig = plan.sig;
  a_key = find (ismember ({plan.axes.kind}, {'start', 'seed'}) ...
                | (strcmp ({plan.axes.kind}, 'pos') & ~ strcmp ({plan.axes.name}, 'eta')));
  a_fac = find (strcmp ({plan.axes.kind}, 'factor'));
  if (isempty (a_key))
    first = 1;  which = ones (plan.n, 1);
  else
    [~, first, which] = unique (plan.idx(:, a_key), 'rows');
  end
  at_iters = find (strcmp (sig.pos, 'iters'), 1);
  rec = zeros (numel (first), 1);
  for u = 1:numel (first)
    c = ld_sweep_call (plan, first(u), true);
    path = {};
    if (~ isempty (at_iters))
      path = {'iters', c.pos{at_iters}};
    end
    W0 = c.start;
    if (isnumeric (W0) && ~ isempty (W0))
      W0 = {W0};                                    % gd_linear's start: one factor
    end
    switch (sig.moments)
      case {'moments', 'samples'}
        Sx = c.pos{1};  Sxy = c.pos{2};
        if (strcmp (sig.moments, 'samples'))
          [Sx, Sxy] = second_moments (Sx, Sxy);
        end
        if (isempty (W0))
          [~, ~, rep] = stepsize_check (Sx, Sxy, [], 'depth', 1);
        else
          [~, ~, rep] = stepsize_check (Sx, Sxy, [], 'init', W0, path{:});
        end
      otherwise                                     % 'completion', 'sensing'
        [~, ~, rep] = stepsize_check (sig.moments, c.pos{1}, c.pos{2}, [], 'init', W0, path{:});
    end
    if (~ isfield (rep, 'recommended'))
      error ('lindyn:sweep:recommended', ['sweep: "eta", "recommended" reads the field ', ...
             '"recommended" of stepsize_check''s third output, and this lindyn''s ', ...
             'stepsize_check does not give it; give eta in args or as a grid axis']);
    end
    rec(u) = rep.recommended;
  end
  plan.recommended = rec(which(:));
  factor = ones (plan.n, 1);
  if (~ isempty (a_fac))
    vals = plan.axes(a_fac).values;
    if (~ all (cellfun (@(v) isnumeric (v) && isscalar (v) && isreal (v) && v > 0, vals)))
      error ('lindyn:sweep:eta', 'sweep: grid.eta_factor must hold positive numbers');
    end
    vals = [vals{:}];
    factor = vals(plan.idx(:, a_fac));
    factor = factor(:);
  end
  plan.eta = factor .* plan.recommended;
end
