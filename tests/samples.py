"""The bundled sample articles, and changing one the way the perturbation tests do."""
from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "notebooks" / "data" / "samples"


def sample(prefix: str) -> tuple[str, str]:
    """(title, text) of the sample whose file name starts with ``prefix`` ("001")."""
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    return title.strip(), text


def with_paragraph(text: str, paragraph: str, after: int = 2) -> str:
    """``text`` with ``paragraph`` inserted after its first ``after`` paragraphs."""
    sep = "\n\n" if "\n\n" in text else "\n"  # the samples break paragraphs either way
    paras = text.split(sep)
    return sep.join([*paras[:after], paragraph, *paras[after:]])
