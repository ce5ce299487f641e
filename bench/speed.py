"""Time `relscore score` on real AllSides articles: articles per second with one
and with several worker processes, peak memory at two corpus sizes, the whole
37.5k-article corpus, and the feature pass alone. Medians of several runs.

    python bench/speed.py                    # all of it (about 30 minutes on 2 cores)
    python bench/speed.py --only rate        # --jobs 1 vs --jobs 2 on 5,000 articles
    python bench/speed.py --only memory      # peak memory, 5,000 vs 50,000 articles
    python bench/speed.py --only memory --memory-sizes 5000 --against /tmp/before
        # peak memory (parent and workers apart) and CPU seconds of 5,000 articles, per tree
    python bench/speed.py --only scale       # --limit 5,000, 20,000 and 37,554 of the AllSides Parquet file:
        # peak and median PSS of the tree, is it flat in the number of articles?
    python bench/speed.py --only full        # the whole AllSides corpus (its own Parquet file)
    python bench/speed.py --only features    # features.analyze alone, one core, 2,000 articles
    python bench/speed.py --only predict --against /tmp/before
        # the reliability and bias models' prediction alone on 256 analysed articles, per tree
    python bench/speed.py --only stages --only startup --against /tmp/before
        # each stage's share of an in-process --jobs 1 run on 500 articles, and start-up
        # (`relscore --help`, `relscore score` on the five samples), for this tree and for
        # /tmp/before (e.g. `git archive <commit> | tar -x -C /tmp/before`), interleaved runs
    python bench/speed.py --only stages --clock cpu --against /tmp/before
        # the stages in CPU seconds of the process: on a machine shared with other jobs, waiting
        # for a core is left out, so the A/B ratios move less with the load; garbage collections
        # are timed apart (gc.callbacks) and taken out of the stage they interrupted

Memory is sampled every 0.2 s over the whole process tree (the command and its
workers) from Linux's /proc (bench/pss.py): the sum of proportional set sizes (PSS:
pages shared by forked workers counted once) and, as an upper bound, the sum of
resident sizes (RSS: shared pages counted in every process). Needs
../shared/data/allsides/articles.parquet.
Inputs and outputs go to a temporary folder, never into the project.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
ALLSIDES = ROOT.parent / "shared" / "data" / "allsides" / "articles.parquet"


def _allsides():
    import pandas as pd

    df = pd.read_parquet(ALLSIDES, columns=["ID", "title", "content_original", "source", "date", "url"])
    return df[df["content_original"].fillna("").str.strip() != ""]


def write_corpus(n: int, path: Path, seed: int = 0) -> None:
    """n AllSides articles as JSON Lines: a seeded sample, or the corpus repeated
    (with new ids) when n is larger than it."""
    df = _allsides()
    if n <= len(df):
        rows = df.sample(n=n, random_state=seed)
    else:
        import pandas as pd

        reps = -(-n // len(df))
        rows = pd.concat([df.assign(ID=df["ID"] + f"-r{r}") for r in range(reps)]).head(n)
    with path.open("w", encoding="utf-8") as f:
        for r in rows.itertuples(index=False):
            f.write(json.dumps({"id": r.ID, "title": r.title, "text": r.content_original,
                                "outlet": r.source, "date": r.date, "url": r.url}) + "\n")


@dataclass
class Run:
    seconds: float
    pss_mib: float  # peak PSS of the tree
    rss_mib: float  # peak of the tree's RSS summed
    cpu_seconds: float = 0.0  # user + system of the command and its workers
    parent_pss_mib: float = 0.0  # peak PSS of the command's own process
    workers_pss_mib: float = 0.0  # peak of the workers' PSS summed
    parent_cpu_seconds: float = 0.0  # user + system of the command's own process (sampled, to 0.2 s)
    pss_median_mib: float = 0.0  # median PSS of the tree over the run's samples
    #: CPU of this process while it watched the run: reading a large process's PSS walks its page
    #: tables in the kernel (several ms a look), on the cores the run uses
    sampling_cpu_seconds: float = 0.0


def _cpu_seconds(pid: int) -> float | None:
    """User + system seconds of one process so far (``/proc/<pid>/stat``), None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after the command name, which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_once(cmd: list[str], tree: Path = ROOT) -> Run:
    """Wall time, CPU time and tree memory (peak and median PSS, sampled every 0.2 s by
    :class:`bench.pss.TreeSampler`) of one command, run with ``tree`` on PYTHONPATH."""
    import resource

    try:
        from bench.pss import TreeSampler
    except ModuleNotFoundError:  # run as a script (`python bench/speed.py`) without this tree on the path
        from pss import TreeSampler

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tree,
                            env={**os.environ, "PYTHONPATH": str(tree)})
    parent_cpu = [0.0]
    done = threading.Event()

    def watch_cpu() -> None:  # the parent's CPU so far: is it the bottleneck, or are the workers?
        while not done.is_set():
            parent_cpu[0] = max(parent_cpu[0], _cpu_seconds(proc.pid) or 0.0)
            done.wait(0.2)

    watcher = threading.Thread(target=watch_cpu, daemon=True)
    watcher.start()
    with TreeSampler(proc.pid) as mem:
        _, err = proc.communicate()
    dt = time.perf_counter() - t0
    done.set()
    watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers are reaped by the command
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own_after = resource.getrusage(resource.RUSAGE_SELF)
    s = mem.samples
    return Run(dt, mem.peak_mib(), max((x.rss_kib for x in s), default=0) / 1024, cpu,
               max((x.root_pss_kib for x in s), default=0) / 1024,
               max((x.pss_kib - x.root_pss_kib for x in s), default=0) / 1024, parent_cpu[0], mem.median_mib(),
               (own_after.ru_utime - own.ru_utime) + (own_after.ru_stime - own.ru_stime))


