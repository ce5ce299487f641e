"""Progress of ``relscore score``: the text of the progress line and the log
lines written every LOG_EVERY seconds when stderr is not a terminal."""
import re

from relscore import cli, progress, score
from relscore.progress import Progress

from .test_score import SAMPLES


def test_line_counts_share_rate_and_eta(monkeypatch):
    clock = iter([100.0, 160.0])
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    p = Progress(total=400, mode="off")
    p.update(100)
    assert p.line() == "100 of 400 (25%) articles, 2/s, 1m00s elapsed, ETA 3m00s"


def test_line_without_a_total_has_no_eta():
    p = Progress(total=None, mode="off")
    p.update(3)
    assert re.fullmatch(r"3 articles, \d+/s, 0m00s elapsed", p.line())


def test_quiet_is_off_and_a_pipe_gets_log_lines():
    assert Progress.choose_mode(True) == "off"
    assert Progress.choose_mode(False) == "log"  # pytest captures stderr: not a terminal


def test_progress_log_lines_when_not_on_a_terminal(tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(score, "_load_predict", lambda paths: None)
    monkeypatch.setattr(progress, "LOG_EVERY", 0.0)
    assert cli.main(["score", str(SAMPLES), "--out", str(tmp_path / "o.csv"), "--jobs", "1",
                     "--batch-size", "2"]) == 0
    lines = re.findall(r"progress: (\d+) of 5 \(\d+%\) articles, \d+/s, \d+m\d\ds elapsed(, ETA \d+m\d\ds)?",
                       caplog.text)
    assert len(lines) >= 2, caplog.text
    assert any(eta for _, eta in lines[:-1])
