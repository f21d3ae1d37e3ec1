"""The key envelope: slots, checksum, recovery keys, and the real default parameters."""

import json

import pytest

from reflect.common.errors import KeyFileDamaged, WrongSecret
from reflect.store import envelope as env

KEY = bytes(range(32))


def make(params=None):
    recovery = env.generate_recovery_key()
    return env.create(KEY, "a long passphrase", recovery, params or env.KdfParams.cheap()), recovery


def test_passphrase_and_recovery_slots_unwrap_the_same_key():
    envelope, recovery = make()
    assert env.unwrap(envelope, "passphrase", env.normalise_passphrase("a long passphrase")) == KEY
    assert env.unwrap(envelope, "recovery", env.parse_recovery_key(recovery)) == KEY


def test_wrong_secret_is_not_damage():
    envelope, _ = make()
    with pytest.raises(WrongSecret, match="passphrase is not correct"):
        env.unwrap(envelope, "passphrase", b"nope")
    other = env.parse_recovery_key(env.generate_recovery_key())
    with pytest.raises(WrongSecret, match="recovery key is not correct"):
        env.unwrap(envelope, "recovery", other)


def test_recovery_key_is_readable_groups_of_160_bits_and_forgiving_to_type():
    key = env.generate_recovery_key()
    groups = key.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert len(env.parse_recovery_key(key)) * 8 >= 128
    assert env.parse_recovery_key(key.lower().replace("-", " ")) == env.parse_recovery_key(key)
    with pytest.raises(WrongSecret, match="not a recovery key"):
        env.parse_recovery_key("ABCD-EFGH")


def test_round_trip_through_json_keeps_everything():
    envelope, _ = make()
    assert env.from_json(env.to_json(envelope)) == envelope


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],
    lambda text: "not json at all",
    lambda text: text.replace('"wrapped": "', '"wrapped": "AAAA', 1),
    lambda text: json.dumps({**json.loads(text), "format": "something-else"}),
    lambda text: json.dumps({k: v for k, v in json.loads(text).items() if k != "slots"}),
    lambda text: json.dumps({**json.loads(text), "version": 99}),
])
def test_any_damage_to_the_file_is_reported_as_damage(damage):
    envelope, _ = make()
    with pytest.raises(KeyFileDamaged):
        env.from_json(damage(env.to_json(envelope)))


def test_slot_is_bound_to_its_journal():
    envelope, _ = make()
    moved = env.Envelope("0" * 32, envelope.created, envelope.slots)
    with pytest.raises(WrongSecret):
        env.unwrap(moved, "passphrase", env.normalise_passphrase("a long passphrase"))


def test_unicode_passphrase_is_normalised():
    composed, decomposed = "caf\u00e9 au lait ok", "cafe\u0301 au lait ok"
    envelope = env.create(KEY, composed, env.generate_recovery_key(), env.KdfParams.cheap())
    assert env.unwrap(envelope, "passphrase", env.normalise_passphrase(decomposed)) == KEY


def test_real_default_parameters_are_stored_and_work():
    """The one test that pays for the real Argon2id cost (64 MiB, t=3, p=4)."""
    envelope, _ = make(env.KdfParams())
    kdf = envelope.slot("passphrase").kdf
    assert kdf == {"name": "argon2id", "time_cost": 3, "memory_kib": 65536, "parallelism": 4}
    assert env.unwrap(envelope, "passphrase", env.normalise_passphrase("a long passphrase")) == KEY


def resealed(text: str, change) -> str:
    """The key file after ``change(body)``, with its checksum recomputed as anyone can."""
    body = json.loads(text)
    body.pop("checksum")
    change(body)
    return json.dumps({**body, "checksum": env._checksum(body)})


def _passphrase_kdf(**values):
    def change(body):
        slot = next(s for s in body["slots"] if s["kind"] == "passphrase")
        slot["kdf"].update(values)
    return change


def _slot_field(name, raw: bytes):
    def change(body):
        body["slots"][0][name] = env._b64(raw)
    return change


HOSTILE = {
    "time 2**31": _passphrase_kdf(time_cost=2**31),  # never returns on the old code
    "time 65": _passphrase_kdf(time_cost=65),
    "time 0": _passphrase_kdf(time_cost=0),
    "time -1": _passphrase_kdf(time_cost=-1),
    "time text": _passphrase_kdf(time_cost="3"),
    "time bool": _passphrase_kdf(time_cost=True),
    "time float": _passphrase_kdf(time_cost=3.0),
    "memory 2**32-1": _passphrase_kdf(memory_kib=2**32 - 1),
    "memory 7": _passphrase_kdf(memory_kib=7),
    "memory null": _passphrase_kdf(memory_kib=None),
    "work of hours": _passphrase_kdf(time_cost=64, memory_kib=4 * 1024 * 1024),
    "lanes 0": _passphrase_kdf(parallelism=0),
    "lanes -4": _passphrase_kdf(parallelism=-4),
    "lanes 2**24": _passphrase_kdf(parallelism=2**24),
    "lanes bool": _passphrase_kdf(parallelism=False),
    "kdf scrypt": _passphrase_kdf(name="scrypt"),
    "kdf extra field": _passphrase_kdf(extra=1),
    "salt 4 bytes": _slot_field("salt", bytes(4)),
    "nonce 16 bytes": _slot_field("nonce", bytes(16)),
    "wrapped 8 bytes": _slot_field("wrapped", bytes(8)),
    "recovery kdf": lambda body: body["slots"][1]["kdf"].update(name="none"),
    "slot kind": lambda body: body["slots"][0].update(kind="fingerprint"),
    "two passphrase slots": lambda body: body["slots"].append(dict(body["slots"][0])),
    "no slots": lambda body: body.update(slots=[]),
    "journal id not ascii": lambda body: body.update(journal_id="é" * 32),
    "journal id a number": lambda body: body.update(journal_id=12345),
}


@pytest.mark.parametrize("change", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_resealed_file_with_values_reflect_never_writes_is_damage_at_once(change):
    """The checksum can be recomputed by anyone; every field is checked before hashing."""
    import time

    envelope, _ = make()
    text = resealed(env.to_json(envelope), change)
    started = time.perf_counter()
    with pytest.raises(KeyFileDamaged, match="The key file is damaged"):
        parsed = env.from_json(text)
        env.unwrap(parsed, "passphrase", env.normalise_passphrase("a long passphrase"))
    assert time.perf_counter() - started < 0.5


def test_the_limits_admit_the_default_and_the_cheap_test_costs():
    for params in (env.KdfParams(), env.KdfParams.cheap()):
        envelope, _ = make(params)
        assert env.from_json(env.to_json(envelope)) == envelope


def test_a_key_file_that_cannot_be_written_is_write_failed(tmp_path):
    from reflect.common.errors import WriteFailed

    with pytest.raises(WriteFailed, match="could not be written"):
        env.write(tmp_path / "no such folder" / "journal.keys", make()[0])
