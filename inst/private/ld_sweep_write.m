function ld_sweep_write (file, S)
% -*- texinfo -*-
% @deftypefn {} {} ld_sweep_write (@var{file}, @var{S})
% Save the fields of the struct @var{S} as variables of @var{file}, atomically: into a
% temporary file of the same folder (named after this host and process), then renamed
% over @var{file} (rename(2) replaces a file in one step on one file system), so a reader
% sees the old file or the new one, never a part, and a process killed while writing
% leaves only its temporary file.  Octave's binary format (exact doubles, function
% handles with their captured variables); MATLAB's v7 under MATLAB.  Error
% @code{lindyn:sweep:folder} when the folder cannot be written.
% @end deftypefn

  [host, pid] = ld_sweep_host ();
  tmp = sprintf ('%s.tmp.%s.%d', file, host, pid);
  try
    if (exist ('OCTAVE_VERSION', 'builtin'))
      save ('-binary', tmp, '-struct', 'S');
      [err, msg] = rename (tmp, file);
      if (err ~= 0)
        error ('lindyn:sweep:folder', 'sweep: cannot rename %s to %s: %s', tmp, file, msg);
      end
    else
      save (tmp, '-struct', 'S', '-v7');
      movefile (tmp, file, 'f');
    end
  catch err
    if (exist (tmp, 'file'))
      delete (tmp);
    end
    if (strcmp (err.identifier, 'lindyn:sweep:folder'))
      rethrow (err);
    end
    error ('lindyn:sweep:folder', 'sweep: cannot write %s: %s', file, err.message);
  end
end
