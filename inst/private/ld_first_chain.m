function W = ld_first_chain (fn, W0)
% -*- texinfo -*-
% @deftypefn {} {@var{W} =} ld_first_chain (@var{fn}, @var{W0})
% The first chain of factors of the start @var{W0} of the public function @var{fn}: a
% chain @{W1, @dots{}, WL@} (row or column cell; a bare matrix is one factor), a cell of
% chains (a sweep), or a result to continue (its factors), for the front doors that need
% the outer sizes before the driver validates the starts in full (@code{ld_starts}).
% Error @code{lindyn:@var{fn}:W0}.
% @end deftypefn

  W = W0;
  if (isstruct (W) && isfield (W, 'factors') && ~ isempty (W)), W = W(1).factors;  end
  if (iscell (W) && ~ isempty (W) && iscell (W{1})), W = W{1};  end
  if (isnumeric (W)), W = {W};  end
  if (~ (iscell (W) && ~ isempty (W) && all (cellfun (@isnumeric, W(:)'))))
    error (sprintf ('lindyn:%s:W0', fn), ...
           '%s: W0 must be a cell vector of matrices {W1, ..., WL}', fn);
  end
end
