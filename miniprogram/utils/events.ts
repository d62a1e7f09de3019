/** The parts of WXML events the handlers read. Type-only. */

/** A tap/click whose handler reads the bound element's data-* attributes. */
export interface DatasetEvent<D> {
  currentTarget: { dataset: D };
}

/** A Vant event carrying a plain value, e.g. van-field's `change` (the field's text). */
export interface ValueEvent<T> {
  detail: T;
}
