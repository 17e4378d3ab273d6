"""The error tree. Only the CLI turns these into messages and exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, the contract CI pipelines rely on."""

    PASSED = 0
    POLICY_FAILED = 1
    USAGE = 2
    EVIDENCE_UNAVAILABLE = 3


class OpenAuditError(Exception):
    """Root of every error openaudit reports to the user as one line."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message (and hint) as a single line, safe to print."""
        text = f"{self.message} ({self.hint})" if self.hint else self.message
        return " ".join(text.split())


class UsageError(OpenAuditError):
    """Bad flags, a malformed reference, an unreadable rubric or config (exit 2)."""

    exit_code = ExitCode.USAGE


class RubricError(UsageError):
    """A rubric file is invalid; the message carries file:line:column."""


class RubricErrors(RubricError):
    """Several independent errors in one rubric file, each located, in file order.

    As one line it is the first error and how many more there are; `messages` has
    them all (`openaudit rubrics validate` prints each on its own line).
    """

    def __init__(self, errors: list[RubricError]) -> None:
        self.messages = tuple(error.one_line() for error in errors)
        more = len(self.messages) - 1
        hint = f"and {more} more error{'s' if more > 1 else ''}" if more else None
        super().__init__(self.messages[0], hint=hint)


class EvidenceUnavailable(OpenAuditError):
    """Nothing about the model could be read (exit 3)."""

    exit_code = ExitCode.EVIDENCE_UNAVAILABLE


class ModelNotFound(EvidenceUnavailable):
    """The model (or the revision) does not exist, or is private."""


class GatedModel(EvidenceUnavailable):
    """The model is gated and not even its metadata could be read."""


class NetworkError(EvidenceUnavailable):
    """The Hub could not be reached, or failed after retries."""
