function M = ld_prod (W)
% -*- texinfo -*-
% @deftypefn {} {@var{M} =} ld_prod (@var{W})
% The end-to-end matrix W1 * W2 * ... * WL of a chain of factors @var{W}.
% @end deftypefn
  M = W{1};
  for l = 2:numel (W)
    M = M * W{l};
  end
end

