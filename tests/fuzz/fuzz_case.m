function [args, nout, mode] = fuzz_case (info, seed, k)
% [args, nout, mode] = fuzz_case (info, seed, k) -- argument list number k of a target.
%
% The list depends only on (seed, info.name, k): Octave's random stream is reseeded
% from them, so any case can be regenerated alone (replay, bisection).  mode says how
% the list was made:
%   "random"    0..7 values of fuzz_value;
%   "plausible" 0..7 values mostly from the coherent problem of fuzz_pool;
%   "valid"     an unmodified example call of fuzz_calls (must not fail on a crash);
%   "huge"      (every 16th list, for targets listed there; not under ASan) a call of
%               fuzz_huge, valid but for a size beyond the child's memory limit: it must
%               be refused with lindyn:<function>:memory, never end in Octave:bad-alloc;
%   "mutant"    an example call of fuzz_calls with one (sometimes two) things changed:
%               an argument replaced, perturbed (a NaN, a sign, a transpose, a class,
%               a row more or less, ...), dropped, swapped, or one appended.
% info has fields name, nin (nargin, -1 when variable), nout (nargout, -1 when variable).

  s = [seed, k, sum(double (info.name) .* (1:numel (info.name)))];
  rand ('state', s);
  randn ('state', s);
  P = fuzz_pool ();
  calls = fuzz_calls (info.name, P);
  maxout = info.nout;
  if (maxout < 0)
    maxout = 3;
  end
  if (mod (k, 16) == 0 && huge_allowed ())
    % every 16th list of a target with an entry in fuzz_huge: a call that is valid but
    % for its size (decided from k, not from the random stream, so that the other lists
    % stay what they were).  fuzz_run's children run under ulimit -v 2 GB, which makes
    % the outcome the same on every machine; not under ASan (see huge_allowed).
    huge = fuzz_huge (info.name, P);
    if (~ isempty (huge))
      c = huge{fuzz_int (numel (huge))};
      args = c{1};
      nout = c{2};
      mode = 'huge';
      return;
    end
  end
  u = rand ();
  if (~ isempty (calls) && u < 0.55)
    c = calls{fuzz_int (numel (calls))};
    args = c{1};
    nout = c{2};
    if (rand () < 0.04)
      mode = 'valid';
      return;
    end
    mode = 'mutant';
    for j = 1:(1 + (rand () < 0.25))
      args = mutate_list (args, P);
    end
    if (rand () < 0.15)
      nout = fuzz_int (0, maxout + 1);
    end
  elseif (u < 0.8)
    mode = 'plausible';
    nin = info.nin;
    if (nin < 0)
      nin = 4;
    end
    count = max (0, min (7, nin + fuzz_int (-2, 1)));
    args = cell (1, count);
    for j = 1:count
      if (rand () < 0.85)
        args{j} = P.values{fuzz_int (numel (P.values))};
      else
        args{j} = fuzz_value ();
      end
    end
    nout = fuzz_int (0, maxout);
  else
    mode = 'random';
    args = cell (1, fuzz_int (0, 7));
    for j = 1:numel (args)
      args{j} = fuzz_value ();
    end
    nout = fuzz_int (0, maxout + 1);
  end
end

function yes = huge_allowed ()
  % Not under AddressSanitizer (fuzz_run --sanitize=1 preloads it in the child and sets
  % no ulimit there: ASan's allocator refuses any single block over 2 GB, so a request
  % between that and the RAM would pass the memory check and then fail to allocate).
  % The decision rests on the environment, not on the process's limits, so that the
  % parent, which runs without a limit, describes a list as the child made it (with
  % --sanitize=1 the parent's description of a list k = 16, 32, ... is the huge call
  % the child did not make).
  yes = isempty (strfind (getenv ('LD_PRELOAD'), 'asan'));
end

