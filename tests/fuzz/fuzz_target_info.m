function info = fuzz_target_info (name, file)
% info = fuzz_target_info (name, file) -- what the fuzzer needs to know about a target.
%
% kind is "gateway" (src/__lindyn_*__.mex: callable directly by users, so it validates on
% its own), "demo" (demo_*: long reproductions of the paper, short budget),
% "plot" (plot_* or a function whose code opens figures: short budget, figures closed
% after each call) or "function".  nin / nout are nargin / nargout (-1 when variable or
% unknown, e.g. for MEX files).

  info.name = name;
  info.file = file;
  info.nin = -1;
  info.nout = -1;
  if (strncmp (name, '__lindyn_', 9))
    info.kind = 'gateway';
    info.nout = 3;
    return;
  end
  try
    info.nin = nargin (name);
    info.nout = nargout (name);
  catch
  end
  [folder] = fileparts (file);
  [~, last] = fileparts (folder);
  if (strncmp (name, 'demo_', 5) || strcmp (last, 'demos'))
    info.kind = 'demo';
    return;
  end
  info.kind = 'function';
  if (strncmp (name, 'plot_', 5))
    info.kind = 'plot';
  else
    code = fileread (file);
    code = regexprep (code, '(^|\n)\s*%[^\n]*', '');      % drop comments and %! blocks
    if (~ isempty (regexp (code, '\<(figure|plot|semilogy|loglog|subplot|print)\s*\(', 'once')))
      info.kind = 'plot';
    end
  end
end
