;; Functions exported through an interface instance (`wcomp:test/math@1.0.0#add`), named
;; `iface#f` as the CLI and the daemon name them, next to a root export.
(component
  (core module $m
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    (func (export "negate") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
    (func (export "answer") (result i32) (i32.const 42)))
  (core instance $i (instantiate $m))
  (func $add (param "a" s32) (param "b" s32) (result s32) (canon lift (core func $i "add")))
  (func $negate (param "x" s32) (result s32) (canon lift (core func $i "negate")))
  (component $math
    (import "add" (func $add (param "a" s32) (param "b" s32) (result s32)))
    (import "negate" (func $negate (param "x" s32) (result s32)))
    (export "add" (func $add))
    (export "negate" (func $negate)))
  (instance $math-instance (instantiate $math (with "add" (func $add)) (with "negate" (func $negate))))
  (export "wcomp:test/math@1.0.0" (instance $math-instance))
  (func (export "answer") (result u32) (canon lift (core func $i "answer")))
)