function args = mutate_list (args, P)
  n = numel (args);
  op = fuzz_int (10);
  if (n == 0)
    op = 9;
  end
  switch (op)
    case {1, 2}
      args{fuzz_int (n)} = fuzz_value ();
    case 3
      args{fuzz_int (n)} = P.values{fuzz_int (numel (P.values))};
    case {4, 5, 6, 7}
      i = fuzz_int (n);
      args{i} = perturb (args{i});
    case 8
      args(fuzz_int (n)) = [];
    case 9
      if (rand () < 0.5)
        args{end + 1} = fuzz_value ();
      else
        args{end + 1} = P.values{fuzz_int (numel (P.values))};
      end
    otherwise
      if (n >= 2)
        ij = randperm (n, 2);
        args(ij) = args(fliplr (ij));
      else
        args = {};
      end
  end
end

function v = perturb (v)
% One small change to a (usually valid) value.
  if (iscell (v))
    if (isempty (v) || rand () < 0.3)
      v = fuzz_value ();
    else
      if (~ isvector (v))
        v = v(:)';                      % deleting or appending one element needs a vector
      end
      i = fuzz_int (numel (v));
      switch (fuzz_int (4))
        case 1
          v(i) = [];
        case 2
          v{i} = perturb (v{i});
        case 3
          v{end + 1} = v{i}';
        otherwise
          v = v';
      end
    end
    return;
  end
  if (ischar (v))
    if (rows (v) ~= 1)
      v = v(:)';                        % a char matrix or column (a transposed option)
    end
    strs = {'', upper(v), [v 'x'], v(1:end-1), 'no_such_option', fliplr(v)};
    v = strs{fuzz_int (numel (strs))};
    return;
  end
  if (~ (isnumeric (v) || islogical (v)) || numel (v) > 1e4 || ndims (v) > 2 ...
      || any (size (v) > 1e4))
    % not worth perturbing, or too big to touch cheaply (a row added to zeros (0, 1e9)
    % would take 8 GB)
    v = fuzz_value ();
    return;
  end
  x = full (double (v));
  switch (fuzz_int (28))
    case 1
      x = set_entry (x, NaN);
    case 2
      x = set_entry (x, Inf);
    case 3
      x = set_entry (x, -Inf);
    case 4
      x = set_entry (x, -0);
    case 5
      x = set_entry (x, 1e300);
    case 6
      x = -x;
    case 7
      x = 0 * x;
    case 8
      x = x * 1e150;
    case 9
      x = x * 1e-150;
    case 10
      x = x * 1e300;
    case 11
      x = x';
    case 12
      if (size (x, 1) > 0)
        x(end, :) = [];
      end
    case 13
      if (size (x, 2) > 0)
        x(:, end) = [];
      end
    case 14
      x(end + 1, :) = randn (1, size (x, 2));
    case 15
      x(:, end + 1) = randn (size (x, 1), 1);
    case 16
      x = x(:, []);
    case 17
      x = x([], :);
    case 18
      classes = {'single', 'int32', 'uint8', 'logical', 'char', 'int64'};
      c = classes{fuzz_int (numel (classes))};
      v = cast_to (x, c);
      return;
    case 19
      v = sparse (x);
      return;
    case 20
      v = complex (x);
      return;
    case 21
      v = {x};
      return;
    case 22
      x = cat (3, x, x);
    case 23
      x = x + 0.5;
    case 24
      x = x * 1e9 + 1;
    case 25
      if (size (x, 1) == size (x, 2) && numel (x) > 1)
        x(1, end) = x(1, end) + 1;          % not symmetric
      else
        x = flipud (x(:));                  % unsorted
      end
    case 26
      if (size (x, 1) == size (x, 2) && numel (x) > 0)
        x = x - 2 * max (abs (x(:))) * eye (size (x, 1));   % indefinite
      else
        x = x(:)';
      end
    case 27
      if (numel (x) > 0)
        x = x(1);
      else
        x = 1;
      end
    otherwise
      x = repmat (x, 2, 2);
  end
  v = x;
end

function x = set_entry (x, val)
  if (isempty (x))
    x = val;
  else
    x(fuzz_int (numel (x))) = val;
  end
end

function v = cast_to (x, c)
  switch (c)
    case 'logical'
      x(isnan (x)) = 0;
      v = logical (x);
    case 'char'
      x(~ isfinite (x)) = 97;
      v = char (mod (abs (round (x)), 128));
    otherwise
      v = cast (x, c);
  end
end
