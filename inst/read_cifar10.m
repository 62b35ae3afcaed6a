function [X, labels] = read_cifar10 (source, set)
% -*- texinfo -*-
% @deftypefn  {} {[@var{X}, @var{labels}] =} read_cifar10 (@var{dir})
% @deftypefnx {} {[@var{X}, @var{labels}] =} read_cifar10 (@var{dir}, @var{set})
% @deftypefnx {} {[@var{X}, @var{labels}] =} read_cifar10 (@var{files})
% Read CIFAR-10 in its binary version (the @file{cifar-10-batches-bin} folder).
%
% Each binary batch file holds 10000 records of 3073 bytes: the label (0..9), then the
% 32x32 red plane, green plane and blue plane, each row by row.  @var{X} is the
% n-by-3072 uint8 matrix with one image per row in that byte order (convert with
% @code{double}), @var{labels} the n-by-1 double vector of labels.
%
% With a folder @var{dir}, @var{set} chooses the files: @qcode{'train'} (default,
% @file{data_batch_1.bin} to @file{data_batch_5.bin}, n = 50000), @qcode{'test'}
% (@file{test_batch.bin}) or @qcode{'all'} (both, n = 60000).  Alternatively give one
% file name or a cell array of file names.  The data is at
% @url{https://www.cs.toronto.edu/~kriz/cifar.html} (``CIFAR-10 binary version'').
%
% Errors: a missing file or folder @code{lindyn:read_cifar10:file}; a file whose size is
% not a positive multiple of 3073 bytes @code{lindyn:read_cifar10:size}; a label outside
% 0..9 @code{lindyn:read_cifar10:format}; a bad @var{set} @code{lindyn:read_cifar10:set};
% images that would not fit in memory (checked before reading)
% @code{lindyn:read_cifar10:memory}.
%
% Used for the CIFAR-10 row of Table 1 of Gidel, Bach and Lacoste-Julien (2019).
%
% Example: a file of two records written here, read as the real batches are
% (@code{read_cifar10 ("data/cifar-10-batches-bin")} reads the 50000 training images):
% @c runnable
% @example
% @group
% f = [tempname() ".bin"];
% rec = [3, mod(0:3071, 256); 7, mod(3071:-1:0, 256)];  % label byte, 3072 pixel bytes
% fid = fopen (f, "w");  fwrite (fid, rec', "uint8");  fclose (fid);
% [X, labels] = read_cifar10 (f);        % X: 2x3072 uint8, labels = [3; 7]
% [Sx, Sxy] = second_moments (double (X) / 255, onehot (labels, 0:9));
% delete (f);
% @end group
% @end example
% @seealso{read_idx, onehot, demo_table1}
% @end deftypefn

  if (nargin < 1 || nargin > 2)
    ld_usage ('read_cifar10');
  end
  if (nargin < 2)
    set = 'train';
  end
  if (ischar (source) && size (source, 1) == 1 && exist (source, 'dir'))
    if (~ ischar (set))
      error ('lindyn:read_cifar10:set', 'read_cifar10: set must be ''train'', ''test'' or ''all''');
    end
    train = arrayfun (@(k) sprintf ('data_batch_%d.bin', k), 1:5, 'UniformOutput', false);
    switch (lower (set))
      case 'train'
        names = train;
      case 'test'
        names = {'test_batch.bin'};
      case 'all'
        names = [train, {'test_batch.bin'}];
      otherwise
        error ('lindyn:read_cifar10:set', ...
               'read_cifar10: set must be ''train'', ''test'' or ''all'' (got ''%s'')', set);
    end
    files = cellfun (@(n) fullfile (source, n), names, 'UniformOutput', false);
  elseif (nargin > 1)
    error ('lindyn:read_cifar10:file', 'read_cifar10: no such folder: %s', ld_str (source));
  elseif (ischar (source) && size (source, 1) == 1)
    files = {source};
  elseif (iscellstr (source) && ~ isempty (source))
    files = source(:)';
  else
    error ('lindyn:read_cifar10:file', ...
           'read_cifar10: the first argument must be a folder, a file name or a cell array of file names');
  end

  rec = 3073;
  sizes = zeros (1, numel (files));
  for k = 1:numel (files)
    info = dir (files{k});
    if (numel (info) ~= 1 || info.isdir)
      error ('lindyn:read_cifar10:file', 'read_cifar10: no such file: %s', files{k});
    end
    if (info.bytes == 0 || mod (info.bytes, rec) ~= 0)
      error ('lindyn:read_cifar10:size', ...
             'read_cifar10: %s has %d bytes, not a positive multiple of the 3073-byte record', ...
             files{k}, info.bytes);
    end
    sizes(k) = info.bytes / rec;
  end
  n = sum (sizes);
  % X and labels, and one file's raw bytes with their transposed copy
  ld_memory_check ('read_cifar10', 'source', n * (3072 + 8) + max ([0, sizes]) * (2 * rec + 16), ...
                   sprintf ('%d images of 3072 bytes', n));
  X = zeros (n, 3072, 'uint8');
  labels = zeros (n, 1);
  row = 0;
  for k = 1:numel (files)
    fid = fopen (files{k}, 'r');
    if (fid < 0)
      error ('lindyn:read_cifar10:file', 'read_cifar10: cannot open %s', files{k});
    end
    raw = fread (fid, [rec, sizes(k)], 'uint8=>uint8');
    fclose (fid);
    if (size (raw, 2) ~= sizes(k))
      error ('lindyn:read_cifar10:size', 'read_cifar10: %s ended early', files{k});
    end
    lab = double (raw(1, :))';
    if (any (lab > 9))
      error ('lindyn:read_cifar10:format', ...
             'read_cifar10: %s has a label %d outside 0..9 (is it a CIFAR-10 binary batch?)', ...
             files{k}, max (lab));
    end
    X(row + (1:sizes(k)), :) = raw(2:end, :)';
    labels(row + (1:sizes(k))) = lab;
    row = row + sizes(k);
  end
end

function s = ld_str (x)
  % X as text for an error message.
  if (ischar (x))
    s = x;
  else
    s = sprintf ('(a %s)', class (x));
  end
end

%!function write_batch (f, lab, img)
%!  % records: label byte then 3072 image bytes, as the CIFAR-10 binary format
%!  fid = fopen (f, 'w');
%!  fwrite (fid, [lab(:)'; img'], 'uint8');
%!  fclose (fid);
%!endfunction

%!test
%! % a folder with five small training batches and a test batch
%! d = tempname ();  mkdir (d);
%! imgs = {};  labs = {};
%! for k = 1:5
%!   labs{k} = mod ((1:k)' + k, 10);
%!   imgs{k} = uint8 (randi ([0 255], k, 3072));
%!   write_batch (fullfile (d, sprintf ('data_batch_%d.bin', k)), labs{k}, imgs{k});
%! end
%! write_batch (fullfile (d, 'test_batch.bin'), [9; 0], uint8 ([zeros(1, 3072); 255 * ones(1, 3072)]));
%! [X, l] = read_cifar10 (d);
%! assert (class (X), 'uint8');
%! assert (X, vertcat (imgs{:}));
%! assert (l, vertcat (labs{:}));
%! [Xt, lt] = read_cifar10 (d, 'test');
%! assert (lt, [9; 0]);  assert (double (Xt(2, :)), 255 * ones (1, 3072));
%! [Xa, la] = read_cifar10 (d, 'all');
%! assert (size (Xa), [17 3072]);  assert (la, [l; lt]);
%! [X1, l1] = read_cifar10 (fullfile (d, 'data_batch_3.bin'));
%! assert (X1, imgs{3});  assert (l1, labs{3});
%! [X2, l2] = read_cifar10 ({fullfile(d, 'data_batch_2.bin'), fullfile(d, 'test_batch.bin')});
%! assert (l2, [labs{2}; 9; 0]);
%! confirm_recursive_rmdir (false, 'local');  rmdir (d, 's');

%!test
%! % byte layout: red plane first, row by row
%! f = tempname ();
%! img = zeros (1, 3072);  img(1) = 11;  img(32) = 12;  img(1025) = 21;  img(3072) = 33;
%! write_batch (f, 4, uint8 (img));
%! [X, l] = read_cifar10 (f);
%! R = reshape (X(1:1024), 32, 32)';      % rows of the red plane
%! assert (R(1, 1), uint8 (11));  assert (R(1, 32), uint8 (12));
%! assert (X(1025), uint8 (21));  assert (X(end), uint8 (33));  assert (l, 4);
%! delete (f);

%!shared f
%! f = tempname ();
%!error <Invalid call> read_cifar10 ()
%!error id=lindyn:read_cifar10:file read_cifar10 ([f '.none'])
%!error id=lindyn:read_cifar10:file read_cifar10 (42)
%!error id=lindyn:read_cifar10:set read_cifar10 (tempdir (), 'validation')
%!error id=lindyn:read_cifar10:file read_cifar10 (tempname (), 'train')
%!error <not a positive multiple>
%! fid = fopen (f, 'w');  fwrite (fid, zeros (1, 3000), 'uint8');  fclose (fid);
%! read_cifar10 (f);
%!error <label 200 outside 0..9>
%! fid = fopen (f, 'w');  fwrite (fid, [200, zeros(1, 3072)], 'uint8');  fclose (fid);
%! read_cifar10 (f);

%!demo
%! % Two fake records written here (the real batches are read the same way)
%! f = tempname ();
%! % one record per row: a label byte, then 3072 pixel bytes (0..255); fwrite writes
%! % column by column, hence the transpose
%! rec = [3, mod(0:3071, 256); 7, mod(3071:-1:0, 256)];
%! fid = fopen (f, 'w');  fwrite (fid, rec', 'uint8');  fclose (fid);
%! [X, labels] = read_cifar10 (f);
%! size (X), labels'
%! delete (f);
%!test
%! % a (sparse) file of 1e9 records, 3 TB: refused before reading
%! f = [tempname() '.bin'];
%! fclose (fopen (f, 'w'));
%! if (system (sprintf ('truncate -s %d %s 2> /dev/null', 3073 * 1e9, f)) == 0)
%!   unwind_protect
%!     try
%!       read_cifar10 (f);
%!       error ('not refused');
%!     catch err
%!       assert (err.identifier, 'lindyn:read_cifar10:memory');
%!     end
%!   unwind_protect_cleanup
%!     unlink (f);
%!   end_unwind_protect
%! else
%!   unlink (f);
%!   printf ('SKIP: no truncate (1) to make a sparse file\n');
%! end
