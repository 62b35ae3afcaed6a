function avail = ld_memory_check (fn, name, bytes, what)
% -*- texinfo -*-
% @deftypefn  {} {} ld_memory_check (@var{fn}, @var{name}, @var{bytes}, @var{what})
% @deftypefnx {} {@var{avail} =} ld_memory_check ()
% Refuse, before allocating, a request of @var{bytes} bytes that the machine cannot give.
%
% The public function @var{fn} asks for @var{bytes} bytes (its estimated peak) because of
% its argument @var{name}; @var{what} says what they hold (e.g. "1e9 records of 5
% values").  When @var{bytes} exceeds the memory available, the error is
% @code{lindyn:@var{fn}:memory}, naming the argument and both sizes.  Requests below
% 16 MB are never refused (they cost more to fill than to check).
%
% The memory available is the smaller of
% @itemize
% @item what the system can give: MemAvailable + SwapFree of @file{/proc/meminfo}
% where it exists, else @code{memory ()}'s MaxPossibleArrayBytes where it works, else
% a conservative 4 GB;
% @item what the address-space limit (@code{ulimit -v}, "Max address space" of
% @file{/proc/self/limits}) leaves above the process's current size (VmSize of
% @file{/proc/self/status}), when a limit is set.
% @end itemize
% Without arguments, returns that amount in bytes.  The gateways apply the same rule
% (@code{ldm_check_memory} in @file{src/mex/ldm.c}).
% @end deftypefn

  if (nargin == 0)
    avail = available ();
    return;
  end
  if (bytes < 2^24)
    return;
  end
  avail = available ();
  if (~ (bytes <= avail))
    error (sprintf ('lindyn:%s:memory', fn), ...
           '%s: %s asks for %s of memory (%s), more than the %s available', ...
           fn, name, size_str (bytes), what, size_str (avail));
  end
end

function a = available ()
  a = NaN;
  txt = read_text ('/proc/meminfo');
  if (~ isempty (txt))
    avail = field_kb (txt, 'MemAvailable');
    if (isnan (avail))                  % kernels before 3.14
      avail = field_kb (txt, 'MemFree') + field_kb (txt, 'Buffers') + field_kb (txt, 'Cached');
    end
    swap = field_kb (txt, 'SwapFree');
    if (isnan (swap))
      swap = 0;
    end
    a = 1024 * (avail + swap);
  end
  if (isnan (a))
    try
      u = memory ();
      a = u.MaxPossibleArrayBytes;
    catch
      a = NaN;
    end
  end
  if (~ (a >= 0))
    a = 4e9;
  end
  lim = read_text ('/proc/self/limits');
  tok = regexp (lim, 'Max address space\s+(\d+)', 'tokens', 'once');
  if (~ isempty (tok))
    used = field_kb (read_text ('/proc/self/status'), 'VmSize');
    if (isnan (used))
      used = 0;
    end
    a = min (a, max (0, str2double (tok{1}) - 1024 * used));
  end
end

function v = field_kb (txt, key)
  tok = regexp (txt, [key ':\s*(\d+)'], 'tokens', 'once');
  if (isempty (tok))
    v = NaN;
  else
    v = str2double (tok{1});
  end
end

function txt = read_text (file)
  txt = '';
  fid = fopen (file, 'r');
  if (fid < 0)
    return;
  end
  txt = fread (fid, [1, Inf], 'char=>char');
  fclose (fid);
end

function s = size_str (b)
  if (~ (b < Inf))
    s = sprintf ('%g bytes', b);
  elseif (b >= 1e9)
    s = sprintf ('%.3g GB', b / 1e9);
  else
    s = sprintf ('%.3g MB', b / 1e6);
  end
end
