/**
 * Great-circle distance on a sphere. Points are kept as unit vectors so a pair costs three multiplications;
 * the distance is the haversine formula written with the chord: hav(theta) = chord^2 / 4.
 */
import type { GeoPoint } from '@civic/contracts';

/** Mean Earth radius in km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

const DEG = Math.PI / 180;

/** Writes the unit vector of a point into `out` at `offset` (x, y, z). */
export function writeUnitVector(point: GeoPoint, out: Float64Array, offset: number): void {
  const lat = point.lat * DEG;
  const lon = point.lon * DEG;
  const c = Math.cos(lat);
  out[offset] = c * Math.cos(lon);
  out[offset + 1] = c * Math.sin(lon);
  out[offset + 2] = Math.sin(lat);
}

/** Squared chord length between two unit vectors stored in typed arrays. */
export function chord2(a: Float64Array, ia: number, b: Float64Array, ib: number): number {
  const dx = a[ia] - b[ib];
  const dy = a[ia + 1] - b[ib + 1];
  const dz = a[ia + 2] - b[ib + 2];
  return dx * dx + dy * dy + dz * dz;
}

/** Great-circle distance in km from a squared chord (the haversine formula: 2R asin(sqrt(hav))). */
export function chord2ToKm(c2: number): number {
  const half = Math.sqrt(c2) / 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(half < 1 ? half : 1);
}

/** The squared chord of a great-circle distance in km (inverse of chord2ToKm, for cheap pre-filters). */
export function kmToChord2(km: number): number {
  const angle = Math.min(Math.PI, km / EARTH_RADIUS_KM);
  const chord = 2 * Math.sin(angle / 2);
  return chord * chord;
}

/** Great-circle (haversine) distance in km between two points. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const va = new Float64Array(3);
  const vb = new Float64Array(3);
  writeUnitVector(a, va, 0);
  writeUnitVector(b, vb, 0);
  return chord2ToKm(chord2(va, 0, vb, 0));
}
