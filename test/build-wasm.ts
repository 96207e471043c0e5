/** `npm run build:wasm`: compile every WAT source into its checked-in module (see helpers/wasm.ts). */
import { writeFileSync } from 'node:fs';
import { compileWat, REPO_ROOT, WASM_SOURCES, wasmModuleText } from './helpers/wasm.ts';

for (const source of WASM_SOURCES) {
  const binary = await compileWat(source);
  writeFileSync(new URL(source.out, REPO_ROOT), wasmModuleText(source, binary));
  console.log(`${source.out}: ${binary.length} bytes`);
}
