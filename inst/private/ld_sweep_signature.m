function sig = ld_sweep_signature (fun)
% -*- texinfo -*-
% @deftypefn {} {@var{sig} =} ld_sweep_signature (@var{fun})
% What @code{sweep} needs to know about the trajectory function @var{fun} (a handle):
% the names of its positional arguments, where a start goes, whether it has a
% @qcode{"seed"} option, how to read the end sizes d and p of the network from its data,
% and whether its step size may be a vector (several trajectories in one call).
%
% @var{sig} has fields @code{label} (@code{func2str}), @code{name} (the lindyn function
% it is or wraps, empty if none), @code{pos} (cell of the positional argument names,
% from the function's definition line: @code{function R = gd_deep (Sx, Sxy, eta, iters,
% W0, varargin)}, or from the parameter list of an anonymous function), @code{eta}
% (position of @code{eta}, 0 if none), @code{start} (position of @code{W0}, 0 if none),
% @code{start_option} (@qcode{"init"} for @code{gd_linear}, whose start is an option),
% @code{seed_option} (true for @code{sgd_deep}), @code{sizes} (how d and p follow from
% the data: @qcode{"moments"} rows of argument 1 and columns of argument 2,
% @qcode{"samples"} columns of both, @qcode{"matrix"} the size of argument 1, or
% @qcode{"start"}: from a start in the arguments), @code{moments} (how
% @code{stepsize_check} sees the problem: @qcode{"moments"} (Sx, Sxy), @qcode{"samples"}
% (the moments of X, Y), @qcode{"completion"} or @qcode{"sensing"} (its forms of those
% names), empty when it cannot) and
% @code{vector_eta}.  The traits of the lindyn functions are in the table below; an
% anonymous function whose parameters are those of a lindyn function it calls gets that
% function's traits.
% @end deftypefn

  % name, positional arguments, start option, seed option, sizes, moments
  known = {'gd_deep',       {'Sx', 'Sxy', 'eta', 'iters', 'W0'}, '',     false, 'moments', 'moments'; ...
           'gd_linear',     {'Sx', 'Sxy', 'eta', 'iters'},       'init', false, 'moments', 'moments'; ...
           'sgd_deep',      {'X', 'Y', 'eta', 'iters', 'W0'},    '',     true,  'samples', 'samples'; ...
           'gd_completion', {'M', 'mask', 'eta', 'iters', 'W0'}, '',     false, 'matrix',  'completion'; ...
           'gd_sensing',    {'A', 'y', 'eta', 'iters', 'W0'},    '',     false, 'start',   'sensing'};
  sig = struct ('label', func2str (fun), 'name', '', 'pos', {{}}, 'eta', 0, 'start', 0, ...
                'start_option', '', 'seed_option', false, 'sizes', 'start', 'moments', '', ...
                'vector_eta', false);
  label = sig.label;
  if (label(1) == '@')
    % an anonymous function: its parameter list, and the lindyn function its body calls
    tok = regexp (label, '^@\s*\(([^)]*)\)\s*(.*)$', 'tokens', 'once');
    if (isempty (tok))
      error ('lindyn:sweep:fun', 'sweep: cannot read the parameters of fun (%s)', label);
    end
    pos = ld_names (tok{1});
    called = regexp (tok{2}, '^\s*([A-Za-z]\w*)\s*\(', 'tokens', 'once');
    row = [];
    if (~ isempty (called))
      row = find (strcmp (known(:, 1), called{1}));
    end
    if (~ isempty (row) && isequal (pos, known{row, 2}))
      sig = ld_traits (sig, known(row, :));
    end
    sig.pos = pos;
  else
    row = find (strcmp (known(:, 1), label));
    if (~ isempty (row))
      sig = ld_traits (sig, known(row, :));
      sig.pos = known{row, 2};
    else
      sig.pos = ld_file_names (label);
    end
  end
  sig.eta = ld_where (sig.pos, 'eta');
  sig.start = ld_where (sig.pos, 'W0');
end

function sig = ld_traits (sig, row)
  sig.name = row{1};
  sig.start_option = row{3};
  sig.seed_option = row{4};
  sig.sizes = row{5};
  sig.moments = row{6};
  sig.vector_eta = true;
end

function k = ld_where (names, name)
  k = find (strcmp (names, name), 1);
  if (isempty (k)), k = 0;  end
end

function names = ld_names (list)
  % 'a, b, varargin' -> {'a', 'b'}
  names = strtrim (strsplit (list, ','));
  names = names(~ cellfun ('isempty', names));
  names = names(~ strcmp (names, 'varargin'));
  names = names(:)';
  if (isempty (names)), names = {};  end
end

function names = ld_file_names (name)
  % the parameter names on the definition line of the function file of name
  file = which (name);
  names = {};
  if (isempty (file) || ~ exist (file, 'file'))
    return;
  end
  [~, ~, ext] = fileparts (file);
  if (~ strcmp (ext, '.m'))
    return;
  end
  txt = fileread (file);
  tok = regexp (txt, ['function\s[^\n(]*\<' name '\s*\(([^)]*)\)'], 'tokens', 'once');
  if (~ isempty (tok))
    names = ld_names (regexprep (tok{1}, '\.\.\.[^\n]*\n', ''));
  end
end
