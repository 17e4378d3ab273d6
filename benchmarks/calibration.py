"""How often openaudit agrees with the experts: the calibration set, every rubric.

Runs the calibration harness of ../shared/calibration (real models with expert
ratings from the Model Openness Tool and the European Open Source AI Index,
replayed through a fake Hub to the real Hub client) and prints, side by side:

- the default rubric's agreement per source and layer (`run_eval.py`);
- `-r mof` on the MOF rows and `-r eosai` on the EOSAI rows, five layers mapped
  as the calibration README says;
- the MOF class and components and the EOSAI dimensions (`framework_eval.py`);
- `--strict` (stated answers only) for the default rubric;
- `crude.py`, the 40-line floor, on the same ratings.

Run from the repo root with openaudit installed (`pip install -e .`):

    python benchmarks/calibration.py [--calibration ../shared/calibration] [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# --no-cache: every run reads the replayed Hub afresh, never evidence cached by an older build
OPENAUDIT = f"{sys.executable} -m openaudit --no-cache"
RUNS = {
    # name: (command, only source)
    "default": (f"{OPENAUDIT} {{ref}} -r openaudit -r mof -r eosai --format json", None),
    "strict": (f"{OPENAUDIT} {{ref}} --strict --format json", None),
    "mof": (f"{OPENAUDIT} {{ref}} -r mof --format json", "mof"),
    "eosai": (f"{OPENAUDIT} {{ref}} -r eosai --format json", "eosai"),
    "crude": ("python3 {crude} {ref}", None),
}
LAYER_LINE = re.compile(r"^(weights|code|data|documentation|usage_limits|ALL)\s+(\d+)\s+([\d.]+)")


def run_eval(cal: Path, out: Path, cmd: str, source: str | None) -> str:
    """One run_eval.py run; its report text."""
    args = [sys.executable, str(cal / "run_eval.py"), "--cmd", cmd, "--out", str(out)]
    args += ["--only-source", source] if source else []
    done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"run_eval.py failed: {done.stderr.strip().splitlines()[-1:]}")
    return done.stdout


def sections(report: str) -> dict[str, dict[str, tuple[int, float]]]:
    """{source: {layer: (n, exact %)}} from a run_eval report."""
    found: dict[str, dict[str, tuple[int, float]]] = {}
    current = ""
    for line in report.splitlines():
        if line.startswith("== "):
            current = "overall" if "overall" in line else line.split()[2].rstrip(":")
            found[current] = {}
        elif current and (match := LAYER_LINE.match(line)):
            found[current][match.group(1)] = (int(match.group(2)), float(match.group(3)))
    return found


Reports = dict[str, dict[str, dict[str, tuple[int, float]]]]


def table(title: str, runs: Reports, source: str, names: list[str]) -> None:
    """Exact agreement per layer, one column per run, for one source."""
    layers = ["weights", "code", "data", "documentation", "usage_limits", "ALL"]
    print(f"\n{title}")
    print(f"{'layer':15}" + "".join(f"{name:>14}" for name in names))
    for layer in layers:
        cells = []
        for name in names:
            n, pct = runs[name][source].get(layer, (0, 0.0))
            cells.append(f"{pct:6.1f}% (n={n:>2})" if n else f"{'-':>14}")
        print(f"{layer:15}" + "".join(f"{cell:>14}" for cell in cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibration", type=Path, default=ROOT.parent / "shared" / "calibration")
    parser.add_argument("--keep", type=Path, help="keep run_eval outputs in this folder")
    args = parser.parse_args()
    cal = args.calibration.resolve()
    if not (cal / "run_eval.py").is_file():
        raise SystemExit(f"no calibration set at {cal}")
    if importlib.util.find_spec("openaudit") is None:
        # every model would fail and score 0 %, which reads as a verdict, not a setup error
        raise SystemExit(f"openaudit is not installed for {sys.executable}: pip install -e .")
    work = args.keep or Path(tempfile.mkdtemp(prefix="openaudit-calibration-"))
    reports: Reports = {}
    for name, (cmd, source) in RUNS.items():
        text = run_eval(cal, work / name, cmd.replace("{crude}", str(cal / "crude.py")), source)
        reports[name] = sections(text)
    title = "All rows: default rubric vs experts (exact %), with --strict and crude.py"
    table(title, reports, "overall", ["default", "strict", "crude"])
    for source in ("mof", "eosai"):
        title = f"Rows rated by {source}: default rubric, -r {source}, crude.py"
        table(title, reports, source, ["default", "strict", source, "crude"])
    fw = subprocess.run(
        [sys.executable, str(cal / "framework_eval.py"), str(work / "default")],
        capture_output=True,
        text=True,
        check=False,
    )
    print("\nFramework fidelity (framework_eval.py on the default run's -r mof -r eosai)")
    print(fw.stdout.rstrip())
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
