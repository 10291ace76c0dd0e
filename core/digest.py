"""SHA-256 without loading OpenSSL.

``hashlib`` binds OpenSSL (libcrypto: a few ms to load and set up) to offer every
algorithm; the engine needs one, which CPython also builds in. Same digest either way
(tests/core/test_digest.py).
"""

from __future__ import annotations

try:
    from _sha256 import sha256  # CPython 3.11
except ImportError:  # pragma: no cover - depends on the interpreter
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # CPython 3.12+
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]


def sha256_hex(data: bytes) -> str:
    return sha256(data).hexdigest()
