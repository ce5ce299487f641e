"""The lexicon loader: entries as written, headers, line numbers, errors, caching."""
from __future__ import annotations

from pathlib import Path

import pytest

from features.lexicons import lexicon_entries, lexicon_header, lexicon_json, lexicon_lines, lexicon_path

LEXICONS = Path(__file__).resolve().parents[2] / "features" / "lexicons"


def test_entries_skip_the_header_and_keep_the_first_cue():
    lines = lexicon_lines("hedges_v1.txt")
    assert not any(ln.lstrip().startswith("#") for ln in lines)
    assert all(ln.strip() for ln in lines)
    assert lines[0].split("|")[0].strip() == "may"


def test_trailing_space_of_a_promo_trigger_is_kept():
    # "follow " (with its space) is the trigger of the social-media rule; stripped, it would
    # also cue "followed" and "following"
    follow = [ln for ln in lexicon_lines("insertion_promo_v1.txt") if ln.startswith("social\tcue\t\\bfollow ")]
    assert len(follow) == 1 and follow[0].endswith("\tfollow ")


def test_entries_carry_their_line_numbers_in_the_file():
    raw = (LEXICONS / "sourcing_nouns_v1.txt").read_text(encoding="utf-8").splitlines()
    entries = lexicon_entries("sourcing_nouns_v1.txt")
    assert entries and all(raw[n - 1] == ln for n, ln in entries)
    assert entries[0][0] > 1  # the header comes first
    assert [ln for _, ln in entries] == list(lexicon_lines("sourcing_nouns_v1.txt"))


def test_header_states_the_idf_corpus_size():
    header = lexicon_header("insertion_idf_v1.txt")
    assert header[0].startswith("insertion_idf_v1 - inverse document frequency")
    assert any("N = 37554" in ln for ln in header)
    assert not any("\t" in ln for ln in header)  # stops before the first "stem<TAB>idf" entry


def test_json_and_binary_files_are_found():
    assert lexicon_json("insertion_offtopic_v2.json")["features"][0] == "log_cos_rest"
    with lexicon_path("insertion_lsa_v1.npz").open("rb") as f:
        assert f.read(2) == b"PK"  # a zip archive, as numpy writes .npz


def test_unknown_name_lists_the_files_there_are():
    with pytest.raises(FileNotFoundError, match=r"hedges_v2\.txt.*'hedges_v1\.txt'"):
        lexicon_lines("hedges_v2.txt")


def test_lines_are_read_once():
    assert lexicon_lines("style_caps_ok_v1.txt") is lexicon_lines("style_caps_ok_v1.txt")


def test_blank_and_comment_lines_anywhere_are_skipped_and_every_other_line_kept(monkeypatch):
    from features import lexicons

    lines = ["# header", "  # indented comment", "", " \t ", "word", " indented entry", "trailing ",
             "!bang", '"quoted', "a # not a comment", "\x0c", "#"]
    monkeypatch.setattr(lexicons, "_file_lines", lambda name: lines)
    entries = lexicons.lexicon_entries("any")
    assert entries == [(5, "word"), (6, " indented entry"), (7, "trailing "), (8, "!bang"), (9, '"quoted'),
                       (10, "a # not a comment")]
    assert lexicons.lexicon_lines.__wrapped__("any") == tuple(ln for _, ln in entries)
