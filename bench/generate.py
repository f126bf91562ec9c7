#!/usr/bin/python3
"""Generate a synthetic ticket history for the benchmark.

    /usr/bin/python3 bench/generate.py N [--seed S] [-o FILE] [--stats FILE]

Writes N tickets as JSON Lines in the form `tickets import --format jsonl`
reads (and `tickets export --format jsonl` writes): one line per ticket,

    {"events": [create, comment, assign, status, ...], "blobs": {}}

Every event is sealed like the real tool seals it: its id is the lower-case
hex SHA-256 of its canonical serialisation (the event without "id", keys
sorted, compact, UTF-8), and a ticket's id is the id of its create event, so
the import verifies every hash exactly as it does for real data.

The data look like the service desk of a German property-management software
vendor and of the property managers using it: software questions about
PowerHaus, HausPerfekt, Karthago and Wodis Yuneo from Hausverwaltungen, and
damage reports (Heizung, Wasserschaden, Aufzug, Schimmel, ...) from tenants,
owners and caretakers. Each ticket has on average 3 comments (0..6, uniform
over [0,1,2,3,3,4,5,6]), about a tenth of the agents' comments internal. The
final statuses are spread (about new 12 %, open 22 %, pending 14 %, hold 6 %,
solved 16 %, closed 30 %) through assign, status, resolve and close events
that obey the workflow in core/workflow.cpp (new -> open/pending/hold/solved/
closed, solved -> open/closed, closed is final).

The output is a function of N and --seed only (no clock, no randomness from
the system): the same command writes the same bytes. Creation times are
spread evenly over --start .. --end (default 2023-11-01 .. 2026-10-31), the
follow-up events come minutes to days later. Lamport clocks increase by one
per event in the order the events are written.

--stats FILE writes a JSON summary (counts per status and event type, how many
tickets contain each of the benchmark's search words, and a few ticket ids
for `show`) that bench/run.sh reads.

Python 3 standard library only.
"""

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import signal
import sys

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

FIRST_NAMES = [
    "Anna", "Andreas", "Birgit", "Bernd", "Claudia", "Christian", "Daniela", "Dieter",
    "Elke", "Erik", "Frauke", "Florian", "Gabriele", "Günter", "Heike", "Holger",
    "Ingrid", "Jan", "Jörg", "Julia", "Katrin", "Klaus", "Lena", "Lukas", "Monika",
    "Markus", "Nina", "Niklas", "Olga", "Oliver", "Petra", "Peter", "Renate", "Ralf",
    "Sabine", "Stefan", "Sevgi", "Thomas", "Tanja", "Uwe", "Ursula", "Volker", "Werner",
    "Yvonne", "Zeynep", "Mehmet", "Aleksandra", "Dragan", "Fatma", "Hans-Jürgen",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
    "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
    "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Huber",
    "Petersen", "Hansen", "Jensen", "Claußen", "Yılmaz", "Kaya", "Nowak", "Kowalski",
    "Öztürk", "Brandt", "Lorenz", "Arslan", "Vogel", "Friedrich", "Keller", "Günther",
]
CITIES = [
    ("Hamburg", "20"), ("Berlin", "10"), ("München", "80"), ("Köln", "50"),
    ("Frankfurt am Main", "60"), ("Stuttgart", "70"), ("Düsseldorf", "40"),
    ("Leipzig", "04"), ("Dortmund", "44"), ("Essen", "45"), ("Bremen", "28"),
    ("Dresden", "01"), ("Hannover", "30"), ("Nürnberg", "90"), ("Duisburg", "47"),
    ("Bochum", "44"), ("Wuppertal", "42"), ("Bielefeld", "33"), ("Bonn", "53"),
    ("Münster", "48"), ("Kiel", "24"), ("Lübeck", "23"), ("Freiburg", "79"),
]
STREETS = [
    "Musterstraße", "Lindenallee", "Hafenstraße", "Elbchaussee", "Am Stadtpark",
    "Leopoldstraße", "Isarring", "Sendlinger Straße", "Rheinuferstraße",
    "Deutzer Freiheit", "Bahnhofstraße", "Hauptstraße", "Schillerstraße",
    "Goethestraße", "Gartenweg", "Birkenweg", "Am Markt", "Kirchplatz",
    "Friedrich-Ebert-Straße", "Mozartstraße", "Sonnenhof", "Wiesenweg",
    "Kastanienallee", "Bergstraße", "Uhlandstraße", "Eichendorffweg",
]
HV_KINDS = ["hausverwaltung", "immobilien", "hv", "wohnbau", "verwaltung", "immo"]
# Private mail providers (all in core/text.cpp is_public_mail_domain: no organisation).
MAIL_PROVIDERS = ["gmx.de", "web.de", "t-online.de", "gmail.com", "posteo.de", "freenet.de"]
SUPPORT_DOMAIN = "support.example.com"
PRODUCTS = ["PowerHaus", "HausPerfekt", "Karthago", "Wodis Yuneo"]
TOPICS = ["Buchhaltung", "Installation", "Mietverwaltung", "WEG-Verwaltung",
          "Nebenkosten", "Schnittstellen", "Mahnwesen", "Zahlungsverkehr"]
