function f = ld_sweep_path (F, what, k, n)
% -*- texinfo -*-
% @deftypefn  {} {@var{f} =} ld_sweep_path (@var{F}, @var{what})
% @deftypefnx {} {@var{f} =} ld_sweep_path (@var{F}, @var{what}, @var{k}, @var{n})
% The files of the sweep folder @var{F}: @var{what} = @qcode{"plan"}
% (@file{sweep.mat}, the sweep's definition), @qcode{"csv"} (@file{sweep.csv}, the
% table), @qcode{"points"} (the folder of the point files), @qcode{"slurm"} (scripts,
% task lists, job list and logs of the SLURM submissions), and for point @var{k} of
% @var{n}: @qcode{"done"} (@file{points/p000007.mat}, its result), @qcode{"failed"}
% (@file{points/p000007.failed.mat}, the error it raised), @qcode{"run"}
% (@file{points/p000007.run}, the marker of the process running it).  Point numbers have
% at least 6 digits, so the files sort in point order.
% @end deftypefn

  switch (what)
    case 'plan'
      f = fullfile (F, 'sweep.mat');
    case 'csv'
      f = fullfile (F, 'sweep.csv');
    case 'points'
      f = fullfile (F, 'points');
    case 'slurm'
      f = fullfile (F, 'slurm');
    otherwise
      digits = max (6, numel (sprintf ('%d', n)));
      stem = fullfile (F, 'points', sprintf ('p%0*d', digits, k));
      switch (what)
        case 'done'
          f = [stem '.mat'];
        case 'failed'
          f = [stem '.failed.mat'];
        case 'run'
          f = [stem '.run'];
      end
  end
end
