"""The gallery renders every chart, the factsheet and the pack with no network at all, and every image reads:
each label inside its image and clear of the others (measured in Chromium)."""

import json
import re
import shutil
import subprocess
import sys

import pytest

from icc.paths import ROOT

pytestmark = pytest.mark.integration


def no_network(command: list[str]) -> list[str]:
    """The command in a network namespace with only loopback: any outside fetch fails at once."""
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.fail("unshare and ip are needed to prove the gallery works offline (util-linux, iproute2)")
    return ["unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"", *command]


@pytest.mark.timeout(900)  # a busy machine may take minutes; the test waits for the command to finish
@pytest.mark.parametrize(("dataset", "language"), [("demo", "fr"), ("published", "en")])
def test_the_gallery_renders_offline_and_every_image_reads(tmp_path, dataset, language):
    out = tmp_path / "gallery"
    done = subprocess.run(no_network([sys.executable, "-m", "icc", "gallery", "--out", str(out), "--dataset", dataset,
                                      "--lang", language]), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert [(item["name"], item["problems"]) for item in report if item["problems"]] == []
    images = {name for item in report for name in item["files"] if name.endswith(".svg")}
    expected = {"overview-growth-chart.svg", "map-membership.svg", "map-score.svg", "city.svg"}
    if dataset == "demo":
        expected |= {"compare-overlay.svg", "compare-multiples.svg", "compare-h2h-head-to-head-radar.svg",
                     "compare-h2h-head-to-head-areas.svg", "areas-areas-at-a-glance-2019.svg", "areas-heatmap.svg",
                     "trends-trajectories.svg", "visit-slide-4.svg", "visit-slide-5.svg"}
    assert expected <= images
    for name in ("factsheet.pdf", "visit.pdf", "visit.html", "index.html"):
        assert (out / name).stat().st_size > 1000, name
    assert len(re.findall(rb"/Type\s*/Page[^s]", (out / "factsheet.pdf").read_bytes())) == 1  # one A4 page
    sheet = (out / "index.html").read_text(encoding="utf-8")
    assert sheet.count("<figure>") == len(report) and "every label inside the image" in sheet
