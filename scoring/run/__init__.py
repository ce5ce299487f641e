"""Running a scoring job over a corpus: the per-chunk work every engine shares
(:mod:`~scoring.run.chunks`), the local process-pool engine
(:mod:`~scoring.run.local`, its crash-surviving pool in :mod:`~scoring.run.workers`),
the Dask engine (:mod:`~scoring.run.dask_engine`), resume points
(:mod:`~scoring.run.resume`), what is loaded before workers fork
(:mod:`~scoring.run.preload`) and the row count behind a progress bar
(:mod:`~scoring.run.progress`).

The public entries take plain values, return what they did
(:class:`RunResult`, :class:`DaskResult`), report progress through a callback
and raise :class:`RunError` when a run cannot be done as asked (:class:`OutputError`
when one of its files cannot be written).
"""
from scoring.run.chunks import PredictFn
from scoring.run.dask_engine import PARTITION_ROWS, DaskResult, require_dask, run_dask
from scoring.run.errors import OutputError, RunError
from scoring.run.local import BATCH_SIZE, Counts, LocalRun, Prepared, ProgressFn, RunResult, run_local
from scoring.run.preload import load_predict
from scoring.run.progress import count_rows
from scoring.run.resume import ResumeError

__all__ = ["BATCH_SIZE", "PARTITION_ROWS", "Counts", "DaskResult", "LocalRun", "OutputError", "PredictFn", "Prepared",
           "ProgressFn", "ResumeError", "RunError", "RunResult", "count_rows", "load_predict", "require_dask",
           "run_dask", "run_local"]
