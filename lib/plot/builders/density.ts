// Point-density helpers for scatterFigure (internal): a smoothed square-grid density per point ("points" mode)
// and hexagonal binning ("hexbin" mode). Both work in axis-normalised coordinates: u = (X − min) /
// (max − min) with X = log10(x) on a log axis, so bins are even on screen whatever the units.
//
// Hexagonal binning follows d3-hexbin (Bostock, https://github.com/d3/d3-hexbin, ISC licence): pointy-top
// hexagons of radius r on offset rows, dx = r·√3 apart within a row and dy = 1.5·r between rows; a point
// goes to the nearer of the two candidate centres.

/** Axis normaliser: data value → [0, 1] on that axis (log10 first when log); NaN for unusable values. */
export interface AxisScale {
  toUnit(value: number): number;
  fromUnit(unit: number): number;
}

export function axisScale(values: (number | null)[], log: boolean): AxisScale | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || (log && v <= 0)) continue;
    const X = log ? Math.log10(v) : v;
    if (X < lo) lo = X;
    if (X > hi) hi = X;
  }
  if (!(lo <= hi)) return undefined;
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const span = hi - lo;
  return {
    toUnit: (v) => (log ? (v > 0 ? (Math.log10(v) - lo) / span : NaN) : (v - lo) / span),
    fromUnit: (u) => (log ? 10 ** (lo + u * span) : lo + u * span),
  };
}

/**
 * Density at each point: counts on a `cells × cells` grid, smoothed by a 3 × 3 box average, read at the
 * point's position by bilinear interpolation between cell centres (so colours change smoothly rather
 * than in squares). Unit: points per cell. NaN for unusable points.
 */
export function gridDensity(u: number[], v: number[], cells: number): number[] {
  const counts = new Float64Array(cells * cells);
  const usable = (i: number): boolean => Number.isFinite(u[i]) && Number.isFinite(v[i]);
  const cell = (t: number): number => Math.min(cells - 1, Math.max(0, Math.floor(t * cells)));
  for (let i = 0; i < u.length; i++) if (usable(i)) counts[cell(u[i]) * cells + cell(v[i])]++;
  const smooth = new Float64Array(cells * cells);
  for (let a = 0; a < cells; a++) {
    for (let b = 0; b < cells; b++) {
      let sum = 0;
      for (let da = -1; da <= 1; da++) {
        for (let db = -1; db <= 1; db++) {
          const aa = a + da;
          const bb = b + db;
          if (aa >= 0 && aa < cells && bb >= 0 && bb < cells) sum += counts[aa * cells + bb];
        }
      }
      smooth[a * cells + b] = sum / 9;
    }
  }
  const at = (a: number, b: number): number => smooth[Math.min(cells - 1, Math.max(0, a)) * cells + Math.min(cells - 1, Math.max(0, b))];
  return u.map((_, i) => {
    if (!usable(i)) return NaN;
    const pa = Math.min(cells - 0.5, Math.max(0, u[i] * cells - 0.5));
    const pb = Math.min(cells - 0.5, Math.max(0, v[i] * cells - 0.5));
    const a0 = Math.floor(pa);
    const b0 = Math.floor(pb);
    const fa = pa - a0;
    const fb = pb - b0;
    return (
      (1 - fa) * (1 - fb) * at(a0, b0) + fa * (1 - fb) * at(a0 + 1, b0) + (1 - fa) * fb * at(a0, b0 + 1) + fa * fb * at(a0 + 1, b0 + 1)
    );
  });
}

export interface HexBin {
  /** Centre in unit coordinates. */
  u: number;
  v: number;
  count: number;
}

/** Hexagonal bins with at least one point; `columns` hexagons across the unit width. */
export function hexBins(u: number[], v: number[], columns: number): { bins: HexBin[]; radius: number } {
  const radius = 1 / (columns * Math.sqrt(3));
  const dx = radius * Math.sqrt(3);
  const dy = radius * 1.5;
  const bins = new Map<string, HexBin>();
  for (let k = 0; k < u.length; k++) {
    const x = u[k];
    const y = v[k];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const py = y / dy;
    let pj = Math.round(py);
    const px = x / dx - (pj & 1) / 2;
    let pi = Math.round(px);
    const py1 = py - pj;
    if (Math.abs(py1) * 3 > 1) {
      const px1 = px - pi;
      const pi2 = pi + (px < pi ? -1 : 1) / 2;
      const pj2 = pj + (py < pj ? -1 : 1);
      const px2 = px - pi2;
      const py2 = py - pj2;
      if (px1 * px1 + py1 * py1 > px2 * px2 + py2 * py2) {
        pi = pi2 + (pj & 1 ? 1 : -1) / 2;
        pj = pj2;
      }
    }
    const id = `${pi},${pj}`;
    const bin = bins.get(id);
    if (bin) bin.count++;
    else bins.set(id, { u: (pi + (pj & 1) / 2) * dx, v: pj * dy, count: 1 });
  }
  const sorted = [...bins.values()].sort((a, b) => a.v - b.v || a.u - b.u);
  return { bins: sorted, radius };
}

/** The 6 corners of a pointy-top hexagon around (u, v), closed by repeating the first. */
export function hexCorners(u: number, v: number, radius: number): [number, number][] {
  const corners: [number, number][] = [];
  for (let k = 0; k <= 6; k++) {
    const angle = ((k % 6) * Math.PI) / 3;
    corners.push([u + Math.sin(angle) * radius, v - Math.cos(angle) * radius]);
  }
  return corners;
}
