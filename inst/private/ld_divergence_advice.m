function msg = ld_divergence_advice (P, eta, W0, iters, method)
% -*- texinfo -*-
% @deftypefn {} {@var{msg} =} ld_divergence_advice (@var{P}, @var{eta}, @var{W0}, @var{iters}, @var{method})
% The advice of a trajectory function's divergence warning: a step the failed run did not
% already meet, from the run itself (its problem @var{P}, @code{ld_stepsize_problem}, its
% start @var{W0} and its length @var{iters}: @code{ld_stepsize_advice}, the advice of
% @code{stepsize_check (@dots{}, "init", W0, "iters", iters)}), for the step @var{eta} of
% update rule @var{method}.  The advice is for plain gradient descent; for momentum and
% Adam, and when the failed step was already below the predicted supremum, the message
% says so and asks for a step below both.  A problem that stepsize_check does not cover
% gives its advice as a string @var{P} instead (@code{gd_diagonal}), returned as it is.
% @end deftypefn

  if (ischar (P))
    msg = P;
    return;
  end
  try
    A = ld_stepsize_advice (P, W0, iters);
  catch
    msg = 'try a smaller eta (stepsize_check gives step-size advice from the start)';
    return;
  end
  where = sprintf ('stable at the start and along the path of %d iterations', iters);
  if (~ isfinite (iters))
    where = 'stable at the start and along the path';
  end
  if (strcmp (method, 'gd') && eta > A.supremum)
    msg = sprintf (['stepsize_check advises eta = %g for this start (%s; every step up to ', ...
                    '%g is)'], A.recommended, where, A.supremum);
    return;
  end
  rec = min (A.recommended, eta / 4);
  if (strcmp (method, 'gd'))
    msg = sprintf (['eta was below the supremum %g that stepsize_check predicts for this ', ...
                    'start (%s), so the run left the predicted path: try eta = %g'], ...
                   A.supremum, where, rec);
  else
    msg = sprintf (['stepsize_check''s advice is for plain gradient descent (eta = %g, %s); ', ...
                    '%s amplifies steps: try eta = %g'], A.recommended, where, method, rec);
  end
end
