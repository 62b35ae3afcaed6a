function build_lindyn ()
% BUILD_LINDYN  Build lindyn's MEX gateways with MATLAB's mex (for MATLAB users).
%
%   Run from anywhere: build_lindyn compiles the C core (src/core/ld_*.c) and every
%   gateway src/mex/__lindyn_<name>__.c (with the helpers src/mex/ldm.c) into src/,
%   linking MATLAB's BLAS/LAPACK (libmwblas, libmwlapack), which take 64-bit ptrdiff_t
%   integers: hence -DLINDYN_BLAS_PTRDIFF.
%   Then add src/ and inst/ to the path:  addpath(fullfile(top,'src'), fullfile(top,'inst')).
%   Octave users do not need this: pkg install or `make` builds everything.

  top = fileparts (fileparts (mfilename ('fullpath')));
  src = fullfile (top, 'src');
  core = dir (fullfile (src, 'core', 'ld_*.c'));
  core_files = cellfun (@(f) fullfile (src, 'core', f), {core.name}, 'UniformOutput', false);
  gateways = dir (fullfile (src, 'mex', '__lindyn_*__.c'));
  for k = 1:numel (gateways)
    g = fullfile (src, 'mex', gateways(k).name);
    fprintf ('mex %s\n', gateways(k).name);
    mex ('-R2018a', '-largeArrayDims', '-DLINDYN_BLAS_PTRDIFF', 'CFLAGS=$CFLAGS -std=gnu99', ...
         ['-I' fullfile(src, 'core')], ['-I' fullfile(src, 'mex')], '-outdir', src, g, ...
         fullfile (src, 'mex', 'ldm.c'), core_files{:}, '-lmwlapack', '-lmwblas');
  end
end
