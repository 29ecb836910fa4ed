"""What the server (server.py) hands the browser before the first script run: the page's language and name from
the first byte, the app's styles in the head, the page shown once its elements have their sizes, and the
basemap and Streamlit's scripts compressed."""

from conftest import SCRIPT_DONE, assert_no_exception

SHOWN = "() => !document.documentElement.classList.contains('icc-settling')"
PLACEHOLDERS_GONE = ("() => !Array.from(document.querySelectorAll('[data-testid=\"stSkeleton\"]'))"
                     ".some(placeholder => placeholder.getBoundingClientRect().height <= 40)")


def test_the_served_page_names_itself_in_the_language_of_its_address(page):
    served = page.request.get(page.base_url + "/city?city=oslo&lang=fr")
    document = served.text()
    assert served.ok and '<html lang="fr">' in document and "<title>Streamlit</title>" not in document
    assert "<title>Profil de ville · Explorateur de l&#x27;Indice ICC</title>" in document
    assert document.index('id="icc-first-paint"') < document.index("</head>")


def test_the_page_kept_unseen_while_its_elements_load_is_then_shown(page):
    page.goto(page.base_url + "/?lang=fr")
    assert page.evaluate("() => document.documentElement.lang") == "fr"  # from the first byte
    page.wait_for_function(SCRIPT_DONE, timeout=90_000)
    page.wait_for_function(PLACEHOLDERS_GONE, timeout=60_000)
    page.wait_for_function(SHOWN, timeout=30_000)  # never left hidden
    assert page.locator("[data-testid='stMain'] h1").is_visible()
    assert page.locator("[data-testid='stSidebarContent']").is_visible()
    assert_no_exception(page)


def test_streamlits_scripts_and_the_apps_files_come_compressed(page):
    with page.expect_response(lambda response: "/static/js/index." in response.url) as bundle:
        page.goto(page.base_url + "/")
    assert bundle.value.headers.get("content-encoding") == "gzip"
    twin = page.request.get(page.base_url + "/app/static/data/published/cities.json",
                            headers={"Accept-Encoding": "gzip"})
    assert twin.ok and twin.headers.get("cache-control") == "no-cache"  # regenerated per snapshot: revalidated
    assert twin.json()["query"] == "cities"
