"""The interface language belongs to one page run: Streamlit runs each browser session's script in its own
thread, and the language set there never reaches another session's text."""

import threading

from icc.i18n import set_language, t


def test_two_sessions_running_at_once_each_read_their_own_language():
    barrier = threading.Barrier(2)
    seen = {}

    def session(language: str) -> None:
        set_language(language)
        barrier.wait()  # both have set their language before either reads
        seen[language] = t("nav.map")

    threads = [threading.Thread(target=session, args=(language,)) for language in ("en", "fr")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"en": "Map", "fr": "Carte"}
