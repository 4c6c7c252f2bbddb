"""A small TopoJSON decoder: quantised, delta-encoded arcs to coordinates, polygons and meshes (pure).

TopoJSON stores each shared border once (an *arc*); a polygon ring is a list of arc indices (``~i``
means arc ``i`` reversed). That makes two things cheap that the geographic map needs: drawing each
gemeente, and drawing the outline of any grouping of gemeenten (a *mesh*: the arcs whose two sides
belong to different groups) — so a region's border is dissolved from its gemeenten exactly, without a
geometry library.

>>> topo = decode({"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
...     "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]],
...     "objects": {"x": {"type": "GeometryCollection", "geometries": [
...         {"type": "Polygon", "arcs": [[0]], "properties": {"statcode": "GM0001", "statnaam": "A"}}]}}})
>>> f = topo.features()[0]
>>> (f.code, f.name, topo.ring(f.polygons[0][0]).tolist())
('GM0001', 'A', [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Feature:
    """One area: ``polygons`` is a list of polygons, each a list of rings (lists of arc indices)."""

    code: str
    name: str
    polygons: tuple[tuple[tuple[int, ...], ...], ...]
    properties: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass
class Topology:
    arcs: list[np.ndarray]
    objects: dict

    def features(self, name: str | None = None) -> list[Feature]:
        """The features of object ``name`` (default: the first object)."""
        obj = self.objects[name] if name else next(iter(self.objects.values()))
        out = []
        for geom in obj.get("geometries", []):
            props = geom.get("properties") or {}
            if geom.get("type") == "Polygon":
                polys = (geom["arcs"],)
            elif geom.get("type") == "MultiPolygon":
                polys = geom["arcs"]
            else:
                continue
            code = str(props.get("statcode") or geom.get("id") or "")
            out.append(Feature(code, str(props.get("statnaam") or code),
                               tuple(tuple(tuple(r) for r in p) for p in polys), props))
        return out

    def arc(self, index: int) -> np.ndarray:
        return self.arcs[index] if index >= 0 else self.arcs[~index][::-1]

    def ring(self, ring: tuple[int, ...]) -> np.ndarray:
        """The coordinates of one ring (lon, lat), closed."""
        parts = []
        for k, i in enumerate(ring):
            a = self.arc(i)
            parts.append(a if k == 0 else a[1:])
        return np.concatenate(parts) if parts else np.zeros((0, 2))

    def mesh(self, features: list[Feature], key: Callable[[Feature], Hashable | None]) -> list[np.ndarray]:
        """The arcs separating features with a different ``key`` (and the outer border of keyed ones).

        ``key(feature)`` is the feature's group (None: in no group). An arc is drawn when the features
        on its sides are in different groups, or when it lies on the outside and its feature has a group.
        """
        users: dict[int, list[Hashable | None]] = defaultdict(list)
        for f in features:
            k = key(f)
            for poly in f.polygons:
                for ring in poly:
                    for i in ring:
                        users[i if i >= 0 else ~i].append(k)
        out = []
        for i in sorted(users):
            ks = users[i]
            if (len(ks) == 1 and ks[0] is not None) or (len(ks) > 1 and len(set(ks)) > 1):
                out.append(self.arcs[i])
        return out


def decode(topology: dict) -> Topology:
    """Decode a TopoJSON topology (quantised or not) into absolute coordinates."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology.get("arcs", []):
        a = np.asarray(arc, dtype=float)[:, :2] if arc else np.zeros((0, 2))
        if transform:
            a = np.cumsum(a, axis=0) * np.asarray(transform["scale"], dtype=float) + np.asarray(transform["translate"], dtype=float)
        arcs.append(a)
    return Topology(arcs, topology.get("objects", {}))


def read_topology(path: Path) -> Topology:
    """Read and decode a TopoJSON file."""
    return decode(json.loads(Path(path).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Projection:
    """Longitude/latitude to SVG pixels: equirectangular, scaled by cos(latitude) at the centre."""

    lon0: float
    lat1: float
    kx: float
    ky: float
    width: float
    height: float

    @classmethod
    def fit(cls, topo: Topology, width: float = 1000.0, pad: float = 10.0) -> Projection:
        allc = np.concatenate([a for a in topo.arcs if len(a)])
        lon0, lat0 = allc.min(0)
        lon1, lat1 = allc.max(0)
        aspect = math.cos(math.radians((lat0 + lat1) / 2))
        k = (width - 2 * pad) / ((lon1 - lon0) * aspect)
        height = (lat1 - lat0) * k + 2 * pad
        return cls(lon0 - pad / (k * aspect), lat1 + pad / k, k * aspect, k, width, round(height, 1))

    def __call__(self, coords: np.ndarray) -> np.ndarray:
        return np.column_stack([(coords[:, 0] - self.lon0) * self.kx, (self.lat1 - coords[:, 1]) * self.ky])


def _fmt(points: np.ndarray) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def feature_path(topo: Topology, feature: Feature, project: Projection) -> str:
    """SVG path data of a feature (use ``fill-rule: evenodd`` for holes)."""
    parts = []
    for poly in feature.polygons:
        for ring in poly:
            pts = project(topo.ring(ring))
            if len(pts) >= 3:
                parts.append("M" + _fmt(pts[:1]) + "L" + _fmt(pts[1:-1]) + "Z")
    return "".join(parts)


def lines_path(lines: list[np.ndarray], project: Projection) -> str:
    """SVG path data of open polylines (a mesh)."""
    return "".join("M" + _fmt(project(a)[:1]) + "L" + _fmt(project(a)[1:]) for a in lines if len(a) >= 2)


def ring_area_centroid(points: np.ndarray) -> tuple[float, float, float]:
    """(area, cx, cy) of a closed ring by the shoelace formula (area is absolute)."""
    x, y = points[:, 0], points[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    a = cross.sum() / 2
    if abs(a) < 1e-12:
        return 0.0, float(x.mean()), float(y.mean())
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * a)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * a)
    return abs(float(a)), float(cx), float(cy)


def centroid(topo: Topology, features: list[Feature], project: Projection) -> tuple[float, float] | None:
    """Area-weighted centre (in pixels) of the outer rings of ``features``."""
    total, sx, sy = 0.0, 0.0, 0.0
    for f in features:
        for poly in f.polygons:
            if poly:
                a, cx, cy = ring_area_centroid(project(topo.ring(poly[0])))
                total, sx, sy = total + a, sx + a * cx, sy + a * cy
    return (sx / total, sy / total) if total else None


def label_point(topo: Topology, features: list[Feature], project: Projection) -> tuple[float, float] | None:
    """A point for a label: the centroid, moved to the centre of the largest member if it falls outside."""
    c = centroid(topo, features, project)
    if c is None:
        return None
    best, best_area = None, -1.0
    for f in features:
        for poly in f.polygons:
            if poly:
                ring = project(topo.ring(poly[0]))
                if _inside(c, ring):
                    return c
                a, cx, cy = ring_area_centroid(ring)
                if a > best_area:
                    best, best_area = (cx, cy), a
    return best


def _inside(p: tuple[float, float], ring: np.ndarray) -> bool:
    x, y = p
    xs, ys = ring[:, 0], ring[:, 1]
    x1, y1, x2, y2 = xs[:-1], ys[:-1], xs[1:], ys[1:]
    cond = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xint = (x2 - x1) * (y - y1) / (y2 - y1) + x1
    return bool(np.count_nonzero(cond & (x < xint)) % 2)


__all__ = ["Topology", "Feature", "Projection", "decode", "read_topology", "feature_path", "lines_path",
           "centroid", "label_point"]
