function v = ld_version ()
% -*- texinfo -*-
% @deftypefn {} {@var{v} =} ld_version ()
% lindyn's version string (the Version: of DESCRIPTION; tests/integration/test_package.m
% checks that the two agree).
% @end deftypefn
  v = '0.1.0';
end