GROUPS = ["Kundenservice", "Fachsupport Rechnungswesen", "Technischer Support",
          "Objektbetreuung", "Hauswart-Team"]

# Damage and service reports of residents: (category, subject templates, description sentences)
BUILDING_ISSUES = [
    ("Heizung", [
        "Heizung ausgefallen", "Heizung im {floor} bleibt kalt", "Heizkörper wird nicht warm",
        "Heizkörper im Bad gluckert", "Kein Warmwasser seit {day}", "Heizungsanlage macht Geräusche",
        "Thermostatventil defekt",
    ], [
        "Seit {day} bleiben alle Heizkörper in der Wohnung kalt.",
        "Die Heizung springt morgens nicht an, die Wohnung hat nur noch 15 Grad.",
        "Im {floor} gibt es seit {day} kein warmes Wasser mehr.",
        "Das Thermostatventil im Wohnzimmer lässt sich nicht mehr drehen.",
        "Die Heizkörper müssten wohl entlüftet werden, sie gluckern ständig.",
        "Die Therme zeigt die Störung F28 an.",
    ]),
    ("Sanitär", [
        "Wasserschaden {in_room}", "Wasserschaden im Keller", "Rohrbruch im {floor}",
        "Toilettenspülung läuft ständig", "Abfluss in der Küche verstopft",
        "Wasserfleck an der Decke", "Feuchtigkeit im Keller",
    ], [
        "Aus der Decke {in_room} tropft Wasser, vermutlich ein Wasserschaden aus der Wohnung darüber.",
        "Im Keller steht nach dem Starkregen Wasser, die Mieterkeller sind betroffen.",
        "Der Abfluss in der Küche ist verstopft, das Wasser läuft nicht mehr ab.",
        "An der Decke {in_room} hat sich ein großer Wasserfleck gebildet.",
        "Die Spülung der Toilette läuft ununterbrochen nach.",
        "Der Wasserschaden wurde der Versicherung bereits gemeldet, Fotos sind vorhanden.",
    ]),
    ("Aufzug", [
        "Aufzug defekt", "Aufzug steckt im {floor} fest", "Aufzug außer Betrieb",
        "Aufzugstür schließt nicht", "Notruf im Aufzug funktioniert nicht",
    ], [
        "Der Aufzug steht seit {day} still, ältere Bewohner kommen nicht mehr in ihre Wohnungen.",
        "Die Aufzugstür schließt nicht richtig und der Aufzug fährt nicht los.",
        "Beim Test hat der Notrufknopf im Aufzug keine Verbindung aufgebaut.",
        "Der Aufzug bleibt zwischen den Etagen stehen.",
    ]),
    ("Elektrik", [
        "Treppenhausbeleuchtung defekt", "Licht im Treppenhaus {floor} aus",
        "Stromausfall im Keller", "Klingelanlage defekt", "Gegensprechanlage ohne Ton",
        "Außenbeleuchtung brennt dauerhaft",
    ], [
        "Im Treppenhaus ist im {floor} die Beleuchtung ausgefallen, abends ist es stockdunkel.",
        "Die Klingel zur Wohnung funktioniert seit {day} nicht mehr.",
        "Über die Gegensprechanlage hört man den Besucher nicht.",
        "Im Keller ist die Sicherung herausgeflogen und lässt sich nicht wieder einschalten.",
        "Die Außenbeleuchtung am Eingang brennt auch tagsüber.",
    ]),
    ("Schäden", [
        "Schimmel {in_room}", "Fenster undicht", "Balkontür klemmt", "Riss in der Fassade",
        "Dachrinne verstopft", "Garagentor öffnet nicht", "Rollladen defekt",
    ], [
        "{In_room} bildet sich an der Außenwand Schimmel, trotz regelmäßigem Lüften.",
        "Das Fenster {in_room} ist undicht, bei Regen läuft Wasser auf die Fensterbank.",
        "Die Balkontür klemmt und lässt sich nur mit Gewalt schließen.",
        "An der Fassade zum Hof ist ein Riss zu sehen, der größer wird.",
        "Die Dachrinne ist verstopft, das Regenwasser läuft an der Wand herunter.",
        "Das Garagentor öffnet mit der Fernbedienung nicht mehr.",
        "Der Rollladen im Schlafzimmer lässt sich nicht mehr hochziehen, der Gurt ist gerissen.",
    ]),
    ("Außenanlagen", [
        "Müllplatz überfüllt", "Winterdienst nicht erfolgt", "Hecke muss geschnitten werden",
        "Spielplatz: Schaukel defekt", "Fahrradkeller verschmutzt",
    ], [
        "Die Mülltonnen sind seit Tagen überfüllt, die Abholung wurde offenbar verpasst.",
        "Heute morgen war der Gehweg vereist, der Winterdienst war nicht da.",
        "Die Hecke zum Nachbargrundstück ragt weit über den Gehweg.",
        "Am Spielplatz ist eine Kette der Schaukel gerissen.",
        "Im Fahrradkeller liegt Sperrmüll, der niemandem gehört.",
    ]),
    ("Allgemein", [
        "Schlüssel verloren", "Zusätzlicher Schlüssel für die Haustür", "Rauchwarnmelder piept",
        "Lärmbelästigung durch Nachbarn", "Frage zur Hausordnung", "Zählerstand übermitteln",
        "Wohnungsübergabe vereinbaren", "Namensschild am Briefkasten ändern",
    ], [
        "Ich habe meinen Wohnungsschlüssel verloren und brauche einen Ersatz.",
        "Der Rauchwarnmelder im Flur piept alle paar Minuten, vermutlich ist die Batterie leer.",
        "Aus der Wohnung im {floor} kommt jede Nacht laute Musik.",
        "Laut Hausordnung ist das Grillen auf dem Balkon nicht erlaubt, gilt das auch für Elektrogrills?",
        "Anbei der Zählerstand für Wasser und Strom zum Stichtag.",
        "Ich ziehe zum Monatsende aus und möchte einen Termin für die Wohnungsübergabe vereinbaren.",
        "Bitte das Namensschild an Klingel und Briefkasten auf den neuen Namen ändern.",
    ]),
    ("Abrechnung", [
        "Nebenkostenabrechnung {year} fehlerhaft", "Frage zur Nebenkostenabrechnung {year}",
        "Betriebskosten: Heizkosten zu hoch", "Kaution zurückfordern", "Mieterhöhung nicht nachvollziehbar",
        "Hausgeld-Abrechnung {year}", "SEPA-Lastschrift zurückgegeben",
    ], [
        "In der Nebenkostenabrechnung {year} sind die Heizkosten doppelt so hoch wie im Vorjahr.",
        "Die Wohnfläche in der Betriebskostenabrechnung stimmt nicht mit dem Mietvertrag überein.",
        "Ich bin vor drei Monaten ausgezogen und warte noch auf die Rückzahlung der Kaution.",
        "Die Mieterhöhung bezieht sich auf den Mietspiegel, die Vergleichswohnungen fehlen aber.",
        "In der Hausgeld-Abrechnung {year} fehlt die Zuführung zur Erhaltungsrücklage.",
        "Die SEPA-Lastschrift für die Miete wurde von der Bank zurückgegeben.",
    ]),
]

