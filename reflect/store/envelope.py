"""The key envelope (``journal.keys``): the data key, wrapped once per way of unlocking.

The database is opened with a random 256-bit data key. That key never touches the disk in
the clear; each *slot* holds it encrypted with AES-256-GCM under a key-encryption key derived
from a secret: the passphrase (Argon2id, parameters stored in the slot) or the recovery key
(HKDF: it already carries 160 random bits, so stretching it would only slow recovery). The
journal id is the GCM associated data, so a slot cannot be moved into another journal.
A SHA-256 checksum over the slots tells a damaged file from a wrong passphrase.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from reflect.common.atomic import atomic_write_text
from reflect.common.errors import KeyFileDamaged, WrongSecret

FORMAT = "reflect-keys"
VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits, 32 base32 characters
_AAD_PREFIX = b"reflect-keys-v1:"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults follow OWASP's 'm=64 MiB, t=3, p=4' row."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4

    @classmethod
    def cheap(cls) -> KdfParams:
        """For tests only: the same algorithm, a tiny cost."""
        return cls(time_cost=1, memory_kib=1024, parallelism=1)


@dataclass(frozen=True)
class Slot:
    kind: str  # "passphrase" | "recovery"
    kdf: dict
    salt: str
    nonce: str
    wrapped: str


@dataclass(frozen=True)
class Envelope:
    journal_id: str
    created: str
    slots: tuple[Slot, ...] = field(default_factory=tuple)

    def slot(self, kind: str) -> Slot | None:
        return next((s for s in self.slots if s.kind == kind), None)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def normalise_passphrase(passphrase: str) -> bytes:
    """NFC so that the same passphrase typed on another keyboard or OS derives the same key."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def generate_recovery_key() -> str:
    """160 random bits as eight groups of four base32 characters, easy to copy by hand."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_KEY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """Accept the key with or without dashes, spaces or lower case; 0/1/8 read as O/I/B."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans("018", "OIB"))
    problem = "That is not a recovery key: it should be 8 groups of 4 letters and digits."
    try:
        raw = base64.b32decode(cleaned)
    except ValueError:
        raise WrongSecret(problem) from None
    if len(raw) != RECOVERY_KEY_BYTES:
        raise WrongSecret(problem)
    return raw


def _derive(kind: str, secret: bytes, salt: bytes, kdf: dict) -> bytes:
    if kind == "passphrase":
        from argon2.low_level import Type, hash_secret_raw

        return hash_secret_raw(
            secret=secret,
            salt=salt,
            time_cost=int(kdf["time_cost"]),
            memory_cost=int(kdf["memory_kib"]),
            parallelism=int(kdf["parallelism"]),
            hash_len=32,
            type=Type.ID,
        )
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt, b"reflect recovery slot").derive(secret)


def _aad(journal_id: str) -> bytes:
    return _AAD_PREFIX + journal_id.encode("ascii")


def make_slot(kind: str, secret: bytes, data_key: bytes, journal_id: str,
              params: KdfParams | None = None) -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    if kind == "passphrase":
        kdf = {"name": "argon2id", **asdict(params or KdfParams())}
    else:
        kdf = {"name": "hkdf-sha256"}
    kek = _derive(kind, secret, salt, kdf)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _aad(journal_id))
    return Slot(kind, kdf, _b64(salt), _b64(nonce), _b64(wrapped))


def unwrap(envelope: Envelope, kind: str, secret: bytes) -> bytes:
    """Return the data key, or raise WrongSecret. This is the slow step for passphrases."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    slot = envelope.slot(kind)
    if slot is None:
        raise KeyFileDamaged(f"The key file has no {kind} slot.")
    kek = _derive(kind, secret, _unb64(slot.salt), slot.kdf)
    try:
        nonce, wrapped = _unb64(slot.nonce), _unb64(slot.wrapped)
        return AESGCM(kek).decrypt(nonce, wrapped, _aad(envelope.journal_id))
    except InvalidTag:
        if kind == "passphrase":
            raise WrongSecret("The passphrase is not correct.") from None
        raise WrongSecret("The recovery key is not correct.") from None


def create(data_key: bytes, passphrase: str, recovery_key: str,
           params: KdfParams | None = None) -> Envelope:
    journal_id = uuid.uuid4().hex
    slots = (
        make_slot("passphrase", normalise_passphrase(passphrase), data_key, journal_id, params),
        make_slot("recovery", parse_recovery_key(recovery_key), data_key, journal_id),
    )
    created = datetime.now(UTC).isoformat(timespec="seconds")
    return Envelope(journal_id, created, slots)


def replace_slot(envelope: Envelope, new_slot: Slot) -> Envelope:
    others = tuple(s for s in envelope.slots if s.kind != new_slot.kind)
    return replace(envelope, slots=(*others, new_slot))


def _checksum(body: dict) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def to_json(envelope: Envelope) -> str:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "journal_id": envelope.journal_id,
        "created": envelope.created,
        "slots": [asdict(s) for s in envelope.slots],
    }
    return json.dumps({**body, "checksum": _checksum(body)}, indent=2) + "\n"


def from_json(text: str) -> Envelope:
    """Parse and validate; any defect is KeyFileDamaged, never WrongSecret."""
    try:
        data = json.loads(text)
        checksum = data.pop("checksum")
        if data.get("format") != FORMAT:
            raise ValueError("not a Reflect key file")
        if data.get("version") != VERSION:
            raise ValueError(f"key file version {data.get('version')} is not supported")
        if _checksum(data) != checksum:
            raise ValueError("its checksum does not match its contents")
        slots = tuple(Slot(**s) for s in data["slots"])
        for slot in slots:
            _unb64(slot.salt), _unb64(slot.nonce), _unb64(slot.wrapped)
        return Envelope(str(data["journal_id"]), str(data["created"]), slots)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyFileDamaged(f"The key file is damaged ({exc}).") from None


def read(path: Path) -> Envelope:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyFileDamaged(
            f"The key file {path} is missing; restore it from a backup to open this journal."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFileDamaged(f"The key file {path} cannot be read ({exc}).") from None
    return from_json(text)


def write(path: Path, envelope: Envelope) -> None:
    atomic_write_text(Path(path), to_json(envelope))
