function [st, txt] = bench_child (top, call)
% bench_child -- run the Octave statement call in a child octave-cli with bench/ on the
% path (the peak-memory rows measure a process of their own); its status and output.
  exe = fullfile (OCTAVE_HOME (), 'bin', 'octave-cli');
  if (~ exist (exe, 'file'))
    exe = 'octave-cli';
  end
  cmd = sprintf ('"%s" --no-gui --no-window-system -q --eval "addpath (''%s''); %s" 2>/dev/null', ...
                 exe, fullfile (top, 'bench'), strrep (call, '"', '\"'));
  [st, txt] = system (cmd);
end
