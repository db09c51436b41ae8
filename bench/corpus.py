"""A fixed-seed generator of French FAQ content about selling farm produce online.

Used by ``search_bench.py``: the same seed gives the same pages, questions and queries,
so runs can be compared. Questions are built from templates over a vocabulary of
farm-shop topics; answers are a few sentences drawn from topic-specific phrases, so
term frequencies look like a real FAQ (a few very common words, a long tail).
"""

from __future__ import annotations

import random
import unicodedata

from reader.content.model import Library, Page, Question, Section

SUBJECTS = """
commande
paiement
livraison
distribution
catalogue
stock
adhérent
compte
produit
panier
facture
abonnement
producteur
groupe
coordinateur
contrat
remboursement
avoir
lieu de retrait
créneau
tarif
prix
TVA
étiquette
variété
légume
fromage
viande
œuf
pain
fruit
colis
bon de commande
chèque
virement
carte bancaire
espèces
export
mot de passe
adresse e-mail
formation
bénévole
permanence
marché
vente directe
cotisation
inventaire
réduction
""".strip().splitlines()
ACTIONS = """
modifier
annuler
supprimer
ajouter
créer
valider
exporter
imprimer
envoyer
dupliquer
fermer
ouvrir
payer
rembourser
consulter
corriger
déplacer
reporter
limiter
partager
importer
archiver
renommer
vérifier
clôturer
relancer
activer
désactiver
""".strip().splitlines()
CONTEXTS = """
après la distribution
avant la date limite
pour un adhérent absent
depuis mon téléphone
sur plusieurs groupes
en fin de saison
quand le stock est épuisé
pour une commande groupée
sans connexion internet
pour les produits frais
avec plusieurs producteurs
pendant les vacances
en cas d'erreur de prix
pour une livraison à domicile
au marché de plein vent
pour les paniers hebdomadaires
lorsque le paiement a échoué
en début de mois
""".strip().splitlines()
TEMPLATES = [
    "Comment {action} {det} {subject} {context} ?",
    "Puis-je {action} {det} {subject} {context} ?",
    "Pourquoi ne puis-je pas {action} {det} {subject} ?",
    "Que se passe-t-il si je veux {action} {det} {subject} {context} ?",
    "Est-il possible de {action} {det} {subject} {context} ?",
    "Qui peut {action} {det} {subject} ?",
]
SENTENCES = [
    "Rendez-vous dans l'onglet {tab} de votre espace producteur, puis cliquez sur « {verb} ».",
    "Les adhérents reçoivent un e-mail de confirmation dès que la {subject} est enregistrée.",
    "Cette opération n'est possible que tant que la distribution n'est pas clôturée.",
    "Le coordinateur du groupe peut aussi le faire à votre place depuis l'interface.",
    "Pensez à vérifier vos stocks et vos prix avant d'ouvrir les commandes.",
    "Les montants sont calculés automatiquement, taxes comprises.",
    "En cas de doute, contactez le support qui vous répondra sous 48 heures.",
    "Les paiements par carte bancaire sont encaissés le jour de la distribution.",
    "Vous pouvez exporter la liste au format CSV pour la retravailler dans un tableur.",
    "Les légumes et les fruits de saison sont proposés chaque semaine dans le catalogue.",
    "Un historique des modifications est conservé pendant douze mois.",
    "Les éleveurs peuvent définir une quantité minimale par commande.",
    "L'accès à cette fonction dépend des droits donnés par l'administrateur du groupe.",
    "Les chèques sont remis au producteur lors de la permanence suivante.",
    "La {subject} apparaît ensuite dans le récapitulatif de la vente.",
    "Une notification est envoyée aux membres concernés.",
]
TABS = ["Catalogue", "Commandes", "Distributions", "Paiements", "Membres", "Produits", "Stocks"]
TOPIC_WORDS = {
    "commande": "panier quantité récapitulatif validation",
    "paiement": "encaissement règlement chèque virement carte",
    "livraison": "tournée transport domicile point relais horaire",
    "distribution": "permanence créneau lieu date ouverture",
    "catalogue": "produit variété photo description prix",
    "stock": "quantité rupture réassort inventaire disponible",
    "adhérent": "membre inscription cotisation famille",
}


