/** A ratio with four decimals (as matching publishes them); `empty` when the denominator is 0. */
export function ratio(num: number, den: number, empty: number): number {
  return den === 0 ? empty : Math.round((num / den) * 10_000) / 10_000;
}
