import Dispatch

/// `map` on both cores for independent, pure work; results in input order.
package enum ParallelMap {
    package static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) throws -> R) -> [Result<R, Error>] {
        let slots = items.map { _ in Slot<R>() }
        DispatchQueue.concurrentPerform(iterations: items.count) { k in
            slots[k].value = Result { try body(items[k]) }
        }
        return slots.map { $0.value ?? .failure(PipelineError.impossible("a parallel task did not run")) }
    }

    /// One result, written by one task and read after all have finished.
    private final class Slot<R>: @unchecked Sendable {
        var value: Result<R, Error>?
    }
}
