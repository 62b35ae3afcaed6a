function c = ld_sweep_call (plan, k, advice)
% -*- texinfo -*-
% @deftypefn  {} {@var{c} =} ld_sweep_call (@var{plan}, @var{k})
% @deftypefnx {} {@var{c} =} ld_sweep_call (@var{plan}, @var{k}, true)
% The call that runs point @var{k} of a sweep (see @code{ld_sweep_plan}):
% @code{R = plan.fun (c.pos@{:@}, c.opts@{:@})}.
%
% Positional arguments come from the grid axes of their name, else from the arguments
% given; options from the options given, an option axis replacing an option of the
% same name.  A start drawn by @code{random_init} is
% @code{random_init ([d, widths, p], scale, "seed", seed, "scheme", scheme)} (plus
% @qcode{"lambda"} when that axis exists), d and p from the data (see
% @code{ld_sweep_signature}), the depth and widths from their axes, else from a start
% given in the arguments, else two layers of width min (d, p) (one layer for
% @code{gd_linear}); seed 0 when there is no seed axis.  The seed axis is also passed as
% option @qcode{"seed"} to a function that has one (@code{sgd_deep}).
%
% @var{c} also has fields @code{eta} (the step) and @code{start} (the start, [] when
% none is set), and @code{gkey} (the axis values that must agree for points to run
% together in one call with a vector of steps and a cell of starts: all but the step
% and the values the start is drawn from).  With a third argument true, the step is
% not set (for the step-size advice that computes it).
% @end deftypefn

  if (nargin < 3)
    advice = false;
  end
  sig = plan.sig;
  pos = plan.pos;
  opts = plan.opts;
  v = struct ();
  for a = 1:numel (plan.axes)
    ax = plan.axes(a);
    val = ax.values{plan.idx(k, a)};
    v.(ax.name) = val;
    switch (ax.kind)
      case 'pos'
        pos{ax.at} = val;
      case 'option'
        opts = ld_set_option (opts, ax.name, val);
    end
  end
  if (isfield (v, 'seed') && sig.seed_option)
    opts = ld_set_option (opts, 'seed', v.seed);
  end

  start = [];
  if (plan.made)
    start = ld_draw (plan, pos, v);
    if (~ isempty (sig.start_option))
      opts = ld_set_option (opts, sig.start_option, start{1});
      start = start{1};
    else
      pos{sig.start} = start;
    end
  elseif (sig.start > 0)
    start = pos{sig.start};
  elseif (~ isempty (sig.start_option))
    at = find (strcmpi (opts(1:2:end), sig.start_option), 1, 'last');
    if (~ isempty (at)), start = opts{2 * at};  end
  end

  eta = [];
  if (sig.eta > 0)
    if (strcmp (plan.eta_mode, 'recommended') && ~ advice)
      pos{sig.eta} = plan.eta(k);
    end
    eta = pos{sig.eta};
  end

  % the axes whose values need not agree inside one call: the step, the factor of the
  % recommended step, and what only the start is drawn from (not its sizes)
  free = strcmp ({plan.axes.name}, 'eta') | strcmp ({plan.axes.kind}, 'factor') ...
         | ismember ({plan.axes.name}, {'scale', 'lambda', 'scheme', 'W0'}) ...
         | (strcmp ({plan.axes.name}, 'seed') & ~ sig.seed_option);
  c = struct ('pos', {pos}, 'opts', {opts}, 'eta', eta, 'start', {start}, ...
              'gkey', plan.idx(k, ~ free));
end

function opts = ld_set_option (opts, name, val)
  % replace an option given by name (any case) or append it
  if (~ isempty (opts))
    hit = find (strcmpi (opts(1:2:end), name));
    opts(sort ([2 * hit - 1, 2 * hit])) = [];
  end
  opts(end+1:end+2) = {name, val};
end

function W = ld_draw (plan, pos, v)
  % the start of a point from random_init, with the sizes of its data
  sig = plan.sig;
  given = [];
  if (sig.start > 0 && iscell (pos{sig.start}) && ~ isempty (pos{sig.start}))
    given = pos{sig.start};
  end
  switch (sig.sizes)
    case 'moments'
      d = size (pos{1}, 1);  p = size (pos{2}, 2);
    case 'samples'
      d = size (pos{1}, 2);  p = size (pos{2}, 2);
    case 'matrix'
      [d, p] = size (pos{1});
    otherwise
      if (isempty (given))
        error ('lindyn:sweep:W0', ['sweep: to draw starts for %s, give a start W0 in ', ...
               'args: its end sizes are the network''s'], sig.label);
      end
      d = size (given{1}, 1);  p = size (given{end}, 2);
  end
  if (~ isempty (sig.start_option))
    L = 1;                                       % gd_linear: one layer
    if (isfield (v, 'depth') && ~ isequal (v.depth, 1))
      error ('lindyn:sweep:depth', 'sweep: %s has one layer: depth must be 1', sig.label);
    end
    widths = [];
  else
    w = [];
    if (isfield (v, 'widths'))
      w = v.widths;
      if (~ (isnumeric (w) && isvector (w) && all (w == round (w)) && all (w >= 1)))
        error ('lindyn:sweep:widths', 'sweep: widths must be positive integers');
      end
      w = double (reshape (w, 1, []));
    end
    if (isfield (v, 'depth'))
      L = v.depth;
      if (~ (isnumeric (L) && isscalar (L) && L == round (L) && L >= 1))
        error ('lindyn:sweep:depth', 'sweep: depth must be a positive integer');
      end
      L = double (L);
    elseif (numel (w) > 1)
      L = numel (w) + 1;
    elseif (~ isempty (given))
      L = numel (given);
    else
      L = 2;
    end
    if (isscalar (w))
      widths = repmat (w, 1, L - 1);
    elseif (~ isempty (w))
      widths = w;
    elseif (~ isempty (given) && numel (given) == L)
      widths = cellfun (@(f) size (f, 2), given(1:end-1));
    elseif (~ isempty (given) && numel (given) > 1)
      widths = repmat (size (given{1}, 2), 1, L - 1);
    else
      widths = repmat (min (d, p), 1, L - 1);
    end
    if (numel (widths) ~= L - 1)
      error ('lindyn:sweep:widths', 'sweep: widths has %d entries for depth %d (needs %d)', ...
             numel (widths), L, L - 1);
    end
  end
  seed = 0;
  if (isfield (v, 'seed')), seed = v.seed;  end
  extra = {};
  if (isfield (v, 'scheme')), extra = [extra, {'scheme', v.scheme}];  end
  if (isfield (v, 'lambda')), extra = [extra, {'lambda', v.lambda}];  end
  W = random_init ([d, widths, p], v.scale, 'seed', seed, extra{:});
end
