/// Sizes the daemon accepts in requests. Anything larger is refused with INVALID_ARGUMENT
/// (or RESOURCE_EXHAUSTED for uploads) before it is processed.
public enum RequestLimits {
    /// Largest component binary.
    public static let componentBytes = 256 << 20
    /// Largest chunk of an upload stream.
    public static let uploadChunkBytes = 4 << 20
    /// Longest component or instance name.
    public static let nameCharacters = 128
    /// Longest WAVE call text.
    public static let waveBytes = 1 << 20
    /// Most guest arguments.
    public static let arguments = 1024
    /// Longest guest argument or environment value.
    public static let stringBytes = 32 << 10
    /// Longest environment variable name.
    public static let environmentNameBytes = 256
    /// Longest host or guest path.
    public static let pathBytes = 4096
    /// Most grants given at instance creation.
    public static let grantsPerRequest = 256
    /// Largest gRPC message the server accepts (an upload chunk plus framing).
    public static let messageBytes = uploadChunkBytes + (64 << 10)
}
