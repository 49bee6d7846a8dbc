/**
 * A binary min-heap of (key, node) on typed arrays, shared by the flow searches. Equal keys pop in the order the
 * sift operations leave them (deterministic for a given sequence of pushes and pops).
 */
export class NodeHeap {
  size = 0;
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);

  clear(): void {
    this.size = 0;
  }

  /** The smallest key (the heap must not be empty). */
  topKey(): number {
    return this.keys[0];
  }

  push(node: number, key: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      this.nodes = nodes;
    }
    const { keys, nodes } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** Removes the entry with the smallest key and returns its node (read topKey() first for the key). */
  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0];
    const size = --this.size;
    if (size > 0) {
      const k = keys[size];
      const n = nodes[size];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && keys[r] < keys[l] ? r : l;
        if (keys[c] >= k) break;
        keys[i] = keys[c];
        nodes[i] = nodes[c];
        i = c;
      }
      keys[i] = k;
      nodes[i] = n;
    }
    return top;
  }
}
