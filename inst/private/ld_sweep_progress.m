function ld_sweep_progress (varargin)
% -*- texinfo -*-
% @deftypefn  {} {} ld_sweep_progress (@qcode{"init"}, @var{verbose}, @var{what})
% @deftypefnx {} {} ld_sweep_progress (@var{done}, @var{total})
% The progress line of a sweep run in this process: @var{done} of @var{total} points
% and the time left, at most every 10 s.  @var{verbose} true prints from the start,
% false never, empty once the sweep has run for 10 s; @var{what} names the sweep in the
% line.  One sweep at a time per process (the state is kept between calls).
% @end deftypefn

  persistent P
  if (ischar (varargin{1}))
    P = struct ('verbose', {varargin{2}}, 'what', varargin{3}, 't0', tic (), 'last', -Inf);
    return;
  end
  if (isempty (P) || isequal (P.verbose, false))
    return;
  end
  done = varargin{1};  total = varargin{2};
  e = toc (P.t0);
  if (isempty (P.verbose) && e < 10) || (e - P.last < 10 && done < total)
    return;
  end
  P.last = e;
  left = e / max (done, 1) * (total - done);
  fprintf ('%s: %d of %d points, %.0f s elapsed, about %.0f s left\n', P.what, done, ...
           total, e, left);
  if (exist ('OCTAVE_VERSION', 'builtin'))
    fflush (stdout);
  end
end
