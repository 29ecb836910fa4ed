"""French grammar for generated sentences about countries: the article a country name takes ("l'Italie",
"le Portugal", "les Pays-Bas", "Chypre"), its contraction with "de" ("du Portugal"), and its gender."""

from __future__ import annotations

# Names used without an article, plural names, and masculine names that end in -e.
NO_ARTICLE = {"Chypre", "Malte", "Monaco", "Saint-Marin", "Israël", "Cuba", "Singapour", "Taïwan"}
PLURAL = {"Îles Féroé": "f", "Pays-Bas": "m", "États-Unis": "m", "Émirats arabes unis": "m", "Philippines": "f"}
MASCULINE_IN_E = {"Mexique", "Cambodge", "Mozambique", "Zimbabwe", "Belize"}
VOWELS = tuple("AEIOUYÉÈÊÎÏÔÂÀ")


def gender(name: str) -> str:
    """'f' or 'm' (a plural name counts by its own gender)."""
    if name in PLURAL:
        return PLURAL[name]
    head = name.split(" ")[0].split("-")[0]
    return "f" if head.endswith("e") and head not in MASCULINE_IN_E else "m"


def with_article(name: str) -> str:
    """'l'Italie', 'le Portugal', 'la Norvège', 'les Pays-Bas', 'Chypre'."""
    if name in NO_ARTICLE:
        return name
    if name in PLURAL:
        return f"les {name}"
    if name.startswith(VOWELS):
        return f"l'{name}"
    return f"{'la' if gender(name) == 'f' else 'le'} {name}"


def after_de(name: str) -> str:
    """The name after 'de': 'de l'Espagne', 'du Portugal', 'de la Norvège', 'des Pays-Bas', 'd'Israël'."""
    article = with_article(name)
    if article.startswith("le "):
        return "du " + name
    if article.startswith("les "):
        return "des " + name
    if name in NO_ARTICLE:
        return ("d'" if name.startswith(VOWELS) else "de ") + name
    return "de " + article


def followed_by(leader: str) -> str:
    """'suivie', 'suivi', 'suivies' or 'suivis', agreeing with the leading country."""
    return "suivi" + ("e" if gender(leader) == "f" else "") + ("s" if leader in PLURAL else "")
