;; A component implementing wit/greeter.wit: `greet` prints the name through the host's
;; console and returns how many greetings it printed.
(component
  (import "example:greeter/console" (instance $console
    (export "print" (func (param "line" string)))))
  (core module $libc
    (memory (export "memory") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $result i32)
      (local.set $result
        (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                 (i32.sub (i32.const 0) (local.get 2))))
      (global.set $heap (i32.add (local.get $result) (local.get 3)))
      (local.get $result)))
  (core instance $libc (instantiate $libc))
  (core func $print (canon lower (func $console "print") (memory (core memory $libc "memory"))))
  (core module $main
    (import "host" "print" (func $print (param i32 i32)))
    (global $count (mut i32) (i32.const 0))
    (func (export "greet") (param i32 i32) (result i32)
      (call $print (local.get 0) (local.get 1))
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (global.get $count)))
  (core instance $main (instantiate $main (with "host" (instance (export "print" (func $print))))))
  (func (export "greet") (param "name" string) (result u32)
    (canon lift (core func $main "greet") (memory (core memory $libc "memory"))
      (realloc (core func $libc "realloc")))))
