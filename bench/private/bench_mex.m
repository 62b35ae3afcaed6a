function ok = bench_mex (top, dir, name, flags, libs)
% bench_mex -- compile bench/NAME.c with mkoctfile --mex into the folder dir (extra
% CFLAGS flags and libraries libs, both optional); true when it built.
  if (nargin < 4), flags = '';  end
  if (nargin < 5), libs = '';  end
  mk = fullfile (OCTAVE_HOME (), 'bin', 'mkoctfile');
  env = '';
  if (~ isempty (flags))
    env = sprintf ('CFLAGS="%s" LDFLAGS="%s" ', flags, bench_ifelse (any (strfind (flags, 'openmp')), '-fopenmp', ''));
  end
  [st, ~] = system (sprintf ('cd "%s" && %s"%s" --mex -o %s.mex "%s" %s 2>&1', dir, env, mk, ...
                             name, fullfile (top, 'bench', [name '.c']), libs));
  ok = st == 0;
end
