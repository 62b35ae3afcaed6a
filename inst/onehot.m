function [Y, classes] = onehot (labels, classes)
% -*- texinfo -*-
% @deftypefn  {} {[@var{Y}, @var{classes}] =} onehot (@var{labels})
% @deftypefnx {} {[@var{Y}, @var{classes}] =} onehot (@var{labels}, @var{classes})
% One-hot encoding of class labels: the targets Y of the paper's multi-class prediction.
%
% @var{labels} is a vector of n numeric labels (any real, finite values, e.g. the digits
% 0..9 of MNIST).  @var{Y} is the n-by-K double matrix with @code{Y(i, k) = 1} when
% @code{labels(i) == classes(k)} and 0 otherwise, so every row has exactly one 1.
% By default @var{classes} is @code{unique (labels)} (sorted, as a row); pass it to fix
% the column order or to keep columns for classes absent from @var{labels} (for
% example when encoding a test set with the classes of the training set).  A label
% that is not among @var{classes} is an error (@code{lindyn:onehot:labels}).
%
% Section 2 of Gidel, Bach and Lacoste-Julien (2019): for classification, y_i is the
% one-hot encoding of the class, so p = K and @code{Sxy = X'*Y/n} holds the class
% means weighted by the class frequencies (Table 1 is computed from it).
%
% Example:
% @c runnable
% @example
% @group
% [Y, classes] = onehot ([3 1 3 2])
%   @result{} Y =
%          0   0   1
%          1   0   0
%          0   0   1
%          0   1   0
%      classes =
%          1   2   3
% Y = onehot ([1; 1], 0:2)          % the classes given: 0, 1, 2
%   @result{} Y =
%          0   1   0
%          0   1   0
% @end group
% @end example
% @seealso{read_idx, read_cifar10, second_moments}
% @end deftypefn

  if (nargin < 1 || nargin > 2)
    ld_usage ('onehot');
  end
  labels = ld_matrix ('onehot', 'labels', labels, 'vector', 'finite');
  labels = labels(:);
  if (nargin < 2)
    classes = unique (labels)';
  else
    classes = ld_matrix ('onehot', 'classes', classes, 'vector', 'finite');
    classes = classes(:)';
    if (numel (unique (classes)) ~= numel (classes))
      error ('lindyn:onehot:classes', 'onehot: classes must not repeat a value');
    end
  end
  [found, col] = ismember (labels, classes);
  if (~ all (found))
    bad = labels(find (~ found, 1));
    error ('lindyn:onehot:labels', 'onehot: labels contains %g, which is not among classes', bad);
  end
  n = numel (labels);
  ld_memory_check ('onehot', 'labels', 8 * n * (numel (classes) + 2), ...
                   sprintf ('a %d-by-%d indicator matrix', n, numel (classes)));
  Y = zeros (n, numel (classes));
  Y(sub2ind (size (Y), (1:n)', col)) = 1;
end

%!test
%! [Y, c] = onehot ([3 1 3 2]);
%! assert (Y, [0 0 1; 1 0 0; 0 0 1; 0 1 0]);
%! assert (c, [1 2 3]);

%!test
%! % against a loop over classes, with absent classes and a given column order
%! labels = randi ([0 9], 200, 1);
%! classes = [9 0:8 42];
%! Y = onehot (labels, classes);
%! Yref = zeros (200, 11);
%! for k = 1:11
%!   Yref(:, k) = (labels == classes(k));
%! end
%! assert (Y, Yref);
%! assert (sum (Y, 2), ones (200, 1));
%! assert (class (Y), 'double');

%!test
%! % uint8 labels as read_idx returns them; an empty vector gives 0 rows
%! [Y, c] = onehot (uint8 ([5; 0; 5]));
%! assert (Y, [0 1; 1 0; 0 1]);  assert (c, [0 5]);
%! assert (size (onehot (zeros (0, 1), 1:3)), [0 3]);

%!error <Invalid call> onehot ()
%!error <called with too many inputs> onehot (1, 2, 3)
%!error id=lindyn:onehot:labels onehot ([1 2], 1)
%!error id=lindyn:onehot:labels onehot (ones (2))
%!error id=lindyn:onehot:labels onehot ([1 NaN])
%!error id=lindyn:onehot:labels onehot ({1, 2})
%!error id=lindyn:onehot:classes onehot ([1 2], [1 2 1])
%!error id=lindyn:onehot:classes onehot ([1 2], 'ab')

%!demo
%! labels = [2 0 1 2 2];
%! [Y, classes] = onehot (labels)
%! % class frequencies = the column means of Y
%! mean (Y)

%!error <labels asks for .* GB of memory \(a 1000000-by-1000000 indicator matrix\)> onehot ((1:1e6)')
%!error id=lindyn:onehot:memory onehot (1:3, 0:1e12)
