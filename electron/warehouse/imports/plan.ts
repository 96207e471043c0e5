import type { ImportPlan } from '../../../shared/contracts/imports.ts';
import { templateFor } from '../../../shared/import/templates/index.ts';

/**
 * Required fields (and `requiredAnyOf` groups, written `a|b|c`) that neither a mapped column nor a
 * constant fills: an import of such a plan would reject every row, so it is refused up front.
 */
export function requiredMissing(plan: ImportPlan): string[] {
  const t = templateFor(plan.source);
  const filled = new Set<string>(plan.mapping.filter((m): m is string => m !== null));
  for (const [k, v] of Object.entries(plan.constants ?? {})) if (v !== undefined && v !== '') filled.add(k);
  const missing = t.fields.filter((f) => f.required === true && !filled.has(f.key)).map((f) => f.key);
  for (const g of t.requiredAnyOf ?? []) if (!g.some((k) => filled.has(k))) missing.push(g.join('|'));
  return missing;
}

/** The missing fields in words, for messages. */
export function missingLabels(plan: ImportPlan, missing: readonly string[]): string {
  const t = templateFor(plan.source);
  return missing.map((k) => k.split('|').map((x) => t.fields.find((f) => f.key === x)?.id ?? x).join(' / ')).join(', ');
}
