;; A component implementing wit/greeter.wit: `greet` prints the name through the host's
;; console, writes "hello" and the name to a host transcript that it then drops, and returns
;; how many greetings it printed.
(component
  (import "example:greeter/console" (instance $console
    (export "print" (func (param "line" string)))
    (export "transcript" (type $transcript (sub resource)))
    (export "[constructor]transcript" (func (param "title" string) (result (own $transcript))))
    (export "[method]transcript.add" (func (param "self" (borrow $transcript)) (param "line" string)))))
  (alias export $console "transcript" (type $transcript))
  (core module $libc
    (memory (export "memory") 1)
    (data (i32.const 16) "greetinghello")
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
  (core func $transcript-new (canon lower (func $console "[constructor]transcript") (memory (core memory $libc "memory"))))
  (core func $transcript-add (canon lower (func $console "[method]transcript.add") (memory (core memory $libc "memory"))))
  (core func $transcript-drop (canon resource.drop $transcript))
  (core module $main
    (import "host" "print" (func $print (param i32 i32)))
    (import "host" "transcript-new" (func $transcript-new (param i32 i32) (result i32)))
    (import "host" "transcript-add" (func $transcript-add (param i32 i32 i32)))
    (import "host" "transcript-drop" (func $transcript-drop (param i32)))
    (global $count (mut i32) (i32.const 0))
    (func (export "greet") (param i32 i32) (result i32)
      (local $transcript i32)
      (call $print (local.get 0) (local.get 1))
      ;; "greeting" and "hello" are at 16 and 24 in the shared memory.
      (local.set $transcript (call $transcript-new (i32.const 16) (i32.const 8)))
      (call $transcript-add (local.get $transcript) (i32.const 24) (i32.const 5))
      (call $transcript-add (local.get $transcript) (local.get 0) (local.get 1))
      (call $transcript-drop (local.get $transcript))
      (global.set $count (i32.add (global.get $count) (i32.const 1)))
      (global.get $count)))
  (core instance $main (instantiate $main (with "host" (instance
    (export "print" (func $print))
    (export "transcript-new" (func $transcript-new))
    (export "transcript-add" (func $transcript-add))
    (export "transcript-drop" (func $transcript-drop))))))
  (func (export "greet") (param "name" string) (result u32)
    (canon lift (core func $main "greet") (memory (core memory $libc "memory"))
      (realloc (core func $libc "realloc")))))
