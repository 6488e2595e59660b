;; Calls test:text/greet with a UTF-8 string: run() = greet("héllo wörld").
(component
  (import "test:text/greet" (instance $g (export "greet" (func (param "name" string) (result string)))))
  (core module $libc
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "realloc") (param $old i32) (param $old-size i32) (param $align i32) (param $size i32) (result i32)
      (local $address i32)
      (local.set $address
        (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                 (i32.sub (i32.const 0) (local.get $align))))
      (global.set $heap (i32.add (local.get $address) (local.get $size)))
      (if (local.get $old) (then (memory.copy (local.get $address) (local.get $old) (local.get $old-size))))
      (local.get $address)))
  (core instance $libc (instantiate $libc))
  (core func $greet (canon lower (func $g "greet") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
  (core module $m
    (import "libc" "memory" (memory 1))
    (import "host" "greet" (func $greet (param i32 i32 i32)))
    (data (i32.const 16) "h\c3\a9llo w\c3\b6rld")
    (func (export "run") (result i32)
      (call $greet (i32.const 16) (i32.const 13) (i32.const 64))
      (i32.const 64)))
  (core instance $host (export "greet" (func $greet)))
  (core instance $i (instantiate $m (with "libc" (instance $libc)) (with "host" (instance $host))))
  (func (export "run") (result string)
    (canon lift (core func $i "run") (memory (core memory $libc "memory")) (realloc (core func $libc "realloc"))))
)
