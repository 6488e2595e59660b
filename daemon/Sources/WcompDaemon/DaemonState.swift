/// Everything the daemon persists and manages, opened from the state directory: the
/// database, the component catalog, the instance manager. Services are built on it.
public struct DaemonState: Sendable {
    /// The state directory.
    public let directory: StateDirectory
    /// The SQLite state.
    public let database: StateDatabase
    /// The stored components.
    public let catalog: ComponentCatalog
    /// The instances.
    public let instances: InstanceManager
    /// The streaming RPCs that stay open until their client leaves; shutdown ends them.
    public let openStreams = OpenStreams()
    /// The daemon's metrics.
    public let metrics: DaemonMetrics
    /// Instances whose calls a previous run left unfinished (killed or crashed during them):
    /// those calls were counted as failed and the instances marked failed on opening.
    public let instancesWithInterruptedCalls: [String]

    /// Opens (creating when new) the state in `path`; what a previous run stored is there again.
    /// Each instance keeps `logBytesPerInstance` of recent output.
    public init(path: String, logBytesPerInstance: Int = 1 << 20) throws(DaemonError) {
        directory = try StateDirectory(path: path)
        database = try StateDatabase(path: directory.databasePath)
        let (journal, interrupted) = try CallJournal.recover(path: directory.callJournalPath, database: database)
        instancesWithInterruptedCalls = interrupted
        catalog = try ComponentCatalog(database: database, blobs: BlobStore(directory: directory.blobsPath))
        let metrics = DaemonMetrics()
        self.metrics = metrics
        instances = InstanceManager(database: database, journal: journal, catalog: catalog, stateDirectory: directory.path,
                                    events: InstanceEventHub(), metrics: metrics, logBytesPerInstance: logBytesPerInstance)
    }
}
