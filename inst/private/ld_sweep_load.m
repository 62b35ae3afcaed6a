function plan = ld_sweep_load (fn, F)
% -*- texinfo -*-
% @deftypefn {} {@var{plan} =} ld_sweep_load (@var{fn}, @var{F})
% The plan of the sweep stored in folder @var{F} (@file{sweep.mat}, see
% @code{ld_sweep_plan}), for the public function @var{fn}.  A process that runs many
% points of one sweep (a worker, an array task) reads it once: it is kept while the
% file's modification time stays the same.  Error @code{lindyn:@var{fn}:folder} when
% @var{F} holds no sweep.
% @end deftypefn

  persistent cache
  if (~ (ischar (F) && (isrow (F) || isempty (F))) || isempty (F))
    error (sprintf ('lindyn:%s:folder', fn), '%s: the folder must be a string', fn);
  end
  file = ld_sweep_path (F, 'plan');
  l = dir (file);
  if (isempty (l))
    error (sprintf ('lindyn:%s:folder', fn), '%s: %s holds no sweep (no sweep.mat)', fn, F);
  end
  if (isstruct (cache) && strcmp (cache.file, file) && cache.datenum == l(1).datenum ...
      && cache.bytes == l(1).bytes)
    plan = cache.plan;
    return;
  end
  try
    S = load (file);
    plan = S.plan;
    assert (isstruct (plan) && isfield (plan, 'format') && plan.format == 1);
  catch
    error (sprintf ('lindyn:%s:folder', fn), '%s: %s is not a sweep file of this lindyn', fn, file);
  end
  cache = struct ('file', file, 'datenum', l(1).datenum, 'bytes', l(1).bytes, 'plan', plan);
end
