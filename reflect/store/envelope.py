"""The key envelope (``journal.keys``): the data key, wrapped once per way of unlocking.

The database is opened with a random 256-bit data key. That key never touches the disk in
the clear; each *slot* holds it encrypted with AES-256-GCM under a key-encryption key derived
from a secret: the passphrase (Argon2id, parameters stored in the slot) or the recovery key
(HKDF: it already carries 160 random bits, so stretching it would only slow recovery). The
journal id is the GCM associated data, so a slot cannot be moved into another journal.
A SHA-256 checksum over the slots tells a damaged file from a wrong passphrase.

Anyone can recompute that checksum, so every field is also checked against what Reflect could
have written (:func:`check_slot`) before any key derivation: a crafted file must not hang an
unlock with a huge cost or reach Argon2 with values it rejects.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import secrets
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from reflect.common.atomic import atomic_write_text
from reflect.common.errors import KeyFileDamaged, WriteFailed, WrongSecret, write_problem

FORMAT = "reflect-keys"
VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_KEY_BYTES = 20  # 160 bits, 32 base32 characters
_AAD_PREFIX = b"reflect-keys-v1:"
_JOURNAL_ID = re.compile(r"[0-9a-f]{32}")  # uuid4().hex
SLOT_KINDS = ("passphrase", "recovery")

# What a key file may ask of Argon2id. Reflect writes t=3, m=64 MiB, p=4 (KdfParams); a later
# version may raise them per journal, but never past these. Anything outside is damage or
# tampering and is refused before hashing: 2**31 passes would never return, and memory or
# lanes out of Argon2's range give errors instead of an answer. The work cap (passes x memory,
# 4 GiB-passes, about 20 times the default) keeps any accepted file to seconds, not hours.
TIME_COST_RANGE = (1, 64)
PARALLELISM_RANGE = (1, 64)
MEMORY_KIB_MAX = 4 * 1024 * 1024  # 4 GiB; the minimum is Argon2's own, 8 KiB per lane
WORK_KIB_MAX = 4 * 1024 * 1024
SALT_BYTES = (16, 64)
NONCE_BYTES = 12
WRAPPED_BYTES = DATA_KEY_BYTES + 16  # the data key and its GCM tag


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
        from argon2.exceptions import HashingError
        from argon2.low_level import Type, hash_secret_raw

        try:
            return hash_secret_raw(
                secret=secret,
                salt=salt,
                time_cost=kdf["time_cost"],
                memory_cost=kdf["memory_kib"],
                parallelism=kdf["parallelism"],
                hash_len=32,
                type=Type.ID,
            )
        except HashingError as exc:  # within the limits, but this computer could not
            raise KeyFileDamaged(
                f"The key file asks for {kdf['memory_kib'] // 1024} MiB of memory to unlock, "
                f"which this computer could not give ({exc}); unlock on a larger computer."
            ) from None
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
    try:
        check_slot(slot)  # from_json checked already; an Envelope built in code has not
    except ValueError as exc:
        raise KeyFileDamaged(f"The key file is damaged ({exc}).") from None
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
        if not isinstance(data["slots"], list) or not data["slots"]:
            raise ValueError("it has no slots")
        slots = tuple(check_slot(Slot(**s)) for s in data["slots"])
        kinds = [slot.kind for slot in slots]
        if len(set(kinds)) != len(kinds):
            raise ValueError("it has two slots of one kind")
        journal_id, created = data["journal_id"], data["created"]
        if not isinstance(journal_id, str) or not _JOURNAL_ID.fullmatch(journal_id):
            raise ValueError("its journal id is not one Reflect makes")
        if not isinstance(created, str):
            raise ValueError("its creation time is not text")
        return Envelope(journal_id, created, slots)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyFileDamaged(f"The key file is damaged ({exc}).") from None


def _whole(value: object, low: int, high: int, what: str) -> int:
    # bool is an int in Python, and json gives True for "true": neither is a cost.
    if type(value) is not int or not low <= value <= high:
        raise ValueError(f"its {what} {value!r} is not a whole number from {low} to {high}")
    return value


def _bytes_field(text: object, low: int, high: int, what: str) -> None:
    if not isinstance(text, str):
        raise ValueError(f"its {what} is not text")
    try:
        size = len(_unb64(text))
    except (ValueError, UnicodeEncodeError):
        raise ValueError(f"its {what} is not base64") from None
    if not low <= size <= high:
        raise ValueError(f"its {what} is {size} bytes long")


def check_slot(slot: Slot) -> Slot:
    """Raise ValueError unless the slot holds only what Reflect writes, within the limits
    above; a cheap check that runs before any key derivation."""
    if slot.kind not in SLOT_KINDS:
        raise ValueError(f"it has a slot of unknown kind {slot.kind!r}")
    kdf = slot.kdf
    if not isinstance(kdf, dict):
        raise ValueError("a slot's key derivation is not a table")
    if slot.kind == "passphrase":
        if kdf.keys() != {"name", "time_cost", "memory_kib", "parallelism"} \
                or kdf["name"] != "argon2id":
            raise ValueError("its passphrase slot does not use Argon2id as Reflect writes it")
        lanes = _whole(kdf["parallelism"], *PARALLELISM_RANGE, "parallelism")
        passes = _whole(kdf["time_cost"], *TIME_COST_RANGE, "time cost")
        memory = _whole(kdf["memory_kib"], 8 * lanes, MEMORY_KIB_MAX, "memory cost (KiB)")
        if passes * memory > WORK_KIB_MAX:
            raise ValueError(f"its cost ({passes} passes over {memory} KiB) is beyond the limit")
    elif kdf != {"name": "hkdf-sha256"}:
        raise ValueError("its recovery slot does not use HKDF-SHA256")
    _bytes_field(slot.salt, *SALT_BYTES, "salt")
    _bytes_field(slot.nonce, NONCE_BYTES, NONCE_BYTES, "nonce")
    _bytes_field(slot.wrapped, WRAPPED_BYTES, WRAPPED_BYTES, "wrapped key")
    return slot


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
    """Replace the key file atomically; a folder that cannot be written is WriteFailed."""
    try:
        atomic_write_text(Path(path), to_json(envelope))
    except OSError as exc:
        raise WriteFailed(f"The key file {path} could not be written because "
                          f"{write_problem(exc)}; nothing was changed.") from None

