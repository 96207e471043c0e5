import { ident, sql, type SqlFragment } from './sql.ts';

/**
 * `column` lies in the subtree of a dotted region code: the code itself or anything below it.
 * A range on the text (`'53.' <= c < '53/'`, '/' sorts right after '.') so an index on the column is used.
 */
export function inSubtree(column: string, code: string): SqlFragment {
  const col = ident(column);
  return sql`(${col} = ${code} OR (${col} >= ${`${code}.`} AND ${col} < ${`${code}/`}))`;
}
