function v = fuzz_value (depth)
% v = fuzz_value (depth) -- one random Octave value for the fuzzer (tests/fuzz/).
%
% Draws from Octave's own random stream (seeded per case by fuzz_case), so a value is
% reproducible from (seed, target, case).  Covers every class a user can pass (double,
% single, the eight integer classes, logical, char, cell, struct, complex, sparse,
% function handle, classdef object), every awkward shape (empty, 0-by-n, n-by-0, 3-D,
% 4-D, huge-but-cheap ones like zeros (1e9, 0) or sparse (1e9, 1)) and special values
% (NaN, NA, Inf, -Inf, -0, 1e+-300, subnormals, 2^31, 2^53, negative, non-integer).
% Every value is cheap: at most a few dozen elements are stored.  depth bounds the
% nesting of cells and structs.

  if (nargin < 1)
    depth = 0;
  end
  kind = fuzz_int (21);
  if (depth > 1 && any (kind == [12 13]))
    kind = 1;
  end
  switch (kind)
    case {1, 2, 3}
      v = special_scalar ();
    case {4, 5, 6}
      v = random_matrix ();
    case 7
      v = single (random_matrix ());
    case 8
      classes = {'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64'};
      c = classes{fuzz_int (numel (classes))};
      switch (fuzz_int (4))
        case 1
          v = intmax (c);
        case 2
          v = intmin (c);
        otherwise
          v = cast (fuzz_int (-5, 20, fuzz_int (0, 4), fuzz_int (0, 4)), c);
      end
    case 9
      v = rand (fuzz_int (0, 4), fuzz_int (0, 4)) > 0.5;
      if (fuzz_int (2) == 1)
        v = (fuzz_int (2) == 1);
      end
    case 10
      strs = {'', 'a', 'abc', 'on', 'off', 'all', 'verbose', 'eta', 'iters', 'record', ...
              'method', 'rank', 'quiet', 'double', 'fro', 'X', 'none', char(0), ...
              '1', '%s%s%n%d', blanks(3), ['ab'; 'cd'], 'gd', 'flow', 'tol', ...
              'MaxIter', 'seed', '\', '..', 'lindyn', repmat('x', 1, 300)};
      v = strs{fuzz_int (numel (strs))};
    case 11
      switch (fuzz_int (6))
        case 1
          v = {};
        case 2
          v = cell (2, 0);
        case 3
          v = {1};
        case 4
          v = {rand(2), 'a'};
        case 5
          v = {{}};
        otherwise
          v = {fuzz_value(depth + 1), fuzz_value(depth + 1)};
      end
    case 12
      switch (fuzz_int (6))
        case 1
          v = struct ();
        case 2
          v = struct ('a', {});
        case 3
          v = struct ('a', 1, 'b', 'x');
        case 4
          v = struct ('eta', {0.1, 0.2});
        otherwise
          names = {'eta', 'iters', 'record', 'verbose', 'tol', 'rank', 'method', 'x'};
          v = struct ();
          for j = 1:fuzz_int (3)
            v.(names{fuzz_int (numel (names))}) = fuzz_value (depth + 1);
          end
      end
    case 13
      switch (fuzz_int (3))
        case 1
          v = complex (1, 0);
        case 2
          v = random_matrix () + 1i;
        otherwise
          v = complex (random_matrix ());
      end
    case 14
      switch (fuzz_int (7))
        case 1
          v = sparse (0, 0);
        case 2
          v = sparse (3, 0);
        case 3
          v = sparse (1e9, 1);
        case 4
          v = sparse (rand (3) > 0.5);
        case 5
          v = sparse ([1 0; 0 1i]);
        case 6
          v = sparse (2^31, 2);
        otherwise
          v = sprandn (fuzz_int (5), fuzz_int (5), 0.5);
      end
    case 15
      handles = {@sin, @(x) x, @plus, @zeros, @(varargin) 1};
      v = handles{fuzz_int (numel (handles))};
    case 16
      empties = {@() [], @() zeros(0, 3), @() zeros(3, 0), @() '', @() single([]), ...
                 @() zeros(0, 0, 3), @() int32([]), @() false(0, 1), @() zeros(1, 0), ...
                 @() zeros(0, 1)};
      v = empties{fuzz_int (numel (empties))}();
    case 17
      shapes = {[2 2 2], [1 1 3], [2 0 2], [2 3 1 2], [1 1 1 1 2]};
      v = randn (shapes{fuzz_int (numel (shapes))});
    case 18
      huge = {@() zeros(1, 0), @() zeros(1e9, 0), @() zeros(0, 1e9), @() zeros(3e9, 0), ...
              @() zeros(0, 2^31), @() zeros(2^31, 0), @() zeros(1e9, 0, 5), ...
              @() int8(zeros(0, 1e9)), @() false(1e9, 0), @() sparse(1e9, 1), ...
              @() sparse(2^40, 1), @() zeros(0, 1e5), @() zeros(1e5, 0)};
      v = huge{fuzz_int (numel (huge))}();
    case 19
      vecs = {@() 1:5, @() (1:5)', @() [3 1 2], @() [0 5 10], @() -3:0, @() [1 1 2], ...
              @() 0:0.5:2, @() [1e9 2e9], @() [0 1e300], @() [1 NaN 3], @() [2 1], ...
              @() 1:1000, @() [-1 0 1]};
      v = vecs{fuzz_int (numel (vecs))}();
    case 20
      others = {@() NA, @() true, @() false, @() -0, @() int8(-1), @() uint8(0), ...
                @() single(NaN), @() single(1e30), @() realmin / 2, @() -realmax, ...
                @() flintmax, @() 2^63};
      v = others{fuzz_int (numel (others))}();
    otherwise
      try
        v = containers.Map ();
      catch
        v = {};
      end
  end
end

function v = special_scalar ()
  vals = [0, -0, 1, -1, 0.5, -0.5, 2, 3, 10, 100, 1e9, 2^31, 2^31-1, 2^53, 2^63, ...
          1e300, -1e300, 1e-300, realmin/2, NaN, Inf, -Inf, eps, pi, 1e150, 1e-150, ...
          1e-8, 0.01, 0.1, 1.5, 7, 20];
  v = vals(fuzz_int (numel (vals)));
end

function v = random_matrix ()
  sizes = [0 1 1 2 2 3 4 5 8];
  m = sizes(fuzz_int (numel (sizes)));
  n = sizes(fuzz_int (numel (sizes)));
  switch (fuzz_int (5))
    case 1
      v = fuzz_int (-3, 10, m, n);
    case 2
      a = randn (m, m);
      v = a * a';
    otherwise
      v = randn (m, n);
  end
  if (fuzz_int (3) == 1)
    scales = [1e-300, 1e300, 1e150, 1e-150, -1, 1e9, 1e-9, 0];
    v = v * scales(fuzz_int (numel (scales)));
  end
  if (fuzz_int (4) == 1 && numel (v) > 0)
    specials = [NaN, Inf, -Inf, -0, 1e300, NA];
    v(fuzz_int (numel (v))) = specials(fuzz_int (numel (specials)));
  end
end
