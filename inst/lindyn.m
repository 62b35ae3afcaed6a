function info = lindyn (varargin)
% -*- texinfo -*-
% @deftypefn  {} {} lindyn
% @deftypefnx {} {@var{info} =} lindyn ()
% lindyn: gradient dynamics of linear neural networks (Gidel, Bach and Lacoste-Julien,
% NeurIPS 2019), an overview of the package.
%
% Called without an output, prints the version, the BLAS in use (with its thread count
% when it is OpenBLAS) and the small-product kernel the C core chose for this CPU
% (@qcode{"avx512"} (AVX-512F), @qcode{"avx2"} (AVX2 with FMA), @qcode{"generic"}, or
% @qcode{"none"} in a build without it; @env{LINDYN_KERNEL}=generic, avx2 or avx512
% asks for one, which runs when the CPU has it).  With an output, returns a struct with
% fields @code{version}, @code{blas}, @code{blas_threads} (0 when the BLAS is not
% OpenBLAS), @code{kernel}, @code{octave} (the interpreter's version) and
% @code{matlab} (true under MATLAB).
%
% What lindyn measures: gradient descent on a linear model learns every component of a
% least-squares solution at once; on a two-layer (or deeper) linear network started
% near zero it learns them one at a time, visiting the spectral path
% @code{U_k diag(sigma_i/lambda_i) V_k'} (@code{spectral_path}; exact under Assumption 1
% with epsilon = 0).  That path meets the reduced-rank regression solutions (@code{rrr})
% only in special cases (Sx proportional to the identity, the linear autoencoder).
% The equations, the errata of the paper and the measured agreement are in
% doc/theory.md of the package.
%
% Functions by topic:
% @table @asis
% @item Data and moments
% @code{second_moments}, @code{autoencoder_data}, @code{read_idx},
% @code{read_cifar10}, @code{onehot}
% @item Gradient descent (eq. 5)
% @code{gd_linear}, @code{gd_deep}, @code{aligned_init}, @code{random_init},
% @code{lindyn_last} (the work of a run stopped with Ctrl-C), @code{stepsize_check}
% (the largest step GD can settle with, from the sharpness), @code{sharpness} (the top
% Hessian eigenvalues)
% @item Deep matrix factorization, SGD and other update rules
% @code{sgd_deep}, @code{gd_completion}, @code{gd_sensing}, @code{gd_diagonal} (diagonal
% networks w = u.^D - v.^D), @code{nuclear_completion}, @code{effective_rank}; option
% @qcode{"method"} (@qcode{"momentum"}, @qcode{"adam"})
% @item Sweeps (grids of runs, one table; on all cores or a SLURM cluster, resumable)
% @code{sweep}, @code{sweep_status}, @code{sweep_collect}, @code{sweep_run}
% @item Closed forms and theory
% @code{flow_linear}, @code{gd_linear_closed}, @code{flow_deep}, @code{flow_balanced}
% (also from lambda-balanced starts), @code{mode_flow}, @code{mode_gd},
% @code{mode_gd_bounds}, @code{mode_limit}, @code{norm_limit}, @code{phase_times} (the
% mode functions at any depth), @code{mode_start} (the modes and their effective starts
% from any factors), @code{lazy_rich} (the tangent kernel's distance from its start),
% @code{diagonal_limit} (the limit of a diagonal network's flow)
% @item Reduced-rank regression and Assumption 1
% @code{rrr}, @code{spectral_path}, @code{assumption1}, @code{assumption_deltas}
% @item Plots and reproductions
% @code{plot_dynamics}, @code{demo_figure1}, @code{demo_figure2}, @code{demo_table1},
% @code{demo_depth}, @code{demo_stability}, @code{demo_completion}, @code{demo_norms},
% @code{demo_sgd_mnist}, @code{demo_lazy_rich}, @code{demo_diagonal},
% @code{demo_sharpness_scale}
% @end table
% Every function has help with an example (@code{help gd_deep}), tests
% (@code{test gd_deep}) and demos (@code{demo gd_deep}).
%
% Example:
% @c runnable
% @example
% @group
% lindyn                  % version, BLAS, kernel
% info = lindyn ();
% disp (info.kernel)
% @end group
% @end example
% @seealso{gd_deep, gd_linear, second_moments, spectral_path, rrr}
% @end deftypefn

  if (nargin > 0)
    ld_usage ('lindyn');
  end
  s.version = ld_version ();
  s.matlab = true;
  s.octave = '';
  if (exist ('OCTAVE_VERSION', 'builtin'))
    s.matlab = false;
    s.octave = OCTAVE_VERSION ();
  end
  try
    s.blas = version ('-blas');          % Octave >= 4.4 and MATLAB both know it
  catch
    s.blas = 'unknown';
  end
  [s.kernel, s.blas_threads] = __lindyn_config__ ();
  if (nargout > 0)
    info = s;
    return;
  end
  if (s.matlab)
    host = sprintf ('MATLAB %s', version ());
  else
    host = sprintf ('Octave %s', s.octave);
  end
  fprintf ('lindyn %s (%s): gradient dynamics of linear neural networks\n', s.version, host);
  if (s.blas_threads > 0)
    fprintf ('BLAS: %s, %d threads\n', s.blas, s.blas_threads);
  else
    fprintf ('BLAS: %s\n', s.blas);
  end
  fprintf ('small-product kernel: %s\n', s.kernel);
  fprintf ('help lindyn lists the functions by topic\n');
end

%!test
%! % the struct form: the version is DESCRIPTION's, the kernel one of those the C core has
%! info = lindyn ();
%! assert (any (strcmp (info.kernel, {'avx512', 'avx2', 'generic', 'none'})));
%! assert (ischar (info.blas) && ! isempty (info.blas));
%! assert (info.matlab, false);
%! assert (info.octave, OCTAVE_VERSION ());
%! desc = fullfile (fileparts (fileparts (which ('lindyn'))), 'DESCRIPTION');
%! if (exist (desc, 'file'))     % source tree (the installed package keeps it in packinfo)
%!   v = regexp (fileread (desc), 'Version:\s*(\S+)', 'tokens', 'once');
%!   assert (info.version, v{1});
%! else
%!   l = pkg ('list', 'lindyn');
%!   if (! isempty (l)), assert (info.version, l{1}.version);  end
%! end
%!test
%! % the printed form names the version, the BLAS and the kernel
%! out = evalc ('lindyn');
%! info = lindyn ();
%! assert (! isempty (strfind (out, ['lindyn ' info.version])));
%! assert (! isempty (strfind (out, 'BLAS: ')));
%! assert (! isempty (strfind (out, ['kernel: ' info.kernel])));
%!test
%! % the help lists every public function of INDEX
%! txt = get_help_text ('lindyn');
%! index = fullfile (fileparts (fileparts (which ('lindyn'))), 'INDEX');
%! if (exist (index, 'file'))
%!   lines = strsplit (fileread (index), "\n");
%!   for k = 2:numel (lines)
%!     if (! isempty (lines{k}) && any (lines{k}(1) == " \t"))
%!       for f = strsplit (strtrim (lines{k}))
%!         if (! isempty (f{1}) && ! strcmp (f{1}, 'lindyn'))
%!           assert (! isempty (strfind (txt, ['@code{' f{1} '}'])), ['help lindyn misses ' f{1}]);
%!         end
%!       end
%!     end
%!   end
%! end
%!error <Invalid call> lindyn (1)
