import ArgumentParser
import Diagnostics
import Foundation

/// What the commands print. Everything goes through `FileHandle` writes, which are unbuffered, so
/// every diagnostic is out before the process exits, whatever the exit path.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func diagnostics(_ diagnostics: [Diagnostic], format: DiagnosticFormat, minimum: Diagnostic.Severity) {
        let shown = diagnostics.filter { $0.severity >= minimum }
        guard !shown.isEmpty || format == .json else { return }
        error(DiagnosticFormatter.format(shown, as: format))
    }

    /// Prints an error that stopped a command and returns the exit code to throw.
    static func fail(_ failure: Error) -> ExitCode {
        let text = "\(failure)"
        error(text.hasPrefix("error:") || text.contains(": error:") ? text : "error: \(text)")
        return ExitCode(1)
    }
}
