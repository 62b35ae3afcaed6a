#!/usr/bin/python3
"""peers.py -- the benchmark's peer loops (NumPy, PyTorch) for bench/run_bench.m.

A server: run_bench.m starts it once (`/usr/bin/python3 bench/peers.py`) and sends one
JSON object per line on standard input; each gets one JSON line back on standard output.
So Python's start-up and imports are paid once, and each timing is taken inside Python
(time.perf_counter around n iterations), never across the pipe.

  {"op": "hello"}                       -> {"numpy": "1.24.2" or null, "torch": ... or null,
                                            "why": "python3-numpy not installed" ...}
  {"op": "setup", "key": K, "kind": KIND, "dir": D, ...}  load a problem (files of D)
  {"op": "time", "key": K, "peer": P, "n": N}   -> {"seconds": wall time of N iterations
                                            from the problem's start, set-up included}
  {"op": "run", "key": K, "peer": P, "n": N, "out": PREFIX}  N iterations, then the
                                            factors to PREFIX1.bin, PREFIX2.bin, ...
                                            (float64, column-major)
  {"op": "protocol", "dir": D, ...}    -> {"seconds": wall time, "runs": [...]}: the
                                            sharpness protocol below, timed whole
  {"op": "quit"}

Peers P: "numpy" (threads: OpenBLAS's, set by the caller's environment), "torch" (float64,
CPU, torch.set_num_threads to the "threads" of setup) and "torch1" (one thread).
Problems (KIND; matrices as raw float64 column-major files NAME.bin with their sizes in
the setup line):
  gd          eq. 5 on the moments Sx, Sxy from W0 = {W1..WL}: E = W1...WL, G = Sx E - Sxy,
              the factor gradients W_{1:l-1}' G W_{l+1:L}' (NumPy by hand, PyTorch by
              autograd: E.backward(G), the same products as lindyn); method "gd"
              (W -= eta * grad under torch.no_grad()), "momentum" (torch.optim.SGD,
              momentum=beta) or "adam" (torch.optim.Adam, betas, eps).
  sgd         mini-batches of b rows of X (uint8 file X.u8 or X.bin) and Y:
              loss = 1/(2b) ||Xb E - Yb||^2, loss.backward(); b = n uses the rows in order
              (the full-batch check), b < n a fresh random permutation per epoch.
  completion  loss = 1/(2|Omega|) sum over observed (i, j) of (W(i,j) - M(i,j))^2, the
              observed entries given as 0-based rows, cols and vals; loss.backward().
  sensing     loss = 1/(2m) ||A vec(W) - y||^2 (vec column-major), loss.backward().

The "protocol" op: Marion & Chizat's linear sharpness protocol (their run_experiment.py,
utils.py, mlp.py) in PyTorch, float64: data X (n-by-d) and y (n) from X.bin, y.bin; runs
of gradient descent on their loss mean((yhat - y)^2) with yhat = W_L ... W_1 x (their
convention; the starts, in lindyn's convention W = W1 ... WL with W_l d-by-d and WL d-by-1,
are read from start_<k>.bin, all factors one after another, and transposed), each with
its step (theirs) and its number of steps; every `every` steps (iterates 0, every, 2
every, ..., the last) the sharpness by their power iteration: `power` Hessian-vector
products (double backward through the gradient, whose graph is built once per estimate)
from a fresh Gaussian vector, the estimate being the norm of the product before the last
(their `largest_eigenvalue`).  A run stops at the first iterate whose divergence size
||X'(yhat - y)/n||^2 (lindyn's, ||Sx W - Sxy||^2) is not finite or above 1e12 times the
larger of its values at the start and at W = 0 (lindyn's rule; their code lets NaNs run
on).  Timed whole on `threads` threads (torch.set_num_threads); per run the reply gives
the final loss, the last sharpness estimate and the one after it (the 20th product), the
iterations done, whether it diverged, and the number of estimates; with "exact": true
also (untimed, after the timing) the largest, second largest and smallest eigenvalues
of the full Hessian at the final iterate (torch.autograd.functional.hessian, eigvalsh).
"""
import json
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    np = None
try:
    import torch
