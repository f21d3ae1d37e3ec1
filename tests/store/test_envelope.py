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
