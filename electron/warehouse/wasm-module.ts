/**
 * A checked-in WebAssembly binary (base64, from `npm run build:wasm`) compiled on first use and
 * kept; null where the engine refuses it (no WebAssembly, or no SIMD), so callers fall back.
 */
export function compiledOnce(base64: string): () => WebAssembly.Module | null {
  let compiled: WebAssembly.Module | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        compiled = new WebAssembly.Module(Buffer.from(base64, 'base64'));
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}
