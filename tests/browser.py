#!/usr/bin/python3
"""browser.py: the site in a real browser (Debian's headless Chromium,
driven by chromedriver through python3-selenium).

    browser.py SITE_DIR SHOT_DIR [HOSTILE_SITE_DIR [SITE_DIR...]]

Opens every page from disk (file://) and fails on any console error;
checks that the filter box appears, narrows the client list to what is
typed and shows "no match" for nonsense; saves screenshots of the index
and a client page at desktop and phone widths, light and dark, into
SHOT_DIR.  With HOSTILE_SITE_DIR (tests/site/hostile built), types names
with accents and other cases into its filter, which must find them, and
an owner's full name.

Runs axe-core (installed by `.ci/install-deps test` into
build/axe/node_modules/axe-core/axe.min.js, or $AXE_JS) on every page of
every site given, at 390 and 1280 px, light and dark, with the WCAG
2.0/2.1 A and AA rules and best practice, and fails on any violation,
naming the rule, the page, the width and scheme and the element.  The
sites must hold every kind of page between them.  Without axe-core it
fails: it is never skipped.
Ends with "browser: N passed, N failed, 0 skipped".
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

src = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
axe_js = os.environ.get("AXE_JS") or os.path.join(
    src, "build", "axe", "node_modules", "axe-core", "axe.min.js")
site = os.path.abspath(sys.argv[1])
shots = os.path.abspath(sys.argv[2])
hostile = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
more = [os.path.abspath(a) for a in sys.argv[4:]]
os.makedirs(shots, exist_ok=True)
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL", what)


opts = webdriver.ChromeOptions()
opts.binary_location = "/usr/bin/chromium"
for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
          "--disable-dev-shm-usage", "--hide-scrollbars",
          "--allow-file-access-from-files"):
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                          options=opts)
try:
    def url(rel):
        return "file://" + os.path.join(site, rel)

    def errors():
        return [e for e in driver.get_log("browser")
                if e["level"] in ("SEVERE", "WARNING")]

    pages = []
    for root, _, files in os.walk(site):
        pages += [os.path.relpath(os.path.join(root, f), site)
                  for f in files if f.endswith(".html")]
    driver.set_window_size(1280, 900)
    for rel in sorted(pages):
        driver.get(url(rel))
        errs = errors()
        check(not errs, "console messages on %s: %r" % (rel, errs))

    # The filter box narrows the list.
    driver.get(url("index.html"))
    rows = driver.find_elements(By.CSS_SELECTOR, "table.clients tbody tr")
    box = driver.find_element(By.ID, "filter")
    check(box.is_displayed(), "the filter box is visible with JavaScript")
    shown = [r for r in rows if r.is_displayed()]
    check(len(rows) > 1 and len(shown) == len(rows),
          "all %d clients listed before filtering" % len(rows))
    first = rows[0].find_element(By.CSS_SELECTOR, "td a").text
    word = first.split()[0].lower()
    box.send_keys(word)
    shown = [r for r in rows if r.is_displayed()]
    check(0 < len(shown) < len(rows),
          "typing %r narrows %d rows to %d" % (word, len(rows), len(shown)))
    check(all(word in r.get_attribute("data-search") for r in shown),
          "every row left matches %r" % word)
    box.clear()
    box.send_keys("zzzz-no-such-client")
    shown = [r for r in rows if r.is_displayed()]
    check(len(shown) == 0, "nonsense hides every row")
    check(driver.find_element(By.ID, "nomatch").is_displayed(),
          "'no match' shows")
    box.clear()
    box.send_keys(" ")
    check(len([r for r in rows if r.is_displayed()]) == len(rows),
          "clearing the box shows every row again")
    check(not errors(), "no console messages while filtering")

    # The filter folds case and accents alike on both sides, for any
    # script, and knows owners' names.
    if hostile is not None:
        driver.get("file://" + os.path.join(hostile, "index.html"))
        rows = driver.find_elements(By.CSS_SELECTOR,
                                    "table.clients tbody tr")
        box = driver.find_element(By.ID, "filter")
        for word in ("Émile", "émile", "EMILE", "öztürk", "OZTURK", "über",
                     "Überregional", "cafe", "('owner')"):
            box.clear()
            box.send_keys(word)
            shown = [r for r in rows if r.is_displayed()]
            want = 2 if word == "('owner')" else 1
            check(len(shown) >= want and len(shown) < len(rows) + (
                want == 2), "typing %r shows %d of %d rows" % (
                word, len(shown), len(rows)))
        box.clear()

    # Screenshots: desktop and phone, light and dark, the index, the
    # first client, the agenda and the latest hours page.
    client = sorted(p for p in pages if p.startswith("clients/"))[0]
    hours = sorted(p for p in pages if p.startswith("hours/"))[-1]
    for name, (w, h), scheme in (
            ("desktop", (1280, 900), "light"), ("phone", (390, 844), "light"),
            ("desktop-dark", (1280, 900), "dark"),
            ("phone-dark", (390, 844), "dark")):
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]})
        for rel in ("index.html", client, "agenda.html", hours):
            driver.set_window_size(w, h)
            driver.get(url(rel))
            height = driver.execute_script(
                "return document.documentElement.scrollHeight")
            driver.set_window_size(w, min(max(height, h), 6000))
            out = os.path.join(shots, "%s-%s.png" % (
                os.path.splitext(os.path.basename(rel))[0], name))
            driver.save_screenshot(out)
            check(os.path.getsize(out) > 10000, "screenshot %s" % out)
            # Nothing may stick out sideways on a phone.
            wide = driver.execute_script(
                "return document.documentElement.scrollWidth")
            check(wide <= w + 1, "%s at %dpx is %dpx wide" % (rel, w, wide))

    # Accessibility: axe-core on every page, phone and desktop, light and
    # dark.  The sites must hold every kind of page and client page
    # between them (the example's clients all have entries and no git
    # history; tests/site.sh adds a committed client without entries).
    sites = [(site, sorted(pages))]
    for other in ([hostile] if hostile else []) + more:
        op = []
        for root, _, files in os.walk(other):
            op += [os.path.relpath(os.path.join(root, f), other)
                   for f in files if f.endswith(".html")]
        check(op, "pages in %s" % other)
        sites.append((other, sorted(op)))

    def having(prefix, text=""):
        found = []
        for base, rels in sites:
            for rel in rels:
                with open(os.path.join(base, rel), encoding="utf-8") as f:
                    if rel.startswith(prefix) and text in f.read():
                        found.append(rel)
        return found

    for kind, found in (
            ("the index", having("index.html")),
            ("the agenda", having("agenda.html")),
            ("an owner's page", having("owners/")),
            ("an hours page", having("hours/")),
            ("a report page", having("share/")),
            ("a client page, health red",
             having("clients/", 'class="health red"')),
            ("a client page, over budget",
             having("clients/", 'class="budget warn over"')),
            ("a client page without entries",
             having("clients/", 'class="empty">No entries yet')),
            ("reply times on the index", having("index.html",
                                                'class="replies"')),
            ("reply times on an owner's page", having("owners/",
                                                      'class="replies"')),
            ("a client page with its file's history",
             having("clients/", 'class="history"'))):
        check(found, "axe checks %s" % kind)
    try:
        with open(axe_js, encoding="utf-8") as f:
            axe = f.read()
    except OSError as e:
        axe = None
        check(False, "axe-core: %s (sh .ci/install-deps test installs it)"
              % e)
    runs = 0
    for scheme in ("light", "dark") if axe else ():
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]})
        for w, h in ((390, 844), (1280, 900)):
            driver.set_window_size(w, h)
            for base, rels in sites:
                for rel in rels:
                    where = "%s%s at %dpx, %s" % (
                        "" if base == site else "hostile site's "
                        if base == hostile else base + "/", rel, w, scheme)
                    driver.get("file://" + os.path.join(base, rel))
                    dark = driver.execute_script(
                        "return matchMedia('(prefers-color-scheme: dark)')"
                        ".matches")
                    check(dark == (scheme == "dark"),
                          "the scheme of %s" % where)
                    driver.execute_script(axe)
                    res = driver.execute_async_script("""
                        var done = arguments[arguments.length - 1];
                        axe.run(document, {runOnly: {type: 'tag', values:
                            ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                             'best-practice']}, resultTypes: ['violations']})
                          .then(function (r) { done({v: r.violations.map(
                              function (v) { return {id: v.id,
                                impact: v.impact, nodes: v.nodes.map(
                                  function (n) { return {target: n.target,
                                    why: n.failureSummary}; })}; }),
                              n: r.passes.length}); },
                                function (e) { done({error: String(e)}); });
                    """)
                    runs += 1
                    if "error" in res:
                        check(False, "axe on %s: %s" % (where, res["error"]))
                        continue
                    check(res["n"] > 0, "axe ran its rules on %s" % where)
                    for v in res["v"]:
                        for n in v["nodes"]:
                            check(False, "axe %s (%s) on %s: %s\n    %s" % (
                                v["id"], v["impact"], where,
                                " ".join(map(str, n["target"])),
                                (n["why"] or "").replace("\n", "\n    ")))
                    if not res["v"]:
                        check(True, "")
    print("axe-core: %d runs (page x width x scheme)" % runs)
finally:
    driver.quit()

print("browser: %d passed, %d failed, 0 skipped" % (passed, failed))
sys.exit(1 if failed else 0)