def score_cmd(corpus: Path, out: Path, jobs: int, limit: int | None = None) -> list[str]:
    return [sys.executable, "-m", "relscore", "score", str(corpus), "--out", str(out),
            "--spans", str(out.with_suffix(".spans.jsonl")), "--jobs", str(jobs), "-q",
            *(["--limit", str(limit)] if limit is not None else [])]


def median_runs(corpus: Path, tmp: Path, jobs: int, runs: int) -> list[Run]:
    return [run_once(score_cmd(corpus, tmp / f"out_{corpus.stem}_{jobs}_{i}.parquet", jobs)) for i in range(runs)]


def _report(label: str, n: int, rs: list[Run]) -> None:
    med = statistics.median(r.seconds for r in rs)
    print(f"{label}: {n:,} articles, median {med:.1f} s over {len(rs)} runs -> {n / med:.0f} articles/s; "
          f"CPU median {statistics.median(r.cpu_seconds for r in rs):.0f} s "
          f"(of it the parent process {statistics.median(r.parent_cpu_seconds for r in rs):.1f} s); "
          f"peak memory median PSS {statistics.median(r.pss_mib for r in rs):.0f} MiB "
          f"(parent {statistics.median(r.parent_pss_mib for r in rs):.0f}, workers "
          f"{statistics.median(r.workers_pss_mib for r in rs):.0f}; "
          f"RSS sum {statistics.median(r.rss_mib for r in rs):.0f} MiB; sampling cost "
          f"{statistics.median(r.sampling_cpu_seconds for r in rs):.1f} CPU s); "
          f"runs: {', '.join(f'{r.seconds:.1f}s' for r in rs)}", flush=True)


def report_memory(trees: dict[str, Path], tmp: Path, sizes: list[int], runs: int, jobs: int) -> None:
    """``relscore score --jobs jobs`` per corpus size and tree, the trees' runs interleaved."""
    for n in sizes:
        corpus = tmp / f"allsides_{n}.jsonl"
        if not corpus.exists():
            write_corpus(n, corpus)
        res: dict[str, list[Run]] = defaultdict(list)
        for i in range(1 if n > 10000 else runs):
            for name, tree in trees.items():
                out = tmp / f"mem_{n}_{i}_{len(res[name])}_{name.replace(' ', '_')}.parquet"
                res[name].append(run_once(score_cmd(corpus, out, jobs), tree))
        for name, rs in res.items():
            _report(f"memory, {name}, --jobs {jobs}, n={n:,}", n, rs)


