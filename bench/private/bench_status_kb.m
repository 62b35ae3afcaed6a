function kb = bench_status_kb (field)
% bench_status_kb -- a field of /proc/self/status in kB (VmRSS, VmHWM).
  s = fileread ('/proc/self/status');
  tok = regexp (s, [field ':\s*(\d+)\s*kB'], 'tokens', 'once');
  kb = str2double (tok{1});
end
