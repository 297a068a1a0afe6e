"""The built-in "From object to subject" design in Finnish: see builtin_content.py."""

from __future__ import annotations

from ..pulse.builtin import STATEMENTS

CONTENT_FI: dict = {
    "name": "Objektista subjektiksi",
    "welcome": (
        "Tervetuloa! Tänään etsimme yhdessä hetkiä, joissa asiakas sai toimia itse sen "
        "sijaan, että häntä vain käsiteltiin: objektista subjektiksi."
    ),
    "lobby": {
        "projector": (
            "Liittykää puhelimella: skannatkaa QR-koodi tai kirjoittakaa koodi. "
            "Aloitamme hetken kuluttua."
        ),
        "phone": "Olet mukana! Odota hetki: näkymä vaihtuu itsestään, kun työpaja alkaa.",
        "minutes": 5,
    },
    "steps": [
        {
            "activity": "pulse",
            "projector": "Kuinka totta nämä ovat meillä tänään? Vastaukset ovat nimettömiä.",
            "phone": (
                "Arvioi jokainen väite 1–5: kuinka totta se on meillä tänään? Kukaan ei "
                "näe, mitä vastasit."
            ),
            "minutes": 5,
            "settings": {"statements": list(STATEMENTS["fi"])},
        },
        {
            "activity": "wordcloud",
            "projector": "Yksi sana: miltä asiakkaastamme tuntuu tiskillämme?",
            "phone": (
                "Yksi sana: miltä asiakkaastamme tuntuu tiskillämme? Lähetä sana tai "
                "lyhyt ilmaus, enintään kolme."
            ),
            "minutes": 5,
            "settings": {"is_live": False},
        },
        {
            "activity": "stories",
            "projector": (
                "Kirjoittakaa todellisesta palvelukohtaamisesta. Milloin teitä "
                "kohdeltiin objektina, milloin saitte toimia subjektina?"
            ),
            "phone": (
                "Kirjoita oikeasta palvelukokemuksestasi: mitä tapahtui, mitä "
                "henkilökunta teki, miten se sanottiin ja mitä pystyit sen ansiosta "
                "tekemään. Arvioi lopuksi 1–5, olitko subjekti vai objekti."
            ),
            "minutes": 15,
        },
        {
            "activity": "practices",
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
        {
            "activity": "voting",
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
        {
            "activity": "results",
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
    ],
    "examples": [
        {
            "title": "Myyjä lainasi kanta-asiakaskortin jonon seuraavalta",
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
            "manner": (
                "Myyjä kysyi korttia kuin maailman luonnollisinta asiaa, eikä kukaan "
                "jonossa huokaillut. Tunsin olevani tervetullut."
            ),
            "could_do": (
                "Maksoin saman hinnan kuin paikalliset ja tunsin olevani tervetullut "
                "asiakas enkä ohikulkeva turisti."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "Kauppa Toscanassa",
            "reading": (
                "Säännön mukaan ulkomaalainen oli ulkopuolinen, jolle alennus ei kuulu. "
                "Myyjä ei piiloutunut säännön taakse vaan käytti kekseliäisyyttään "
                "asiakkaan hyväksi. Vieras sai saman kohtelun kuin muut ja lähti "
                "kaupasta asiakkaana eikä turistina."
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
                "Säännön mukaan kupongit kuuluivat sille, jolle kone ne tulosti, ja "
                "turhina ne olisivat päätyneet roskiin. Myyjä teki vieraasta antajan ja "
                "vanhasta herrasta saajan. Kaksi asiakasta kohtasi toisensa, eikä "
                "kumpikaan ollut enää pelkkä kuitin numero."
            ),
        },
        {
            "title": "Huivi: alennusta ei ollut, kunnes kassa löysi sen",
            "happened": (
                "Kysyin huivista alennusta, mutta myyjä sanoi, ettei siihen ole "
                "alennusta. Kun hän näppäili huivin kassaan, kassa löysi siihen "
                "kuitenkin alennuksen. Myyjä antoi sen minulle mielellään."
            ),
            "staff_did": (
                "Myyjä ei pitänyt kiinni siitä, mitä oli juuri sanonut, vaan antoi "
                "kassan löytämän alennuksen saman tien."
            ),
            "manner": (
                "Iloisesti, ilman selittelyä tai nolostumista. Hän näytti olevan "
                "aidosti iloinen puolestani."
            ),
            "could_do": (
                "Sain huivin edullisemmin ja luotin siihen, että kauppa katsoo minunkin "
                "etuani. Palasin sinne myöhemmin mielelläni."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "Pieni vaateliike",
            "reading": (
                "Säännön mukainen hetki oli ensimmäinen vastaus: alennusta ei ole. Kun "
                "kassa löysi alennuksen, myyjä ei puolustanut sanaansa vaan asettui "
                "asiakkaan puolelle. Sanoja tärkeämpää oli, miten hän sen teki: "
                "mielellään eikä vastahakoisesti."
            ),
        },
        {
            "title": "Leimauslaite ei ottanut lippua, kuljettaja viittasi istumaan",
            "happened": (
                "Nousin bussiin sarjalipulla, jossa oli vielä kaksi matkaa jäljellä. "
                "Leimauslaite ei hyväksynyt lippua, vaikka yritin kerta toisensa "
                "jälkeen. Takanani alkoi kertyä jonoa, ja odotin jo joutuvani ostamaan "
                "uuden lipun. Kuljettaja viittasi minut iloisesti istumaan."
            ),
            "staff_did": (
                "Kuljettaja ei sälyttänyt laitteen vikaa minulle, vaan ratkaisi "
                "tilanteen yhdellä eleellä."
            ),
            "manner": "Iloisesti ja kiireettä, yhdellä kädenheilautuksella. Nolous katosi heti.",
            "could_do": (
                "Pääsin perille ajoissa ja ilman nolostumista ja jatkoin päivääni kuin "
                "mitään ei olisi tapahtunut."
            ),
            "agency": 4,
            "channel": "in_person",
            "place": "Kaupunkibussi",
            "reading": (
                "Säännön mukaan leimaamaton lippu ei kelpaa, ja matkustajan olisi "
                "pitänyt ostaa uusi. Kuljettaja luotti matkustajaan ja omaan "
                "harkintaansa: laitteen vika jäi yhtiön ongelmaksi, ja matkustaja sai "
                "matkansa takaisin omiin käsiinsä."
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
            "manner": (
                "Sanat olivat tavalliset, mutta katse ja kiireetön ääni saivat minut uskomaan ne."
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
                "Säännön mukainen tervehdys on käsikirjoitettu, ja se tekee vieraasta "
                "jonon seuraavan numeron. Tosissaan tarkoitettu tervetulotoivotus "
                "kertoo, että juuri hän on tässä tärkeä. Siitä syntyi luottamus, jonka "
                "varassa vieras uskalsi kysyä, pyytää ja tehdä vierailusta omansa."
            ),
        },
        {
            "title": "Tesla-myyjä puhui kuin yhtiön pääomistaja",
            "happened": (
                "Kävin Tesla-myymälässä San Josessa. Myyjä vastasi kysymyksiini autosta "
                "kuin olisi ollut yhtiön pääomistaja: ”Joo, me tuodaan kohta "
                "markkinoille…” Hän oli yhtä innoissaan kuin perustaja itse ja tiesi, "
                "mikä hänen oma osansa yhtiön visiossa oli."
            ),
            "staff_did": (
                "Myyjä puhui yhtiöstä me-muodossa ja kertoi, mihin yhtiö on menossa ja "
                "miten hänen oma työnsä liittyy siihen."
            ),
            "manner": ("Innostuneesti, kuin omasta asiastaan: ”me” eikä ”he”. Innostus tarttui."),
            "could_do": (
                "Ymmärsin, mitä yhtiö tavoittelee ja mihin autoa kehitetään, ja pystyin "
                "itse päättämään, haluanko olla siinä mukana."
            ),
            "agency": 5,
            "channel": "in_person",
            "place": "Tesla-myymälä San Josessa",
            "reading": (
                "Säännön mukaan myyjä esittelee tuotteen ja jättää yhtiön suunnitelmat "
                "pääkonttorille. Tässä yrityskulttuuri ulottui asiakasrajapintaan asti: "
                "myyjä tunsi yhtiön vision ja oman osansa siinä. Asiakas sai "
                "keskustelukumppanin eikä myyntipuhetta."
            ),
        },
        {
            "title": "Hotelli vastasi kiitokseen somessa kuin aulassa",
            "happened": (
                "Yövyin hotellissa Lexington Avenuella. Otin parvekkeelta kuvan ja "
                "lähetin sen hotellille twiittinä kiitokseksi. Vastaus tuli melkein "
                "yhtä nopeasti ja luontevasti kuin aulassa olisi vastattu."
            ),
            "staff_did": (
                "Hotelli vastasi kiitokseen heti ja omalla äänellään, ilman kopioituja "
                "asiakaspalvelufraaseja."
            ),
            "manner": "Lämpimästi ja luontevasti, kuin tuttu vastaanotosta, ei kuin tiedote.",
            "could_do": (
                "Sain kiittää siellä, missä jo olin, ja kiitos meni perille. Verkko ja "
                "hotelli tuntuivat yhdeltä ja samalta paikalta."
            ),
            "agency": 5,
            "channel": "social",
            "place": "Hotelli Lexington Avenuella, somessa",
            "reading": (
                "Säännön mukaan some on maineenhallintaa, ja viestit käsitellään "
                "jonossa, kun ehditään. Tässä verkko ja aula olivat yksi ja sama "
                "kokemus: kiitokseen vastattiin yhtä nopeasti ja luontevasti kuin "
                "kasvokkain, ja vieras kohdattiin ihmisenä."
            ),
        },
        {
            "title": "Leimauslaite sanoi ei, ja niin sanoi kuljettajakin",
            "happened": (
                "Sarjalipussani oli kaksi matkaa jäljellä, mutta leimauslaite ei "
                "hyväksynyt sitä. Kuljettaja sanoi, että laite päättää: osta uusi lippu "
                "tai jää pois. Ostin uuden lipun, vaikka vanhassa oli matkoja jäljellä."
            ),
            "staff_did": "Kuljettaja vetosi laitteeseen ja sääntöön eikä katsonut lippuani.",
            "manner": (
                "Tylysti ja katsomatta minuun. Tunsin itseni pummilla matkustajaksi, "
                "vaikka olin maksanut matkani."
            ),
            "could_do": "En mitään. Maksoin matkani kahteen kertaan tai olisin jäänyt pois.",
            "agency": 1,
            "channel": "in_person",
            "place": "Raitiovaunu",
            "reading": (
                "Tässä sääntö voitti: laitteen vika jäi asiakkaan maksettavaksi. "
                "Tilanne oli sama kuin bussissa, jonka kuljettaja viittasi matkustajan "
                "istumaan. Ero oli siinä, kenen ongelmaksi vika jäi."
            ),
        },
        {
            "title": "Kanta-asiakashinta vain kortilla, ei poikkeuksia",
            "happened": (
                "Ruokakaupan kassalla selvisi, että tarjoushinnat koskivat vain "
                "kanta-asiakkaita. Kysyin, voisiko asialle tehdä jotain. Myyjä sanoi, "
                "ettei järjestelmä salli poikkeuksia, ja veloitti täyden hinnan."
            ),
            "staff_did": "Myyjä kertoi säännön ja jatkoi seuraavaan asiakkaaseen.",
            "manner": (
                "Kohteliaasti mutta kuin sääntökirjasta lukien. Katse oli jo "
                "seuraavassa asiakkaassa."
            ),
            "could_do": "Pystyin maksamaan tai jättämään ostokset. Maksoin enkä palannut.",
            "agency": 2,
            "channel": "in_person",
            "place": "Ruokakauppa",
            "reading": (
                "Sääntö teki vieraasta ulkopuolisen. Myyjä ei ollut tyly, mutta sääntö "
                "päätti hänen puolestaan. Vertaa Toscanan kauppaan, jossa myyjä lainasi "
                "kortin jonon seuraavalta."
            ),
        },
        {
            "title": "Kiitokseen vastasi mallipohja",
            "happened": (
                "Kiitin verkkokauppaa somessa nopeasta toimituksesta. Kolmen päivän "
                "päästä tuli vastaus: ”Kiitos palautteestasi. Täytäthän "
                "asiakastyytyväisyyskyselymme.” Perässä oli linkki lomakkeeseen."
            ),
            "staff_did": "Viestiin vastattiin valmiilla pohjalla, ja minut ohjattiin lomakkeelle.",
            "manner": "Kohteliaasti mutta koneellisesti. Vastaus olisi sopinut kenelle tahansa.",
            "could_do": (
                "Pystyin täyttämään lomakkeen. Kiitokseni käsiteltiin kuin se olisi ollut valitus."
            ),
            "agency": 2,
            "channel": "social",
            "place": "Verkkokauppa, somessa",
            "reading": (
                "Säännön mukaan some on oma osastonsa, jonka viestit käsitellään "
                "jonossa. Asiakas ei ollut ihminen vaan palautteen lähde. Vertaa "
                "hotelliin Lexington Avenuella, jossa kiitokseen vastattiin kuin "
                "aulassa."
            ),
        },
        {
            "title": "Myyjä ojensi esitteen",
            "happened": (
                "Kysyin autoliikkeessä, mitä uutta merkiltä on tulossa. Myyjä sanoi, "
                "ettei voi kommentoida yhtiön suunnitelmia, ja ojensi esitteen. "
                "Muihin kysymyksiini hän vastasi asiallisesti esitteen rajoissa."
            ),
            "staff_did": "Myyjä vastasi siihen, mitä kysyin, mutta ei mitään sen yli.",
            "manner": "Asiallisesti ja kohteliaasti, mutta kuin ulkopuolinen: ”he” eikä ”me”.",
            "could_do": (
                "Sain tiedot, joita kysyin, ja pystyin vertailemaan autoja. Kuvaa "
                "siitä, mihin yhtiö on menossa, en saanut."
            ),
            "agency": 3,
            "channel": "in_person",
            "place": "Autoliike",
            "reading": (
                "Asiakas sai palvelua, mutta yrityskulttuuri ei ulottunut "
                "asiakasrajapintaan asti: myyjä puhui yhtiöstä kuin ulkopuolinen. "
                "Vertaa Tesla-myyjään, joka puhui kuin yhtiön pääomistaja."
            ),
        },
    ],
}
