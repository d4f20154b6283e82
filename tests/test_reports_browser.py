"""The HTML reports as a reader sees them: opened in headless Chromium (Debian's ``chromium``).

For each ``reports/*.html`` the test loads the page through the DevTools protocol and checks, in the
rendered page, that every image loaded (``naturalWidth > 0``) and has alternative text (not nbconvert's
"No description has been provided" placeholder), that every block of Arabic text (a text
run that is mostly Arabic letters, in an output or a Markdown cell) has computed direction ``rtl``, and
that the page fetched nothing from the network (reports must open offline). It saves a screenshot of each
report to ``reports/screenshots/`` (ignored by git) for a person to look at.

Chromium is installed with apt when it is absent and we are root; the test is skipped, saying why, only
where that is impossible. The DevTools client is ``websocket-client`` (pinned in the lock).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis import config
from analysis.notebooks import NO_ALT_PLACEHOLDER

REPORTS = sorted(config.REPORTS_DIR.glob("*.html"))
SCREENSHOTS = config.REPORTS_DIR / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
    "--window-size=1280,900",
]
#: Arabic letters (basic block and supplement) vs. all letters, per text run: "mostly Arabic" above half.
_PAGE_PROBE = r"""
(() => {
  const isArabic = (c) => /[\u0600-\u06FF\u0750-\u077F]/.test(c);
  const isLetter = (c) => /\p{L}/u.test(c);
  const images = Array.from(document.images).map((img) => ({
    src: img.src.slice(0, 80), complete: img.complete, naturalWidth: img.naturalWidth,
    alt: img.getAttribute('alt'),
  }));
  const blocks = [];
  const scopes = document.querySelectorAll('.jp-OutputArea-output, .jp-RenderedMarkdown, .jp-RenderedHTMLCommon');
  const seen = new Set();
  for (const scope of scopes) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen.has(node)) continue;
      seen.add(node);
      const text = node.nodeValue.trim();
      const letters = Array.from(text).filter(isLetter);
      const arabic = letters.filter(isArabic);
      if (arabic.length < 3 || arabic.length * 2 < letters.length) continue;
      const el = node.parentElement;
      if (el.closest('style, script')) continue;
      blocks.push({
        text: text.slice(0, 60),
        direction: getComputedStyle(el).direction,
        tag: el.tagName,
        inRtlElement: el.closest('[dir="rtl"]') !== null,
      });
    }
  }
  return JSON.stringify({images, blocks});
})()
"""


def _chromium() -> str | None:
    """Path of Chromium, installing Debian's package when absent and possible."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "install", "-y", "-qq", "chromium"], ["apt-get", "update", "-qq"],
                ["apt-get", "install", "-y", "-qq", "chromium"]):
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        if result.returncode == 0 and cmd[1] == "install":
            break
    return shutil.which("chromium")


