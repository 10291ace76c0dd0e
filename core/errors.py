"""The project's own error types. Every message is Chinese and fit to show an auditor.

Readers and extractors raise only ``ReportError`` (or a subclass) for bad input; the
CLI prints ``str(err)`` on stderr, the GUI shows it in a dialog. Anything else escaping
the core is a bug and is logged as such.
"""

from __future__ import annotations


class ReportError(Exception):
    """A report that cannot be audited, with a one-line Chinese reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:  # keep the CLI line free of a class name
        return self.message


class UnsupportedFormatError(ReportError):
    """The file type is not one we read (.xls, .rtf, images, Word 6/95, non-Word .wps ...)."""


class EmptyDocumentError(ReportError):
    """The file is empty or holds no readable text."""


class CorruptDocumentError(ReportError):
    """The file is truncated, damaged, or not what its extension says."""


class EncryptedDocumentError(ReportError):
    """The file is password-protected."""


class ScannedPdfError(ReportError):
    """A PDF whose pages are images: it has no text layer."""


class DocumentTooLargeError(ReportError):
    """The file (or what it decompresses to) is beyond what a report can be."""
