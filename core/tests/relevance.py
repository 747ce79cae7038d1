"""A relevance set for Finnish and Swedish search: observation-like texts and the queries that must find
them (in the first ten results). Used by core/tests/test_search.py and by the bench, which reports
recall@10 of base-form search against the snowball stemmers alone."""

from __future__ import annotations

DOCUMENTS: dict[str, str] = {
    "fi01": "Lasten harrastuksiin ei ole varaa monessa perheessä, ja lapset jäävät kotiin iltaisin.",
    "fi02": "Koulu teki lastensuojeluilmoituksen, mutta perhe ei ole vieläkään saanut tukea.",
    "fi03": "Äidit kertovat uupumuksesta ja unettomuudesta vauvavuoden aikana.",
    "fi04": "Nuoret viettävät yöt pelikoneiden ääressä, ja aamuisin kouluun lähteminen on vaikeaa.",
    "fi05": "Päiväkodissa on huomattu, että lapsille ei ole riittävästi erityisopettajan tukea.",
    "fi06": "Kouluissa kiusaaminen on lisääntynyt välitunneilla ja koulumatkoilla.",
    "fi07": "Isät toivovat omaa vertaisryhmää, jossa voisi puhua vanhemmuudesta.",
    "fi08": "Perheneuvolan jonot ovat kuukausien mittaisia, eikä odottaville tarjota väliaikaista apua.",
    "fi09": "Yksinhuoltajaperheiden taloudellinen tilanne on heikentynyt: ruokaan ei riitä rahaa kuun lopussa.",
    "fi10": "Maahan muuttaneiden perheiden lapset tarvitsevat enemmän suomen kielen opetusta.",
    "fi11": "Nuorisotalon aukioloaikoja on lyhennetty, eikä nuorilla ole paikkaa, jossa olla illalla.",
    "fi12": "Neuvolan terveydenhoitaja huomasi, että vanhempien päihteiden käyttö näkyy lasten arjessa.",
    "fi13": "Ilmoitus lastensuojeluun tehtiin, kun lapsi kertoi väkivallasta kotona.",
    "fi14": "Vanhemmat pyytävät iltapäiväkerhoja myös kolmasluokkalaisille.",
    "fi15": "Perhekahvila on kerännyt paljon isovanhempia ja pienten lasten äitejä.",
    "fi16": "Mielenterveyspalveluihin pääsy kestää nuorille liian kauan.",
    "fi17": "Koululaisten aamupalat jäävät usein syömättä, ja välitunnilla on nälkä.",
    "fi18": "Eron jälkeen lapsilla on vaikeuksia sopeutua kahteen kotiin, eikä vanhemmilla ole sovitteluapua.",
    "fi19": "Varhaiskasvatuksessa henkilöstöpula näkyy lasten levottomuutena.",
    "fi20": "Kotipalvelua toivotaan vauvaperheille, joissa vanhempi on sairastunut.",
    "fi21": "Nuorten yksinäisyys on kasvanut, moni ei tapaa kavereitaan koulun ulkopuolella.",
    "fi22": "Liikuntaharrastukset ovat kalliita, ja seurojen maksut estävät lasten osallistumisen.",
    "fi23": "Kirjaston satutunnit ovat olleet suosittuja pikkulasten perheissä.",
    "fi24": "Sosiaalityöntekijöiden vaihtuvuus heikentää perheiden luottamusta palveluihin.",
    "fi25": "Vanhempainillassa keskusteltiin älypuhelinten käytöstä ja lasten unen määrästä.",
    "fi26": "Perhetyöntekijä kävi kotikäynnillä ja huomasi, että asunto on liian ahdas suurperheelle.",
    "fi27": "Poissaolot koulusta ovat lisääntyneet yläkoulussa, erityisesti tyttöjen keskuudessa.",
    "fi28": "Vammaisten lasten vanhemmat kaipaavat tietoa tukipalveluista ja omaishoidon vapaista.",
    "fi29": "Koulukuraattorin vastaanotolle on pitkä jono.",
    "fi30": "Lapsiperheiden köyhyys näkyy siinä, ettei retkille osallistumiseen ole varaa.",
    "sv01": "Barnen i skolan har svårt att få vänner och många känner sig ensamma.",
    "sv02": "Föräldrarna önskar mer stöd i föräldraskapet under småbarnsåren.",
    "sv03": "Familjecaféet på svenska har blivit populärt bland nyinflyttade familjer.",
    "sv04": "Ungdomarna saknar en mötesplats på kvällarna efter att ungdomsgården stängde.",
    "sv05": "Det är långa köer till familjerådgivningen och barnpsykiatrin.",
    "sv06": "Mobbningen på skolgården har ökat under vårterminen.",
    "sv07": "Småbarnsfamiljer behöver hemservice när en förälder är sjuk.",
    "sv08": "Daghemmet saknar svenskspråkig personal och barnen får inte stöd på sitt modersmål.",
    "sv09": "Skolfrånvaron har ökat bland flickor i högstadiet.",
    "sv10": "Barnfamiljernas ekonomi har försämrats och hobbyerna är för dyra.",
}

