#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A guest path resolved beneath a directory: the directory that holds the final component
/// and that component's name, ready for a `*at` call that does not follow symlinks.
struct ResolvedPath {
    /// The directory holding the final component.
    let directory: OwnedDescriptor
    /// The final component (`.` when the path names `directory` itself); never contains `/`.
    let name: [UInt8]
    /// The path ended with `/` (or a symlink target did): it must name a directory.
    let mustBeDirectory: Bool

    /// Calls `body` with the final component as a C string.
    func withName<Result>(_ body: (UnsafePointer<CChar>) throws(WASIErrno) -> Result) throws(WASIErrno) -> Result {
        try SandboxPath.withCString(name, body)
    }
}

/// Path resolution that can never leave a preopened directory.
///
/// The walk goes one component at a time from the base descriptor, opening each
/// directory with `O_NOFOLLOW` relative to the previous one, so the kernel never follows a
/// symlink and never interprets `..`: `..` pops the walk's own stack (failing at the base),
/// absolute paths and absolute symlink targets are refused, and relative symlinks are read
/// with `readlinkat` and expanded into the remaining components. A symlink swapped in
/// during the walk makes the `O_NOFOLLOW` open (or the final `*at` call, which also does
/// not follow) fail instead of escaping. Magic links (`/proc/self/fd/…`) are never
/// followed because no link is ever followed by the kernel.
enum SandboxPath {
    /// Symlinks expanded in one resolution before it fails with `ELOOP` (Linux's limit).
    static let maxSymlinks = 40

    /// Resolves `path` beneath `base`. With `followFinalSymlink`, a symlink in the final
    /// position is expanded too (still beneath `base`).
    static func resolve(_ path: [UInt8], beneath base: OwnedDescriptor, followFinalSymlink: Bool) throws(WASIErrno) -> ResolvedPath {
        guard !path.isEmpty else { throw .noEntry }
        guard path.first != UInt8(ascii: "/") else { throw .notCapable }
        var stack = [base]
        var mustBeDirectory = endsAsDirectory(path)
        var pending = Array(components(of: path).reversed())
        var expanded = 0
        while let component = pending.popLast() {
            if component == dotDot {
                guard stack.count > 1 else { throw .notCapable }
                stack.removeLast()
                continue
            }
            let current = stack[stack.count - 1]
            let isLast = pending.isEmpty
            if isLast && !followFinalSymlink && !mustBeDirectory {
                return ResolvedPath(directory: current, name: component, mustBeDirectory: false)
            }
            if let target = try symlinkTarget(of: component, in: current) {
                expanded += 1
                guard expanded <= maxSymlinks else { throw .loop }
                guard !target.isEmpty else { throw .noEntry }
                guard target.first != UInt8(ascii: "/") else { throw .notCapable }
                if isLast && endsAsDirectory(target) { mustBeDirectory = true }
                pending.append(contentsOf: components(of: target).reversed())
                continue
            }
            if isLast {
                return ResolvedPath(directory: current, name: component, mustBeDirectory: mustBeDirectory)
            }
            stack.append(try openDirectory(component, in: current))
        }
        return ResolvedPath(directory: stack[stack.count - 1], name: [UInt8(ascii: ".")], mustBeDirectory: true)
    }

    private static let dotDot: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: ".")]

    /// The components other than empty ones and `.`.
    private static func components(of path: [UInt8]) -> [[UInt8]] {
        path.split(separator: UInt8(ascii: "/")).map(Array.init).filter { $0 != [UInt8(ascii: ".")] }
    }

    /// Whether the path's last component must be a directory: it ends with `/` or `/.`, or is `.`.
    private static func endsAsDirectory(_ path: [UInt8]) -> Bool {
        path.last == UInt8(ascii: "/") || path == [UInt8(ascii: ".")] || path.suffix(2) == [UInt8(ascii: "/"), UInt8(ascii: ".")]
    }

    /// The target of `name` in `directory` when it is a symlink; nil when it is anything else
    /// or does not exist (the operation that follows reports that).
    private static func symlinkTarget(of name: [UInt8], in directory: OwnedDescriptor) throws(WASIErrno) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = try withCString(name) { cName throws(WASIErrno) in
            buffer.withUnsafeMutableBytes { readlinkat(directory.rawValue, cName, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) }
        }
        guard count >= 0 else { return nil }
        guard count < buffer.count else { throw .nameTooLong }
        return Array(buffer[..<count])
    }

    /// Opens the directory `name` in `directory` without following a symlink.
    private static func openDirectory(_ name: [UInt8], in directory: OwnedDescriptor) throws(WASIErrno) -> OwnedDescriptor {
        let descriptor = try withCString(name) { cName throws(WASIErrno) in
            try OwnedDescriptor.retrying { openat(directory.rawValue, cName, OwnedDescriptor.searchFlags) }
        }
        let owned = OwnedDescriptor(descriptor)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw WASIErrno.current }
        // With O_PATH, O_NOFOLLOW can open a symlink itself: only a real directory may continue.
        guard status.st_mode & S_IFMT == S_IFDIR else { throw .notDirectory }
        return owned
    }

    /// Calls `body` with `bytes` as a NUL-terminated C string; bytes containing NUL are invalid.
    static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) throws(WASIErrno) -> Result) throws(WASIErrno) -> Result {
        guard !bytes.contains(0) else { throw .invalid }
        let terminated = bytes + [0]
        return try terminated.withUnsafeBufferPointer { buffer throws(WASIErrno) in
            try buffer.withMemoryRebound(to: CChar.self) { characters throws(WASIErrno) in try body(characters.baseAddress!) }
        }
    }
}
