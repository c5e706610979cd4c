/**
 * HarfBuzz, the reference OpenType shaper (C++ compiled to wasm by the harfbuzzjs package). The
 * package is an ES module whose wasm is read from node_modules next to it and instantiated with a
 * top-level await, so it can only be loaded asynchronously: once per process, then every font
 * library shapes with it synchronously.
 */
export type HarfBuzz = typeof import('harfbuzzjs');

let loading: Promise<HarfBuzz> | null = null;

export function loadHarfBuzz(): Promise<HarfBuzz> {
  loading ??= import('harfbuzzjs').catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}
