"""A fast layout seeded from the governance structure (pure numpy, deterministic).

``networkx.spring_layout`` took 31 s on a 5,000-node national graph. This layout uses what we know:
nodes belong to a group (their region, or programme), groups are packed as circles, tables sit in their
group by hierarchy depth, members start at the barycentre of their tables, and a few vectorised
Fruchterman–Reingold iterations run *inside* each group (so the cost is the sum of the squared group
sizes, not the square of the whole graph). Positions are in vis-network pixels.

>>> pos = structured_layout(["a", "b", "c"], [("a", "b"), ("b", "c")], {"a": "g", "b": "g", "c": "g"})
>>> sorted(pos) == ["a", "b", "c"] and pos == structured_layout(["a", "b", "c"], [("a", "b"), ("b", "c")], {"a": "g", "b": "g", "c": "g"})
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

import numpy as np

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
#: above this many nodes in one group, repulsion uses a fixed-size random sample per iteration
EXACT_REPULSION_LIMIT = 1500
#: budget of node pairs per group for the refinement (keeps a single huge group under a second)
PAIR_BUDGET = 6e7
#: pull to the group's centre, balancing repulsion at a radius of about 0.6 * k * sqrt(n)
GRAVITY = np.float32(1.0)
#: candidate rings pack_circles tries per numpy pass
RINGS = 3


def sunflower(n: int, radius: float) -> np.ndarray:
    """``n`` points evenly spread over a disc (Vogel's sunflower spiral), centre first."""
    i = np.arange(n, dtype=float)
    r = radius * np.sqrt((i + 0.5) / max(n, 1))
    theta = i * GOLDEN_ANGLE
    return np.column_stack([r * np.cos(theta), r * np.sin(theta)])


def pack_circles(radii: np.ndarray, gap: float) -> np.ndarray:
    """Centres for circles of ``radii`` without overlaps, packed greedily around the origin (largest
    first, each next one at the nearest free spot on a spiral of candidate positions).

    >>> c = pack_circles(np.array([10.0, 10.0]), gap=0)
    >>> bool(np.hypot(*(c[0] - c[1])) >= 20 - 1e-6)
    True
    """
    n = len(radii)
    centres = np.zeros((n, 2))
    if n <= 1:
        return centres
    order = np.argsort(-radii, kind="stable")
    placed: list[int] = [int(order[0])]
    angles = np.linspace(0, 2 * math.pi, 48, endpoint=False)
    ux, uy = np.cos(angles), np.sin(angles)
    for i in order[1:]:
        i = int(i)
        pc, pr = centres[placed], radii[placed]
        reach = pr + radii[i] + gap - 1e-9  # a candidate closer than this to a placed centre overlaps it
        far = np.hypot(pc[:, 0], pc[:, 1])
        step = max(radii[i] * 0.5, gap)
        r = float(pr[0] + radii[i] + gap) * 0.5
        while True:  # the rings r, r + step, ... RINGS at a time, each against the circles that can reach it
            rs = r + step * np.arange(RINGS)
            r += step * RINGS
            near = (far - reach < rs[-1]) & (far + reach > rs[0])
            # (ring, angle) candidates against the near centres by squared distance: a third of the time of
            # the 4-D difference array and its square root
            cx, cy = rs[:, None] * ux, rs[:, None] * uy
            dx = cx[:, :, None] - pc[near, 0]
            dy = cy[:, :, None] - pc[near, 1]
            ok = (dx * dx + dy * dy >= reach[near] ** 2).all(-1)
            rings = np.flatnonzero(ok.any(1))
            if len(rings):
                free = np.flatnonzero(ok[rings[0]])
                best = free[np.argmin(np.abs(angles[free] - math.pi * 0.25))]  # prefer a fixed direction: stable
                centres[i] = cx[rings[0], best], cy[rings[0], best]
                break
        placed.append(i)
    return centres - centres.mean(0)


def _refine(pos: np.ndarray, ei: np.ndarray, ej: np.ndarray, k: float, iterations: int,
            rng: np.random.Generator, ew: np.ndarray | None = None) -> np.ndarray:
    """Fruchterman–Reingold on one group, vectorised; repulsion sampled for very large groups.

    Repulsion sum_j w_ij (p_i - p_j) is computed as p_i * sum_j w_ij - (W @ p)_i, with float32
    matrices: a few n-by-n passes and one BLAS product per iteration. Without sampling the attraction
    along the edges (|f| = weight * d^2 / k) is folded into the same matrix as negative weights, so an
    iteration is about ten numpy calls (the national map refines 142 groups 40 times each).
    """
    n = len(pos)
    if n < 2 or iterations <= 0:
        return pos
    p = pos.astype(np.float32)
    k2 = np.float32(k * k)
    t0 = k * max(1.0, math.sqrt(n)) * 0.12
    sample = None if n <= EXACT_REPULSION_LIMIT else min(400, n)
    pull = None
    if sample is None and len(ei):
        pull = np.zeros((n, n), dtype=np.float32)  # edge weight / k, both ways (parallel edges add up)
        np.add.at(pull, (ei, ej), np.float32(1 / k) if ew is None else ew.astype(np.float32) / np.float32(k))
        pull += pull.T
    for it in range(iterations):
        if pull is not None:
            x, y = p[:, 0], p[:, 1]
            dx = x[:, None] - x[None, :]
            dy = y[:, None] - y[None, :]
            d2 = dx * dx
            d2 += dy * dy
            d2 += np.float32(1e-2)
            w = np.divide(k2, d2)
            w -= pull * np.sqrt(d2, out=d2)
            np.fill_diagonal(w, 0)
            disp = p * w.sum(1)[:, None] - w @ p
            disp -= GRAVITY * (p - p.mean(0))
            length = np.sqrt((disp * disp).sum(-1)) + np.float32(1e-9)
            t = t0 * (1 - it / iterations) + k * 0.02
            p = p + disp / length[:, None] * np.minimum(length, np.float32(t))[:, None]
            continue
        x, y = p[:, 0], p[:, 1]
        if sample is None:
            xs, ys, ps = x, y, p
        else:
            idx = rng.choice(n, size=sample, replace=False)
            xs, ys, ps = x[idx], y[idx], p[idx]
        dx = x[:, None] - xs[None, :]
        dy = y[:, None] - ys[None, :]
        d2 = dx * dx
        d2 += dy * dy
        d2 += np.float32(1e-2)
        w = np.divide(k2, d2, out=d2)
        if sample is None:
            np.fill_diagonal(w, 0)
        disp = p * w.sum(1)[:, None] - w @ ps
        if sample is not None:
            disp *= np.float32(n / sample)
        if len(ei):
            d = p[ei] - p[ej]
            dist = np.sqrt((d * d).sum(-1)) + np.float32(1e-6)
            f = d * (dist / np.float32(k))[:, None]  # |f| = d^2 / k
            if ew is not None:
                f *= ew[:, None]
            disp -= np.bincount(ei, weights=f[:, 0], minlength=n).astype(np.float32)[:, None] * [1, 0]
            disp -= np.bincount(ei, weights=f[:, 1], minlength=n).astype(np.float32)[:, None] * [0, 1]
            disp += np.bincount(ej, weights=f[:, 0], minlength=n).astype(np.float32)[:, None] * [1, 0]
            disp += np.bincount(ej, weights=f[:, 1], minlength=n).astype(np.float32)[:, None] * [0, 1]
        disp -= GRAVITY * (p - p.mean(0))  # keeps loose parts (and disconnected ones) near the group
        length = np.sqrt((disp * disp).sum(-1)) + np.float32(1e-9)
        t = t0 * (1 - it / iterations) + k * 0.02
        p = p + disp / length[:, None] * np.minimum(length, np.float32(t))[:, None]
    return p.astype(float)


def structured_layout(nodes: Iterable[Hashable], edges: Iterable[tuple],
                      group_of: Mapping[Hashable, Hashable], depth: Mapping[Hashable, float] | None = None,
                      anchors: Iterable[Hashable] = (), *, k: float = 80.0, seed: int = 7,
                      iterations: int | None = None) -> dict[Hashable, tuple[float, float]]:
    """Positions for ``nodes``: grouped by ``group_of``, tables by ``depth``, members at barycentres.

    ``edges`` are ``(u, v)`` or ``(u, v, weight)``: the weight scales the edge's pull (hubs such as
    programme nodes pull weakly). ``group_of`` gives a node's home group (nodes without one are grouped by their neighbours, else
    together). ``depth`` (e.g. table hierarchy depth) orders seeded positions from the group's centre
    outwards; nodes without a depth start at the barycentre of their placed neighbours. ``anchors``
    start at their group's centre. ``iterations`` defaults to a budget based on group size.
    """
    rng = np.random.default_rng(seed)
    nodes = sorted(set(nodes), key=str)
    index = {n: i for i, n in enumerate(nodes)}
    depth = depth or {}
    anchors = set(anchors)
    adj: dict[int, list[int]] = defaultdict(list)
    pairs = []
    for edge in edges:
        u, v = edge[0], edge[1]
        if u in index and v in index and u != v:
            a, b = index[u], index[v]
            adj[a].append(b)
            adj[b].append(a)
            pairs.append((a, b, float(edge[2]) if len(edge) > 2 else 1.0))
    # home group: given, else the most common group among neighbours, else a shared "rest" group
    home: list[Hashable] = [None] * len(nodes)
    for n, i in index.items():
        home[i] = group_of.get(n)
    for i in range(len(nodes)):
        if home[i] is None:
            counts: dict[Hashable, int] = defaultdict(int)
            for j in adj[i]:
                if group_of.get(nodes[j]) is not None:
                    counts[group_of[nodes[j]]] += 1
            home[i] = min(counts, key=lambda g: (-counts[g], str(g))) if counts else "\0rest"
    members: dict[Hashable, list[int]] = defaultdict(list)
    for i, g in enumerate(home):
        members[g].append(i)
    inside: dict[Hashable, list[tuple]] = defaultdict(list)  # each group's own edges (refined in the group)
    for a, b, w in pairs:
        if home[a] == home[b]:
            inside[home[a]].append((a, b, w))
    group_keys = sorted(members, key=str)
    pos = np.zeros((len(nodes), 2))
    radii = []
    for g in group_keys:
        idx = np.array(members[g])
        local = _layout_group(idx, nodes, adj, home, g, depth, anchors, inside[g], k, rng, iterations)
        pos[idx] = local
        centre = local.mean(0)
        pos[idx] -= centre
        r = float(np.sqrt(((pos[idx]) ** 2).sum(-1)).max()) if len(idx) > 1 else k * 0.5
        radii.append(r + k * 0.5)
    centres = pack_circles(np.array(radii), gap=k * 1.2)
    for g, c in zip(group_keys, centres):
        pos[np.array(members[g])] += c
    return {n: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for n, i in index.items()}


def _layout_group(idx, nodes, adj, home, g, depth, anchors, pairs, k, rng, iterations) -> np.ndarray:
    n = len(idx)
    local_of = {int(i): j for j, i in enumerate(idx)}
    radius = k * math.sqrt(n) * 0.55
    local = np.full((n, 2), np.nan)
    # anchors in the middle, then nodes with a depth on a sunflower ordered by depth
    ranked = [i for i in idx if nodes[i] in anchors]
    with_depth = sorted((i for i in idx if nodes[i] in depth and nodes[i] not in anchors),
                        key=lambda i: (depth[nodes[i]], -len(adj[i]), str(nodes[i])))
    seeded = ranked + with_depth
    if seeded:
        spots = sunflower(len(seeded), radius * min(1.0, math.sqrt(len(seeded) / n) * 1.2))
        for spot, i in zip(spots, seeded):
            local[local_of[int(i)]] = spot
    # the rest at the barycentre of placed neighbours in the group (repeat so chains get placed); plain
    # Python floats here: numpy's per-call cost on two-element arrays was most of this loop's time
    xs, ys = local[:, 0].tolist(), local[:, 1].tolist()
    placed = [x == x for x in xs]  # not NaN
    todo = [int(i) for i in idx if not placed[local_of[int(i)]]]
    for _ in range(3):
        still = []
        for i in todo:
            nbrs = [local_of[j] for j in adj[i] if j in local_of and placed[local_of[j]]]
            if nbrs:
                jitter = rng.normal(0, k * 0.35, 2)
                li = local_of[i]
                xs[li] = sum(xs[j] for j in nbrs) / len(nbrs) + float(jitter[0])
                ys[li] = sum(ys[j] for j in nbrs) / len(nbrs) + float(jitter[1])
                placed[li] = True
            else:
                still.append(i)
        if not still:
            break
        todo = still
    for i in todo:
        if not placed[local_of[i]]:
            angle = rng.uniform(0, 2 * math.pi)
            xs[local_of[i]], ys[local_of[i]] = radius * 1.1 * math.cos(angle), radius * 1.1 * math.sin(angle)
    local = np.column_stack([xs, ys])
    # refinement on the group's own edges
    ei, ej, ew = [local_of[a] for a, _, _ in pairs], [local_of[b] for _, b, _ in pairs], [w for _, _, w in pairs]
    if iterations is None:
        iters = int(min(40, max(8, PAIR_BUDGET / max(1, min(n, EXACT_REPULSION_LIMIT) * n))))
    else:
        iters = iterations
    return _refine(local, np.array(ei, dtype=int), np.array(ej, dtype=int), k, iters if n > 1 else 0, rng,
                   np.array(ew, dtype=np.float32))


__all__ = ["structured_layout", "sunflower", "pack_circles"]
