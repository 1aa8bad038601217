"""The explorer page in a real browser: Debian's chromium driven by Playwright (marked ``browser``).

Skipped where Playwright or chromium is missing; CI (.ci/run) installs both and runs these.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = os.environ.get("GROWTH8_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("GROWTH8_REQUIRE_BROWSER"):  # CI sets it: there a missing browser is a failure
        pytest.fail("GROWTH8_REQUIRE_BROWSER is set but no chromium was found", pytrace=False)
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def page(explorer_url: str) -> Iterator[Any]:
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 1000})
        tab = context.new_page()
        tab.goto(explorer_url + "/")
        tab.wait_for_selector("#financing tbody tr")
        yield tab
        browser.close()


def evaluations(tab: Any) -> int:
    return int(tab.evaluate("Number(document.body.dataset.evaluations || 0)"))


def test_page_loads_in_indonesian_with_charts_and_the_financing_table(page: Any) -> None:
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.locator("#financing tbody tr").count() == 5
    assert page.locator('#financing tr[data-source="own_bpd"] td').first.inner_text() == "BPD sendiri"
    assert page.locator("#chart-growth polyline").count() == 3
    assert page.locator("#chart-investment polyline").count() == 2


def test_moving_a_slider_changes_the_chart_and_the_table(page: Any) -> None:
    before_chart = page.locator('#chart-growth polyline[data-series="0"]').get_attribute("points")
    before_rest = page.locator('#financing tr[data-source="not_financed"]').inner_text()
    seen = evaluations(page)
    slider = page.locator('.lever[data-lever="public_investment_extra_share"] input[type=range]')
    slider.fill("5")  # 5% of GRDP more public capital spending
    page.wait_for_function(f"Number(document.body.dataset.evaluations || 0) > {seen}", timeout=30000)
    after_chart = page.locator('#chart-growth polyline[data-series="0"]').get_attribute("points")
    assert after_chart != before_chart
    # more public investment changes the gap, so what is left unfinanced
    assert page.locator('#financing tr[data-source="not_financed"]').inner_text() != before_rest


def test_a_bad_value_is_shown_next_to_its_field(page: Any) -> None:
    box = page.locator('.lever[data-lever="tfp_growth"] input[type=number]')
    box.fill("90")  # 90% a year: outside the allowed range
    box.dispatch_event("change")
    error = page.locator('.lever[data-lever="tfp_growth"] .error')
    error.wait_for(state="visible", timeout=30000)
    page.wait_for_function(
        "document.querySelector('.lever[data-lever=\"tfp_growth\"] .error').textContent.length > 0", timeout=30000
    )
    assert "tfp_growth" in error.inner_text()
    box.fill("1.5")
    box.dispatch_event("change")
    page.wait_for_function(
        "document.querySelector('.lever[data-lever=\"tfp_growth\"] .error').textContent.length === 0", timeout=30000
    )


def test_save_downloads_a_yaml_that_validates(page: Any, tmp_path: Path) -> None:
    with page.expect_download() as info:
        page.locator("#save").click()
    path = tmp_path / "explore.yaml"
    info.value.save_as(path)
    text = path.read_text()
    assert "public_investment_extra_share" in text and "extends:" in text
    done = subprocess.run([sys.executable, "-m", "growth8", "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_switching_to_english(page: Any) -> None:
    seen = evaluations(page)
    page.locator("#lang").select_option("en")
    page.wait_for_function(f"Number(document.body.dataset.evaluations || 0) > {seen}", timeout=30000)
    assert page.locator("html").get_attribute("lang") == "en"
    page.wait_for_function(
        "document.querySelector('#financing tr[data-source=\"own_bpd\"] td').textContent === 'Own BPD'", timeout=30000
    )
    assert page.locator('[data-word="explore.page.save"]').inner_text() == "Save scenario (YAML)"
