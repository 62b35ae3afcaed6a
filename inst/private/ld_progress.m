function P = ld_progress (P, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{P} =} ld_progress (@qcode{"init"}, @var{fn}, @var{verbose}, @var{total}, @var{unit})
% @deftypefnx {} {@var{P} =} ld_progress (@var{P}, @var{done}, @var{elapsed})
% @deftypefnx {} {@var{P} =} ld_progress (@var{P}, @qcode{"end"}, @var{done}, @var{elapsed})
% Progress of a long run of the public function @var{fn}, shown between chunks.
%
% @var{verbose}: true shows it, false never prints anything, empty shows it when the
% run is predicted to take more than 5 s, once 0.5 s have passed.  @var{total} is the
% amount of work (iterations, or the final time of an integration), @var{done} the
% amount finished, @var{elapsed} the seconds since the start (the caller's clock, so
% that tests can drive it); @var{unit} names the amount (@qcode{"iterations"},
% @qcode{"t"}).  The rate, and from it the time left, is measured from the end of the
% first chunk on (the first call includes the warm-up of the kernels and BLAS).
%
% On a terminal (standard output a tty, asked of the C library by
% @code{__lindyn_config__}) one line is rewritten in place (@code{\r}), at most every
% 0.2 s; otherwise (a log file, a pipe, MATLAB's command window) one line at most every
% 5 s.  The environment variable @env{LINDYN_PROGRESS} = @qcode{"tty"} or
% @qcode{"lines"} chooses the form.  @qcode{"end"} closes the line and prints the total
% time, when anything was shown.
% @end deftypefn

  if (ischar (P))                                  % 'init'
    P = struct ('fn', varargin{1}, 'verbose', {varargin{2}}, 'total', varargin{3}, ...
                'unit', varargin{4}, 'tty', ld_tty (), 'shown', false, 'last', -Inf, ...
                'd1', NaN, 'e1', NaN, 'len', 0);
    return;
  end
  if (isequal (P.verbose, false))
    return;
  end
  if (ischar (varargin{1}))                        % 'end'
    if (P.shown)
      msg = sprintf ('%s: done, %s in %.1f s', P.fn, ld_amount (P, varargin{2}), varargin{3});
      ld_print (P, msg, true);
    end
    return;
  end
  done = varargin{1};  elapsed = varargin{2};
  if (isnan (P.d1))                                % end of the first chunk: the rate's origin
    P.d1 = done;  P.e1 = elapsed;
    rate = done / max (elapsed, 1e-9);
  elseif (elapsed > P.e1 && done > P.d1)
    rate = (done - P.d1) / (elapsed - P.e1);
  else
    rate = done / max (elapsed, 1e-9);
  end
  left = (P.total - done) / max (rate, 1e-300);
  if (isempty (P.verbose) && ~ (elapsed > 0.5 && elapsed + left > 5))
    return;
  end
  gap = 5;
  if (P.tty), gap = 0.2;  end
  if (elapsed - P.last < gap)
    return;
  end
  P.last = elapsed;
  pct = 100 * done / max (P.total, realmin);
  if (strcmp (P.unit, 'iterations'))
    msg = sprintf ('%s: %d/%d iterations (%.0f%%), %.3g it/s, ETA %.1f s', P.fn, ...
                   round (done), round (P.total), pct, rate, left);
  else
    msg = sprintf ('%s: t = %.4g of %.4g (%.0f%%), %.1f s elapsed, ETA %.1f s', P.fn, ...
                   done, P.total, pct, elapsed, left);
  end
  P = ld_print (P, msg, false);
  P.shown = true;
end

function s = ld_amount (P, done)
  if (strcmp (P.unit, 'iterations'))
    s = sprintf ('%d iterations', round (done));
  else
    s = sprintf ('t = %.4g', done);
  end
end

function P = ld_print (P, msg, final)
  if (P.tty)
    pad = repmat (' ', 1, max (0, P.len - numel (msg)));   % clear the longer old line
    if (final)
      fprintf ('\r%s%s\n', msg, pad);
    else
      fprintf ('\r%s%s', msg, pad);
    end
    P.len = numel (msg);
  else
    fprintf ('%s\n', msg);
  end
  if (exist ('OCTAVE_VERSION', 'builtin'))
    fflush (stdout);                               % MATLAB's command window flushes by itself
  end
end

function t = ld_tty ()
  mode = getenv ('LINDYN_PROGRESS');
  if (strcmp (mode, 'tty'))
    t = true;
  elseif (strcmp (mode, 'lines'))
    t = false;
  elseif (exist ('OCTAVE_VERSION', 'builtin'))
    try
      [~, ~, t] = __lindyn_config__ ();
    catch
      t = false;
    end
  else
    t = false;                                     % MATLAB's command window: plain lines
  end
end