# Software questions and incidents of the Hausverwaltungen (vendor support)
SOFTWARE_ISSUES = [
    ("Buchhaltung", [
        "Mahnlauf bricht ab", "DATEV-Export leer", "Sollstellung doppelt gebucht",
        "Kontoauszug lässt sich nicht importieren", "Offene Posten stimmen nicht",
        "Jahresabschluss {year}: Saldenvortrag fehlt",
    ], [
        "Beim Mahnlauf erscheint die Meldung 'Objekt nicht gefunden' und der Lauf bricht ab.",
        "Der DATEV-Export für {month} erzeugt eine leere Datei.",
        "Die Sollstellung für {month} wurde für alle Mieter doppelt gebucht.",
        "Der Import des Kontoauszugs im CAMT-Format schlägt mit einem Fehler fehl.",
        "Die Liste der offenen Posten zeigt Beträge, die längst ausgeglichen sind.",
        "Nach dem Jahreswechsel fehlt der Saldenvortrag auf den Sachkonten.",
    ]),
    ("Nebenkosten", [
        "Nebenkostenabrechnung {year}: Umlageschlüssel falsch", "Heizkostenverteilung importieren",
        "Abrechnungszeitraum lässt sich nicht ändern", "Nebenkostenabrechnung drucken dauert sehr lange",
    ], [
        "In der Nebenkostenabrechnung {year} wird der Umlageschlüssel nach Fläche statt nach Personen verwendet.",
        "Die Datei des Messdienstleisters mit der Heizkostenverteilung lässt sich nicht einlesen.",
        "Der Abrechnungszeitraum ist grau hinterlegt und kann nicht geändert werden.",
        "Der Druck der Nebenkostenabrechnung für 240 Einheiten dauert über eine Stunde.",
    ]),
    ("Installation", [
        "Update auf Version {version} schlägt fehl", "Lizenz abgelaufen", "Terminalserver: Programm startet nicht",
        "Datenbank-Sicherung einrichten", "Neuer Arbeitsplatz installieren",
    ], [
        "Das Update auf Version {version} bricht mit der Meldung 'Zugriff verweigert' ab.",
        "Seit heute morgen meldet das Programm, die Lizenz sei abgelaufen.",
        "Auf dem Terminalserver startet das Programm nur für Administratoren.",
        "Wie richten wir eine tägliche Sicherung der Datenbank ein?",
        "Wir haben eine neue Kollegin und brauchen einen weiteren Arbeitsplatz.",
    ]),
    ("WEG-Verwaltung", [
        "Wirtschaftsplan {year} erstellen", "Eigentümerversammlung: Einladung drucken",
        "Beschlusssammlung exportieren", "Erhaltungsrücklage falsch ausgewiesen",
    ], [
        "Beim Erstellen des Wirtschaftsplans {year} werden die Miteigentumsanteile nicht übernommen.",
        "Die Einladung zur Eigentümerversammlung soll an alle Eigentümer per Serienbrief gehen.",
        "Wie kann ich die Beschlusssammlung als PDF exportieren?",
        "In der Vermögensübersicht wird die Erhaltungsrücklage doppelt ausgewiesen.",
    ]),
    ("Schnittstellen", [
        "Schnittstelle zum Mieterportal liefert Fehler 500", "Bankabruf per EBICS schlägt fehl",
        "Import der Stammdaten aus Excel", "Portal zeigt alte Dokumente",
    ], [
        "Die Schnittstelle zum Mieterportal meldet seit {day} den Fehler 500.",
        "Der Bankabruf per EBICS bricht mit einem Zertifikatsfehler ab.",
        "Wir möchten die Stammdaten von 80 Einheiten aus einer Excel-Datei übernehmen.",
        "Im Mieterportal werden noch die Dokumente der alten Abrechnung angezeigt.",
    ]),
]

