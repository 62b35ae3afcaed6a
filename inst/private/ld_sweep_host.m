function [host, pid] = ld_sweep_host ()
% -*- texinfo -*-
% @deftypefn {} {[@var{host}, @var{pid}] =} ld_sweep_host ()
% The name of this machine and the process id of this Octave, for the markers and
% records of a sweep's points (under MATLAB: the environment's HOSTNAME and
% @code{feature ("getpid")}).
% @end deftypefn

  if (exist ('OCTAVE_VERSION', 'builtin'))
    host = gethostname ();
    pid = getpid ();
  else
    host = getenv ('HOSTNAME');
    pid = feature ('getpid');
  end
end
