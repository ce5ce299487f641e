"""A JSON Lines corpus built from the bundled samples, for the engine tests."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "notebooks" / "data" / "samples").glob("*.txt"))


def write_corpus(path: Path, n: int, bad_every: int = 0, crash_at: int | None = None) -> list[str]:
    """n articles built from the bundled samples (ids a0000...), optionally with
    a row without text every ``bad_every`` rows and a malformed JSON line after
    the first; returns the ids of the good articles in order."""
    texts = [f.read_text(encoding="utf-8").split("\n", 1) for f in SAMPLES]
    ids, lines = [], []
    for i in range(n):
        title, text = texts[i % len(texts)]
        if crash_at == i:
            text = "CRASH " + text
        if bad_every and i % bad_every == bad_every - 1:
            lines.append(json.dumps({"id": f"a{i:04d}", "title": title, "text": "  "}))
            continue
        lines.append(json.dumps({"id": f"a{i:04d}", "title": title, "text": text, "date": f"2019-03-{1 + i % 28:02d}"}))
        ids.append(f"a{i:04d}")
        if i == 0:
            lines.append('{"id": "broken", "text": ')  # malformed line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