except ImportError:
    torch = None

PROBLEMS = {}


def load(d, name, shape, dtype="float64"):
    if dtype == "uint8":
        a = np.fromfile(os.path.join(d, name + ".u8"), dtype=np.uint8)
    else:
        a = np.fromfile(os.path.join(d, name + ".bin"), dtype=np.float64)
    return np.ascontiguousarray(a.reshape(tuple(int(s) for s in shape), order="F"))


def chain(Ws):
    E = Ws[0]
    for W in Ws[1:]:
        E = E @ W
    return E


def numpy_gd(P, n):
    Sx, Sxy, eta = P["Sx"], P["Sxy"], P["eta"]
    W = [w.copy() for w in P["W0"]]
    L = len(W)
    for _ in range(n):
        if L == 1:
            W[0] = W[0] - eta * (Sx @ W[0] - Sxy)
            continue
        E = chain(W)
        G = Sx @ E - Sxy
        new = []
        for l in range(L):
            g = G
            if l > 0:
                g = chain(W[:l]).T @ g
            if l < L - 1:
                g = g @ chain(W[l + 1:]).T
            new.append(W[l] - eta * g)
        W = new
    return W


def torch_params(P):
    return [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in P["W0"]]


def torch_optimizer(P, W):
    m = P.get("method", "gd")
    if m == "momentum":
        return torch.optim.SGD(W, lr=P["eta"], momentum=P["beta"])
    if m == "adam":
        return torch.optim.Adam(W, lr=P["eta"], betas=(P["beta1"], P["beta2"]), eps=P["eps"])
    return None


def torch_step(W, opt, eta):
    if opt is None:
        with torch.no_grad():
            for w in W:
                w -= eta * w.grad
                w.grad = None
    else:
        opt.step()
        opt.zero_grad(set_to_none=True)


def torch_run(P, n):
    W = torch_params(P)
    opt = torch_optimizer(P, W)
    eta = P["eta"]
    kind = P["kind"]
    if kind == "gd":
        Sx, Sxy = P["tSx"], P["tSxy"]
        for _ in range(n):
            E = chain(W)
            with torch.no_grad():
                G = Sx @ E - Sxy
            E.backward(G)
            torch_step(W, opt, eta)
    elif kind == "sgd":
        X, Y, b = P["tX"], P["tY"], P["b"]
        nrows = X.shape[0]
        steps = nrows // b
        perm = None
        for t in range(n):
            k = t % steps
            if b == nrows:
                Xb, Yb = X, Y
            else:
                if k == 0:
                    perm = torch.randperm(nrows)
                rows = perm[k * b:(k + 1) * b]
                Xb, Yb = X[rows], Y[rows]
            E = chain(W)
            R = Xb @ E - Yb
            loss = 0.5 * (R * R).sum() / b
            loss.backward()
            torch_step(W, opt, eta)
    elif kind == "completion":
        rows, cols, vals = P["trows"], P["tcols"], P["tvals"]
        m = vals.shape[0]
        for _ in range(n):
            E = chain(W)
            R = E[rows, cols] - vals
            loss = 0.5 * (R * R).sum() / m
            loss.backward()
            torch_step(W, opt, eta)
    elif kind == "sensing":
        A, y = P["tA"], P["ty"]
        m = y.shape[0]
        for _ in range(n):
            E = chain(W)
            R = A @ E.t().reshape(-1) - y
            loss = 0.5 * (R * R).sum() / m
            loss.backward()
            torch_step(W, opt, eta)
    return [w.detach().numpy() for w in W]


