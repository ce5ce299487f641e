"""The process-tree PSS sampler of bench/pss.py, on a child process that forks a grandchild
sharing 64 MiB with it."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.pss import TreeSampler, descendants, rollup_kib, sample_tree

pytestmark = pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(),
                                reason="needs Linux's /proc/<pid>/smaps_rollup")

MIB = 1024  # KiB
#: Holds 64 MiB of its own, forks a child that shares them, prints the child's id, then waits.
PARENT = """
import os, sys, time
block = b"x" * (64 << 20)
pid = os.fork()
if pid == 0:
    time.sleep(60)
    os._exit(0)
print(pid, flush=True)
sys.stdin.read()
os.kill(pid, 9)
os.waitpid(pid, 0)
"""


@pytest.fixture
def tree():
    proc = subprocess.Popen([sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    child = int(proc.stdout.readline())
    yield proc, child
    proc.stdin.close()
    proc.wait(timeout=30)


def test_the_tree_is_the_process_and_its_forked_child(tree):
    proc, child = tree
    assert descendants(proc.pid) == [child]
    assert descendants(child) == []


def test_pages_shared_after_a_fork_count_once_in_the_pss_and_twice_in_the_rss(tree):
    proc, child = tree
    s = sample_tree(proc.pid)
    assert s.processes == 2
    assert s.rss_kib >= 2 * 64 * MIB  # the block resident in both
    assert s.pss_kib >= 64 * MIB  # the block counted once in all
    assert s.rss_kib - s.pss_kib >= 60 * MIB  # ... and not twice
    # the parent's own share: half the block, not all of it
    assert 32 * MIB <= s.root_pss_kib < 64 * MIB
    # the child's share read again a moment later: the tree's PSS is the two shares summed, to
    # within the few KiB by which shared libraries' pages move while other processes map them
    own_child = rollup_kib(child)
    assert own_child is not None and abs(own_child[0] + s.root_pss_kib - s.pss_kib) <= MIB


def test_the_sampler_keeps_its_looks_until_stopped_and_nothing_of_a_process_gone(tree):
    proc, _ = tree
    with TreeSampler(proc.pid, interval=0.05) as sampler:
        while len(sampler.samples) < 3:
            time.sleep(0.01)
    n = len(sampler.samples)
    assert sampler.peak_mib() >= 64 and 64 <= sampler.median_mib() <= sampler.peak_mib()
    proc.stdin.close()
    proc.wait(timeout=30)
    assert rollup_kib(proc.pid) is None and sample_tree(proc.pid).processes == 0
    assert len(sampler.samples) == n  # stopped: no more looks
