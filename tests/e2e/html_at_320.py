"""Lay out an HTML e-mail in Chromium (Qt WebEngine) 320 px wide and report what a reader sees.

Run as a script in its own process (WebEngine must start before any other QApplication):
    python html_at_320.py FILE.html OUT.pdf  ->  JSON on stdout, and the page as a PDF to look at
(a widget grab is blank offscreen: WebEngine composites on the GPU path)
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")

from PySide6.QtCore import QEventLoop, QTimer, QUrl  # noqa: E402
from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

MEASURE = r"""
(() => {
  const vw = window.innerWidth;
  const img = document.querySelector('img');
  const frame = img.parentElement.getBoundingClientRect();
  const r = img.getBoundingClientRect();
  const code = [...document.querySelectorAll('p')].find(p => /^[0-9A-Z]{5}(-[0-9A-Z]{1,5})+$/.test(p.textContent.trim()));
  const words = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const re = /[\uAC00-\uD7A3]+/g;
    let m;
    while ((m = re.exec(node.data)) !== null) {
      if (m[0].length < 2) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(x => Math.round(x.top)));
      words.push({word: m[0], lines: tops.size});
    }
  }
  const codeText = code.textContent.trim();
  const codeLines = [];
  const walker2 = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker2.nextNode()) {
    const node = walker2.currentNode;
    let at = node.data.indexOf(codeText);
    while (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + codeText.length);
      codeLines.push(new Set([...range.getClientRects()].map(x => Math.round(x.top))).size);
      at = node.data.indexOf(codeText, at + 1);
    }
  }
  const lineHeight = parseFloat(getComputedStyle(code).lineHeight) || 20;
  return JSON.stringify({
    viewport: vw,
    scroll_width: document.documentElement.scrollWidth,
    qr: {left: r.left, right: r.right, width: r.width, height: r.height, loaded: img.complete && img.naturalWidth > 0},
    frame: {left: frame.left, right: frame.right},
    code: {text: code.textContent.trim(), height: code.getBoundingClientRect().height, line_height: lineHeight,
           right: code.getBoundingClientRect().right, scroll_width: code.scrollWidth, client_width: code.clientWidth},
    code_lines: codeLines,
    split_words: words.filter(w => w.lines > 1).map(w => w.word),
    korean_words: words.length,
  });
})()
"""


def main(html_path: str, pdf_path: str) -> None:
    app = QApplication(sys.argv[:1])
    view = QWebEngineView()
    view.resize(320, 1400)
    view.show()
    loop = QEventLoop()
    view.loadFinished.connect(lambda _ok: loop.quit())
    view.load(QUrl.fromLocalFile(os.path.abspath(html_path)))
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    result: dict[str, str] = {}

    def got(value: str) -> None:
        result["json"] = value
        loop.quit()

    view.page().runJavaScript(MEASURE, 0, got)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    view.page().pdfPrintingFinished.connect(lambda _path, _ok: loop.quit())
    view.page().printToPdf(pdf_path)
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
    print(result.get("json", "{}"))
    del app


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