def protocol(msg):
    """Marion & Chizat's protocol, timed whole (see the module's docstring)."""
    d = msg["dir"]
    X = torch.from_numpy(load(d, "X", msg["X"]))
    y = torch.from_numpy(load(d, "y", msg["y"]).ravel())
    n, dim = X.shape
    L = int(msg["L"])
    every, power = int(msg["every"]), int(msg["power"])
    steps, iters = list(msg["steps"]), [int(t) for t in msg["iters"]]
    Xt = X.t().contiguous()
    shapes = [(dim, dim)] * (L - 1) + [(dim, 1)]
    starts = []
    for k in range(len(steps)):
        flat = np.fromfile(os.path.join(d, "start_%d.bin" % (k + 1)), dtype=np.float64)
        Ws, o = [], 0
        for (a, b) in shapes:           # lindyn's W_l (a-by-b, column-major) -> theirs W_l'
            Ws.append(np.ascontiguousarray(flat[o:o + a * b].reshape((a, b), order="F").T))
            o += a * b
        starts.append(Ws)
    torch.set_num_threads(max(1, int(msg.get("threads", 1))))
    gen = torch.Generator().manual_seed(int(msg.get("seed", 0)))

    def forward(P):
        H = Xt
        for W in P:
            H = W @ H
        r = H.flatten() - y
        return (r * r).mean(), r

    def crit(r):
        with torch.no_grad():
            g = Xt @ r / n
            return float((g * g).sum())

    def power_iteration(grads, P):
        v = [torch.randn(p.shape, generator=gen, dtype=torch.float64) for p in P]
        nv = torch.sqrt(sum((x * x).sum() for x in v))
        v = [x / nv for x in v]
        new, prev = 1.0, 1.0
        for _ in range(power):
            prev = new
            Hv = torch.autograd.grad(grads, P, grad_outputs=v, retain_graph=True)
            new = float(torch.sqrt(sum((x * x).sum() for x in Hv)))
            v = [x / new for x in Hv]
        return prev, new

    out = []
    t0 = time.perf_counter()
    for k in range(len(steps)):
        P = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in starts[k]]
        eta, T = float(steps[k]), iters[k]
        with torch.no_grad():
            _, r0 = forward(P)
        thr = 1e12 * max(crit(r0), float(((Xt @ y / n) ** 2).sum()))
        sharp, sharp20, nest, diverged, t = float("nan"), float("nan"), 0, False, 0
        loss = None
        while True:
            loss, r = forward(P)
            c = crit(r)
            if not (c <= thr):          # not finite, or above the threshold
                diverged = True
                break
            if t % every == 0:
                grads = torch.autograd.grad(loss, P, create_graph=True)
                sharp, sharp20 = power_iteration(grads, P)
                nest += 1
                grads = [g.detach() for g in grads]
            elif t < T:
                grads = torch.autograd.grad(loss, P)
            if t == T:
                break
            with torch.no_grad():
                for p, g in zip(P, grads):
                    p -= eta * g
            t += 1
        out.append({"loss": float(loss), "sharpness": sharp, "sharpness20": sharp20,
                    "iters": t, "diverged": diverged, "estimates": nest, "P": P})
    seconds = time.perf_counter() - t0
    for o in out:
        P = o.pop("P")
        o["exact"], o["exact_min"], o["exact_2"] = float("nan"), float("nan"), float("nan")
        if msg.get("exact", False) and not o["diverged"]:
            flat = torch.cat([p.detach().reshape(-1) for p in P])
            sizes = [p.numel() for p in P]

            def f(z):
                Q, i = [], 0
                for p, m in zip(P, sizes):
                    Q.append(z[i:i + m].reshape(p.shape))
                    i += m
                return forward(Q)[0]
            Hm = torch.autograd.functional.hessian(f, flat)
            ev = torch.linalg.eigvalsh((Hm + Hm.t()) / 2)
            o["exact"], o["exact_2"], o["exact_min"] = float(ev[-1]), float(ev[-2]), float(ev[0])
    # columns, NaN as null (Octave's jsondecode reads null in a numeric array as NaN)
    cols = {}
    for key in out[0]:
        cols[key] = [None if isinstance(o[key], float) and o[key] != o[key] else o[key]
                     for o in out]
    return {"seconds": seconds, "runs": cols}


