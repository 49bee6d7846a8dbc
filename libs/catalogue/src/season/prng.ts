/**
 * A small seeded PRNG (xoshiro128**, seeded through splitmix32) so a season is reproducible from its seed.
 * Never Math.random: the same seed must give the same bytes on every machine.
 */

/** 32-bit string hash (FNV-1a) used to derive independent streams from one seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic random stream; create one per purpose with `Prng.derive(seed, label)`. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads the 32-bit seed over the 128-bit state (never all zero).
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** A stream for one purpose, independent of the streams for other labels under the same seed. */
  static derive(seed: number, label: string): Prng {
    return new Prng((hash32(label) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0);
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One index drawn with probability proportional to weights[i] (weights >= 0, not all 0). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0 && weights[i] > 0) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /** Shuffles the array in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /**
   * k distinct indices of candidates drawn without replacement, each with probability proportional to its weight
   * (Efraimidis-Spirakis keys); returned in ascending index order. Weight 0 is never drawn.
   */
  weightedSample(weights: readonly number[], k: number): number[] {
    const keys = new Float64Array(weights.length);
    const candidates: number[] = [];
    for (let i = 0; i < weights.length; i++) {
      const u = this.next(); // drawn for every index, so a weight change never shifts the other keys
      if (weights[i] > 0) {
        keys[i] = Math.log(1 - u) / weights[i]; // larger is better
        candidates.push(i);
      }
    }
    if (candidates.length < k) throw new RangeError(`cannot draw ${k} of ${candidates.length} candidates`);
    candidates.sort((x, y) => keys[y] - keys[x] || x - y);
    return candidates.slice(0, k).sort((x, y) => x - y);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
