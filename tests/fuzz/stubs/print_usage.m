function print_usage (name)
% print_usage -- the fuzzer's fast stand-in for Octave's print_usage (child only).
%
% Octave's print_usage formats the caller's Texinfo help with makeinfo, which takes
% about 0.2 s: a third of the fuzzer's time went there.  The fuzzer only needs the
% error it raises (identifier Octave:invalid-fun-call, "Invalid call to NAME"); the real
% print_usage is exercised by every function's own %!error <Invalid call> test.
  if (nargin < 1)
    st = dbstack ();
    name = 'unknown';
    if (numel (st) > 1)
      name = st(2).name;
    end
  end
  error ('Octave:invalid-fun-call', 'Invalid call to %s (fuzz stand-in for print_usage)', name);
end
