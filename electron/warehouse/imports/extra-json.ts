/**
 * The `extra` JSON of a stored row, written by hand from fragments built while mapping:
 * `{"fields":{…},"columns":{…}}` (either part left out when empty). Field keys are the templates'
 * own snake_case keys and header texts are escaped once per import, so only values need escaping.
 *
 * Person sources that build families keep the family-level fields (region names, address,
 * programme flags, stunting risk: the same for every member in P3KE/DTKS/DTSEN individu files) once,
 * in the family row's `extra`. A member's own `extra` repeats them only when its values differ from
 * its family head's, and is then marked `"family":"own"`: a member's family-level fields are its
 * own when so marked, else its family's. (Repeating them on every member was ~250 bytes a person,
 * 60 % of a province warehouse.)
 */

/** `{"fields":{fields},"columns":{columns}}` from the insides of both parts ('' = none). */
export function extraJson(fieldsJson: string, colsJson: string): string {
  if (colsJson === '') return `{"fields":{${fieldsJson}}}`;
  if (fieldsJson === '') return `{"columns":{${colsJson}}}`;
  return `{"fields":{${fieldsJson}},"columns":{${colsJson}}}`;
}

/** The family row's `extra`: its head's family-level fields. */
export function familyExtraJson(familyFields: string | null): string | null {
  return familyFields === null ? null : `{"fields":{${familyFields}}}`;
}

const FIELDS_OPEN = '{"fields":{';

/**
 * A member's `extra` when its family-level fields differ from its head's: its own `extra`
 * (`extraJson` output or null) with those fields first, marked `"family":"own"`.
 */
export function memberExtraWithFamily(own: string | null, familyFields: string | null): string {
  const f = familyFields ?? '';
  if (own === null) return `{"family":"own","fields":{${f}}}`;
  if (own.startsWith(FIELDS_OPEN)) {
    const rest = own.slice(FIELDS_OPEN.length);
    return `{"family":"own","fields":{${f}${f !== '' && !rest.startsWith('}') ? ',' : ''}${rest}`;
  }
  return `{"family":"own","fields":{${f}},${own.slice(1)}`;
}
