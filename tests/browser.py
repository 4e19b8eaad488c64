#!/usr/bin/python3
"""browser.py: the site in a real browser (Debian's headless Chromium,
driven by chromedriver through python3-selenium).

    browser.py SITE_DIR SHOT_DIR [HOSTILE_SITE_DIR]

Opens every page from disk (file://) and fails on any console error;
checks that the filter box appears, narrows the client list to what is
typed and shows "no match" for nonsense; saves screenshots of the index
and a client page at desktop and phone widths, light and dark, into
SHOT_DIR.  With HOSTILE_SITE_DIR (tests/site/hostile built), types names
with accents and other cases into its filter, which must find them, and
an owner's full name.
Ends with "browser: N passed, N failed, 0 skipped".
"""
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

site = os.path.abspath(sys.argv[1])
shots = os.path.abspath(sys.argv[2])
hostile = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else None
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
finally:
    driver.quit()

print("browser: %d passed, %d failed, 0 skipped" % (passed, failed))
sys.exit(1 if failed else 0)
