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
