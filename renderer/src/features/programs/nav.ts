/** Moving between the program screens; App turns these into routes (`#/program/…`, `#/daftar/…`). */
export interface ProgramNav {
  /** A program's editor; null for the catalogue, 'baru' for a new program. */
  readonly openProgram: (id: number | 'baru' | null) => void;
  readonly openList: (listId: number) => void;
}
