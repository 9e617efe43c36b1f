"""Participant credentials: bad rows by line, hashed PINs Ralph can check, and the letters."""

from __future__ import annotations

import csv
import io

import bcrypt

from miles_site.study.credentials import (
    PARTICIPANT_SCOPES,
    PIN,
    Participant,
    clashes,
    letters_csv,
    make_credentials,
    read_participants,
)


def test_bad_rows_are_reported_with_their_line_and_good_ones_kept() -> None:
    text = (
        "code;naam\nMILES-001;Anna\nmiles-002;Bob\n\nMILES-001;Dubbel\nJan Jansen;x\n;leeg\nM;x\n"
    )
    people, issues = read_participants(text, "deelnemers.csv")
    assert [p.code for p in people] == ["MILES-001", "MILES-002"]
    assert [(i.line, i.message.split(";")[0]) for i in issues] == [
        (5, "code 'MILES-001' is already on line 2"),
        (6, "'Jan Jansen' is not a valid participant code"),
        (7, "'' is not a valid participant code"),
        (8, "'M' is not a valid participant code"),
    ]
    assert all(str(i).startswith(f"deelnemers.csv:{i.line}: code: ") for i in issues)


def test_a_file_without_a_code_column_is_refused() -> None:
    _, [issue] = read_participants("naam,adres\nAnna,Dam 1\n", "p.csv")
    assert issue.line == 1 and "'code'" in issue.message


def test_each_participant_gets_a_random_pin_that_only_their_hash_accepts() -> None:
    people = [Participant(f"MILES-00{n}", n + 1, {}) for n in range(1, 4)]
    users, pins = make_credentials(people, "https://studie.example.org/", rounds=4)
    assert len(set(pins.values())) == 3
    # PIN is the rule the sign-in form checks (through the study settings) before it asks the LRS.
    assert all(len(pin) == 8 and PIN.match(pin) for pin in pins.values())
    for user in users:
        code = user["username"]
        assert bcrypt.checkpw(pins[code].encode(), user["hash"].encode())
        assert pins[code] not in user["hash"]
        others = [pin for other, pin in pins.items() if other != code]
        assert not any(bcrypt.checkpw(pin.encode(), user["hash"].encode()) for pin in others)
        assert user["scopes"] == PARTICIPANT_SCOPES
        assert user["agent"]["account"] == {"name": code, "homePage": "https://studie.example.org/"}


def test_codes_that_already_have_a_credential_are_reported() -> None:
    people = [Participant("MILES-001", 2, {}), Participant("MILES-009", 3, {})]
    [issue] = clashes([{"username": "MILES-009"}], people, "p.csv")
    assert (issue.line, "--replace" in issue.message) == (3, True)


def test_letters_hold_code_pin_address_and_the_other_columns() -> None:
    people = [Participant("MILES-001", 2, {"naam": "Anna"}), Participant("MILES-002", 3, {})]
    text = letters_csv(people, {"MILES-001": "01234567", "MILES-002": "76543210"}, "https://s.nl/")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [
        {"code": "MILES-001", "pincode": "01234567", "adres": "https://s.nl/", "naam": "Anna"},
        {"code": "MILES-002", "pincode": "76543210", "adres": "https://s.nl/", "naam": ""},
    ]