def report_scale(trees: dict[str, Path], tmp: Path, sizes: list[int], runs: int, jobs: int) -> None:
    """``relscore score <AllSides Parquet> --limit n --jobs jobs`` per size and tree, the trees' runs
    interleaved: is the tree's memory flat in the number of articles? Peak and median PSS of the tree."""
    for n in sizes:
        res: dict[str, list[Run]] = defaultdict(list)
        loads: list[float] = []
        for i in range(1 if n > 10000 else runs):
            for name, tree in trees.items():
                loads.append(os.getloadavg()[0])
                out = tmp / f"scale_{n}_{i}_{name.replace(' ', '_')}.parquet"
                res[name].append(run_once(score_cmd(ALLSIDES, out, jobs, limit=n), tree))
        for name, rs in res.items():
            _report(f"scale, {name}, --jobs {jobs}, --limit {n:,}", n, rs)
            print(f"  median PSS of the tree over the run {statistics.median(r.pss_median_mib for r in rs):.0f} "
                  f"MiB; load average (1 min) at the runs' starts {', '.join(f'{x:.1f}' for x in loads)}",
                  flush=True)


def feature_pass_rate(corpus: Path) -> float:
    """Articles per second of features.analyze alone, in this process (one core)."""
    from features import analyze, style

    rows = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    analyze(rows[0]["text"], rows[0]["title"])  # load lexicons and models once
    # Sentence scores are cached; a rerun over the same corpus would hit that cache.
    style._compound.cache_clear()
    t = time.perf_counter()
    for r in rows:
        analyze(r["text"], r["title"])
    return len(rows) / (time.perf_counter() - t)


#: Stages of a run, in the order they happen: (module, attribute, stage). Each attribute is wrapped
#: with a timer where the engine looks it up, so the stages add up to what the run spends in them;
#: a dotted attribute is a class's method ("LoadedModel.type_rows").
STAGE_HOOKS = (
    ("features.pipeline", "repair_marks", "segment"),
    ("features.insertions", "find_insertions", "insertions"),
    ("features.insertions", "offtopic_paragraphs", "insertions: of it off-topic model"),
    ("features.insertions", "parse", "segment"),
    ("features.pipeline", "extract_hedging", "hedging"),
    ("features.pipeline", "extract_sourcing", "sourcing"),
    ("features.pipeline", "extract_loaded", "loaded"),
    ("features.loaded_model", "LoadedModel.type_rows", "loaded: of it token type rows"),
    ("features.pipeline", "extract_style", "style"),
    ("features.style", "_compound", "style: of it VADER"),
    ("scoring.run.chunks", "assess", "criteria card"),
    ("scoring.run.chunks", "_predict", "model"),
    ("scoring.model.estimator", "pipeline_decision", "model: of it word models"),
    ("scoring.model.estimator", "cluster_decision", "model: of it word models"),
    ("scoring.model.scores", "_lean_columns", "model: of it lean"),
)
#: Parts of a stage above them (timed inside it), left out of the sum of the stages.
SUB_STAGES = ("insertions: of it off-topic model", "loaded: of it token type rows", "style: of it VADER",
              "model: of it word models", "model: of it lean")
#: The garbage collector's own row: a collection runs in whichever stage happens to allocate when a
#: threshold is crossed, so its time is taken out of that stage and counted here.
GC_STAGE = "garbage collection"
STAGES = ("read", "segment", "insertions", "insertions: of it off-topic model", "hedging", "sourcing", "loaded",
          "loaded: of it token type rows", "style", "style: of it VADER", "criteria card", "model",
          "model: of it word models", "model: of it lean", "write", GC_STAGE, "other")


#: The clocks of the stages run: wall time, or the CPU time of the process (all its threads).
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}