_MASCULINE = {"légume", "fromage", "groupe", "panier", "inventaire", "pain", "tarif", "compte"}
_QUERY_STOP = {"comment", "puis", "je", "le", "la", "les", "de", "des", "du", "un", "une"}
_QUERY_STOP |= {"pour", "pas", "ne", "qui", "peut", "que", "se", "si", "il", "est", "en", "au"}
_QUERY_STOP |= {"sur", "avec"}


def _det(subject: str) -> str:
    if subject[0] in "aeéiouœ":
        return "l'"
    feminine = subject.endswith(("e", "tion", "sion", "té")) and subject not in _MASCULINE
    return "la" if feminine else "le"


def _question_title(rng: random.Random, subject: str) -> str:
    det = _det(subject)
    title = rng.choice(TEMPLATES).format(
        action=rng.choice(ACTIONS), det=det, subject=subject, context=rng.choice(CONTEXTS)
    )
    return title.replace("l' ", "l'").replace(" ,", ",").replace("  ", " ")


def _answer(rng: random.Random, subject: str) -> str:
    count = rng.randint(2, 6)
    parts = []
    for _ in range(count):
        sentence = rng.choice(SENTENCES).format(
            tab=rng.choice(TABS), verb=rng.choice(ACTIONS).capitalize(), subject=subject
        )
        parts.append(sentence)
    extra = TOPIC_WORDS.get(subject.split()[0])
    if extra:
        words = extra.split()
        parts.append(f"Voir aussi : {', '.join(rng.sample(words, min(3, len(words))))}.")
    if rng.random() < 0.2:
        parts.append("\n* une étape\n* une autre étape\n")
    return " ".join(parts)


def library(questions: int, seed: int = 42, per_page: int = 50, per_section: int = 10) -> Library:
    """A library of about ``questions`` generated questions (5 % left unanswered)."""
    rng = random.Random(seed)
    pages = []
    made = 0
    page_no = 0
    while made < questions:
        page_no += 1
        page_id = f"faq:gen{page_no:05d}"
        topic = rng.choice(SUBJECTS)
        sections = []
        for s in range(max(1, per_page // per_section)):
            section_title = f"{topic.capitalize()} : cas {s + 1}"
            qs = []
            for n in range(per_section):
                if made >= questions:
                    break
                subject = topic if rng.random() < 0.5 else rng.choice(SUBJECTS)
                title = _question_title(rng, subject)
                answer = "?" if rng.random() < 0.05 else _answer(rng, subject)
                anchor = f"q{s}_{n}"
                qs.append(Question(f"{page_id}#{anchor}", title, answer, page_id, section_title))
                made += 1
            if qs:
                sections.append(Section(section_title, f"s{s}", "", tuple(qs)))
        pages.append(Page(page_id, f"FAQ {topic} ({page_no})", "", tuple(sections)))
    return Library(tuple(pages))


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice("dst")
    if kind == "d":
        return word[:i] + word[i + 1 :]
    if kind == "s":
        return word[:i] + rng.choice("aeiourst") + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def queries(lib: Library, count: int = 300, seed: int = 7) -> list[str]:
    """Realistic queries: 1 to 4 words of a question, some without accents, some with a typo."""
    rng = random.Random(seed)
    questions = list(lib.questions())
    stop = _QUERY_STOP
    out = []
    while len(out) < count:
        question = rng.choice(questions)
        words = [w.strip("?,.«»") for w in question.title.replace("'", " ").split()]
        words = [w for w in words if w and w.lower() not in stop and len(w) > 2]
        if not words:
            continue
        n = rng.choice([1, 2, 2, 3, 3, 4])
        start = rng.randrange(0, max(1, len(words) - n + 1))
        chosen = words[start : start + n]
        roll = rng.random()
        if roll < 0.3:
            chosen = [_strip_accents(w) for w in chosen]
        elif roll < 0.4:
            k = rng.randrange(len(chosen))
            chosen[k] = _typo(rng, chosen[k])
        elif roll < 0.5:
            chosen = [w.upper() for w in chosen]
        out.append(" ".join(chosen).lower() if roll > 0.9 else " ".join(chosen))
    return out
