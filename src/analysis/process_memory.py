"""Memory and CPU time of a process tree as the benchmark reports them: the pipeline's parent, its pool or
Dask workers and their children, sampled while it runs."""

from __future__ import annotations

import threading


class RssSampler:
    """Peak memory of this process plus all its descendants, sampled in a background thread.

    ``ru_maxrss`` would miss the pool's workers (children report only the largest one, and only once
    they have exited); sampling the process tree every ``interval`` seconds sees their sum. Two sums: the
    resident set (RSS), which counts a page shared by the forked workers once in every process, and the
    proportional set (PSS, Linux), which divides a shared page among the processes sharing it, so that the
    sum is the memory the tree really holds. Without PSS (another system) ``peak_pss_mb`` is None.

    ``root_cpu_s`` is the CPU time (user + system) of the root process alone at the last sample, the part
    of a parallel run that no worker shares: on a machine whose cores are busy with other jobs, wall-clock
    speedups say little, and the root's share of the tree's CPU time says how far workers could go.

    ``tree_cpu_s`` is the CPU time of every process of the tree, each as last sampled: where the kernel's
    count of waited-for children is not available (no ``resource`` module, on Windows), it stands for the
    tree's CPU time, short by what each process spent after its last sample (at most ``interval``).
    """

    def __init__(self, interval: float = 0.05, pid: int | None = None):
        import psutil

        self._psutil = psutil
        self.pid = pid  # None: this process
        self.interval = interval
        self.peak_bytes = 0
        self.peak_pss_bytes: int | None = 0
        self.root_cpu_s = 0.0
        self._cpu_by_process: dict[tuple[int, float], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    def sample(self) -> int:
        """The tree's RSS sum now (and its PSS sum kept as a peak)."""
        try:
            me = self._psutil.Process(self.pid)
            tree = [me, *me.children(recursive=True)]
            times = me.cpu_times()
            self.root_cpu_s = max(self.root_cpu_s, times.user + times.system)
        except (self._psutil.NoSuchProcess, self._psutil.ZombieProcess):
            return 0
        total = 0
        pss: int | None = 0
        for proc in tree:
            try:
                cpu = proc.cpu_times()
                key = (proc.pid, proc.create_time())
                self._cpu_by_process[key] = max(self._cpu_by_process.get(key, 0.0), cpu.user + cpu.system)
                total += proc.memory_info().rss
                if pss is not None and self.peak_pss_bytes is not None:
                    full = proc.memory_full_info()
                    pss = pss + full.pss if hasattr(full, "pss") else None
            except (self._psutil.NoSuchProcess, self._psutil.AccessDenied):
                pass
        if pss is None or self.peak_pss_bytes is None:
            self.peak_pss_bytes = None
        else:
            self.peak_pss_bytes = max(self.peak_pss_bytes, pss)
        return total

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, self.sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> "RssSampler":
        self.peak_bytes = self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak_bytes = max(self.peak_bytes, self.sample())

    @property
    def tree_cpu_s(self) -> float:
        """CPU time (user + system) of every process seen in the tree, each at its last sample."""
        return sum(self._cpu_by_process.values())

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / 1e6

    @property
    def peak_pss_mb(self) -> float | None:
        return None if self.peak_pss_bytes is None else self.peak_pss_bytes / 1e6
