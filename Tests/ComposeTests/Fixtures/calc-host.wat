;; Provides the `calc` world's root imports as exports, so that a component made by `wcomp new`
;; can be plugged into a component without imports: base() = 100, log(message) ignores it.
(component
  (core module $m
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $address i32)
      (local.set $address (global.get $heap))
      (global.set $heap (i32.add (global.get $heap) (local.get 3)))
      (local.get $address))
    (func (export "base") (result i32) (i32.const 100))
    (func (export "log") (param i32 i32)))
  (core instance $i (instantiate $m))
  (func (export "base") (result u32) (canon lift (core func $i "base")))
  (func (export "log") (param "message" string)
    (canon lift (core func $i "log") (memory (core memory $i "memory")) (realloc (core func $i "realloc"))))
)
