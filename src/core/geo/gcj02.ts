/**
 * GCJ-02 ("Mars coordinates"), the offset datum every map published in mainland China uses (AMap,
 * Tencent Maps, WeChat location; Baidu adds its own BD-09 on top), against WGS-84, what GPS receivers,
 * GeoJSON (RFC 7946), Open311 and our grid boundaries use. The offset is a few hundred metres — enough
 * to put a point in the neighbouring grid — so points are converted to WGS-84 on input.
 *
 * The forward transform is the published reference algorithm (Krasovsky 1940 ellipsoid with the
 * standard perturbation series); it is not invertible in closed form, so the inverse iterates the
 * forward transform until it reproduces the given point (converges to < 1e-9° in a few steps).
 * Outside mainland China GCJ-02 equals WGS-84.
 */

export interface LngLat {
  lng: number;
  lat: number;
}

const A = 6378245.0; // Krasovsky 1940 semi-major axis
const EE = 0.006693421622965943; // its first eccentricity squared

/** Rough bounding box where the offset applies (as every implementation of the algorithm does). */
export function outsideMainlandChina({ lng, lat }: LngLat): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02. */
export function wgs84ToGcj02(p: LngLat): LngLat {
  if (outsideMainlandChina(p)) return { ...p };
  const x = p.lng - 105;
  const y = p.lat - 35;
  const radLat = (p.lat / 180) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - EE * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (offsetLat(x, y) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (offsetLng(x, y) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: p.lng + dLng, lat: p.lat + dLat };
}

/** GCJ-02 → WGS-84, by fixed-point iteration of the forward transform. */
export function gcj02ToWgs84(p: LngLat): LngLat {
  if (outsideMainlandChina(p)) return { ...p };
  let guess: LngLat = { ...p };
  for (let i = 0; i < 30; i++) {
    const forward = wgs84ToGcj02(guess);
    const dLng = forward.lng - p.lng;
    const dLat = forward.lat - p.lat;
    guess = { lng: guess.lng - dLng, lat: guess.lat - dLat };
    if (Math.abs(dLng) < 1e-10 && Math.abs(dLat) < 1e-10) break;
  }
  return guess;
}
