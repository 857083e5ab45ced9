;; The scanner's byte prefilter in one SIMD pass (triggerKernel.ts runs it; scripts/build-wasm.js
;; compiles it into triggerKernelWasm.ts). It finds, in the bytes [from, end) of memory:
;;   - every `vas_`, written out as its offset;
;;   - every `key`, `Key` or `KEY` right after `api` or `valossa` (any case), with an optional `_`, `-`
;;     or `.` between: written out as the offset of the `k` with bit 31 set.
;; Four Buffer#indexOf passes did the same (one per needle); this tests 32 bytes at a time and looks
;; again, 16 at a time, only at blocks where two bytes of a needle are.
;; It also counts lines and UTF-16 lengths, so a large file is scanned only around its triggers, and
;; looks for the zero byte that makes a file binary.
;; The caller zeroes 48 bytes after `end`: the vector loads read up to 35 bytes past the start of the
;; last block, and a zero byte matches no needle, so nothing past `end` is ever reported.
(module
  (memory (export "memory") 2)
  ;; Where the next call should start when the output filled up before `end`.
  (global $next (export "next") (mut i32) (i32.const 0))

  ;; 1 when the bytes at $at spell key/Key/KEY and `api` or `valossa` ends right before them (or
  ;; before one separator), not earlier than $base. `| 0x20` folds ASCII case (as fileScan.ts did).
  (func $isKeyName (param $at i32) (param $base i32) (result i32)
    (local $b0 i32) (local $b1 i32) (local $b2 i32) (local $sep i32) (local $end i32)
    (local.set $b0 (i32.load8_u (local.get $at)))
    (local.set $b1 (i32.load8_u offset=1 (local.get $at)))
    (local.set $b2 (i32.load8_u offset=2 (local.get $at)))
    (if (i32.eqz (i32.or
          (i32.and (i32.eq (local.get $b0) (i32.const 0x6b))
            (i32.and (i32.eq (local.get $b1) (i32.const 0x65)) (i32.eq (local.get $b2) (i32.const 0x79))))
          (i32.and (i32.eq (local.get $b0) (i32.const 0x4b))
            (i32.or
              (i32.and (i32.eq (local.get $b1) (i32.const 0x65)) (i32.eq (local.get $b2) (i32.const 0x79)))
              (i32.and (i32.eq (local.get $b1) (i32.const 0x45)) (i32.eq (local.get $b2) (i32.const 0x59)))))))
      (then (return (i32.const 0))))
    (local.set $end (local.get $at))
    (if (i32.gt_u (local.get $at) (local.get $base))
      (then
        (local.set $sep (i32.load8_u (i32.sub (local.get $at) (i32.const 1))))
        (if (i32.or (i32.eq (local.get $sep) (i32.const 0x5f))
              (i32.or (i32.eq (local.get $sep) (i32.const 0x2d)) (i32.eq (local.get $sep) (i32.const 0x2e))))
          (then (local.set $end (i32.sub (local.get $at) (i32.const 1)))))))
    ;; `api`: three bytes ending at $end, read as one little-endian i32.
    (if (i32.ge_u (local.get $end) (i32.add (local.get $base) (i32.const 3)))
      (then
        (if (i32.eq
              (i32.and (i32.or (i32.load (i32.sub (local.get $end) (i32.const 3))) (i32.const 0x202020)) (i32.const 0xffffff))
              (i32.const 0x697061))
          (then (return (i32.const 1))))))
    ;; `valossa`: seven bytes ending at $end, read as one little-endian i64.
    (if (i32.ge_u (local.get $end) (i32.add (local.get $base) (i32.const 7)))
      (then
        (if (i64.eq
              (i64.and (i64.or (i64.load (i32.sub (local.get $end) (i32.const 7))) (i64.const 0x20202020202020))
                (i64.const 0xffffffffffffff))
              (i64.const 0x6173736f6c6176))
          (then (return (i32.const 1))))))
    (i32.const 0))

  ;; Writes u32 offsets (ascending) from $out on, stopping before a block that could pass $outEnd
  ;; (the caller leaves room for one block's 16). Returns the bytes written; $next says where to resume.
  (func (export "scan") (param $base i32) (param $p i32) (param $end i32) (param $out i32) (param $outEnd i32) (result i32)
    (local $a v128) (local $b v128) (local $c v128) (local $d v128) (local $k v128) (local $v v128)
    (local $bits i32) (local $vasBits i32) (local $lane i32) (local $at i32) (local $o i32)
    (local.set $o (local.get $out))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (br_if $done (i32.ge_u (local.get $o) (local.get $outEnd)))
        ;; Two blocks at a time first: when neither holds `s_` or `ey`, skip both (one test and branch
        ;; per 32 bytes: 9.6 → 12.3 GB/s against one block at a time; four at a time fail more often).
        ;; It is the per-block first stage below for $p and $p + 16: a new needle goes into all three.
        (if (i32.eqz (v128.any_true (v128.or
              (v128.or
                (v128.and (i8x16.eq (v128.load offset=2 (local.get $p)) (v128.const i8x16 115 115 115 115 115 115 115 115 115 115 115 115 115 115 115 115))
                  (i8x16.eq (v128.load offset=3 (local.get $p)) (v128.const i8x16 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95)))
                (v128.and (i8x16.eq (v128.or (v128.load offset=1 (local.get $p)) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (v128.const i8x16 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101))
                  (i8x16.eq (v128.or (v128.load offset=2 (local.get $p)) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (v128.const i8x16 121 121 121 121 121 121 121 121 121 121 121 121 121 121 121 121))))
              (v128.or
                (v128.and (i8x16.eq (v128.load offset=18 (local.get $p)) (v128.const i8x16 115 115 115 115 115 115 115 115 115 115 115 115 115 115 115 115))
                  (i8x16.eq (v128.load offset=19 (local.get $p)) (v128.const i8x16 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95)))
                (v128.and (i8x16.eq (v128.or (v128.load offset=17 (local.get $p)) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (v128.const i8x16 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101))
                  (i8x16.eq (v128.or (v128.load offset=18 (local.get $p)) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32)) (v128.const i8x16 121 121 121 121 121 121 121 121 121 121 121 121 121 121 121 121)))))))
          (then
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (br $blocks)))
        (block $next_block
          (local.set $b (v128.load offset=1 (local.get $p)))
          (local.set $c (v128.load offset=2 (local.get $p)))
          (local.set $d (v128.load offset=3 (local.get $p)))
          ;; A block of a pair that failed the skip: two bytes of each needle first (`s_` of vas_, `ey` of
          ;; key in any case, 13 operations); where one is, the first bytes (`va`, `k`) join those lanes.
          (local.set $v (v128.and (i8x16.eq (local.get $c) (v128.const i8x16 115 115 115 115 115 115 115 115 115 115 115 115 115 115 115 115))
            (i8x16.eq (local.get $d) (v128.const i8x16 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95 95))))
          (local.set $k (v128.and
            (i8x16.eq (v128.or (local.get $b) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))
              (v128.const i8x16 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101 101))
            (i8x16.eq (v128.or (local.get $c) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))
              (v128.const i8x16 121 121 121 121 121 121 121 121 121 121 121 121 121 121 121 121))))
          (br_if $next_block (i32.eqz (v128.any_true (v128.or (local.get $v) (local.get $k)))))
          (local.set $a (v128.load (local.get $p)))
          ;; lanes where k-e-y starts, any case
          (local.set $k (v128.and (local.get $k)
            (i8x16.eq (v128.or (local.get $a) (v128.const i8x16 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32 32))
              (v128.const i8x16 107 107 107 107 107 107 107 107 107 107 107 107 107 107 107 107))))
          ;; lanes where v-a-s-_ starts
          (local.set $v (v128.and (local.get $v) (v128.and
            (i8x16.eq (local.get $a) (v128.const i8x16 118 118 118 118 118 118 118 118 118 118 118 118 118 118 118 118))
            (i8x16.eq (local.get $b) (v128.const i8x16 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97 97)))))
          (if (v128.any_true (v128.or (local.get $k) (local.get $v)))
            (then
              (local.set $vasBits (i8x16.bitmask (local.get $v)))
              (local.set $bits (i32.or (i8x16.bitmask (local.get $k)) (local.get $vasBits)))
              (loop $lanes
                (local.set $lane (i32.ctz (local.get $bits)))
                (local.set $at (i32.add (local.get $p) (local.get $lane)))
                (if (i32.and (local.get $vasBits) (i32.shl (i32.const 1) (local.get $lane)))
                  (then
                    (i32.store (local.get $o) (local.get $at))
                    (local.set $o (i32.add (local.get $o) (i32.const 4))))
                  (else
                    (if (call $isKeyName (local.get $at) (local.get $base))
                      (then
                        (i32.store (local.get $o) (i32.or (local.get $at) (i32.const 0x80000000)))
                        (local.set $o (i32.add (local.get $o) (i32.const 4)))))))
                (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
                (br_if $lanes (local.get $bits))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (global.set $next (local.get $p))
    (i32.sub (local.get $o) (local.get $out)))

  ;; The lanes of a block at $p that lie before $end, as a bitmask.
  (func $lanesBefore (param $p i32) (param $end i32) (result i32)
    (if (result i32) (i32.ge_u (i32.sub (local.get $end) (local.get $p)) (i32.const 16))
      (then (i32.const 0xffff))
      (else (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $p))) (i32.const 1)))))

  ;; How many `\n` bytes [p, end) holds: the line number of `end` (a `\n` is never inside a UTF-8 sequence).
  (func (export "countNewlines") (param $p i32) (param $end i32) (result i32)
    (local $n i32)
    ;; whole blocks first (no lane mask), then the last partial one
    (block $whole
      (loop $blocks
        (br_if $whole (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $n (i32.add (local.get $n) (i32.popcnt
          (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (local.set $n (i32.add (local.get $n) (i32.popcnt (i32.and
          (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10)))
          (call $lanesBefore (local.get $p) (local.get $end))))))))
    (local.get $n))

  ;; 1 when [p, end) holds a zero byte (git's binary test, run on a file's first 8000 bytes).
  (func (export "hasZero") (param $p i32) (param $end i32) (result i32)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (if (i32.and (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))
              (call $lanesBefore (local.get $p) (local.get $end)))
          (then (return (i32.const 1))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (i32.const 0))

  ;; How many UTF-16 code units the valid UTF-8 in [p, end) decodes to: one per byte that starts a
  ;; character (not 10xxxxxx), one more per four-byte character (11110xxx).
  (func (export "utf16Length") (param $p i32) (param $end i32) (result i32)
    (local $n i32) (local $v v128) (local $lanes i32)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $lanes (if (result i32) (i32.le_u (i32.add (local.get $p) (i32.const 16)) (local.get $end))
          (then (i32.const 0xffff))
          (else (call $lanesBefore (local.get $p) (local.get $end)))))
        (local.set $n (i32.add (local.get $n) (i32.add
          (i32.popcnt (i32.and (local.get $lanes) (i8x16.bitmask (i8x16.ne
            (v128.and (local.get $v) (v128.const i8x16 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0 0xc0))
            (v128.const i8x16 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80 0x80)))))
          (i32.popcnt (i32.and (local.get $lanes) (i8x16.bitmask (i8x16.ge_u (local.get $v)
            (v128.const i8x16 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0 0xf0))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $n))

  ;; Offsets in [p, end) where an encoded needle may start (fileScan.ts checks each one whole): the first
  ;; two bytes of every needle of encoded.ts — dm Zh 2Y QV FQ BU (base64 of vas_ and API_KEY) and 76 41
  ;; (hex). Same output rules as scan (no flag bit). test/unit/scan-kernel.test.ts keeps the two in step.
  (func (export "scanEncoded") (param $p i32) (param $end i32) (param $out i32) (param $outEnd i32) (result i32)
    (local $a v128) (local $b v128) (local $bits i32) (local $o i32)
    (local.set $o (local.get $out))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (br_if $done (i32.ge_u (local.get $o) (local.get $outEnd)))
        (local.set $a (v128.load (local.get $p)))
        (local.set $b (v128.load offset=1 (local.get $p)))
        (local.set $bits (i8x16.bitmask (v128.or (v128.or (v128.or (v128.or (v128.or (v128.or (v128.or (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 100 100 100 100 100 100 100 100 100 100 100 100 100 100 100 100)) (i8x16.eq (local.get $b) (v128.const i8x16 109 109 109 109 109 109 109 109 109 109 109 109 109 109 109 109)))
            (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90 90)) (i8x16.eq (local.get $b) (v128.const i8x16 104 104 104 104 104 104 104 104 104 104 104 104 104 104 104 104))))
            (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 50 50 50 50 50 50 50 50 50 50 50 50 50 50 50 50)) (i8x16.eq (local.get $b) (v128.const i8x16 89 89 89 89 89 89 89 89 89 89 89 89 89 89 89 89))))
            (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 81 81 81 81 81 81 81 81 81 81 81 81 81 81 81 81)) (i8x16.eq (local.get $b) (v128.const i8x16 86 86 86 86 86 86 86 86 86 86 86 86 86 86 86 86))))
            (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70 70)) (i8x16.eq (local.get $b) (v128.const i8x16 81 81 81 81 81 81 81 81 81 81 81 81 81 81 81 81))))
            (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 66 66 66 66 66 66 66 66 66 66 66 66 66 66 66 66)) (i8x16.eq (local.get $b) (v128.const i8x16 85 85 85 85 85 85 85 85 85 85 85 85 85 85 85 85))))
            (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55)) (i8x16.eq (local.get $b) (v128.const i8x16 54 54 54 54 54 54 54 54 54 54 54 54 54 54 54 54))))
            (v128.and (i8x16.eq (local.get $a) (v128.const i8x16 52 52 52 52 52 52 52 52 52 52 52 52 52 52 52 52)) (i8x16.eq (local.get $b) (v128.const i8x16 49 49 49 49 49 49 49 49 49 49 49 49 49 49 49 49))))))
        (block $none
          (br_if $none (i32.eqz (local.get $bits)))
          (loop $lanes
            (i32.store (local.get $o) (i32.add (local.get $p) (i32.ctz (local.get $bits))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (br_if $lanes (local.get $bits))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (global.set $next (local.get $p))
    (i32.sub (local.get $o) (local.get $out)))
)