class GcTimer:
    """Time spent in garbage collections (``spent``, on ``clock``) while registered in ``gc.callbacks``."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock, self.spent, self._start = clock, 0.0, 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = self.clock()
        else:
            self.spent += self.clock() - self._start

    def __enter__(self) -> "GcTimer":
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        gc.callbacks.remove(self)


def _timed(times: dict[str, float], stage: str, fn: Callable[..., Any],
           clock: Callable[[], float] = time.perf_counter, collections: GcTimer | None = None) -> Callable[..., Any]:
    """``fn`` adding its time to ``times[stage]``, less the collections (``collections``) that ran inside it."""
    collections = collections or GcTimer(clock)  # an unregistered timer: nothing taken out

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t, g = clock(), collections.spent
        try:
            return fn(*args, **kwargs)
        finally:
            times[stage] += clock() - t - (collections.spent - g)
    return wrapper


def hook_target(module: str, name: str) -> tuple[Any, str] | None:
    """(object, attribute) that a ``STAGE_HOOKS`` entry wraps: the module's attribute ``name``, or for a
    dotted ``name`` the attribute of the class it names; None where the imported code lacks it."""
    import importlib

    owner: Any = importlib.import_module(module)
    *path, attr = name.split(".")
    for part in path:
        owner = getattr(owner, part, None)
    return (owner, attr) if owner is not None and hasattr(owner, attr) else None


def stage_probe(corpus: Path, out: Path, model_paths: list[str], clock_name: str = "wall") -> dict[str, float]:
    """Seconds per stage of one in-process ``--jobs 1`` run of the local engine over ``corpus``
    (models and lexicons loaded first and timed apart), plus ``total`` and ``articles``;
    ``clock_name`` is one of CLOCKS."""
    clock = CLOCKS[clock_name]
    import importlib

    import scoring.run.local as local
    from scoring.io.corpus import prepare
    from scoring.run.preload import load_predict

    times: dict[str, float] = defaultdict(float)
    t = clock()
    predict = load_predict(model_paths or None)
    load = clock() - t
    collections = GcTimer(clock)
    for module, name, stage in STAGE_HOOKS:
        target = hook_target(module, name)
        if target is not None:  # a tree of earlier code may lack a stage (the lean model)
            owner, attr = target
            setattr(owner, attr, _timed(times, stage, getattr(owner, attr), clock, collections))
    local.LocalRun._write = _timed(times, "write", local.LocalRun._write, clock, collections)
    reader = _timed(times, "read", lambda it: next(it), clock, collections)
    prepared = local.iter_prepared

    def timed_reader(*args: Any) -> Iterator[Any]:
        it = prepared(*args)
        while True:
            try:
                item = reader(it)
            except StopIteration:
                return
            yield item

    local.iter_prepared = timed_reader
    t = clock()
    with collections:
        res = local.run_local(prepare([corpus]), out, spans=out.with_suffix(".spans.jsonl"), predict=predict,
                              model_paths=model_paths or None, jobs=1)
    total = clock() - t
    times[GC_STAGE] = collections.spent
    inner = sum(v for k, v in times.items() if k not in SUB_STAGES)
    return {**times, "other": total - inner, "total": total, "articles": res.counts.scored, "load": load}


def _probe_in(tree: Path, corpus: Path, out: Path, model_paths: list[str], clock_name: str = "wall") -> dict[str, float]:
    """``stage_probe`` in a fresh interpreter that imports the product from ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--clock", clock_name, "--probe", str(corpus), str(out),
           *model_paths]
    done = subprocess.run(cmd, env=env, cwd=tree, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"stage probe failed in {tree}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def predict_probe(corpus: Path, runs: int = 5) -> dict[str, float]:
    """Milliseconds per article of the reliability and bias models' ``predict_with_explanation`` on the
    analysed articles of ``corpus`` (median of ``runs`` in this process), and a checksum of the scores."""
    import pandas as pd

    from features import analyze
    from features.criteria import CRITERIA, assess
    from scoring.model.files import load_models

    recs = []
    for r in (json.loads(line) for line in corpus.open(encoding="utf-8")):
        a = analyze(r["text"], r["title"])
        card = assess(a, r["title"], r["url"]).values()
        recs.append({**a.features, **{k: card[k] for k in CRITERIA}, "text": a.read, "title": r["title"],
                     "url": r["url"]})
    X = pd.DataFrame(recs)
    models = load_models(None)
    times, total = [], 0.0
    for _ in range(runs):
        t = time.perf_counter()
        out = [models[target].predict_with_explanation(X) for target in ("reliability", "bias")]
        times.append(time.perf_counter() - t)
        total = float(sum(p.sum() + why.to_numpy().sum() for p, why in out))
    return {"ms": 1000 * statistics.median(times) / len(X), "checksum": total}


def report_predict(trees: dict[str, Path], tmp: Path, n: int, runs: int) -> None:
    """``predict_probe`` of each tree in fresh interpreters, interleaved, ``runs`` each."""
    corpus = tmp / f"allsides_{n}.jsonl"
    if not corpus.exists():
        write_corpus(n, corpus)
    res: dict[str, list[dict[str, float]]] = defaultdict(list)
    for _ in range(runs):
        for name, tree in trees.items():
            cmd = [sys.executable, str(Path(__file__).resolve()), "--probe-predict", str(corpus)]
            done = subprocess.run(cmd, env={**os.environ, "PYTHONPATH": str(tree)}, cwd=tree, capture_output=True,
                                  text=True, check=True)
            res[name].append(json.loads(done.stdout.splitlines()[-1]))
    print(f"\nreliability + bias predict_with_explanation on {n:,} analysed AllSides articles, ms/article "
          f"(each process the median of 5; {runs} processes per tree):")
    for name, rs in res.items():
        ms = [r["ms"] for r in rs]
        print(f"  {name}: median {statistics.median(ms):.2f} ({', '.join(f'{m:.2f}' for m in ms)}); "
              f"score checksum {rs[0]['checksum']:.6f}", flush=True)


def _startup_once(tree: Path, argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and minor page faults (the command's and those of the workers it
    reaped: every page a start touches costs system time) of one run."""
    import resource

    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "relscore", *argv], env=env, cwd=tree, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            after.ru_minflt - before.ru_minflt)


def _repacked_models(tree: Path, tmp: Path) -> list[str]:
    """The bundled models re-saved by ``tree``'s own save_model (what a rebuild writes)."""
    paths = [str(tmp / "reliability.skops"), str(tmp / "bias.skops")]
    code = ("import sys; from scoring.model.files import load_model, save_model\n"
            "for p in sys.argv[1:]: save_model(load_model('scoring/models/' + p.rsplit('/', 1)[1]), p)")
    subprocess.run([sys.executable, "-c", code, *paths], env={**os.environ, "PYTHONPATH": str(tree)},
                   cwd=tree, check=True)
    return paths


def _trees(against: str | None) -> dict[str, Path]:
    trees = {"this tree": ROOT}
    if against:
        trees = {"before": Path(against).resolve(), **trees}
    return trees


def _fmt_row(label: str, values: list[str]) -> str:
    return "| " + " | ".join([label, *values]) + " |"


def report_stages(trees: dict[str, Path], tmp: Path, n: int, runs: int, clock_name: str = "wall") -> None:
    """Medians per stage for each tree, runs interleaved so that both see the same machine load."""
    corpus = tmp / f"allsides_{n}.jsonl"
    write_corpus(n, corpus)
    # every tree scores with its own bundled models (reliability, bias and lean), so that the model
    # stage of both trees does the same work
    models: dict[str, list[str]] = {name: [] for name in trees}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for i in range(runs):
        for name, tree in trees.items():
            results[name].append(_probe_in(tree, corpus, tmp / f"stages_{i}.csv", models[name], clock_name))
    med = {name: {k: statistics.median(r.get(k, 0.0) for r in rs) for k in (*STAGES, "total", "load")}
           for name, rs in results.items()}
    names = list(trees)
    print(f"\nstages of an in-process --jobs 1 run on {n:,} AllSides articles, medians of {runs} runs "
          f"({'CPU ' if clock_name == 'cpu' else ''}seconds, share of the run):")
    print(_fmt_row("stage", names + (["before / this tree"] if len(names) == 2 else [])))
    print(_fmt_row("---", ["---:"] * (len(names) + (len(names) == 2))))
    for k in (*STAGES, "total"):
        cells = [f"{med[nm][k]:.2f} s ({100 * med[nm][k] / med[nm]['total']:.0f}%)" for nm in names]
        if len(names) == 2:
            cells.append(f"{med[names[0]][k] / med[names[1]][k]:.2f}x" if med[names[1]][k] > 0 else "-")
        print(_fmt_row(k, cells))
    feat = ("segment", "insertions", "hedging", "sourcing", "loaded", "style")
    per = "articles per CPU second" if clock_name == "cpu" else "articles/s"
    print(_fmt_row(f"{per} end to end (start-up excluded)", [f"{n / med[nm]['total']:.0f}" for nm in names]))
    print(_fmt_row(f"{per} feature pass (segment .. style)",
                   [f"{n / sum(med[nm][k] for k in feat):.0f}" for nm in names]))
    print(_fmt_row("models + lexicons load (s)", [f"{med[nm]['load']:.2f}" for nm in names]), flush=True)


def report_startup(trees: dict[str, Path], tmp: Path, runs: int) -> None:
    """Wall and CPU time of `relscore --help` and of scoring the five samples (the README's demo), medians."""
    repacked = tmp / "repacked_startup"
    repacked.mkdir(exist_ok=True)
    cases = {name: {"relscore --help": ["--help"],
                    "relscore score samples (bundled models)": ["score", "notebooks/data/samples", "--out",
                                                                str(tmp / f"s_{i}.csv")]}
             for i, name in enumerate(trees)}
    cases["this tree"]["relscore score samples (reliability and bias re-saved by save_model, no lean)"] = [
        "score", "notebooks/data/samples", "--out", str(tmp / "s_r.csv"), "--model",
        *_repacked_models(ROOT, repacked)]
    times: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for _ in range(runs):
        for name, tree in trees.items():
            for case, argv in cases[name].items():
                times[(name, case)].append(_startup_once(tree, argv))
    print(f"\nstart-up, medians of {runs} runs, wall seconds, CPU seconds (user + system) and minor page faults "
          f"(workers included):")
    for (name, case), ts in times.items():
        walls, cpus, faults = [w for w, _, _ in ts], [c for _, c, _ in ts], [f for _, _, f in ts]
        print(f"  {name}: {case}: wall {statistics.median(walls):.2f} s ({', '.join(f'{t:.2f}' for t in walls)}); "
              f"CPU {statistics.median(cpus):.2f} s ({', '.join(f'{t:.2f}' for t in cpus)}); "
              f"page faults {statistics.median(faults):,.0f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=("rate", "memory", "scale", "full", "features", "stages", "startup", "predict"),
                    action="append")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--stage-articles", type=int, default=500, help="articles of the stages run (default 500)")
    ap.add_argument("--against", metavar="DIR",
                    help="a tree of the code before, for A/B stages, start-up, memory and the whole corpus")
    ap.add_argument("--clock", choices=tuple(CLOCKS), default="wall",
                    help="what the stages count: wall seconds (default) or CPU seconds of the process")
    ap.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)  # internal: one stage probe, JSON out
    ap.add_argument("--probe-predict", help=argparse.SUPPRESS)  # internal: one predict probe, JSON out
    ap.add_argument("--full-runs", type=int, default=1, help="runs of the whole corpus (default 1)")
    ap.add_argument("--memory-sizes", type=int, nargs="+", default=[5000, 50000], metavar="N",
                    help="corpus sizes of the memory runs (default 5000 50000; above 37,554 the corpus repeats)")
    ap.add_argument("--scale-sizes", type=int, nargs="+", default=[5000, 20000, 37554], metavar="N",
                    help="--limit of the scale runs on the AllSides Parquet file (default 5000 20000 37554)")
    args = ap.parse_args(argv)
    if args.probe:
        corpus, out, *models = args.probe
        print(json.dumps(stage_probe(Path(corpus), Path(out), models, args.clock)))
        return 0
    if args.probe_predict:
        print(json.dumps(predict_probe(Path(args.probe_predict))))
        return 0
    if not ALLSIDES.exists():
        print(f"skipped: {ALLSIDES} not found", file=sys.stderr)
        return 0
    parts = args.only or ["startup", "stages", "features", "rate", "memory", "full"]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"machine: {cores} cores, {os.cpu_count()} CPUs; python {sys.version.split()[0]}", flush=True)
    if args.against:
        print(f"machine load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "startup" in parts:
            report_startup(_trees(args.against), tmp, args.runs)
        if "stages" in parts:
            report_stages(_trees(args.against), tmp, args.stage_articles, args.runs, args.clock)
        if "predict" in parts:
            report_predict(_trees(args.against), tmp, 256, args.runs)
        if "features" in parts:
            corpus = tmp / "allsides_2000.jsonl"
            write_corpus(2000, corpus)
            rates = [feature_pass_rate(corpus) for _ in range(args.runs)]
            print(f"feature pass (features.analyze, one process): median {statistics.median(rates):.0f} "
                  f"articles/s over {args.runs} runs ({', '.join(f'{r:.0f}' for r in rates)})", flush=True)
        if "rate" in parts:
            corpus = tmp / "allsides_5000.jsonl"
            write_corpus(5000, corpus)
            for jobs in (1, 2):
                _report(f"relscore score --jobs {jobs}", 5000, median_runs(corpus, tmp, jobs, args.runs))
        if "memory" in parts:
            report_memory(_trees(args.against), tmp, args.memory_sizes, args.runs, 2)
        if "scale" in parts:
            report_scale(_trees(args.against), tmp, args.scale_sizes, args.runs, 2)
        if "full" in parts:
            import pyarrow.parquet as pq

            n = pq.ParquetFile(ALLSIDES).metadata.num_rows  # every row read; empty ones go to the errors file
            for name, tree in _trees(args.against).items():
                rs = [run_once(score_cmd(ALLSIDES, tmp / f"full_{i}.parquet", cores or 1), tree)
                      for i in range(args.full_runs)]
                _report(f"whole AllSides corpus (its Parquet file), {name}, --jobs {cores}", n, rs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
