"""Boilerplate vocabulary, defined once: the words and phrases of page furniture.

Read by generic detection on text (cleaner/text/detection/) and by the HTML stage's
block verdicts (cleaner/html/verdicts.py); rules/generic.toml cannot import it, and
tests/test_vocabulary.py checks that its word alternations agree with it.

Data only: no lookups are built here (text/detection/words.py builds its own, once).

Two readers, two kinds of list. Generic detection reads a line as a bag of
words: WORD_GROUPS gives every group (share, newsletter, cookie...) its words in
several languages, and a line's vocabulary is the set of groups its words
belong to, encoded as bits (one per group) so that a set is one int. The HTML
stage reads a block with patterns; it takes the word lists of its patterns
from here (DATELINE_WORDS, FOLLOW_NETWORKS, CURRENCY_CODES). Where both
readers know a topic (dates, comments, share buttons) their lists differ on
purpose: each was fitted and measured with its own, and merging them would
change what is removed (a change to name and measure, not a restructuring).
"""

from __future__ import annotations

from types import MappingProxyType

# --- word groups: one bit each; a line's vocabulary is the OR of its words' bits ---

SHARE, NEWSLETTER, COOKIE, COPYRIGHT, COMMENT, AD, RELATED, NAV, CREDIT, DATE = (1 << n for n in range(10))
GROUP_BITS = 10  # the groups above take bits 0..9; text/detection/words.py codes other facts above them

STRONG = SHARE | NEWSLETTER | COOKIE | COPYRIGHT | COMMENT | AD  # words that mark page furniture
FURNITURE = STRONG | RELATED | NAV  # a short line opening with one of these is page furniture

GROUP_NAMES = MappingProxyType(
    {
        SHARE: "share",
        NEWSLETTER: "newsletter",
        COOKIE: "cookie",
        COPYRIGHT: "copyright",
        COMMENT: "comment",
        AD: "ad",
        RELATED: "related",
        NAV: "nav",
        CREDIT: "credit",
        DATE: "date",
    }
)

WORD_GROUPS = MappingProxyType(
    {
        SHARE: """share shares shared sharing tweet retweet facebook twitter whatsapp pinterest
        linkedin reddit telegram messenger flipboard tumblr email print follow
        teilen partager compartir compartilhar partilhar condividi condividere udostępnij
        podziel delen""",
        NEWSLETTER: """newsletter newsletters subscribe subscribed subscription subscriptions subscriber
        subscribers signup inbox unsubscribe alerts abonnieren abonnement abonnez abonner
        abonnieren suscríbete suscribirse suscripción suscribete boletín iscriviti
        iscrizione abbonati abbonamento assine assinatura inscreva inscrever zapisz
        subskrypcja prenumerata prenumeruj nieuwsbrief abonneer""",
        COOKIE: """cookie cookies consent gdpr privacy datenschutz datenschutzerklärung
        confidentialité privacidad privacidade riservatezza prywatności prywatność
        rodo""",
        COPYRIGHT: """copyright impressum imprint trademark trademarks urheberrecht vorbehalten
        réservés reservados riservati zastrzeżone""",
        COMMENT: """comment comments commenting commented reply replies discussion disqus
        kommentar kommentare kommentieren antworten commentaire commentaires répondre
        comentario comentarios responder commento commenti rispondi comentário
        comentários komentarz komentarze komentarzy odpowiedz reacties""",
        AD: """advertisement advertisements advertising advertiser sponsored sponsor promoted
        promotion ad ads anzeige werbung publicité publicidad pubblicità publicidade
        reklama patrocinado sponsorisé""",
        RELATED: """related popular trending recommended recommendations latest more stories
        headlines beliebt meistgelesen populaires relacionados relacionadas populares
        correlati polecane""",
        NAV: """home menu search login logout signin register navigation skip sections contact
        startseite suche anmelden abmelden kontakt accueil recherche connexion inicio
        buscar contacto cerca accedi contatti início pesquisar entrar szukaj zaloguj""",
        CREDIT: """photo photos photograph image images picture pictures caption credit getty
        shutterstock reuters afp ap epa video videos gallery foto fotos bild bilder
        imagen imágenes immagine immagini imagem zdjęcie zdjęcia""",
        DATE: """january february march april june july august september october november
        december jan feb apr jun jul aug sep sept oct nov updated published posted ago
        gmt utc edt pst pdt cest bst januar februar märz april mai
        juni juli oktober dezember janvier février mars avril juin juillet août
        septembre octobre novembre décembre enero febrero marzo abril mayo junio julio
        agosto septiembre octubre noviembre diciembre gennaio febbraio aprile maggio
        giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho
        julho setembro outubro novembro dezembro stycznia lutego marca kwietnia maja
        czerwca lipca sierpnia września października listopada grudnia aktualisiert
        veröffentlicht publié publicado actualizado pubblicato aggiornato opublikowano""",
    }
)

