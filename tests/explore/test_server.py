"""The explorer's server: the same numbers and the same messages as the library, and it never falls over."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import yaml

import growth8
from helpers import CONFIGS


def call(url: str, path: str, body: Any | None = None) -> tuple[int, bytes, str]:
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    request = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as res:
            return res.status, res.read(), res.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers.get("Content-Type", "")


def test_page_and_assets_are_served_from_the_package(explorer_url: str) -> None:
    status, page, kind = call(explorer_url, "/")
    assert status == 200 and kind.startswith("text/html")
    assert b"https://" not in page and b"http://" not in page  # no CDN: works offline
    for name in ("app.js", "style.css"):
        status, body, _ = call(explorer_url, f"/static/{name}")
        assert status == 200 and body and b"https://" not in body
    assert call(explorer_url, "/static/../session.py")[0] == 404


def test_state_has_every_lever_with_its_baseline_and_the_words_in_both_languages(explorer_url: str) -> None:
    _, body, _ = call(explorer_url, "/api/state?lang=id")
    state = json.loads(body)
    assert [p["code"] for p in state["provinces"]] == [36, 17]
    names = [lever["name"] for lever in state["levers"]]
    assert "bpd_credit_growth" in names and "public_investment_efficiency" in names and "target_year" in names
    banten = state["provinces"][0]["values"]
    assert banten["target_growth"] == 0.08 and banten["target_year"] == 2029
    assert state["words"]["source.own_bpd"] == "BPD sendiri"
    english = json.loads(call(explorer_url, "/api/state?lang=en")[1])
    assert english["words"]["source.own_bpd"] == "own BPD"


def test_evaluate_equals_the_library_on_the_same_scenario_file(explorer_url: str, tmp_path: Path, panel) -> None:
    settings = {
        "province": 36,
        "values": {"bpd_credit_growth": 0.3, "public_investment_extra_share": 0.02},
        "lang": "en",
    }
    status, body, _ = call(explorer_url, "/api/evaluate", settings)
    assert status == 200
    page = json.loads(body)
    _, text, _ = call(explorer_url, "/api/scenario", settings)
    path = tmp_path / "explore.yaml"
    path.write_bytes(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        result = growth8.solve_target(path, panel=panel)
    i, j = result.setup.scenarios.index("explore"), result.setup.provinces.index(36)
    np.testing.assert_allclose(page["growth"][1:], result.projection.output.growth[i, j, 0, 1:], rtol=0, atol=0)
    fin = result.financing_table()
    rows = fin[(fin["scenario"] == "explore") & (fin["province_code"] == 36) & (fin["year"] == 2029)]
    np.testing.assert_allclose([r["financed_tn"] for r in page["financing"]], rows["financed_rp_bn"] / 1000, rtol=1e-12)
    # the public lever moved growth above the baseline
    assert page["growth"][2] > page["growth_baseline"][2]


def test_saved_scenario_extends_the_config_with_only_the_changed_keys_and_validates(
    explorer_url: str, tmp_path: Path
) -> None:
    settings = {"province": "bengkulu", "values": {"tfp_growth": 0.02, "bpd_credit_growth": 0.0649}}
    status, text, kind = call(explorer_url, "/api/scenario", settings)
    assert status == 200 and "yaml" in kind
    doc = yaml.safe_load(text)
    assert doc["extends"] == str((CONFIGS / "default.yaml").resolve())
    assert "provinces" not in doc  # the saved file keeps the config's provinces
    # bpd_credit_growth 0.0649 is Bengkulu's baseline value: not written
    assert doc["scenarios"]["explore"]["parameters"] == {"tfp_growth": {"bengkulu": 0.02}}
    path = tmp_path / "saved.yaml"
    path.write_bytes(text)
    done = subprocess.run([sys.executable, "-m", "growth8", "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_bad_values_get_the_yaml_messages_next_to_their_field(explorer_url: str) -> None:
    status, body, _ = call(explorer_url, "/api/evaluate", {"province": 36, "values": {"bpd_credit_growth": 9}})
    assert status == 400
    problem = json.loads(body)["problems"][0]
    assert problem["key"] == "scenarios.explore.parameters.bpd_credit_growth"
    assert "outside the allowed range [-0.5, 2]" in problem["message"] and "did you mean 0.09?" in problem["message"]
    assert "/tmp" not in problem["message"]
    for bad, text in (
        ({"province": 36, "values": {"kappa": 1}}, "kappa is not an explorer lever"),
        ({"province": 36, "values": {"tfp_growth": "fast"}}, "must be a number"),
        ({"province": 99, "values": {}}, "not in this config"),
    ):
        status, body, _ = call(explorer_url, "/api/evaluate", bad)
        assert status == 400 and text in body.decode(), body


def test_the_server_survives_garbage(explorer_url: str) -> None:
    assert call(explorer_url, "/api/evaluate", b"{not json")[0] == 400
    assert call(explorer_url, "/api/evaluate", b"[1, 2]")[0] == 400
    assert call(explorer_url, "/api/nothing", {})[0] == 404
    assert call(explorer_url, "/api/state?lang=xx")[0] == 200  # an unknown language falls back to English
    assert call(explorer_url, "/")[0] == 200  # still serving


def test_report_download_is_a_pdf(explorer_url: str) -> None:
    status, body, kind = call(explorer_url, "/api/report", {"province": 36, "values": {"bpd_credit_growth": 0.25}})
    assert status == 200 and kind == "application/pdf" and body.startswith(b"%PDF")


def test_explore_binds_to_loopback_by_default() -> None:
    from growth8.explore import Explorer, make_server

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", growth8.Growth8Warning)
        server = make_server(Explorer.open(CONFIGS / "banten.yaml"))
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
