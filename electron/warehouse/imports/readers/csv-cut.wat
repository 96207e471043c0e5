;; The CSV reader's fast path in WebAssembly: plain-ASCII records cut from the bytes, and each
;; cell of a looked-up column found among its column's distinct texts by its bytes. Compiled by
;; `npm run build:wasm` into csv-cut-wasm.ts; driven by csv-fast.ts, which lays out the memory
;; and reads the results.
;;
;; Memory (offsets in bytes, set once by `setup`):
;;   input    the piece being cut, from 0
;;   out      per record: cell count (i32), then per cell from, to (positions in input), id (i32)
;;   counts   per looked-up column: distinct texts so far (i32)
;;   lookups  per looked-up column: cells looked up so far (i32)
;;   flags    per looked-up column: 1 while the column is looked up
;;   keys     per looked-up column, per id: offset in the arena and length (2 × i32)
;;   tables   per looked-up column: SLOTS × (hash, id + 1) (2 × i32, 0 = empty)
;;   arena    the bytes of every distinct text, one after the other
;;
;; Ids out: ≥ 0 the text's number in its column (new texts are added), -1 no id (column not looked
;; up, cell too long, table or arena full). The caller makes a text's string from the arena the
;; first time it meets its id (a record cut short may have added texts nobody has read yet). A
;; column whose first TRIAL cells hold TRIAL_DISTINCT distinct texts stops being looked up.
;;
;; `cut` stops with `stop` = 0 when `max` records are out, 1 when the next record is not simple
;; (a doubled quote, a line break or CR inside quotes, text after a closing quote, more than
;; MAX_CELLS cells), 2 when the next record runs past the end of the input; `next` is where the
;; next record starts.
(module
  (memory (export "memory") 1)
  (global $next (export "next") (mut i32) (i32.const 0))
  (global $stop (export "stop") (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))
  (global $counts (mut i32) (i32.const 0))
  (global $lookups (mut i32) (i32.const 0))
  (global $flags (mut i32) (i32.const 0))
  (global $keys (mut i32) (i32.const 0))
  (global $tables (mut i32) (i32.const 0))
  (global $arena (mut i32) (i32.const 0))
  (global $arenaEnd (mut i32) (i32.const 0))
  (global $arenaUsed (mut i32) (i32.const 0))

  ;; Kept in step with csv-fast.ts.
  (global $COLUMNS i32 (i32.const 64))      ;; looked-up columns (the first 64)
  (global $MAX_CELLS i32 (i32.const 256))   ;; cells a record may have on this path
  (global $SLOTS i32 (i32.const 16384))     ;; hash slots per column (a power of two)
  (global $MAX_TEXTS i32 (i32.const 8192))  ;; distinct texts per column
  (global $MAX_LEN i32 (i32.const 64))      ;; longer cells are not looked up
  (global $TRIAL i32 (i32.const 2048))
  (global $TRIAL_DISTINCT i32 (i32.const 512))

  (func (export "setup") (param $out i32) (param $counts i32) (param $lookups i32) (param $flags i32)
        (param $keys i32) (param $tables i32) (param $arena i32) (param $arenaEnd i32)
    (local $c i32)
    (global.set $out (local.get $out))
    (global.set $counts (local.get $counts))
    (global.set $lookups (local.get $lookups))
    (global.set $flags (local.get $flags))
    (global.set $keys (local.get $keys))
    (global.set $tables (local.get $tables))
    (global.set $arena (local.get $arena))
    (global.set $arenaEnd (local.get $arenaEnd))
    (global.set $arenaUsed (local.get $arena))
    (loop $each
      (i32.store (i32.add (local.get $flags) (i32.shl (local.get $c) (i32.const 2))) (i32.const 1))
      (local.set $c (i32.add (local.get $c) (i32.const 1)))
      (br_if $each (i32.lt_u (local.get $c) (global.get $COLUMNS)))))

  ;; The first position in [p, end) holding the delimiter or a line feed, else end: 16 bytes at a
  ;; time (bytes read past `end` within the memory are looked at but never taken).
  (func $stopAt (param $p i32) (param $end i32) (param $delims v128) (result i32)
    (local $mask i32) (local $v v128)
    (block $tail
      (loop $wide
        (br_if $tail (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $mask (i8x16.bitmask (v128.or
          (i8x16.eq (local.get $v) (local.get $delims))
          (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))))
        (if (local.get $mask) (then (return (i32.add (local.get $p) (i32.ctz (local.get $mask))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $wide)))
    (block $found
      (loop $narrow
        (br_if $found (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $mask (i32.load8_u (local.get $p)))
        (br_if $found (i32.eq (local.get $mask) (i32.const 10)))
        (br_if $found (i32.eq (local.get $mask) (i8x16.extract_lane_u 0 (local.get $delims))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $narrow)))
    (local.get $p))

  ;; Whether input[a, a + len) equals arena bytes at b.
  (func $same (param $a i32) (param $b i32) (param $len i32) (result i32)
    (block $diff
      (loop $wide
        (if (i32.ge_u (local.get $len) (i32.const 8))
          (then
            (br_if $diff (i64.ne (i64.load (local.get $a)) (i64.load (local.get $b))))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (local.set $b (i32.add (local.get $b) (i32.const 8)))
            (local.set $len (i32.sub (local.get $len) (i32.const 8)))
            (br $wide))))
      (loop $narrow
        (if (local.get $len)
          (then
            (br_if $diff (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (local.set $len (i32.sub (local.get $len) (i32.const 1)))
            (br $narrow))))
      (return (i32.const 1)))
    (i32.const 0))

  ;; The id of input[from, to) in column $col (see the header for the values).
  (func $lookup (param $col i32) (param $from i32) (param $to i32) (result i32)
    (local $len i32) (local $h i32) (local $i i32) (local $table i32) (local $slot i32)
    (local $entry i32) (local $idPlus i32) (local $key i32) (local $count i32) (local $seen i32)
    (local $w i64) (local $word i64)
    (if (i32.ge_u (local.get $col) (global.get $COLUMNS)) (then (return (i32.const -1))))
    (if (i32.eqz (i32.load (i32.add (global.get $flags) (i32.shl (local.get $col) (i32.const 2)))))
      (then (return (i32.const -1))))
    (local.set $len (i32.sub (local.get $to) (local.get $from)))
    (if (i32.gt_u (local.get $len) (global.get $MAX_LEN)) (then (return (i32.const -1))))
    ;; Cells looked up in this column (the trial counts them).
    (local.set $seen (i32.add (i32.load (i32.add (global.get $lookups) (i32.shl (local.get $col) (i32.const 2)))) (i32.const 1)))
    (i32.store (i32.add (global.get $lookups) (i32.shl (local.get $col) (i32.const 2))) (local.get $seen))
    ;; The bytes 8 at a time (the last word masked to the cell), multiplied and folded, seeded
    ;; with the length.
    (local.set $w (i64.extend_i32_u (local.get $len)))
    (local.set $i (local.get $from))
    (block $done
      (loop $words
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $word (i64.load (local.get $i)))
        (if (i32.lt_u (i32.sub (local.get $to) (local.get $i)) (i32.const 8))
          (then (local.set $word (i64.and (local.get $word)
            (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (i32.sub (local.get $to) (local.get $i)) (i32.const 3)))) (i64.const 1))))))
        (local.set $w (i64.mul (i64.xor (local.get $w) (local.get $word)) (i64.const 0x9E3779B97F4A7C15)))
        (local.set $w (i64.xor (local.get $w) (i64.shr_u (local.get $w) (i64.const 29))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $words)))
    (local.set $h (i32.wrap_i64 (i64.xor (local.get $w) (i64.shr_u (local.get $w) (i64.const 32)))))
    (local.set $table (i32.add (global.get $tables) (i32.mul (local.get $col) (i32.shl (global.get $SLOTS) (i32.const 3)))))
    (local.set $slot (i32.and (local.get $h) (i32.sub (global.get $SLOTS) (i32.const 1))))
    (block $miss
      (loop $probe
        (local.set $entry (i32.add (local.get $table) (i32.shl (local.get $slot) (i32.const 3))))
        (local.set $idPlus (i32.load offset=4 (local.get $entry)))
        (br_if $miss (i32.eqz (local.get $idPlus)))
        (if (i32.eq (i32.load (local.get $entry)) (local.get $h))
          (then
            (local.set $key (i32.add (global.get $keys)
              (i32.shl (i32.add (i32.mul (local.get $col) (global.get $MAX_TEXTS)) (i32.sub (local.get $idPlus) (i32.const 1))) (i32.const 3))))
            (if (i32.eq (i32.load offset=4 (local.get $key)) (local.get $len))
              (then
                (if (call $same (local.get $from) (i32.load (local.get $key)) (local.get $len))
                  (then (return (i32.sub (local.get $idPlus) (i32.const 1)))))))))
        (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.sub (global.get $SLOTS) (i32.const 1))))
        (br $probe)))
    ;; A text not seen before in this column.
    (local.set $count (i32.load (i32.add (global.get $counts) (i32.shl (local.get $col) (i32.const 2)))))
    (if (i32.and (i32.le_u (local.get $seen) (global.get $TRIAL)) (i32.ge_u (local.get $count) (global.get $TRIAL_DISTINCT)))
      (then
        (i32.store (i32.add (global.get $flags) (i32.shl (local.get $col) (i32.const 2))) (i32.const 0))
        (return (i32.const -1))))
    (if (i32.ge_u (local.get $count) (global.get $MAX_TEXTS)) (then (return (i32.const -1))))
    (if (i32.gt_u (i32.add (global.get $arenaUsed) (local.get $len)) (global.get $arenaEnd)) (then (return (i32.const -1))))
    (memory.copy (global.get $arenaUsed) (local.get $from) (local.get $len))
    (local.set $key (i32.add (global.get $keys) (i32.shl (i32.add (i32.mul (local.get $col) (global.get $MAX_TEXTS)) (local.get $count)) (i32.const 3))))
    (i32.store (local.get $key) (global.get $arenaUsed))
    (i32.store offset=4 (local.get $key) (local.get $len))
    (global.set $arenaUsed (i32.add (global.get $arenaUsed) (local.get $len)))
    (i32.store (local.get $entry) (local.get $h))
    (i32.store offset=4 (local.get $entry) (i32.add (local.get $count) (i32.const 1)))
    (i32.store (i32.add (global.get $counts) (i32.shl (local.get $col) (i32.const 2))) (i32.add (local.get $count) (i32.const 1)))
    (local.get $count))

  ;; Cut records from input[pos, end), at most $max, delimiter byte $delim (see the header).
  ;; Returns the records written to `out`.
  (func (export "cut") (param $pos i32) (param $end i32) (param $delim i32) (param $max i32) (result i32)
    (local $records i32) (local $rec i32) (local $p i32) (local $col i32) (local $b i32)
    (local $from i32) (local $to i32) (local $q i32) (local $c i32) (local $cell i32) (local $delims v128)
    (local.set $delims (i8x16.splat (local.get $delim)))
    (local.set $rec (global.get $out))
    (block $finished
      (loop $record
        (if (i32.ge_u (local.get $records) (local.get $max))
          (then (global.set $stop (i32.const 0)) (br $finished)))
        (if (i32.ge_u (local.get $pos) (local.get $end))
          (then (global.set $stop (i32.const 2)) (br $finished)))
        (local.set $p (local.get $pos))
        (local.set $col (i32.const 0))
        (loop $cellLoop
          (if (i32.ge_u (local.get $p) (local.get $end))
            (then (global.set $stop (i32.const 2)) (br $finished)))
          (if (i32.ge_u (local.get $col) (global.get $MAX_CELLS))
            (then (global.set $stop (i32.const 1)) (br $finished)))
          (local.set $b (i32.load8_u (local.get $p)))
          (if (i32.eq (local.get $b) (i32.const 34))
            (then
              ;; Quoted: up to the next quote, with no line break or CR inside.
              (local.set $from (i32.add (local.get $p) (i32.const 1)))
              (local.set $q (local.get $from))
              (block $closed
                (loop $scan
                  (if (i32.ge_u (local.get $q) (local.get $end))
                    (then (global.set $stop (i32.const 2)) (br $finished)))
                  (local.set $c (i32.load8_u (local.get $q)))
                  (br_if $closed (i32.eq (local.get $c) (i32.const 34)))
                  (if (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13)))
                    (then (global.set $stop (i32.const 1)) (br $finished)))
                  (local.set $q (i32.add (local.get $q) (i32.const 1)))
                  (br $scan)))
              (local.set $to (local.get $q))
              (local.set $p (i32.add (local.get $q) (i32.const 1)))
              (if (i32.ge_u (local.get $p) (local.get $end))
                (then (global.set $stop (i32.const 2)) (br $finished)))
              (local.set $b (i32.load8_u (local.get $p)))
              (if (i32.eq (local.get $b) (i32.const 13))
                (then
                  (if (i32.ge_u (i32.add (local.get $p) (i32.const 1)) (local.get $end))
                    (then (global.set $stop (i32.const 2)) (br $finished)))
                  (if (i32.ne (i32.load8_u (i32.add (local.get $p) (i32.const 1))) (i32.const 10))
                    (then (global.set $stop (i32.const 1)) (br $finished)))
                  (local.set $p (i32.add (local.get $p) (i32.const 1)))
                  (local.set $b (i32.const 10))))
              (if (i32.and (i32.ne (local.get $b) (local.get $delim)) (i32.ne (local.get $b) (i32.const 10)))
                (then (global.set $stop (i32.const 1)) (br $finished))))
            (else
              ;; Plain: up to the delimiter or the line feed (a CR before the line feed dropped).
              (local.set $from (local.get $p))
              (local.set $p (call $stopAt (local.get $p) (local.get $end) (local.get $delims)))
              (if (i32.ge_u (local.get $p) (local.get $end))
                (then (global.set $stop (i32.const 2)) (br $finished)))
              (local.set $b (i32.load8_u (local.get $p)))
              (local.set $to (local.get $p))
              (if (i32.and (i32.eq (local.get $b) (i32.const 10)) (i32.gt_u (local.get $to) (local.get $from)))
                (then
                  (if (i32.eq (i32.load8_u (i32.sub (local.get $to) (i32.const 1))) (i32.const 13))
                    (then (local.set $to (i32.sub (local.get $to) (i32.const 1)))))))))
          (local.set $cell (i32.add (local.get $rec) (i32.add (i32.const 4) (i32.mul (local.get $col) (i32.const 12)))))
          (i32.store (local.get $cell) (local.get $from))
          (i32.store offset=4 (local.get $cell) (local.get $to))
          (i32.store offset=8 (local.get $cell) (call $lookup (local.get $col) (local.get $from) (local.get $to)))
          (local.set $col (i32.add (local.get $col) (i32.const 1)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $cellLoop (i32.ne (local.get $b) (i32.const 10))))
        (i32.store (local.get $rec) (local.get $col))
        (local.set $rec (i32.add (local.get $rec) (i32.add (i32.const 4) (i32.mul (local.get $col) (i32.const 12)))))
        (local.set $records (i32.add (local.get $records) (i32.const 1)))
        (local.set $pos (local.get $p))
        (br $record)))
    (global.set $next (local.get $pos))
    (local.get $records))
)
