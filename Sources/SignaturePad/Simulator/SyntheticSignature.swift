/// Pen tracks the simulated pad plays (synthesised, no person's signature).
public enum SyntheticSignature {
    /// Two strokes of 100 samples each with a 20-sample hover gap, one report every 5 ms (the
    /// pad's 200 reports per second), the first 5 ms after the capture starts; 1.1 s in all.
    public static let scribble: [PenSample] = (0..<220).map { index in
        let inContact = index < 100 || index >= 120
        return PenSample(x: 1000 + index * 30, y: 3000 + (index % 20) * 50, pressure: inContact ? 400 + index % 200 : 0,
                         inContact: inContact, time: .milliseconds((index + 1) * 5))
    }
}
