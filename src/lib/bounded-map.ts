/**
 * A Map that forgets everything once it reaches its limit: a cache for long ingests whose memory
 * must stay flat, where a full reset now and then costs less than tracking recency.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): V {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  /** The cached value, or compute, remember and return it. */
  getOrCompute(key: K, compute: (key: K) => V): V {
    const found = this.entries.get(key);
    return found !== undefined ? found : this.set(key, compute(key));
  }
}
