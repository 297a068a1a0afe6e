"""The built-in "From object to subject" design in Finnish: see builtin_content.py."""

from __future__ import annotations

CONTENT_FI: dict = {
    "name": "Objektista subjektiksi",
    "welcome": (
        "Tervetuloa! Tänään etsimme yhdessä hetkiä, joissa asiakas sai toimia itse sen "
        "sijaan, että häntä vain käsiteltiin: objektista subjektiksi."
    ),
    "phases": {
        "lobby": {
            "projector": (
                "Liittykää puhelimella: skannatkaa QR-koodi tai kirjoittakaa koodi. "
                "Aloitamme hetken kuluttua."
            ),
            "phone": "Olet mukana! Odota hetki: näkymä vaihtuu itsestään, kun työpaja alkaa.",
            "minutes": 5,
        },
        "stories": {
            "projector": (
                "Kirjoittakaa todellisesta palvelukohtaamisesta. Milloin teitä "
                "kohdeltiin objektina, milloin saitte toimia subjektina?"
            ),
            "phone": (
                "Kirjoita oikeasta palvelukokemuksestasi: mitä tapahtui, mitä "
                "henkilökunta teki ja mitä pystyit sen ansiosta tekemään. Arvioi "
                "lopuksi 1–5, olitko subjekti vai objekti."
            ),
            "minutes": 15,
        },
        "practices": {
            "projector": (
                "Mitä tekisimme konkreettisesti ensi viikolla? Ehdottakaa käytäntöjä "
                "ja liittäkää ne tarinoihin, joista ne syntyivät."
            ),
            "phone": (
                "Ehdota käytäntöä, jonka voisimme aloittaa jo ensi viikolla. Kerro se "
                "konkreettisesti ja liitä siihen tarinat, joista idea syntyi."
            ),
            "minutes": 20,
        },
        "voting": {
            "projector": (
                "Arvioikaa käytännöt: asiakkaan toimijuus ja helppous 1–5. Antakaa "
                "sitten pisteenne niille, jotka haluaisitte aloittaa."
            ),
            "phone": (
                "Arvioi jokainen käytäntö 1–5: kuinka paljon se vahvistaa asiakkaan "
                "toimijuutta ja kuinka helppo se on aloittaa. Anna pisteesi niille, "
                "jotka aloittaisit."
            ),
            "minutes": 10,
        },
        "results": {
            "projector": (
                "Tässä on yhteinen järjestyksemme. Valitkaa sitoumukset ja antakaa "
                "jokaiselle vastuuhenkilö ja ensimmäinen askel."
            ),
            "phone": (
                "Katso, mitkä käytännöt nousivat kärkeen. Mihin niistä voisit itse "
                "tarttua jo ensi viikolla?"
            ),
            "minutes": 15,
        },
    },
    "examples": [
        {
            "title": "Kassa lainasi kanta-asiakaskortin jonosta",
            "happened": (
                "Olin lomalla Toscanassa ja kävin ostoksilla pienessä lähikaupassa. "
                "Kassalla selvisi, että moni hinta koski vain kanta-asiakkaita, eikä "
                "minulla tietenkään ollut korttia. Myyjä kääntyi takanani jonottavan "
                "naisen puoleen ja kysyi, saisiko hänen korttiaan lainata. Nainen "
                "ojensi sen hymyillen."
            ),
            "staff_did": (
                "Myyjä ei tyytynyt toteamaan, ettei alennus koske minua, vaan keksi "
                "keinon, jolla sain sen silti."
            ),
            "could_do": (
                "Maksoin saman hinnan kuin paikalliset ja tunsin olevani tervetullut "
                "asiakas enkä ohikulkeva turisti."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "Kauppa Toscanassa",
            "reading": (
                "Sääntöjen mukaan ulkomaalainen oli ulkopuolinen, jolle alennus ei "
                "kuulu. Myyjä ei piiloutunut säännön taakse vaan käytti "
                "kekseliäisyyttään asiakkaan hyväksi. Vieras sai saman kohtelun kuin "
                "muut ja lähti kaupasta asiakkaana eikä turistina."
            ),
        },
        {
            "title": "Turhat kupongit ilahduttivat vanhaa herraa",
            "happened": (
                "Samassa kaupassa kassakone tulosti minulle nipun kuponkeja seuraavaa "
                "käyntiä varten. Sanoin myyjälle, etten tarvitse niitä, koska lennän "
                "muutaman päivän päästä kotiin. Myyjä ojensi kupongit jonossa "
                "seuraavana olleelle vanhalle herralle, joka ilahtui niistä "
                "silminnähden."
            ),
            "staff_did": (
                "Myyjä ei heittänyt kuponkeja roskiin, vaan huomasi, kenelle niistä "
                "olisi iloa, ja antoi ne eteenpäin."
            ),
            "could_do": (
                "Pystyin antamaan jotain hyödyllistä ihmiselle, jolle siitä oli iloa, "
                "ja lähdin kaupasta kuin olisin itse tehnyt pienen hyvän teon."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "Kauppa Toscanassa",
            "reading": (
                "Kassalle vieras oli yksi ostotapahtuma ja kupongit pelkkää jätettä. "
                "Myyjä teki vieraasta antajan ja vanhasta herrasta saajan. Kaksi "
                "asiakasta kohtasi toisensa, eikä kumpikaan ollut enää pelkkä kuitin "
                "numero."
            ),
        },
        {
            "title": "Huivi, josta löytyi alennus",
            "happened": (
                "Ostin huivin, jota olin katsellut jo pitkään. Kassalla hinta olikin "
                "odotettua pienempi, sillä huivi kuului kampanjaan, jota en ollut "
                "huomannut. Myyjä totesi ilahtuneena, että olipa hyvä tuuri, ja näytti "
                "aidosti iloitsevan puolestani."
            ),
            "staff_did": (
                "Myyjä kertoi alennuksesta avoimesti ja iloitsi siitä kanssani sen "
                "sijaan, että olisi vain kuitannut ostoksen."
            ),
            "could_do": (
                "Tiesin voivani luottaa siihen, että kauppa katsoo minunkin etuani, "
                "joten palasin sinne myöhemmin hintoja epäilemättä."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "Pieni vaateliike",
            "reading": (
                "Alennus olisi voinut jäädä äänettömäksi riviksi kuitissa. Kun myyjä "
                "iloitsi asiakkaan puolesta, hän asettui samalle puolelle tiskiä: mikä "
                "oli hyväksi asiakkaalle, oli hyväksi myyjällekin. Asiakas oli ihminen "
                "eikä myyntitavoite."
            ),
        },
        {
            "title": "Lippuautomaatti petti, kuljettaja viittasi kyytiin",
            "happened": (
                "Nousin bussiin ja yritin maksaa kortilla, mutta lippuautomaatti "
                "hylkäsi maksun kerta toisensa jälkeen. Takanani alkoi kertyä jonoa, "
                "ja odotin jo, että minut käskettäisiin pois odottamaan seuraavaa "
                "bussia. Kuljettaja kuitenkin viittasi minut istumaan ja sanoi, ettei "
                "laitteen vika ole minun syyni."
            ),
            "staff_did": (
                "Kuljettaja otti laitteen viasta vastuun eikä sälyttänyt sitä minulle. "
                "Hän ratkaisi tilanteen yhdellä eleellä."
            ),
            "could_do": (
                "Pääsin perille ajoissa ja ilman nolostumista ja jatkoin päivääni kuin "
                "mitään ei olisi tapahtunut."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "Kaupunkibussi",
            "reading": (
                "Alussa asiakas oli objekti: laite hylkäsi hänet, ja sääntöjen mukaan "
                "hänen olisi pitänyt poistua. Kuljettaja käänsi tilanteen luottamalla "
                "matkustajaan ja omaan harkintaansa. Ongelma siirtyi yhtiölle, ja "
                "matkustaja sai matkansa takaisin omiin käsiinsä."
            ),
        },
        {
            "title": "Tervetulotoivotus, joka oli tosissaan tarkoitettu",
            "happened": (
                "Saavuin hotelliin Chicagossa myöhään illalla pitkän lennon jälkeen. "
                "Vastaanottovirkailija katsoi minua silmiin ja toivotti tervetulleeksi "
                "niin, että uskoin sen. Hän kysyi matkastani ja kuunteli vastauksen, "
                "vaikka takanani odotti muitakin."
            ),
            "staff_did": (
                "Virkailija ei lukenut vuorosanoja vaan puhui minulle ihmisenä. "
                "Tuntui, että sillä oli merkitystä, että olin tullut juuri sinne."
            ),
            "could_do": (
                "Väsymys hellitti, ja tunsin olevani oikeassa paikassa. Uskalsin "
                "pyytää, mitä tarvitsin, ja sain neuvoja, joita en olisi osannut edes "
                "kysyä."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "Hotelli Chicagossa",
            "reading": (
                "Käsikirjoitettu tervehdys tekee vieraasta jonon seuraavan numeron. "
                "Tosissaan tarkoitettu tervetulotoivotus kertoo, että juuri hän on "
                "tässä tärkeä. Siitä syntyi luottamus, jonka varassa vieras uskalsi "
                "kysyä, pyytää ja tehdä vierailusta omansa."
            ),
        },
        {
            "title": "Tesla-myyjä puhui kuin omistaja",
            "happened": (
                "Poikkesin liikkeeseen katsomaan Teslaa ilman sen kummempia "
                "ostoaikeita. Myyjä ei luetellut ominaisuuksia, vaan kertoi, miltä "
                "autolla on ajaa talvella, miten hän lataa omaansa kotona ja mikä "
                "siinä alkuun ärsytti. Hän puhui kuin omistaja, joka esittelee autoaan "
                "naapurille."
            ),
            "staff_did": (
                "Myyjä kertoi omista kokemuksistaan, myös huonoista puolista, ja "
                "auttoi minua ymmärtämään sen sijaan, että olisi yrittänyt myydä."
            ),
            "could_do": (
                "Pystyin itse arvioimaan, sopisiko auto minun arkeeni, ja kysymään "
                "juuri niitä asioita, jotka minua mietityttivät."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "Tesla-myymälä",
            "reading": (
                "Ominaisuuslista tekee asiakkaasta myynnin kohteen. Kertomalla omasta "
                "kokemuksestaan myyjä antoi asiakkaalle aineksia omaan päätökseen. "
                "Päätös pysyi asiakkaalla, ja juuri siksi hän luotti myyjään."
            ),
        },
        {
            "title": "Hotelli vastasi somessa kuin vastaanotossa",
            "happened": (
                "Kirjoitin somessa hotellista, jossa yövyin: huoneessa oli kylmä, enkä "
                "jaksanut lähteä alakertaan asti asiasta sanomaan. Vartin päästä "
                "hotelli vastasi lämpimästi ja omalla äänellään, ilman kopioituja "
                "asiakaspalvelufraaseja. Pian ovella oli lisäpeitto ja lämpöpuhallin."
            ),
            "staff_did": (
                "Hotelli vastasi yhtä nopeasti ja luontevasti kuin vastaanotossa olisi "
                "vastattu, ja vastaaja allekirjoitti viestin etunimellään."
            ),
            "could_do": (
                "Sain asian hoidettua siellä, missä jo olin, ja omalla tavallani, "
                "ilman erillistä valitusta."
            ),
            "agency": 5,
            "channel": "social",
            "place": "Hotelli, somessa",
            "reading": (
                "Monelle hotellille some on maineenhallintaa ja valitus riski, joka "
                "pitää hoitaa. Tässä kanava oli vain yksi vastaanotto lisää: asiakas "
                "sai itse valita, missä ja miten asioi, ja hänet kohdattiin siellä "
                "ihmisenä."
            ),
        },
    ],
}
