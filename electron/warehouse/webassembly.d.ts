/**
 * The part of the WebAssembly JS API the warehouse uses. TypeScript declares it only with the DOM
 * libraries, which the Node-side code does not load.
 */
declare namespace WebAssembly {
  interface MemoryDescriptor {
    initial: number;
    maximum?: number;
    shared?: boolean;
  }

  class Memory {
    constructor(descriptor: MemoryDescriptor);
    /** A SharedArrayBuffer for a shared memory; a new one after each `grow`. */
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    /** Add `delta` pages of 64 KiB; returns the previous size in pages. */
    grow(delta: number): number;
  }

  /** A compiled module (it can be posted to a worker). */
  interface Module {
    readonly [Symbol.toStringTag]: string;
  }
  const Module: {
    readonly prototype: Module;
    new (bytes: Uint8Array | ArrayBuffer): Module;
    exports(module: Module): { readonly name: string; readonly kind: string }[];
  };

  /** An exported global of a module (`value` reads it). */
  class Global {
    value: number;
  }

  type ImportValue = Memory | number | ((...args: never[]) => unknown);

  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, ImportValue>>);
    readonly exports: Record<string, unknown>;
  }

  function validate(bytes: Uint8Array | ArrayBuffer): boolean;
}
