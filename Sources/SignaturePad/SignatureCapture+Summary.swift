extension SignatureCapture {
    /// The rectangle the samples touching the surface lie in, in tablet units.
    public struct Bounds: Sendable, Hashable, Codable {
        /// The smallest x.
        public var minX: Int
        /// The smallest y.
        public var minY: Int
        /// The largest x.
        public var maxX: Int
        /// The largest y.
        public var maxY: Int
    }

    /// The bounding box of the ink (samples in contact), or `nil` without a stroke. A summary
    /// that may be shown or logged, unlike the samples.
    public var inkBounds: Bounds? {
        let ink = samples.filter(\.inContact)
        guard let first = ink.first else { return nil }
        return ink.dropFirst().reduce(Bounds(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)) { box, sample in
            Bounds(minX: min(box.minX, sample.x), minY: min(box.minY, sample.y), maxX: max(box.maxX, sample.x), maxY: max(box.maxY, sample.y))
        }
    }

    /// The time from the first to the last sample (zero for fewer than two).
    public var duration: Duration {
        guard let first = samples.first, let last = samples.last else { return .zero }
        return last.time - first.time
    }
}