# (query, the documents it must find among the first ten results)
QUERIES: list[tuple[str, list[str]]] = [
    # Finnish: a base form finds inflected forms
    ("lapsi", ["fi13"]),
    ("lapsi päiväkoti", ["fi05"]),
    ("lapsi päihde", ["fi12"]),
    ("koulu", ["fi06", "fi27"]),
    ("äiti", ["fi03", "fi15"]),
    ("isä", ["fi07"]),
    ("nuori", ["fi04", "fi11", "fi16", "fi21"]),
    ("vanhempi", ["fi12", "fi14", "fi18", "fi20", "fi28"]),
    ("jono", ["fi08", "fi29"]),
    ("kiusaaminen", ["fi06"]),
    ("uupumus", ["fi03"]),
    ("uni", ["fi25"]),
    ("päihde", ["fi12"]),
    ("väkivalta", ["fi13"]),
    ("opetus", ["fi10"]),
    ("kieli", ["fi10"]),
    ("raha", ["fi09"]),
    ("ruoka", ["fi09"]),
    ("nälkä", ["fi17"]),
    ("kaveri", ["fi21"]),
    ("yksinäisyys", ["fi21"]),
    ("maksu", ["fi22"]),
    ("seura", ["fi22"]),
    ("kirjasto", ["fi23"]),
    ("luottamus", ["fi24"]),
    ("asunto", ["fi26"]),
    ("poissaolo", ["fi27"]),
    ("tyttö", ["fi27"]),
    ("vammainen", ["fi28"]),
    ("retki", ["fi30"]),
    ("köyhyys", ["fi30"]),
    ("toivoa", ["fi07", "fi20"]),
    ("kertoa", ["fi03", "fi13"]),
    ("huomata", ["fi12", "fi26"]),
    # Finnish: an inflected query finds other forms of the word
    ("lapsille", ["fi05", "fi13"]),
    ("kouluissa", ["fi06", "fi21"]),
    ("äideille", ["fi03", "fi15"]),
    ("nuorten", ["fi11", "fi16"]),
    # Finnish: a part finds the compounds that contain it
    ("ilmoitus", ["fi02", "fi13"]),
    ("neuvola", ["fi08", "fi12"]),
    ("harrastus", ["fi01", "fi22"]),
    ("peli", ["fi04"]),
    ("tuki", ["fi02", "fi05", "fi28"]),
    ("palvelu", ["fi16", "fi20", "fi24", "fi28"]),
    ("kerho", ["fi14"]),
    ("kahvila", ["fi15"]),
    ("työntekijä", ["fi24", "fi26"]),
    ("puhelin", ["fi25"]),
    ("käynti", ["fi26"]),
    ("pula", ["fi19"]),
    ("mielenterveys", ["fi16"]),
    ("kuraattori", ["fi29"]),
    ("yksinhuoltaja", ["fi09"]),
    ("vauvaperhe", ["fi20"]),
    ("lastensuojeluilmoitus", ["fi02"]),
    ("aamupala", ["fi17"]),
    ("omaishoito", ["fi28"]),
    # Finnish: several words
    ("lasten harrastukset", ["fi01", "fi22"]),
    ("kiusaaminen koulussa", ["fi06"]),
    ("nuorten yksinäisyys", ["fi21"]),
    ("äitien uupumus", ["fi03"]),
    ("perheneuvolan jono", ["fi08"]),
    ("kotipalvelu vauvaperheille", ["fi20"]),
    # Swedish (the Swedish stemmer)
    ("barn", ["sv01", "sv08"]),
    ("skola", ["sv01"]),
    ("föräldrar", ["sv02"]),
    ("familjer", ["sv03"]),
    ("ungdomar", ["sv04"]),
    ("köer", ["sv05"]),
    ("mobbning", ["sv06"]),
    ("daghem", ["sv08"]),
    ("skolfrånvaro", ["sv09"]),
    ("ekonomi", ["sv10"]),
    ("ensamma", ["sv01"]),
    ("stöd", ["sv02", "sv08"]),
    ("hemservice", ["sv07"]),
    ("modersmål", ["sv08"]),
]


def recall_at_10(search) -> tuple[float, list[tuple[str, list[str]]]]:
    """`search(query) -> list of document keys, best first`. Returns the share of the expected documents
    found in the first ten, and the queries that missed some (with what they missed)."""
    expected_total = found_total = 0
    misses = []
    for query, expected in QUERIES:
        top = search(query)[:10]
        missing = [key for key in expected if key not in top]
        expected_total += len(expected)
        found_total += len(expected) - len(missing)
        if missing:
            misses.append((query, missing))
    return found_total / expected_total, misses