def setup(msg):
    d = msg["dir"]
    P = {"kind": msg["kind"], "eta": float(msg["eta"]), "method": msg.get("method", "gd"),
         "beta": float(msg.get("beta", 0.9)), "beta1": float(msg.get("beta1", 0.9)),
         "beta2": float(msg.get("beta2", 0.999)), "eps": float(msg.get("eps", 1e-8)),
         "threads": int(msg.get("threads", 1))}
    P["W0"] = [load(d, "W0_%d" % (l + 1), s) for l, s in enumerate(msg["W0"])]
    if P["kind"] == "gd":
        P["Sx"] = load(d, "Sx", msg["Sx"])
        P["Sxy"] = load(d, "Sxy", msg["Sxy"])
    elif P["kind"] == "sgd":
        P["X"] = load(d, "X", msg["X"], msg.get("Xclass", "float64")).astype(np.float64)
        P["Y"] = load(d, "Y", msg["Y"])
        P["b"] = int(msg["b"])
    elif P["kind"] == "completion":
        P["rows"] = load(d, "rows", msg["rows"]).ravel().astype(np.int64)
        P["cols"] = load(d, "cols", msg["cols"]).ravel().astype(np.int64)
        P["vals"] = load(d, "vals", msg["vals"]).ravel()
    elif P["kind"] == "sensing":
        P["A"] = load(d, "A", msg["A"])
        P["y"] = load(d, "y", msg["y"]).ravel()
    if torch is not None:
        for k in ("Sx", "Sxy", "X", "Y", "vals", "A", "y"):
            if k in P:
                P["t" + k] = torch.from_numpy(P[k])
        for k in ("rows", "cols"):
            if k in P:
                P["t" + k] = torch.from_numpy(P[k])
    PROBLEMS[msg["key"]] = P
    return {"ok": 1}


def run(msg):
    P = PROBLEMS[msg["key"]]
    peer = msg["peer"]
    n = int(msg["n"])
    if peer == "numpy":
        if P["kind"] != "gd" or P["method"] != "gd":
            raise ValueError("numpy peer: only the gd kind with method gd")
        return numpy_gd(P, n)
    if torch is None:
        raise ValueError("python3-torch not installed")
    torch.set_num_threads(1 if peer == "torch1" else max(1, P["threads"]))
    return torch_run(P, n)


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            msg = json.loads(line)
            op = msg["op"]
            if op == "quit":
                break
            if op == "hello":
                why = []
                if np is None:
                    why.append("python3-numpy not installed")
                if torch is None:
                    why.append("python3-torch not installed")
                rep = {"numpy": getattr(np, "__version__", None),
                       "torch": getattr(torch, "__version__", None), "why": "; ".join(why)}
            elif op == "setup":
                rep = setup(msg)
            elif op == "time":
                t0 = time.perf_counter()
                run(msg)
                rep = {"seconds": time.perf_counter() - t0}
            elif op == "protocol":
                rep = protocol(msg)
            elif op == "run":
                W = run(msg)
                for l, w in enumerate(W):
                    np.asarray(w, dtype=np.float64).ravel(order="F").tofile(
                        "%s%d.bin" % (msg["out"], l + 1))
                rep = {"ok": 1, "L": len(W)}
            elif op == "drop":
                PROBLEMS.pop(msg["key"], None)
                rep = {"ok": 1}
            else:
                rep = {"error": "unknown op " + op}
        except Exception as e:  # reported to the caller, the server keeps running
            rep = {"error": "%s: %s" % (type(e).__name__, e)}
        sys.stdout.write(json.dumps(rep) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
