"""Making and checking keys. A key is shown once, when made; only its SHA-256 is stored, so a copy
of the database lets nobody call the API. Keys are 256 random bits, so an unsalted hash is enough
(there is no dictionary to try), and it lets a key be found by one indexed lookup."""

import hashlib
import secrets

PREFIX_LENGTH = 8


def new_key() -> str:
    return secrets.token_urlsafe(32)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()