# Phrases that single words cannot tell ("all rights reserved", "read more"), as
# word sequences: matched on a line's lowercased words.
PHRASES = (
    "rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "derechos reservados",
    "diritti riservati",
    "direitos reservados",
    "prawa zastrzeżone",
    "mentions légales",
    "aviso legal",
    "terms and conditions",
    "read more",
    "read next",
    "see also",
    "sign up",
    "log in",
    "sign in",
    "you may like",
    "you may also like",
    "you might like",
    "you might also like",
    "more from",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "most commented",
    "top stories",
    "related articles",
    "related stories",
    "related posts",
    "related topics",
    "related content",
    "related coverage",
    "recommended for you",
    "follow us",
    "share this",
    "click here",
    "terms of use",
    "terms of service",
    "privacy policy",
    "cookie policy",
    "required fields",
    "will not be published",
    "your email",
    "email address",
    "personal data",
    "by clicking",
    "by continuing",
    "by using this",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "continue reading",
    "load more",
    "show more",
    "view all",
    "see all",
    "sponsored content",
    "paid content",
    "weiterlesen",
    "mehr zum thema",
    "lesen sie auch",
    "das könnte sie auch",
    "à lire aussi",
    "lire la suite",
    "vous aimerez aussi",
    "sur le même sujet",
    "leer más",
    "te puede interesar",
    "também te puede",
    "leia mais",
    "leia também",
    "pode gostar",
    "leggi anche",
    "potrebbe interessarti",
    "czytaj więcej",
    "czytaj także",
)

# "By Jane Doe", "Von Max Muster", "Par ...": the words a byline opens with.
BYLINE_WORDS = (
    "by",
    "written by",
    "posted by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "przez",
    "av",
    "af",
    "autor",
    "author",
)


def group_words(bit: int) -> frozenset[str]:
    """The words of one group of WORD_GROUPS, lowercased."""
    return frozenset(word.lower() for word in WORD_GROUPS[bit].split())


# --- the HTML stage's word lists (html/verdicts.py builds its patterns from them) ---

# A dateline ("Published Monday 12 March 2024, 09:41 GMT") is a date signal and
# words of these lists only: month and weekday names, labels, zones, particles.
MONTH_NAMES = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december "
    "januar februar märz maerz mai juni juli oktober dezember "
    "janvier février fevrier mars avril juin juillet août aout septembre octobre novembre décembre decembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
    "janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "januari februari maart juni juli augustus oktober"
).split()
DAY_NAMES = (
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "lunes martes miércoles miercoles jueves viernes sábado sabado domingo "
    "segunda terça terca quarta quinta sexta feira "
    "lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi sabato domenica"
).split()
DATELINE_WORDS = frozenset(
    [
        *MONTH_NAMES,
        *DAY_NAMES,
        *(
            "published updated posted modified last on at am pm "
            "gmt utc est edt pst pdt cet cest bst ist et pt de às as um am le el il at "
            "veröffentlicht aktualisiert publié publicado publicada pubblicato atualizado "
            "actualizado mis à jour ago hours hour minutes days day h min"
        ).split(),
    ]
)

# Where "Follow us on ..." sends a reader (a share prompt's networks).
FOLLOW_NETWORKS = (
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "linkedin",
    "tiktok",
    "telegram",
    "whatsapp",
    "social media",
)

# Currency codes: a row of one (or a pair) and a number is a rate widget's.
CURRENCY_CODES = tuple(
    "USD EUR GBP JPY CHF CNY RMB CAD AUD NZD HKD SGD INR RUB BRL MXN ZAR NGN GHS KES EGP MAD "
    "XOF XAF TRY PLN CZK HUF SEK NOK DKK ISK KRW TWD THB IDR MYR PHP VND PKR BDT SAR AED QAR "
    "KWD ILS UAH RON BGN ARS CLP COP PEN BTC ETH".split()
)