FLOORS = ["Erdgeschoss", "1. OG", "2. OG", "3. OG", "4. OG", "Dachgeschoss", "Souterrain"]
ROOMS = ["im Bad", "im Schlafzimmer", "im Wohnzimmer", "in der Küche", "im Kinderzimmer", "im Flur",
         "im Keller"]
DAYS = ["gestern", "vorgestern", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag",
        "dem Wochenende", "letzter Woche"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember"]
VERSIONS = ["2024.1", "2024.2", "2025.1", "2025.2", "2026.1"]

# Follow-up texts, per kind of ticket ("building": residents' reports,
# "software": the Hausverwaltungen's questions to the vendor).
REQUESTER_COMMENTS = {
    "building": [
        "Gibt es schon einen Termin?",
        "Der Handwerker war bis heute nicht da, bitte um Rückmeldung.",
        "Anbei noch ein Foto vom Schaden.",
        "Das Problem besteht weiterhin.",
        "Vielen Dank, heute Nachmittag bin ich ab 14 Uhr zu Hause.",
        "Die Nachbarn im {floor} sind ebenfalls betroffen.",
        "Es ist wieder passiert, diesmal {in_room}.",
        "Können Sie mir sagen, bis wann das erledigt wird?",
        "Der Schlüssel für den Keller liegt beim Hauswart.",
    ],
    "software": [
        "Der Fehler tritt jetzt auch an einem zweiten Arbeitsplatz auf.",
        "Ich habe es wie beschrieben versucht, leider ohne Erfolg.",
        "Bitte rufen Sie mich unter der bekannten Nummer zurück.",
        "Anbei das Bildschirmfoto der Fehlermeldung.",
        "Die Sicherung von gestern Abend ist vorhanden.",
        "Danke, das hat funktioniert.",
        "Können Sie mir sagen, bis wann das erledigt wird?",
    ],
}
AGENT_COMMENTS = {
    "building": [
        "Vielen Dank für Ihre Meldung, wir haben den Hauswart informiert.",
        "Der Handwerker kommt am {day_future} zwischen 8 und 12 Uhr.",
        "Wir haben die Firma {company} mit der Reparatur beauftragt.",
        "Bitte senden Sie uns ein Foto des Schadens.",
        "Bitte prüfen Sie, ob die Sicherung im Sicherungskasten eingeschaltet ist.",
        "Wir haben die Abrechnung geprüft: der Umlageschlüssel ist korrekt.",
        "Das Ersatzteil ist bestellt, die Lieferung dauert etwa zwei Wochen.",
        "Der Schaden wurde an die Gebäudeversicherung gemeldet.",
    ],
    "software": [
        "Der Fehler ist bekannt und wird mit Version {version} behoben.",
        "Könnten Sie uns bitte die genaue Fehlermeldung als Bildschirmfoto schicken?",
        "Ich habe mich per Fernwartung verbunden und die Einstellung korrigiert.",
        "Die Kollegen aus dem Fachsupport melden sich bei Ihnen.",
        "Bitte führen Sie die Datenbankprüfung unter Extras aus und senden Sie uns das Protokoll.",
        "Eine Anleitung finden Sie in der Wissensdatenbank unter Buchhaltung > Mahnwesen.",
    ],
}
INTERNAL_NOTES = {
    "building": [
        "Intern: Mieter hat schon dreimal angerufen, bitte bevorzugt behandeln.",
        "Intern: Kostenvoranschlag liegt bei 1.800 EUR, Freigabe durch Eigentümer nötig.",
        "Intern: Versicherungsnummer im Objekt hinterlegt.",
    ],
    "software": [
        "Intern: Fehler im Entwicklungssystem nachgestellt, Ticket an die Entwicklung.",
        "Intern: Kunde hat keinen Wartungsvertrag mehr, Aufwand abrechnen.",
        "Intern: Betrifft auch andere Kunden mit Version {version}.",
    ],
}
SOLUTIONS = {
    "building": [
        "Der Handwerker hat die Reparatur abgeschlossen.",
        "Die Heizungsanlage wurde entlüftet und neu eingestellt, alle Heizkörper werden wieder warm.",
        "Das Leck wurde abgedichtet und der Wasserschaden getrocknet.",
        "Der Aufzug wurde vom Wartungsdienst repariert und ist wieder in Betrieb.",
        "Die Abrechnung wurde korrigiert und neu versandt.",
        "Der Schlüssel wurde nachbestellt und kann im Büro abgeholt werden.",
        "Die Leuchtmittel im Treppenhaus wurden ausgetauscht.",
    ],
    "software": [
        "Mit dem Update auf Version {version} ist der Fehler behoben.",
        "Die Einstellung wurde per Fernwartung korrigiert.",
        "Die Daten wurden bereinigt, der Lauf ist jetzt fehlerfrei durchgelaufen.",
        "Die Frage ist beantwortet, siehe Anleitung in der Wissensdatenbank.",
    ],
}
COMPANIES = ["Heizungsbau Lange GmbH", "Sanitär Krüger", "Elektro Meier & Söhne",
             "Aufzugsdienst Nord", "Dachdeckerei Vogel", "Malerbetrieb Schwarz",
             "Schlüsseldienst Becker", "Gartenbau Friedrich"]
DAYS_FUTURE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"]
GREETINGS = ["Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo,", "Moin,", "Grüß Gott,"]
CLOSINGS = ["Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße", "Danke und Gruß"]

# Final statuses and how often they occur (weights).
# The SLA policies of the benchmark's desk, in seconds of working time
# (a working day: 9 hours). `tickets new` records a policy's targets in
# the create event; low tickets have none.
SLA_TARGETS = {"normal": (4 * 3600, 8 * 3600, 18 * 3600),
               "high": (3600, 4 * 3600, 9 * 3600),
               "urgent": (1800, 2 * 3600, 4 * 3600)}

STATUS_WEIGHTS = [("new", 12), ("open", 22), ("pending", 14), ("hold", 6),
                  ("solved", 16), ("closed", 30)]
COMMENT_COUNTS = [0, 1, 2, 3, 3, 4, 5, 6]  # mean 3

# Words bench/run.sh searches for; --stats counts the tickets that contain them.
SEARCH_WORDS = ["Wasserschaden", "Aufzug", "Heizung", "Nebenkostenabrechnung", "Schimmel",
                "Thermostatventil", "EBICS"]


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------

def canonical(event):
    """The bytes the id is the hash of (core/event.cpp, canonical_serialisation)."""
    return json.dumps(event, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def domain_of(email):
    return email.rsplit("@", 1)[1]


def iso(seconds):
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Generator:
    def __init__(self, seed, start, end, n):
        self.rng = random.Random(seed)
        self.start = start
        self.step = max(1, (end - start) // max(1, n))
        self.lamport = 0
        rng = self.rng
        # People: agents of the vendor, staff of the Hausverwaltungen, residents.
        agents = [self.email(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), SUPPORT_DOMAIN)
                  for _ in range(40)]
        self.agents = list(dict.fromkeys(agents))[:24]  # unique, in a fixed order
        self.hv = []  # (domain, [staff emails], [properties], product)
        used = set()
        for i in range(120):
            city, plz = rng.choice(CITIES)
            domain = "{}-{}.de".format(rng.choice(HV_KINDS), self.slug(rng.choice(LAST_NAMES)))
            if domain in used:
                domain = domain[:-3] + "-" + self.slug(city).split("-")[0] + ".de"
            if domain in used:
                domain = domain[:-3] + str(i) + ".de"
            used.add(domain)
            staff = [self.email(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), domain)
                     for _ in range(rng.randint(2, 8))]
            properties = ["{} {}, {}{:03d} {}".format(rng.choice(STREETS), rng.randint(1, 160),
                                                     plz, rng.randint(0, 999), city)
                          for _ in range(rng.randint(3, 25))]
            self.hv.append((domain, staff, properties, rng.choice(PRODUCTS)))
        self.tenants = [self.email(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES),
                                   rng.choice(MAIL_PROVIDERS), rng.randint(1, 99))
                        for _ in range(3000)]

    @staticmethod
    def slug(text):
        table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe",
                               "Ü": "ue", "ı": "i", " ": "-"})
        return text.lower().translate(table)

    def email(self, first, last, domain, number=None):
        local = "{}.{}".format(self.slug(first), self.slug(last))
        if number is not None:
            local += str(number)
        return "{}@{}".format(local, domain)

    def fill(self, template, year):
        rng = self.rng
        room = rng.choice(ROOMS)
        return template.format(
            floor=rng.choice(FLOORS), in_room=room, In_room=room[0].upper() + room[1:], day=rng.choice(DAYS),
            year=year - rng.randint(0, 1), month=rng.choice(MONTHS),
            version=rng.choice(VERSIONS), company=rng.choice(COMPANIES),
            day_future=rng.choice(DAYS_FUTURE))

    def event(self, kind, author, when, payload, ticket=None):
        self.lamport += 1
        e = {"v": 1, "type": kind, "author": author, "time": iso(when),
             "lamport": self.lamport, "payload": payload}
        if kind != "create":
            e["ticket"] = ticket
        e["id"] = hashlib.sha256(canonical(e)).hexdigest()
        return e

    def ticket(self, index):
        rng = self.rng
        created = self.start + index * self.step + rng.randrange(self.step)
        year = dt.datetime.fromtimestamp(created, dt.timezone.utc).year
        domain, staff, properties, product = rng.choice(self.hv)
        software = rng.random() < 0.35
        area = "software" if software else "building"
        if software:
            topic, subjects, sentences = rng.choice(SOFTWARE_ISSUES)
            requester = rng.choice(staff)
            category, prop, the_product = "", "", product
            kind = rng.choices(["question", "incident", "feature", "urgent"], [45, 35, 12, 8])[0]
        else:
            category, subjects, sentences = rng.choice(BUILDING_ISSUES)
            requester = rng.choice(self.tenants) if rng.random() < 0.7 else rng.choice(staff)
            prop, topic, the_product = rng.choice(properties), "", ""
            kind = rng.choices(["question", "incident", "urgent"], [40, 48, 12])[0]
        priority = {"question": "low", "incident": "normal", "feature": "normal",
                    "urgent": "high"}[kind]
        if rng.random() < 0.1:
            priority = rng.choice(["low", "normal", "high", "urgent"])
        subject = self.fill(rng.choice(subjects), year)
        body = [rng.choice(GREETINGS), ""]
        body += [self.fill(s, year) for s in rng.sample(sentences, min(len(sentences), rng.randint(1, 3)))]
        if prop:
            body.append("Objekt: {}.".format(prop))
        body += ["", rng.choice(CLOSINGS)]
        final = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        agent = rng.choice(self.agents)
        assign_in_create = final != "new" and rng.random() < 0.15
        cc = [rng.choice(staff)] if rng.random() < 0.2 else []
        tags = rng.sample(["dringend", "versicherung", "handwerker", "rückruf", "portal",
                           "wartung", "mieterwechsel", "eigentümer"], rng.choice([0, 0, 1, 1, 2]))
        payload = {
            "subject": subject, "description": "\n".join(body), "requester": requester,
            # As the CLI does: the mail domain, none for private mail providers.
            "organisation": "" if domain_of(requester) in MAIL_PROVIDERS else domain_of(requester),
            "cc": cc, "tags": tags,
            "product": the_product, "topic": topic, "category": category, "property": prop,
            "type": kind, "priority": priority,
            "assignee": agent if assign_in_create else "",
            "group": rng.choice(GROUPS) if rng.random() < 0.5 else "",
            "visibility": "public" if (prop and rng.random() < 0.2) else "private",
            "nonce": "{:016x}".format(rng.getrandbits(64)),
        }
        if priority in SLA_TARGETS:
            first, following, resolution = SLA_TARGETS[priority]
            payload["sla"] = {"policy": priority, "first_reply": first, "next_reply": following,
                              "resolution": resolution, "pause": ["pending", "hold"]}
        now = created
        create = self.event("create", requester, now, payload)
        tid = create["id"]
        events = [create]

        # The plan: comments, with the workflow steps placed among them.
        n_comments = rng.choice(COMMENT_COUNTS)
        steps = ["comment"] * n_comments
        if final != "new":
            if not assign_in_create:
                steps.insert(rng.randint(0, min(1, len(steps))), "assign")
            first = steps.index("assign") + 1 if "assign" in steps else 0
            if final in ("open", "solved", "closed") and rng.random() < 0.3:
                at = rng.randint(first, len(steps))
                steps[at:at] = ["status:pending", "status:open"]
            if final in ("pending", "hold"):
                steps.append("status:" + final)
            elif final == "solved":
                steps.append("resolve")
            elif final == "closed":
                steps += ["resolve", "close"] if rng.random() < 0.85 else ["close"]
        speaker = "requester"
        for step in steps:
            now += rng.randint(300, 2 * 86400)
            if step == "comment":
                if speaker == "requester" or "assign" not in steps and not assign_in_create:
                    author, text = requester, self.fill(rng.choice(REQUESTER_COMMENTS[area]), year)
                    internal = False
                else:
                    author = agent
                    internal = rng.random() < 0.1
                    text = self.fill(rng.choice((INTERNAL_NOTES if internal else AGENT_COMMENTS)[area]), year)
                speaker = "agent" if speaker == "requester" else "requester"
                events.append(self.event("comment", author, now,
                                         {"body": text, "internal": internal, "attachments": []}, tid))
            elif step == "assign":
                events.append(self.event("assign", agent, now, {"assignee": agent}, tid))
            elif step.startswith("status:"):
                events.append(self.event("status", agent, now, {"status": step[7:]}, tid))
            elif step == "resolve":
                events.append(self.event("resolve", agent, now,
                                         {"solution": self.fill(rng.choice(SOLUTIONS[area]), year)}, tid))
            elif step == "close":
                events.append(self.event("close", agent, now, {}, tid))
        text = " ".join([subject, payload["description"]] +
                        [e["payload"].get("body", e["payload"].get("solution", "")) for e in events[1:]])
        return final, events, text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of tickets")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("-o", "--output", default="-", help="output file (default: stdout)")
    ap.add_argument("--stats", help="write a JSON summary to this file")
    ap.add_argument("--start", default="2023-11-01", help="first creation day (YYYY-MM-DD)")
    ap.add_argument("--end", default="2026-10-31", help="last creation day (YYYY-MM-DD)")
    args = ap.parse_args()
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `generate.py 10 | head` ends quietly
    if args.n < 0:
        ap.error("n must be 0 or more")
    day = lambda s: int(dt.datetime.strptime(s, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc).timestamp())
    gen = Generator(args.seed, day(args.start), day(args.end), args.n)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8", newline="\n")
    statuses, types, hits = {}, {}, {w: 0 for w in SEARCH_WORDS}
    lowered = {w: w.lower() for w in SEARCH_WORDS}
    words = re.compile(r"\w+")
    samples = []
    for i in range(args.n):
        final, events, text = gen.ticket(i)
        statuses[final] = statuses.get(final, 0) + 1
        for e in events:
            types[e["type"]] = types.get(e["type"], 0) + 1
        # As the FTS5 prefix query "word"* matches: a token that starts with it.
        tokens = set(words.findall(text.lower()))
        for w in SEARCH_WORDS:
            if any(t.startswith(lowered[w]) for t in tokens):
                hits[w] += 1
        if len(samples) < 5 and i >= args.n // 2 and len(events) >= 5:
            samples.append(events[0]["id"])
        out.write(json.dumps({"events": events, "blobs": {}}, ensure_ascii=False,
                             separators=(",", ":")))
        out.write("\n")
    if out is not sys.stdout:
        out.close()
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump({"tickets": args.n, "seed": args.seed, "statuses": statuses,
                       "event_types": types, "events": sum(types.values()),
                       "tickets_containing": hits, "sample_ids": samples}, f,
                      ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
