function calls = fuzz_calls (name, P)
% calls = fuzz_calls (name, P) -- valid example calls of lindyn's functions, for the fuzzer.
%
% Each entry is {args, nout}: a call that must succeed, built from the random problem P
% of fuzz_pool so that sizes agree.  fuzz_case mutates one thing in such a call, which
% reaches the checks and code behind the first argument test far more often than a
% purely random list.  Functions without an entry are fuzzed with random and
% "plausible" lists only; add an entry when you add a function.  Entries for functions
% that do not exist in the tree are simply never used.

  switch (name)
    case 'second_moments'
      calls = {{{P.X, P.Y}, 2}, {{P.X}, 1}, {{sparse(P.X), P.Y}, 2}, ...
               {{single(P.X), int16(round(P.Y))}, 2}};
    case '__lindyn_second_moments__'
      calls = {{{P.X, P.Y}, 2}, {{P.X, zeros(P.n, 0)}, 1}};
    otherwise
      calls = {};
  end
end
