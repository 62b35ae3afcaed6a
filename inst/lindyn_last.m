function R = lindyn_last (varargin)
% -*- texinfo -*-
% @deftypefn {} {@var{R} =} lindyn_last ()
% The result of the most recent long run (every trajectory function: @code{gd_deep},
% @code{gd_linear}, @code{sgd_deep}, @code{gd_completion}, @code{gd_sensing}, with any
% method; and @code{flow_deep}, @code{mode_gd}, @code{phase_times}), also when it was
% interrupted with Ctrl-C (the session then prints a line saying so).
%
% An interrupted function assigns nothing: after Ctrl-C during
% @code{R = gd_deep (@dots{})} the variable @var{R} is not set.  The run's work up to
% its last finished chunk (a chunk is about 0.2 s of iterations, and at least 8) is kept, and
% @code{R = lindyn_last ()} returns it: the same struct a finished run returns, with
% the records taken so far, the factors and @code{iters} at the end of the last
% finished chunk, and field @code{interrupted} true (false for a run that finished; a
% run stopped by an error counts as interrupted).  Passing that result as the start,
% @code{gd_deep (Sx, Sxy, eta, more_iters, R)} (likewise for the other trajectory
% functions) or @code{gd_linear (Sx, Sxy, eta, more_iters, "init", R)}, continues the
% run: the iterates are exactly those of an uninterrupted run (momentum's and Adam's
% state and the mini-batches included), and @code{t}, @code{iters} and
% @code{diverged_at} count from the start of the first run.
%
% @code{flow_deep}, and @code{mode_gd} and @code{phase_times} when they run for more
% than one chunk (1e7 iterations), keep their work the same way (see their help).
%
% Only the most recent run is kept: take its result before starting another.
% Empty when no run was made since Octave started (or after @code{clear all}).
%
% Example:
% @c runnable
% @example
% @group
% Sx = eye (3);  Sxy = diag ([1 0.3 0.1]);
% R = gd_deep (Sx, Sxy, 0.05, 3000, aligned_init (Sx, Sxy, 3, 6));
% % ... had Ctrl-C stopped it, R = lindyn_last () would hold the work done
% R = lindyn_last ();
% R.interrupted            % false: this one finished
% R2 = gd_deep (Sx, Sxy, 0.05, 1000, R);    % 1000 more iterations
% R2.iters                 % 4000
% @end group
% @end example
% @seealso{gd_deep, gd_linear}
% @end deftypefn

  if (nargin > 0)
    ld_usage ('lindyn_last');
  end
  R = ld_last ('get');
end

%!test
%! % a finished run is kept as returned
%! R = gd_deep (eye (2), [1 0; 0 0.5], 0.1, 50, {eye(2) / 10, eye(2) / 10});
%! L = lindyn_last ();
%! assert (L, R);
%! assert (R.interrupted, false);
%!error <Invalid call> lindyn_last (1)
