"""Benchmark the explorer: a lever change to redrawn charts, measured in the page (Chromium, Playwright).

Run by hand (not part of the tests)::

    python benchmarks/explore.py [--repeat 10]

For each config (Banten alone; all 38 provinces) it opens the page, moves the BPD-credit slider to a
new value ``--repeat`` times and reads the time the page itself measured from sending the request to
having drawn the answer (``document.body.dataset.lastMs``: server round trip, the library's work and the
drawing; the page's 120 ms typing pause is not included). The page then asks for the slow part (both
maximum growth rates and the probability) in a second request; the benchmark waits for it before the
next change, so the two do not queue behind each other.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import threading
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(config: Path, repeat: int, chromium: str) -> list[float]:
    from playwright.sync_api import sync_playwright

    import growth8
    from growth8.explore import Explorer, make_server

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        server = make_server(Explorer.open(config))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    times = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector("#financing tbody tr")
            slider = page.locator('.lever[data-lever="bpd_credit_growth"] input[type=range]')
            for k in range(repeat):
                seen = int(page.evaluate("Number(document.body.dataset.evaluations || 0)"))
                slider.fill(str(10 + k))
                page.wait_for_function(f"Number(document.body.dataset.evaluations || 0) > {seen}", timeout=60000)
                times.append(float(page.evaluate("Number(document.body.dataset.lastMs)")))
                # let the second, slow request (both maxima, the probability) finish before the next change
                page.wait_for_function(f"Number(document.body.dataset.maxima || 0) > {seen}", timeout=60000)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no chromium (apt-get install chromium)")
    for name in ("banten.yaml", "all_provinces.yaml"):
        times = measure(ROOT / "configs" / name, args.repeat, chromium)
        print(
            f"{name}: lever change to redrawn page, median {statistics.median(times):.0f} ms, "
            f"min {min(times):.0f} ms, max {max(times):.0f} ms over {len(times)} changes"
        )


if __name__ == "__main__":
    main()
