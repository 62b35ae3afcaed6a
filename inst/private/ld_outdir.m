function ld_outdir (fn, outdir, create)
% -*- texinfo -*-
% @deftypefn  {} {} ld_outdir (@var{fn}, @var{outdir})
% @deftypefnx {} {} ld_outdir (@var{fn}, @var{outdir}, @var{create})
% The output folder of the demo @var{fn}: check that @var{outdir} is a folder name (a
% string; @code{''} means that nothing is written), and with @var{create} true make the
% folder if it does not exist yet.  Errors: @code{lindyn:@var{fn}:outdir}.
% @end deftypefn

  if (~ ischar (outdir))
    error (sprintf ('lindyn:%s:outdir', fn), '%s: outdir must be a folder name (a string)', fn);
  end
  if (nargin > 2 && create && ~ exist (outdir, 'dir'))
    [ok, msg] = mkdir (outdir);
    if (~ ok)
      error (sprintf ('lindyn:%s:outdir', fn), '%s: cannot create outdir %s: %s', fn, outdir, msg);
    end
  end
end
