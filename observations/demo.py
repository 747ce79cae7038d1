"""This app's part of the demo network: observations of the Tampere region's family centre (some held
for personal data, read, archived, merged, with notes) and a local team's review of some of them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from core.demo import DemoContext
from familycentres.demo import network
from familycentres.models import Meeting

from . import codes
from .models import EnrichmentNote, Observation, TeamReview, Theme
from .pii import personal_data_kinds


@dataclass(frozen=True)
class ObservationSpec:
    """A demo observation. Professionals' observations are keyed on (author, text), families' on their
    follow-up code (which survives a collector's redaction), so a re-run finds them and creates nothing."""

    key: str
    days_ago: int
    author: str | None  # person key; None = a family through the open form
    area: tuple[str, str]  # (kind, code)
    environment: str
    age_group: str
    kind: str
    text: str
    themes: tuple[str, ...] = ()
    source: str = "own_work"
    status: str = "new"
    archive_reason: str = ""
    merged_into: str = ""  # key of the kept observation
    note: str = ""  # a collector's internal note
    language: str = "fi"


_M = "municipality"
_L = "local_area"
TRE, NOKIA, KANGASALA, LEMPAALA, YLOJARVI, PIRKKALA = (
    (_M, "837"),
    (_M, "536"),
    (_M, "211"),
    (_M, "418"),
    (_M, "980"),
    (_M, "604"),
)
HERVANTA, TESOMA, KAUKAJARVI = (_L, "837-01"), (_L, "837-02"), (_L, "837-03")

# Fictional observations of the Tampere region's family centre. The personal data in the held ones is
# fake (a test-range identity code, example.com, a made-up street); it shows what redaction looks like.
# fmt: off
DEMO_OBSERVATIONS = [
    ObservationSpec("o01", 2, "professional", HERVANTA, "services", "0-2", "concern",
                    "Neuvolassa moni vauvaperheen vanhempi kertoo olevansa iltaisin yksin ja väsynyt. "
                    "Vertaistukea kaivataan, mutta perhekahvila on auki vain aamupäivisin.",
                    ("yksinäisyys", "vertaistuki")),
    ObservationSpec("o02", 3, "fc1_teacher", TESOMA, "school", "7-12", "concern",
                    "Kolmasluokkalaiset jäävät iltapäivisin yksin kotiin, koska iltapäiväkerhoon on jonoa. "
                    "Osa lapsista kertoo pelaavansa koko iltapäivän.",
                    ("iltapäivätoiminta", "ruutuaika"), status="read"),
    ObservationSpec("o03", 4, "fc1_ecec", KAUKAJARVI, "ecec", "3-6", "positive",
                    "Föräldrarna uppskattar den nya utflyktsdagen i daghemmet. Många familjer har börjat "
                    "besöka skogen också på helgerna.",
                    ("luonto", "osallisuus"), language="sv"),
    ObservationSpec("o04", 5, "professional", TRE, "home", "0-2", "concern",
                    "Vanhemmat kysyvät usein unikoulusta. Tietoa haetaan somesta, ja ohjeet ovat ristiriitaisia.",
                    ("uni", "vanhemmuuden tuki"), note="Sama teema nousi myös Hervannan neuvolassa."),
    ObservationSpec("o05", 6, "fc1_teacher", TRE, "school", "13-17", "concern",
                    "Yläkoulun oppilailla on paljon poissaoloja maanantaisin. Oppilaat kertovat valvovansa "
                    "viikonloppuisin pelien ja somen takia.",
                    ("koulupoissaolot", "ruutuaika", "uni")),
    ObservationSpec("o06", 7, None, TRE, "leisure", "7-12", "",
                    "Meidän lapsi haluaisi harrastaa, mutta kaikki harrastukset ovat kalliita eikä "
                    "lähellä ole mitään ilmaista.",
                    ("harrastukset", "talous"), source="family_form"),
    ObservationSpec("o07", 8, None, HERVANTA, "services", "family", "",
                    "Perheneuvolaan pääsee vasta kolmen kuukauden päästä. Siinä ajassa tilanne ehtii "
                    "kärjistyä.",
                    ("palveluihin pääsy",), source="family_form", status="read"),
    ObservationSpec("o08", 9, "fc1_ecec", TESOMA, "ecec", "3-6", "concern",
                    "Flera barn i gruppen har svårt att somna på vilan. Föräldrarna berättar om sena "
                    "kvällar framför skärmar.",
                    ("uni", "ruutuaika"), language="sv"),
    ObservationSpec("o09", 10, "professional", HERVANTA, "services", "0-2", "positive",
                    "Uusi iltaneuvola on otettu hyvin vastaan. Isät ovat tulleet mukaan selvästi "
                    "aiempaa useammin.",
                    ("isät", "palveluihin pääsy"), status="read"),
    ObservationSpec("o10", 11, None, TRE, "digital", "13-17", "",
                    "Nuoret kertovat, että somessa leviää kiusaamisvideoita eikä kukaan aikuinen puutu.",
                    ("kiusaaminen", "some"), source="family_form"),
    ObservationSpec("o11", 12, None, TRE, "school", "7-12", "",
                    "Lapsemme on kiusattu koulumatkalla. Soittakaa minulle numeroon 040 000 1234, "
                    "niin kerron lisää.",
                    ("kiusaaminen",), source="family_form"),
    ObservationSpec("o12", 13, None, TESOMA, "home", "family", "",
                    "Asumme osoitteessa Esimerkkikatu 5 B ja taloyhtiössä on paljon lapsiperheitä ilman "
                    "kohtaamispaikkaa. Pihalle toivotaan jotain yhteistä.",
                    ("kohtaamispaikat",), source="family_form"),
    ObservationSpec("o13", 3, None, HERVANTA, "services", "0-2", "",
                    "Vi skulle vilja ha familjecafé på svenska. Skriv gärna till "
                    "familjen.exempel@example.com om det blir något.",
                    ("vertaistuki", "kieli"), source="family_form", language="sv"),
    ObservationSpec("o14", 6, None, TRE, "services", "13-17", "",
                    "Poikani (010190-954E) ei ole saanut aikaa koulukuraattorille, vaikka olemme "
                    "yrittäneet koko syksyn.",
                    ("palveluihin pääsy", "mielen hyvinvointi"), source="family_form"),
    ObservationSpec("o15", 12, "fc1_teacher", TESOMA, "school", "7-12", "concern",
                    "Iltapäiväkerhon jono on pitkä ja moni ekaluokkalainen jää ilman paikkaa.",
                    ("iltapäivätoiminta",)),
    ObservationSpec("o16", 13, "professional", TRE, "services", "0-2", "concern",
                    "Vauvaperheiden vanhemmat kokevat yksinäisyyttä etenkin iltaisin ja viikonloppuisin.",
                    ("yksinäisyys",), merged_into="o01"),
    ObservationSpec("o17", 15, "fc1_social", NOKIA, "home", "family", "concern",
                    "Perheiden talousvaikeudet näkyvät: ruoka-avun jonossa on entistä enemmän lapsiperheitä.",
                    ("talous", "ruoka-apu"), status="read",
                    note="Yhteys seurakunnan diakoniatyöhön sovittu."),
    ObservationSpec("o18", 4, "fc1_youth", NOKIA, "leisure", "13-17", "positive",
                    "Nuorisotalon perjantai-illat ovat täynnä. Nuoret toivovat aukioloa myös lauantaihin.",
                    ("harrastukset", "kohtaamispaikat")),
    ObservationSpec("o19", 8, "fc1_nokia_nurse", NOKIA, "school", "13-17", "concern",
                    "Terveystarkastuksissa yhä useampi kahdeksasluokkalainen kertoo nukkuvansa alle "
                    "seitsemän tuntia yössä.",
                    ("uni", "mielen hyvinvointi")),
    ObservationSpec("o20", 10, "fc1_social", NOKIA, "services", "family", "concern",
                    "Eroperheiden vanhemmat eivät tiedä, mistä saa apua sopimusasioihin ja lasten tukemiseen.",
                    ("eroperheet", "vanhemmuuden tuki")),
    ObservationSpec("o21", 11, None, NOKIA, "leisure", "3-6", "",
                    "Uimahallin perhevuorot ovat ihania, kiitos! Lisää vuoroja viikonlopuille.",
                    ("harrastukset", "liikunta"), source="family_form", status="read"),
    ObservationSpec("o22", 2, "fc1_youth", NOKIA, "digital", "13-17", "concern",
                    "Nuoret kertovat rahapeleistä ja pelien ostoksista, joista vanhemmat eivät tiedä.",
                    ("rahapelit", "some")),
    ObservationSpec("o23", 18, "fc1_nokia_nurse", NOKIA, "school", "7-12", "concern",
                    "Koulun aamupala on monelle päivän ensimmäinen ateria.",
                    ("ruoka-apu", "talous")),
    ObservationSpec("o24", 20, "professional", HERVANTA, "services", "0-2", "concern",
                    "Maahan muuttaneet vauvaperheet eivät löydä perhekahvilaa, koska esite on vain suomeksi.",
                    ("kieli", "vertaistuki"), status="read"),
    ObservationSpec("o25", 21, "fc1_teacher", TRE, "school", "13-17", "concern",
                    "Oppilaat kertovat jännittävänsä esiintymistä niin, että jättävät tulematta esitelmäpäivinä.",
                    ("mielen hyvinvointi", "koulupoissaolot"), status="read"),
    ObservationSpec("o26", 22, "fc1_ecec", KAUKAJARVI, "ecec", "3-6", "positive",
                    "Barnen leker mer tillsammans efter att vi införde lekkompisar över gruppgränserna.",
                    ("osallisuus",), language="sv", status="read"),
    ObservationSpec("o27", 24, None, TRE, "services", "family", "",
                    "Tämä ei kuulu perhekeskukselle, mutta katuvalot ovat rikki koulutiellä.",
                    ("turvallisuus",), source="family_form", status="archived",
                    archive_reason="Asia kuuluu kaupungin katuvalaistukselle; välitimme viestin sinne."),
    ObservationSpec("o28", 25, "fc1_social", NOKIA, "home", "family", "concern",
                    "Ruoka-avun jonossa on paljon lapsiperheitä.",
                    ("ruoka-apu",), merged_into="o17"),
    ObservationSpec("o29", 26, "professional", TRE, "services", "0-2", "concern",
                    "Testiviesti, ei varsinainen havainto.",
                    status="archived", archive_reason="Kirjattu vahingossa."),
    ObservationSpec("o30", 28, None, KANGASALA, "school", "7-12", "",
                    "Koulukyyti on niin aikaisin, että lapset odottavat koulun pihalla puoli tuntia.",
                    ("koulumatkat",), source="family_form"),
    ObservationSpec("o31", 30, "fc1_teacher", LEMPAALA, "school", "7-12", "positive",
                    "Välituntiliikunnan ohjaajat ovat vähentäneet riitoja selvästi.",
                    ("liikunta", "kiusaaminen"), status="read"),
    ObservationSpec("o32", 32, None, YLOJARVI, "leisure", "13-17", "",
                    "Nuorille ei ole iltaisin paikkaa, jossa olla ilman että pitää ostaa jotain.",
                    ("kohtaamispaikat",), source="family_form"),
    ObservationSpec("o33", 33, "fc1_youth", PIRKKALA, "digital", "13-17", "concern",
                    "Nuorten ryhmächateissa jaetaan toisten kuvia luvatta.",
                    ("some", "kiusaaminen"), source="team"),
    ObservationSpec("o34", 35, "professional", HERVANTA, "home", "0-2", "concern",
                    "Synnytyksen jälkeinen masennus puheeksi yhä useammin, mutta jatkoapua on vaikea saada.",
                    ("mielen hyvinvointi", "palveluihin pääsy"), status="read"),
    ObservationSpec("o35", 38, "fc1_ecec", TRE, "ecec", "3-6", "concern",
                    "Barn med annat modersmål får vänta länge på stöd i språkutvecklingen.",
                    ("kieli", "palveluihin pääsy"), language="sv", source="survey"),
    ObservationSpec("o36", 40, "fc1_social", NOKIA, "services", "family", "positive",
                    "Perhetyön matalan kynnyksen vastaanotto on lyhentänyt jonoja.",
                    ("palveluihin pääsy",), status="read"),
    ObservationSpec("o37", 42, "fc1_teacher", TRE, "school", "13-17", "concern",
                    "Kouluterveyskyselyn mukaan yksinäisyys on lisääntynyt yläkoululaisilla.",
                    ("yksinäisyys", "mielen hyvinvointi"), source="survey"),
    ObservationSpec("o38", 45, None, TRE, "home", "family", "",
                    "Kerro mitä huomasit -lomake on hyvä idea. Toivottavasti tämä luetaan!",
                    (), source="family_form", status="archived",
                    archive_reason="Kiitos palautteesta! Viesti ei koske yksittäistä ilmiötä."),
    ObservationSpec("o39", 48, "fc1_nokia_nurse", NOKIA, "school", "7-12", "concern",
                    "Ylipainoisten lasten määrä on kasvanut terveystarkastuksissa.",
                    ("liikunta", "ravitsemus"), source="media"),
    ObservationSpec("o40", 50, "professional", TRE, "services", "0-2", "positive",
                    "Perhevalmennus verkossa on tavoittanut myös vuorotyötä tekevät vanhemmat.",
                    ("vanhemmuuden tuki", "digitaaliset palvelut")),
]
# fmt: on

# The Tampere team's meeting two weeks ago recorded which observations it discussed.
DEMO_TEAM_REVIEW = (
    "Tampereen paikallinen perhekeskustiimi",
    "Havaintojen läpikäynti ja terveiset ohjausryhmälle",
    ["o15", "o24", "o37"],
    "Tiimi nosti esiin iltapäivätoiminnan jonot ja nuorten yksinäisyyden. Koordinaattori vie molemmat "
    "ohjausryhmälle; maahan muuttaneiden perheiden tavoittamisesta pyydetään järjestöjen näkemys.",
)


def _demo_code(key: str) -> str:
    """A fixed follow-up code per demo observation, from the codes' own alphabet."""
    digest = hashlib.sha256(f"ilmio-demo-{key}".encode()).digest()
    raw = "".join(codes.ALPHABET[b % len(codes.ALPHABET)] for b in digest[: codes.LENGTH])
    return f"{raw[:5]}-{raw[5:]}"


def _load_observations(ctx, areas, centres, users, groups) -> None:
    centre = centres["tampereen-seutu"]
    collector = users["collector"]
    now = ctx.now
    by_key: dict[str, Observation] = {}
    # Kept observations first, so that a merged one has its target.
    for spec in sorted(DEMO_OBSERVATIONS, key=lambda s: bool(s.merged_into)):
        code = _demo_code(spec.key) if spec.author is None else None
        existing = _existing(spec, users)
        if existing is not None:
            by_key[spec.key] = existing
            continue
        created_at = now - timedelta(days=spec.days_ago, hours=spec.days_ago % 7)
        held = personal_data_kinds(spec.text)
        triaged = spec.status != "new" or spec.merged_into
        observation = Observation.objects.create(
            text=spec.text,
            kind=spec.kind,
            environment=spec.environment,
            age_group=spec.age_group,
            area=areas[spec.area],
            family_centre=centre,
            observed_on=timezone.localtime(created_at).date() - timedelta(days=spec.days_ago % 3),
            source=spec.source,
            author=users[spec.author] if spec.author else None,
            created_by=users[spec.author] if spec.author else None,
            status="merged" if spec.merged_into else spec.status,
            archive_reason=spec.archive_reason,
            merged_into=by_key[spec.merged_into] if spec.merged_into else None,
            held=bool(held),
            held_reasons=held,
            followup_code=code,
            language=spec.language,
            triaged_at=created_at + timedelta(days=1) if triaged else None,
            created_at=created_at,
        )
        ctx.count("observations", True)
        themes = [Theme.objects.get_or_create(name=name)[0] for name in spec.themes]
        observation.themes.set(themes)
        if spec.note:
            EnrichmentNote.objects.create(observation=observation, text=spec.note, created_by=collector)
        by_key[spec.key] = observation
    ctx["observations"] = by_key
    team_name, meeting_title, keys, raised = DEMO_TEAM_REVIEW
    meeting = Meeting.objects.filter(group__name=team_name, title=meeting_title).first()
    if meeting is not None and not TeamReview.objects.filter(meeting=meeting).exists():
        review = TeamReview.objects.create(meeting=meeting, raised=raised, created_by=meeting.created_by)
        review.observations.set([by_key[k] for k in keys if k in by_key])
        ctx.count("team reviews", True)


def _existing(spec: ObservationSpec, users) -> Observation | None:
    if spec.author is None:
        return Observation.objects.filter(followup_code=_demo_code(spec.key)).first()
    return Observation.objects.filter(author=users[spec.author], text=spec.text).order_by("pk").first()


def demo_observations(ctx: DemoContext) -> dict[str, Observation]:
    """The demo observations by their keys ("o01"…): from `ctx` when this run loaded them, else found in
    the database."""
    if "observations" not in ctx:
        users = network(ctx)["users"]
        found = {spec.key: _existing(spec, users) for spec in DEMO_OBSERVATIONS}
        ctx["observations"] = {key: obs for key, obs in found.items() if obs is not None}
    return ctx["observations"]


def load(ctx: DemoContext) -> None:
    net = network(ctx)
    _load_observations(ctx, net["areas"], net["centres"], net["users"], net["groups"])