class DevTools:
    """A minimal Chrome DevTools Protocol client over one page target (flattened session)."""

    def __init__(self, ws_url: str):
        import websocket

        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self._id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def call(self, method: str, session: bool = False, **params) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method: str, **params) -> dict:
        return self.call(method, session=True, **params)

    def wait_for(self, event: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, seen in enumerate(self.events):
                if seen.get("method") == event:
                    return self.events.pop(i)
            self.events.append(json.loads(self.ws.recv()))
        raise TimeoutError(event)

    def close(self) -> None:
        self.ws.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[DevTools]:
    if not REPORTS:
        pytest.skip("no reports/*.html yet: run `make notebooks` first")
    exe = _chromium()
    if exe is None:
        pytest.skip("Chromium is not installed and cannot be installed here (needs root and apt-get)")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    proc = subprocess.Popen(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Chromium did not start (exit code {proc.poll()})")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        client = DevTools(f"ws://127.0.0.1:{port}{path}")
        client.page("Page.enable")
        client.page("Network.enable")
        client.page("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        yield client
        client.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


def _open(client: DevTools, report: Path) -> dict:
    client.events.clear()
    client.page("Page.navigate", url=report.resolve().as_uri())
    client.wait_for("Page.loadEventFired")
    requests = [e["params"]["request"]["url"] for e in client.events if e.get("method") == "Network.requestWillBeSent"]
    result = client.page("Runtime.evaluate", expression=_PAGE_PROBE, returnByValue=True)
    probe = json.loads(result["result"]["value"])
    probe["requests"] = requests
    return probe


def _screenshot(client: DevTools, report: Path) -> Path:
    metrics = client.page("Page.getLayoutMetrics")
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    height = min(int(size["height"]), 16000)
    shot = client.page(
        "Page.captureScreenshot",
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": 1280, "height": height, "scale": 1},
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{report.stem}.png"
    target.write_bytes(base64.b64decode(shot["data"]))
    return target


@pytest.mark.slow
@pytest.mark.parametrize("report", REPORTS, ids=[r.stem for r in REPORTS])
def test_report_renders_figures_and_rtl_arabic(browser: DevTools, report: Path) -> None:
    probe = _open(browser, report)
    shot = _screenshot(browser, report)
    assert shot.stat().st_size > 0

    broken = [img for img in probe["images"] if not (img["complete"] and img["naturalWidth"] > 0)]
    assert not broken, f"{report.name}: images that did not load: {broken}"
    unlabelled = [img["src"] for img in probe["images"] if not (img["alt"] or "").strip() or img["alt"] == NO_ALT_PLACEHOLDER]
    assert not unlabelled, f"{report.name}: images without alternative text: {unlabelled}"

    external = [url for url in probe["requests"] if not url.startswith(("file:", "data:", "about:"))]
    assert not external, f"{report.name}: the report fetches from the network: {external[:5]}"

    assert probe["blocks"], f"{report.name}: no Arabic text found in outputs (probe or report broken?)"
    ltr = [b for b in probe["blocks"] if b["direction"] != "rtl"]
    assert not ltr, f"{report.name}: Arabic blocks laid out left to right: {ltr[:5]}"


@pytest.mark.slow
def test_probe_flags_arabic_without_direction(browser: DevTools, tmp_path: Path) -> None:
    """The check can fail: a page with an Arabic paragraph lacking dir=rtl and a missing image is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><div class="jp-RenderedMarkdown"><p>قالت موسكو إنها مستعدة</p>'
        '<div dir="rtl" lang="ar">قالت واشنطن</div><img src="missing.png"></div></body></html>',
        encoding="utf-8",
    )
    probe = _open(browser, page)
    directions = {b["text"]: b["direction"] for b in probe["blocks"]}
    assert directions == {"قالت موسكو إنها مستعدة": "ltr", "قالت واشنطن": "rtl"}
    assert [img["naturalWidth"] for img in probe["images"]] == [0]
    assert [img["alt"] for img in probe["images"]] == [None]  # the alt check sees a missing alt


#: An article carrying markup, as scraped pages sometimes do: in a report it must read as text.
HOSTILE_ARTICLE = (
    "قالت قوات سوريا الديمقراطية <script>window.__injected = 'script';</script> إنها تقدمت نحو الرقة.\n"
    'وأكد المتحدث <img src="x" onerror="window.__injected = \'img\'"> أن تنظيم الدولة انسحب من القرى.\n'
)


@pytest.mark.slow
def test_corpus_text_with_markup_renders_as_text_in_a_report(browser: DevTools, tmp_path: Path) -> None:
    """An article holding ``<script>`` and ``<img onerror=...>`` goes through the pipeline, the display
    helpers the notebooks use and the report renderer: the page shows the markup as text and runs none."""
    import nbformat

    from analysis import display
    from analysis.kwic import kwic
    from analysis.notebooks import render_html
    from analysis.pipeline import RunOptions, run
    from analysis.tables import read_table

    raw = tmp_path / "raw"
    (raw / "scraped").mkdir(parents=True)
    (raw / "scraped" / "page.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    out = tmp_path / "tables"
    assert run(RunOptions(raw_dir=raw, out_dir=out)).n_documents == 1
    sentences = read_table(out / "sentences.csv")
    lines = kwic("SDF", docs={"scraped/page": HOSTILE_ARTICLE}, window=60)
    outputs = [
        display.rtl_table(sentences[["sentence_id", "text"]], caption="sentences").to_html(),
        display.rtl_kwic(lines, keyword="match", extra=["doc_id"]).to_html(),
        display.rtl_html(HOSTILE_ARTICLE),
    ]
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(...)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "table"}) for html in outputs]
    nb.cells = [cell]
    notebook = tmp_path / "hostile.ipynb"
    nbformat.write(nb, notebook)
    page = render_html(notebook, out_dir=tmp_path)

    probe = _open(browser, page)
    assert probe["blocks"], "the Arabic text is on the page"
    result = browser.page("Runtime.evaluate", returnByValue=True, expression="""JSON.stringify({
        injected: window.__injected === undefined ? null : window.__injected,
        scripts: document.querySelectorAll('.jp-OutputArea-output script').length,
        images: document.querySelectorAll('.jp-OutputArea-output img').length,
        text: Array.from(document.querySelectorAll('.jp-OutputArea-output')).map(e => e.textContent).join(' | '),
    })""")
    seen = json.loads(result["result"]["value"])
    assert seen["injected"] is None, f"corpus markup ran in the report: {seen['injected']}"
    assert seen["scripts"] == 0 and seen["images"] == 0
    assert "<script>window.__injected = 'script';</script>" in seen["text"], "the markup shows as text"
    assert '<img src="x" onerror=' in seen["text"]


#: The x positions, as rendered, of the first occurrence of each probe string in the page's paragraph.
_ORDER_PROBE = r"""
((probes) => {
  const p = document.querySelector('p');
  const text = p.textContent;
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  const at = (needle) => {
    for (const node of nodes) {
      const i = node.nodeValue.indexOf(needle);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(node, i); r.setEnd(node, i + needle.length);
        const box = r.getBoundingClientRect();
        return [box.left, box.right];
      }
    }
    return null;
  };
  return JSON.stringify(Object.fromEntries(probes.map((s) => [s, at(s)])));
})
"""


@pytest.mark.slow
def test_inline_arabic_keeps_its_place_in_english_prose(browser: DevTools, tmp_path: Path) -> None:
    """Findings isolate each Arabic run (``<bdi>``), so a count written after an Arabic name stays after it
    in the English sentence; without isolation the bidi algorithm carries the count into the Arabic run."""
    from analysis.findings import isolate_arabic

    sentence = 'SDF is named "القوات الكردية" 6, "الأكراد" 2 of its 14 mentions.'
    positions = {}
    for name, html_text in (("isolated", isolate_arabic(sentence)), ("plain", sentence)):
        page = tmp_path / f"{name}.html"
        page.write_text(f'<!DOCTYPE html><html><body><p lang="en">{html_text}</p></body></html>', encoding="utf-8")
        browser.events.clear()
        browser.page("Page.navigate", url=page.resolve().as_uri())
        browser.wait_for("Page.loadEventFired")
        result = browser.page("Runtime.evaluate", expression=_ORDER_PROBE + '(["القوات الكردية", " 6,", "الأكراد", " 2 of"])',
                              returnByValue=True)
        positions[name] = json.loads(result["result"]["value"])
    iso = positions["isolated"]
    # reading order left to right in the English sentence: name, its count, the next name, its count
    assert iso["القوات الكردية"][1] <= iso[" 6,"][0] + 1 and iso[" 6,"][1] <= iso["الأكراد"][0] + 1
    assert iso["الأكراد"][1] <= iso[" 2 of"][0] + 1
    plain = positions["plain"]
    assert not (plain["القوات الكردية"][1] <= plain[" 6,"][0] + 1 and plain[" 6,"][1] <= plain["الأكراد"][0] + 1), \
        "without isolation the order should break (the check must be able to fail)"
