#!/usr/bin/python3
"""Build the `tickets` demo data set by driving the real command-line tool.

    /usr/bin/python3 examples/make_demo.py TICKETS_BINARY OUTDIR [DEMO_JSONL]
    /usr/bin/python3 examples/make_demo.py --dry-run      # print the planned calls only

The script creates a fresh store in OUTDIR (`tickets -C OUTDIR init`), names
the organisations, and replays about eight weeks of a German property-
management service desk (2026-09-25 .. 2026-11-19): software questions and
incidents from Hausverwaltungen (PowerHaus, HausPerfekt, Karthago, Wodis
Yuneo) and damage reports from tenants, owners and caretakers, answered by
the agents of support.example.com. Every call runs with TICKETS_NOW set to
the moment it happens and with --as set to whoever acts, so the history and
all timestamps look real. At the end it writes
`tickets export --format jsonl` to DEMO_JSONL (default: demo.jsonl next to
this script).

Only the Python 3 standard library is used. Layout: the data (people,
organisations, tickets with their histories) first, then a small driver.

How a ticket's history is written
---------------------------------
Each ticket has a creation time `at` (local time in Germany) and a list of
steps `(when, who, action, *arguments)`:

  when    "+Nd HH:MM": N working days (Mon-Fri) after the day the ticket was
          created, at HH:MM local time ("+0d" is the same day).
  who     a key of PEOPLE, or "req" for the ticket's requester.
  action  assign EMAILKEY | comment TEXT | note TEXT (internal) |
          status pending|hold|open | escalate REASON | resolve SOLUTION |
          reopen | close | delete | rate good|bad [REASON] |
          followup TEXT {follow-up ticket: key, steps}   (a reply to a
          closed ticket; it opens a follow-up ticket, whose own steps are
          counted from the day of that reply)

"[[KEY]]" in a text is replaced by the short id of the ticket KEY.
The driver merges the steps of all tickets into one timeline and makes the
instants strictly increasing.
"""

import datetime as dt
import json
import os
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path


def T(text):
    """A text written indented and wrapped in the source: the lines of each
    paragraph are joined, paragraphs stay apart (as typed into a web form)."""
    paragraphs = textwrap.dedent(text).strip("\n").split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


# ---------------------------------------------------------------------------
# Organisations (mail domain -> name) and people
# ---------------------------------------------------------------------------

ORGANISATIONS = {
    "support.example.com": "Example Software GmbH",
    "muster-hv.de": "Hausverwaltung Muster GmbH",
    "immo-nord.de": "Immo Nord Verwaltungsgesellschaft mbH",
    "hausverwaltung-schmidt.de": "Hausverwaltung Schmidt & Partner",
    "wohnbau-rhein.de": "Wohnbau Rhein eG",
    "sonnenhof-verwaltung.de": "Sonnenhof Immobilienverwaltung GmbH",
    "heizung-lange.de": "Heizungsbau Lange GmbH",
}

# key: (email, name, closing line, function shown under the name)
PEOPLE = {
    # Agents of the vendor
    "julia": ("julia.hoffmann@support.example.com", "Julia Hoffmann", "Viele Grüße",
              "Kundenservice · Example Software GmbH"),
    "lukas": ("lukas.bauer@support.example.com", "Lukas Bauer", "Viele Grüße",
              "Fachsupport Rechnungswesen · Example Software GmbH"),
    "sevgi": ("sevgi.arslan@support.example.com", "Sevgi Arslan", "Viele Grüße",
              "Technischer Support · Example Software GmbH"),
    "matthias": ("matthias.krueger@support.example.com", "Matthias Krüger", "Viele Grüße",
                 "Produktmanagement · Example Software GmbH"),
    "nina": ("nina.lorenz@support.example.com", "Nina Lorenz", "Viele Grüße",
             "Teamleitung Support · Example Software GmbH"),

    # Hausverwaltung Muster GmbH (PowerHaus; Musterstraße 1 and 3, Lindenallee 12)
    "kschneider": ("k.schneider@muster-hv.de", "Katrin Schneider", "Mit freundlichen Grüßen",
                   "Buchhaltung · Hausverwaltung Muster GmbH"),
    "tweber": ("t.weber@muster-hv.de", "Thomas Weber", "Mit freundlichen Grüßen",
               "Hausverwalter · Hausverwaltung Muster GmbH"),
    "skoch": ("s.koch@muster-hv.de", "Sabine Koch", "Mit freundlichen Grüßen",
              "Mietverwaltung · Hausverwaltung Muster GmbH"),
    "dbrandt": ("d.brandt@muster-hv.de", "Dieter Brandt", "Gruß", "Hauswart"),

    # Immo Nord (Karthago; Hafenstraße 8, Elbchaussee 140, Am Stadtpark 5)
    "jpetersen": ("j.petersen@immo-nord.de", "Jan Petersen", "Viele Grüße",
                  "IT-Administration · Immo Nord"),
    "bhansen": ("b.hansen@immo-nord.de", "Birte Hansen", "Viele Grüße",
                "Buchhaltung · Immo Nord"),
    "fjensen": ("f.jensen@immo-nord.de", "Frauke Jensen", "Viele Grüße",
                "WEG-Verwaltung · Immo Nord"),
    "uclaussen": ("u.claussen@immo-nord.de", "Uwe Claußen", "Gruß", "Hauswart · Immo Nord"),

    # Hausverwaltung Schmidt & Partner (HausPerfekt; Leopoldstraße 77, Isarring 4, Sendlinger Straße 21)
    "aschmidt": ("andreas.schmidt@hausverwaltung-schmidt.de", "Andreas Schmidt",
                 "Mit freundlichen Grüßen", "Hausverwaltung Schmidt & Partner"),
    "mhuber": ("monika.huber@hausverwaltung-schmidt.de", "Monika Huber",
               "Mit freundlichen Grüßen", "Buchhaltung · Hausverwaltung Schmidt & Partner"),
    "fmaier": ("florian.maier@hausverwaltung-schmidt.de", "Florian Maier",
               "Mit freundlichen Grüßen", "Objektbetreuung · Hausverwaltung Schmidt & Partner"),

    # Wohnbau Rhein eG (Wodis Yuneo; Rheinuferstraße 15, Deutzer Freiheit 30)
    "smueller": ("stefanie.mueller@wohnbau-rhein.de", "Stefanie Müller", "Viele Grüße",
                 "Bestandsmanagement · Wohnbau Rhein eG"),
    "mbecker": ("markus.becker@wohnbau-rhein.de", "Markus Becker", "Mit freundlichen Grüßen",
                "Rechnungswesen · Wohnbau Rhein eG"),
    "hwolff": ("heike.wolff@wohnbau-rhein.de", "Heike Wolff", "Viele Grüße",
               "IT-Administration · Wohnbau Rhein eG"),
    "pschaefer": ("peter.schaefer@wohnbau-rhein.de", "Peter Schäfer", "Gruß",
                  "Hauswart · Wohnbau Rhein eG"),

    # Sonnenhof Immobilienverwaltung (PowerHaus; Karl-Liebknecht-Straße 50, Gohliser Straße 12)
    "crichter": ("c.richter@sonnenhof-verwaltung.de", "Claudia Richter", "Mit freundlichen Grüßen",
                 "Geschäftsführung · Sonnenhof Immobilienverwaltung GmbH"),
    "rneumann": ("r.neumann@sonnenhof-verwaltung.de", "Ralf Neumann", "Mit freundlichen Grüßen",
                 "WEG-Verwaltung · Sonnenhof Immobilienverwaltung GmbH"),

    # Service provider
    "mlange": ("m.lange@heizung-lange.de", "Martin Lange", "Mit freundlichen Grüßen",
               "Heizungsbau Lange GmbH"),

    # Tenants and owners with private addresses
    "lfischer": ("lena.fischer92@gmail.com", "Lena Fischer", "Viele Grüße", ""),
    "moezdemir": ("mehmet.oezdemir@gmail.com", "Mehmet Özdemir", "Viele Grüße", ""),
    "avogel": ("annalena.vogel@web.de", "Anna-Lena Vogel", "Liebe Grüße", ""),
    "tbaumann": ("tim.baumann@gmail.com", "Tim Baumann", "Viele Grüße", ""),
    "siwanowa": ("swetlana.iwanowa@gmail.com", "Swetlana Iwanowa", "Mit freundlichen Grüßen", ""),
    "jlehmann": ("juergen.lehmann@gmail.com", "Jürgen Lehmann", "Mit freundlichen Grüßen", ""),
    "hkrause": ("h.krause@gmx.de", "Dr. Hans Krause", "Mit freundlichen Grüßen",
                "Eigentümer, WEG Elbchaussee 140"),
    "whartmann": ("wolfgang.hartmann@t-online.de", "Wolfgang Hartmann", "Mit freundlichen Grüßen",
                  "Verwaltungsbeirat, WEG Isarring 4"),
    "kwojcik": ("k.wojcik@outlook.de", "Katarzyna Wójcik", "Viele Grüße", ""),
}

# Who sets up the store and exports it.
ADMIN = "nina"

# The store is created at START; the last step must happen before END.
START = "2026-09-25 07:30"
END = "2026-11-20 00:00"


# ---------------------------------------------------------------------------
# Tickets: closed ones first (oldest), then solved, pending, hold, open, new
# ---------------------------------------------------------------------------

TICKETS = [
    # ------------------------------------------------------------ closed --
    dict(
        key="sepa-sparkasse", at="2026-09-25 08:40", by="kschneider",
        subject="SEPA-Lastschriftdatei wird von der Sparkasse abgelehnt",
        text=T("""
            Guten Morgen,

            seit gestern lehnt die Sparkasse unsere Lastschriftdatei für den Mieteinzug Oktober ab.
            Im Online-Banking erscheint die Meldung „Datei entspricht nicht dem Schema
            pain.008.001.08“. Erzeugt haben wir die Datei wie jeden Monat über Zahlungsverkehr →
            Lastschriften → SEPA-Datei erstellen. Betroffen sind rund 430 Mieter; der Einzug muss
            spätestens am Dienstag bei der Bank sein.
        """),
        type="incident", priority="high", product="PowerHaus", topic="Zahlungsverkehr",
        tags=["sepa", "bank"],
        steps=[
            ("+0d 09:05", "lukas", "assign", "lukas"),
            ("+0d 09:20", "lukas", "comment", T("""
                Guten Morgen Frau Schneider,

                vielen Dank für die Meldung. Welche PowerHaus-Version ist bei Ihnen installiert
                (Hilfe → Info)? Und wie lautet die vollständige Fehlermeldung der Bank? Meist steht
                dort auch die Zeile der Datei, an der die Prüfung scheitert.
            """)),
            ("+0d 10:02", "req", "comment", T("""
                Hallo Herr Bauer,

                bei uns läuft PowerHaus 2026.1 (Build 4711). Die Fehlermeldung der Bank lautet
                wörtlich: „Ungültiges Element <InitgId> in Zeile 12“.
            """)),
            ("+0d 10:30", "lukas", "note",
             "2026.1 schreibt den Header noch im alten Aufbau, meldet aber Version .08 – bekannter "
             "Fehler PH-3120, behoben in 2026.1.3. Wartungsvertrag vorhanden, Hotfix kann sofort "
             "eingespielt werden."),
            ("+0d 10:45", "lukas", "comment", T("""
                Frau Schneider, der Fehler ist bei uns bekannt und mit dem Hotfix 2026.1.3 behoben.
                Sie können ihn über Extras → Programmaktualisierung einspielen. Danach die
                Lastschriftdatei bitte neu erzeugen und die alte Datei löschen. Gern schalte ich mich
                heute Nachmittag auch per Fernwartung auf.
            """)),
            ("+0d 13:15", "req", "comment",
             "Hotfix ist eingespielt, die neue Datei hat die Bank angenommen. Vielen Dank für die "
             "schnelle Hilfe!"),
            ("+0d 13:30", "lukas", "resolve",
             "Hotfix 2026.1.3 eingespielt; die SEPA-Lastschriftdatei (pain.008.001.08) wurde neu "
             "erzeugt und von der Bank angenommen."),
            ("+0d 16:10", "req", "rate", "good",
             "Schnell und kompetent – der Mieteinzug war rechtzeitig bei der Bank."),
            ("+7d 09:00", "lukas", "close"),
        ],
    ),
    dict(
        key="heizung-fischer", at="2026-09-28 07:55", by="lfischer",
        subject="Heizkörper im Wohnzimmer bleibt kalt",
        text=T("""
            Guten Morgen,

            seit dem Wochenende bleibt der Heizkörper in meinem Wohnzimmer (Musterstraße 1,
            2. OG links) kalt, obwohl das Thermostat auf 5 steht. Die Heizkörper in Küche und Bad
            werden warm. Entlüften habe ich schon versucht, da kommt nur Wasser.
        """),
        type="incident", category="Heizung", property="Musterstraße 1",
        cc=["tweber", "dbrandt"], tags=["heizung"],
        steps=[
            ("+0d 08:30", "julia", "assign", "julia"),
            ("+0d 08:40", "julia", "comment", T("""
                Guten Morgen Frau Fischer,

                danke für Ihre Nachricht. Herr Brandt, der Hauswart, kommt heute zwischen 10 und
                12 Uhr bei Ihnen vorbei. Bitte sorgen Sie dafür, dass er in die Wohnung kann.
            """)),
            ("+0d 11:20", "dbrandt", "comment",
             "War vor Ort. Der Ventilstift am Thermostatventil hing fest, ich habe ihn gangbar "
             "gemacht. Der Heizkörper wird wieder warm. Falls das noch einmal passiert, sollte das "
             "Ventil getauscht werden."),
            ("+1d 09:10", "req", "comment",
             "Der Heizkörper ist wieder richtig warm. Vielen Dank an Herrn Brandt!"),
            ("+1d 09:40", "julia", "resolve",
             "Festsitzenden Ventilstift am Thermostatventil durch den Hauswart gangbar gemacht."),
            ("+8d 09:00", "julia", "close"),
            ("+22d 19:30", "req", "followup", T("""
                Hallo,

                leider ist der Heizkörper im Wohnzimmer seit dem Wochenende wieder kalt, und
                draußen ist es inzwischen richtig kalt geworden. Herr Brandt hatte im September
                schon gesagt, dass das Ventil vielleicht getauscht werden muss.
            """), dict(key="heizung-fischer-2", steps=[
                ("+1d 08:20", "julia", "assign", "julia"),
                ("+1d 08:30", "julia", "comment", T("""
                    Guten Morgen Frau Fischer,

                    danke für die Rückmeldung. Diesmal lassen wir das Thermostatventil von einem
                    Fachbetrieb tauschen. Die Firma Heizungsbau Lange meldet sich bei Ihnen wegen
                    eines Termins.
                """)),
                ("+1d 08:35", "julia", "note",
                 "Auftrag an Heizungsbau Lange: Thermostatventil Wohnzimmer 2. OG links tauschen. "
                 "Freigabe durch Herrn Weber liegt vor (bis 300 € netto)."),
            ])),
        ],
    ),
    dict(
        key="karthago-update-124", at="2026-09-28 10:20", by="jpetersen",
        subject="Update auf Karthago 12.4 bricht bei der Datenbankmigration ab",
        text=T("""
            Hallo Support,

            beim Update unseres Karthago-Servers von 12.3 auf 12.4 bricht der Installer bei
            Schritt 7/9 „Datenbankmigration“ mit „Fehler 0x80040E14 – Sortierungskonflikt“ ab.
            Die Datenbank liegt auf SQL Server 2019, Sortierung Latin1_General_CI_AS. Wir haben das
            Update abgebrochen und den Snapshot von heute Morgen zurückgespielt; aktuell arbeiten
            alle wieder mit 12.3. Wir würden das Update gern bis Ende der Woche nachholen.
        """),
        type="incident", priority="high", product="Karthago", topic="Installation",
        tags=["update", "datenbank"],
        steps=[
            ("+0d 10:45", "sevgi", "assign", "sevgi"),
            ("+0d 10:50", "sevgi", "comment", T("""
                Hallo Herr Petersen,

                danke für die ausführliche Beschreibung – gut, dass Sie einen Snapshot hatten.
                Bitte laden Sie uns die Datei migration.log aus
                C:\\ProgramData\\Karthago\\Setup\\Logs auf den SFTP-Server hoch und nennen Sie uns
                die letzten Zeilen hier im Ticket.
            """)),
            ("+0d 14:05", "req", "comment", T("""
                Das Log liegt auf Ihrem SFTP unter /upload/immo-nord/2026-09-28. Die letzten Zeilen:
                „ALTER TABLE dbo.Buchung … Cannot resolve the collation conflict between
                German_PhoneBook_CI_AS and Latin1_General_CI_AS“.
            """)),
            ("+1d 09:15", "sevgi", "note",
             "dbo.Buchung hat einzelne Spalten mit German_PhoneBook_CI_AS (Altlast aus der "
             "Migration 2019). Skript fix_collation_124.sql aus KB-2087 passt, mit Matthias "
             "abgestimmt."),
            ("+1d 09:40", "sevgi", "comment", T("""
                Die Ursache: Einige Spalten Ihrer Datenbank haben noch eine ältere Sortierung aus
                einer früheren Migration. Bitte führen Sie vor dem Update das Skript
                fix_collation_124.sql (KB-2087, liegt in Ihrem SFTP-Ordner) im SQL Server Management
                Studio aus und starten Sie das Update danach erneut. Vorher bitte wieder einen
                Snapshot anlegen.
            """)),
            ("+3d 16:20", "req", "comment",
             "Update lief heute Nachmittag mit dem Skript fehlerfrei durch, alle 38 Arbeitsplätze "
             "arbeiten mit 12.4. Danke!"),
            ("+4d 08:30", "sevgi", "resolve",
             "Sortierungskonflikt mit dem Skript fix_collation_124.sql (KB-2087) behoben; Update "
             "auf 12.4 erfolgreich."),
            ("+12d 09:00", "sevgi", "close"),
        ],
    ),
    dict(
        key="leerstand-umlage", at="2026-09-29 09:10", by="mhuber",
        subject="Umlage nach Wohnfläche bei Leerstand – wer trägt die Kosten?",
        text=T("""
            Guten Tag,

            in der Sendlinger Straße 21 stand eine Wohnung (84 m²) von März bis Juli leer. In der
            Betriebskostenabrechnung 2025 verteilt HausPerfekt die Kosten für die Müllabfuhr nach
            Wohnfläche trotzdem komplett auf die vermieteten Einheiten. Wie stelle ich ein, dass
            der Leerstandsanteil beim Eigentümer bleibt?
        """),
        type="question", product="HausPerfekt", topic="Betriebskostenabrechnung",
        property="Sendlinger Straße 21", tags=["betriebskosten", "leerstand"],
        steps=[
            ("+0d 11:00", "lukas", "assign", "lukas"),
            ("+0d 11:25", "lukas", "comment", T("""
                Guten Tag Frau Huber,

                das lässt sich je Kostenart steuern: Stammdaten → Kostenarten → „Müllabfuhr“ →
                Register Umlage → Haken „Leerstand zu Lasten Eigentümer“. Danach die Abrechnung des
                Objekts neu berechnen (Abrechnung → Neu berechnen). Der Leerstandsanteil erscheint
                dann in der Eigentümerübersicht als eigene Zeile.
            """)),
            ("+0d 14:40", "req", "comment",
             "Perfekt, hat funktioniert. Gilt die Einstellung dann für alle Objekte oder nur für "
             "dieses?"),
            ("+0d 15:05", "lukas", "comment",
             "Die Einstellung gilt für die Kostenart im ganzen Mandanten. Für einzelne Objekte "
             "können Sie in den Objektstammdaten unter „Abweichende Umlage“ übersteuern."),
            ("+1d 08:15", "lukas", "resolve",
             "Einstellung „Leerstand zu Lasten Eigentümer“ je Kostenart erklärt; objektbezogene "
             "Übersteuerung möglich."),
            ("+1d 09:30", "req", "rate", "good", "Verständlich erklärt, genau das habe ich gesucht."),
            ("+9d 10:00", "lukas", "close"),
        ],
    ),
    dict(
        key="warmwasser-rheinufer", at="2026-09-29 06:45", by="tbaumann",
        subject="Kein Warmwasser im ganzen Haus seit heute früh",
        text=T("""
            Hallo,

            seit heute früh gibt es in der Rheinuferstraße 15 kein warmes Wasser, nicht nur bei mir
            (3. OG rechts), auch die Nachbarn im 1. und 2. OG haben keins. Die Heizung läuft. Im
            Keller leuchtet an der Warmwasserbereitung eine rote Lampe.
        """),
        type="urgent", category="Wasser", property="Rheinuferstraße 15", public=True,
        cc=["pschaefer", "smueller"], tags=["warmwasser"],
        steps=[
            ("+0d 08:02", "julia", "assign", "julia"),
            ("+0d 08:05", "julia", "comment", T("""
                Guten Morgen Herr Baumann,

                danke für die Meldung. Wir haben den Hauswart, Herrn Schäfer, informiert; er ist in
                etwa einer Stunde vor Ort. Wir halten Sie hier auf dem Laufenden.
            """)),
            ("+0d 09:40", "pschaefer", "comment",
             "Bin vor Ort. Die Zirkulationspumpe der Warmwasserbereitung ist ausgefallen "
             "(Motorschutzschalter hat ausgelöst). Habe zurückgesetzt, die Pumpe läuft wieder. "
             "In etwa 30 Minuten sollte überall wieder warmes Wasser da sein."),
            ("+0d 15:30", "pschaefer", "comment",
             "Nachkontrolle: Pumpe läuft stabil, Speichertemperatur 60 °C."),
            ("+0d 15:45", "julia", "resolve",
             "Zirkulationspumpe durch den Hauswart zurückgesetzt, Warmwasserversorgung "
             "wiederhergestellt."),
            ("+8d 09:00", "julia", "close"),
            ("+20d 07:10", "req", "followup", T("""
                Hallo,

                leider ist es wieder so weit: Seit gestern Abend gibt es kein warmes Wasser, und im
                Keller leuchtet wieder die rote Lampe. Das ist jetzt das zweite Mal in vier Wochen –
                kann man die Pumpe nicht austauschen?
            """), dict(key="warmwasser-rheinufer-2", steps=[
                ("+0d 08:10", "julia", "assign", "julia"),
                ("+0d 08:15", "julia", "comment", T("""
                    Guten Morgen Herr Baumann,

                    das tut uns leid. Herr Schäfer ist informiert und setzt die Pumpe heute
                    Vormittag zurück. Außerdem haben wir die Wohnbau Rhein gebeten, den Austausch
                    der Pumpe freizugeben.
                """)),
                ("+0d 08:20", "julia", "note",
                 "Frau Müller (Wohnbau Rhein) um Freigabe für den Austausch der Zirkulationspumpe "
                 "gebeten, Kosten laut Installateur ca. 650 € netto."),
                ("+0d 11:30", "julia", "comment", T("""
                    Herr Schäfer hat die Pumpe zurückgesetzt, das warme Wasser ist wieder da. Der
                    Austausch ist beauftragt. Der Installateur muss dafür den Strang absperren und
                    braucht Zugang zu Ihrem Bad. Bitte nennen Sie uns zwei mögliche Termine in der
                    nächsten Woche.
                """)),
                ("+0d 11:35", "julia", "status", "pending"),
            ])),
        ],
    ),
    dict(
        key="mieterportal-einladung", at="2026-09-30 13:20", by="smueller",
        subject="Mieterportal: Wie schalten wir neue Mieter frei?",
        text=T("""
            Hallo,

            zum 1. Oktober ziehen in der Deutzer Freiheit 30 vier neue Mietparteien ein. Bisher hat
            das eine Kollegin gemacht, die jetzt in Elternzeit ist. Wo finde ich in Wodis Yuneo die
            Funktion, mit der die Einladungsbriefe für das Mieterportal erzeugt werden?
        """),
        type="question", product="Wodis Yuneo", topic="Mieterportal",
        property="Deutzer Freiheit 30", tags=["mieterportal"],
        steps=[
            ("+0d 14:00", "julia", "assign", "julia"),
            ("+0d 14:10", "julia", "comment", T("""
                Hallo Frau Müller,

                die Einladungen erzeugen Sie unter Vermietung → Mietverträge → (Vertrag markieren) →
                Aktionen → „Portalzugang einladen“. Sie können auch mehrere Verträge markieren;
                Wodis Yuneo erstellt dann einen Serienbrief mit dem persönlichen Registrierungscode
                je Mieter. Voraussetzung: Der Vertragsbeginn ist erreicht oder liegt höchstens
                30 Tage in der Zukunft.
            """)),
            ("+1d 09:05", "req", "comment", "Danke, hat geklappt. Die Briefe sind raus."),
            ("+1d 09:30", "julia", "resolve",
             "Funktion „Portalzugang einladen“ erklärt, Einladungen erstellt."),
            ("+9d 08:45", "julia", "close"),
        ],
    ),
    dict(
        key="wirtschaftsplan-rundung", at="2026-10-01 10:05", by="fjensen",
        subject="Wirtschaftsplan 2027: Rundungsdifferenz von 0,04 € im Hausgeld",
        text=T("""
            Moin,

            im Wirtschaftsplan 2027 der WEG Elbchaussee 140 stimmt die Summe der
            Einzelwirtschaftspläne nicht mit dem Gesamtwirtschaftsplan überein – Differenz 0,04 €
            pro Monat. Die Eigentümerversammlung ist am 22.10., die Unterlagen müssen spätestens am
            8.10. raus. Bitte um kurzfristige Hilfe.
        """),
        type="incident", product="Karthago", topic="WEG-Verwaltung",
        property="Elbchaussee 140", tags=["weg", "wirtschaftsplan"],
        steps=[
            ("+0d 10:40", "lukas", "assign", "lukas"),
            ("+0d 11:00", "lukas", "comment", T("""
                Moin Frau Jensen,

                Karthago rundet das Hausgeld je Einheit kaufmännisch auf volle Cent; die Summe der
                Rundungen ergibt die Differenz. Ist unter Einstellungen → WEG → Wirtschaftsplan die
                Option „Rundungsdifferenz auf Einheit mit größtem MEA buchen“ aktiv?
            """)),
            ("+1d 15:30", "req", "comment",
             "Die Option ist nicht aktiv. Wenn ich sie aktiviere, verschwindet die Differenz – dann "
             "zahlt aber eine Einheit 4 Cent mehr. Ist das so in Ordnung? Wir möchten in der "
             "Versammlung keine Diskussion darüber."),
            ("+2d 10:20", "lukas", "note",
             "Keine Rechtsberatung – auf Beschluss zur Rundungsregel hinweisen und KB-1544 "
             "verlinken."),
            ("+4d 16:50", "lukas", "comment", T("""
                Wie die Rundungsdifferenz verteilt wird, legt die Gemeinschaft fest; viele
                Verwaltungen lassen die Rundungsregel einmalig beschließen. Technisch sind beide
                Varianten korrekt. Alternativ können Sie die Differenz im Gesamtwirtschaftsplan als
                eigene Position „Rundung“ ausweisen (siehe KB-1544).
            """)),
            ("+5d 09:10", "lukas", "resolve",
             "Option „Rundungsdifferenz auf Einheit mit größtem MEA“ bzw. Ausweis als "
             "Rundungsposition erläutert (KB-1544)."),
            ("+5d 11:40", "req", "rate", "bad",
             "Die Antwort kam erst nach vier Tagen, unsere Versandfrist war da fast vorbei."),
            ("+13d 09:00", "lukas", "close"),
        ],
    ),
    dict(
        key="testticket", at="2026-10-01 14:12", by="skoch",
        subject="Test – bitte ignorieren",
        text="Testticket, um zu sehen, ob die Anlage über das neue Portal funktioniert.",
        type="question", product="PowerHaus",
        steps=[
            ("+0d 14:20", "req", "comment", "Funktioniert, das Ticket kann gelöscht werden."),
            ("+0d 14:45", "julia", "delete"),
        ],
    ),
    dict(
        key="benutzer-winkler", at="2026-10-02 08:30", by="aschmidt",
        subject="Zugang für neue Mitarbeiterin in der Buchhaltung",
        text=T("""
            Guten Morgen,

            ab Montag verstärkt Frau Sarah Winkler unsere Buchhaltung. Sie braucht einen
            HausPerfekt-Zugang mit denselben Rechten wie Frau Huber, aber ohne Zugriff auf die
            Objekte der Gruppe „Personal“. Wie gehen wir vor, und brauchen wir dafür eine
            zusätzliche Lizenz?
        """),
        type="question", product="HausPerfekt", topic="Berechtigungen", tags=["benutzer", "lizenz"],
        steps=[
            ("+0d 09:15", "sevgi", "assign", "sevgi"),
            ("+0d 09:30", "sevgi", "comment", T("""
                Guten Morgen Herr Schmidt,

                Sie haben fünf benannte Benutzerlizenzen, und alle fünf sind belegt. Für Frau
                Winkler brauchen Sie daher eine weitere Lizenz – oder Sie geben den Zugang einer
                ausgeschiedenen Person frei. Sollen wir Ihnen ein Angebot schicken, oder gibt es
                einen Zugang, der frei werden kann?
            """)),
            ("+0d 09:35", "sevgi", "status", "pending"),
            ("+1d 11:10", "req", "comment",
             "Der Zugang von Herrn Fuchs (im Juni ausgeschieden) kann freigegeben werden. Bitte "
             "übertragen Sie die Lizenz."),
            ("+1d 13:00", "sevgi", "comment", T("""
                Die Lizenz von Herrn Fuchs ist freigegeben. So legen Sie Frau Winkler an:
                Verwaltung → Benutzer → Neu, unter „Rollen“ die Rolle „Buchhaltung“ zuweisen und
                unter „Objektrechte“ die Gruppe „Personal“ abwählen. Die Zugangsdaten bekommt Frau
                Winkler per E-Mail.
            """)),
            ("+2d 08:40", "sevgi", "resolve",
             "Lizenz übertragen; Anlage des Benutzers mit Rolle und Objektrechten beschrieben."),
            ("+10d 09:00", "sevgi", "close"),
        ],
    ),
    dict(
        key="baum-isarring", at="2026-10-05 07:30", by="whartmann",
        subject="Ahorn im Innenhof neigt sich stark – Gefahr für Fahrräder und Kinder",
        text=T("""
            Sehr geehrte Damen und Herren,

            nach dem Sturm am Wochenende neigt sich der große Ahorn im Innenhof des Isarrings 4
            deutlich in Richtung Fahrradständer. An der Wurzel ist die Erde aufgerissen. Als
            Mitglied des Verwaltungsbeirats bitte ich darum, den Bereich umgehend abzusperren und
            einen Baumgutachter zu beauftragen.
        """),
        type="incident", priority="high", category="Außenanlagen", property="Isarring 4",
        public=True, cc=["fmaier"], tags=["baum", "verkehrssicherung"],
        steps=[
            ("+0d 08:10", "julia", "assign", "julia"),
            ("+0d 08:20", "julia", "comment", T("""
                Sehr geehrter Herr Hartmann,

                vielen Dank für den Hinweis. Wir haben die Hausverwaltung Schmidt & Partner
                informiert; Herr Maier kümmert sich um die Absperrung und den Gutachter.
            """)),
            ("+0d 10:45", "fmaier", "comment",
             "Der Bereich um den Fahrradständer ist seit 10 Uhr mit Flatterband abgesperrt, ein "
             "Aushang hängt im Treppenhaus. Die Baumpflege Grünwerk kommt morgen um 8 Uhr zur "
             "Begutachtung."),
            ("+1d 14:20", "fmaier", "comment",
             "Das Gutachten liegt vor: Der Baum ist nicht mehr standsicher und wird am Donnerstag "
             "gefällt. Eine Ersatzpflanzung beantragen wir bei der Stadt."),
            ("+3d 16:00", "julia", "resolve",
             "Der Baum wurde am 08.10. von der Baumpflege Grünwerk gefällt, die Absperrung ist "
             "aufgehoben."),
            ("+11d 09:00", "julia", "close"),
            ("+14d 19:05", "req", "followup", T("""
                Guten Abend,

                in der Vorschau der Jahresabrechnung sehe ich die Rechnung der Baumpflege Grünwerk
                über 2.380 €. Wird das aus der Erhaltungsrücklage bezahlt oder auf alle Eigentümer
                nach MEA umgelegt? Eine Entnahme aus der Rücklage ohne Beschluss lehnt der Beirat ab.
            """), dict(key="baum-isarring-rechnung", steps=[
                ("+1d 09:20", "julia", "assign", "julia"),
                ("+1d 09:30", "julia", "note",
                 "Frage gehört an die Verwaltung – Antwort bei Herrn Maier einholen."),
                ("+1d 14:10", "julia", "comment", T("""
                    Sehr geehrter Herr Hartmann,

                    nach Rücksprache mit Herrn Maier: Die Fällung war eine Maßnahme der
                    Verkehrssicherung und wird als laufende Instandhaltung über das Hausgeld
                    (Kostenart Gartenpflege) abgerechnet, nicht aus der Erhaltungsrücklage. Verteilt
                    wird nach MEA, wie es die Teilungserklärung vorsieht.
                """)),
                ("+2d 08:50", "julia", "resolve",
                 "Abrechnung über die Kostenart Gartenpflege nach MEA erläutert; keine Entnahme aus "
                 "der Rücklage."),
                ("+2d 18:30", "req", "rate", "bad",
                 "Ich hätte erwartet, dass der Beirat vorher informiert wird."),
            ])),
        ],
    ),
    dict(
        key="datev-wirtschaftsjahr", at="2026-10-06 09:50", by="mbecker",
        subject="DATEV-Export: Buchungsstapel landet im falschen Wirtschaftsjahr",
        text=T("""
            Guten Tag,

            unser Steuerbüro meldet, dass der DATEV-Buchungsstapel für September 2026 beim Import
            im Wirtschaftsjahr 2025 landet. Unser Wirtschaftsjahr läuft vom 01.07. bis 30.06. Im
            Exportdialog habe ich den Zeitraum 01.09.–30.09.2026 gewählt. Der Export für August
            war noch korrekt.
        """),
        type="incident", product="Wodis Yuneo", topic="DATEV-Schnittstelle",
        tags=["datev", "export"],
        steps=[
            ("+0d 10:30", "lukas", "assign", "lukas"),
            ("+0d 10:35", "lukas", "note",
             "Vermutlich WJ-Beginn im EXTF-Header (Feld 13) aus dem Mandantenstamm – prüfen, ob das "
             "Update 2026.2 den WJ-Beginn auf 01.01. zurückgesetzt hat."),
            ("+0d 11:15", "lukas", "comment", T("""
                Guten Tag Herr Becker,

                bitte prüfen Sie unter Mandant → Stammdaten → Finanzbuchhaltung das Feld „Beginn
                Wirtschaftsjahr“. Das Update auf 2026.2 hat dieses Feld bei einigen Mandanten auf
                den 01.01. zurückgesetzt.
            """)),
            ("+0d 13:40", "req", "comment",
             "Tatsächlich, dort stand 01.01.2026. Ich habe es auf 01.07.2026 korrigiert und den "
             "Stapel neu exportiert – das Steuerbüro bestätigt, dass der Import jetzt passt."),
            ("+0d 14:00", "lukas", "resolve",
             "Beginn des Wirtschaftsjahres im Mandantenstamm korrigiert (vom Update 2026.2 "
             "zurückgesetzt); Export wiederholt."),
            ("+8d 09:00", "lukas", "close"),
        ],
    ),
    dict(
        key="serienbrief-anrede", at="2026-10-07 11:20", by="crichter",
        subject="Serienbrief Mieterhöhung: Platzhalter «Briefanrede» bleibt leer",
        text=T("""
            Hallo,

            wir bereiten die Mieterhöhungen nach § 558 BGB für die Karl-Liebknecht-Straße 50 vor.
            In der Vorschau des Serienbriefs bleibt bei 9 von 24 Mietern der Platzhalter
            «Briefanrede» leer; dort steht dann nur ein Komma am Zeilenanfang. Bei den übrigen steht
            korrekt „Sehr geehrte Frau …“.
        """),
        type="incident", product="PowerHaus", topic="Serienbriefe",
        property="Karl-Liebknecht-Straße 50", tags=["serienbrief", "mieterhoehung"],
        steps=[
            ("+0d 13:05", "julia", "assign", "julia"),
            ("+0d 13:15", "julia", "comment", T("""
                Hallo Frau Richter,

                der Platzhalter «Briefanrede» wird aus dem Feld „Anrede“ der Personenstammdaten
                gebildet. Bei Mietverhältnissen mit mehreren Mietern oder mit der Anrede
                „Divers/keine Angabe“ bleibt er leer, wenn keine „Freie Briefanrede“ hinterlegt
                ist. Trifft das auf die 9 Mieter zu?
            """)),
            ("+1d 10:30", "req", "comment",
             "Ja, das sind alles Ehepaare oder WGs. Kann man das pflegen, ohne jeden Vertrag "
             "einzeln anzufassen?"),
            ("+1d 11:00", "julia", "comment", T("""
                Ja: Extras → Datenpflege → „Briefanreden generieren“. Die Funktion erzeugt für
                Mietverhältnisse mit mehreren Personen eine gemeinsame Anrede („Sehr geehrte Frau
                Meier, sehr geehrter Herr Meier“) und bei „Divers“ „Guten Tag Vorname Nachname“.
                Bereits hinterlegte freie Anreden bleiben unverändert.
            """)),
            ("+2d 09:15", "req", "comment", "Hat funktioniert, alle 24 Briefe sind korrekt. Vielen Dank!"),
            ("+2d 09:40", "julia", "resolve",
             "Briefanreden über die Datenpflege-Funktion generiert; Serienbrief vollständig."),
            ("+10d 09:00", "julia", "close"),
        ],
    ),
    dict(
        key="aufzug-stadtpark", at="2026-10-09 17:45", by="uclaussen",
        subject="Aufzug Am Stadtpark 5 steckt zwischen 3. und 4. OG – Person eingeschlossen",
        text=T("""
            Dringend! Der Aufzug im Haus Am Stadtpark 5 steht zwischen dem 3. und 4. OG. Eine
            ältere Mieterin ist in der Kabine. Der Notruf ist ausgelöst, die Notrufzentrale des
            Aufzugsdienstes schickt einen Techniker (ca. 30 Minuten). Ich bleibe vor Ort.
        """),
        type="urgent", category="Aufzug", property="Am Stadtpark 5", public=True,
        cc=["fjensen"], tags=["aufzug", "notruf"],
        steps=[
            ("+0d 17:52", "julia", "assign", "julia"),
            ("+0d 17:55", "julia", "comment",
             "Herr Claußen, danke! Wir haben die Bereitschaft von Immo Nord informiert. Bitte "
             "bleiben Sie in Sprechkontakt mit der Mieterin und melden Sie sich, wenn der Techniker "
             "da ist."),
            ("+0d 18:40", "req", "comment",
             "Der Techniker ist da, die Mieterin ist wohlauf aus der Kabine befreit. Ursache laut "
             "Techniker: verschmutzter Türkontakt im 4. OG. Der Aufzug bleibt bis Montag außer "
             "Betrieb, ein Aushang hängt."),
            ("+1d 11:30", "req", "comment",
             "Der Türkontakt wurde getauscht, der Aufzug fährt wieder. Das Prüfbuch ist ergänzt."),
            ("+1d 12:00", "julia", "resolve",
             "Person durch den Techniker des Aufzugsdienstes befreit; Türkontakt im 4. OG getauscht, "
             "Aufzug wieder in Betrieb."),
            ("+9d 09:00", "julia", "close"),
        ],
    ),
    dict(
        key="camt-zuordnung", at="2026-10-12 08:50", by="bhansen",
        subject="CAMT.053-Import ordnet Mietzahlungen nicht mehr automatisch zu",
        text=T("""
            Hallo,

            seit dem Wechsel unserer Hausbank werden die Mietzahlungen beim Import der
            CAMT.053-Kontoauszüge nicht mehr automatisch den Mietern zugeordnet. Alle 612
            Buchungen landen im Klärungskonto. Früher funktionierte die Zuordnung über den
            Verwendungszweck (Mieternummer).
        """),
        type="incident", product="Karthago", topic="Zahlungsverkehr", tags=["camt", "kontoauszug"],
        steps=[
            ("+0d 09:30", "lukas", "assign", "lukas"),
            ("+0d 09:45", "lukas", "comment", T("""
                Hallo Frau Hansen,

                vermutlich liefert die neue Bank den Verwendungszweck im strukturierten Feld <Strd>
                statt in <Ustrd>. Können Sie mir hier im Ticket den Ausschnitt einer Buchung aus der
                XML-Datei schicken (gern mit gekürzten Namen)?
            """)),
            ("+0d 09:50", "lukas", "status", "pending"),
            ("+1d 10:15", "req", "comment",
             "Hier die Buchung (Namen gekürzt):\n\n"
             "<RmtInf><Strd><CdtrRefInf><Ref>RF18 0000 4711</Ref></CdtrRefInf></Strd></RmtInf>\n\n"
             "Einen unstrukturierten Verwendungszweck gibt es gar nicht mehr."),
            ("+1d 11:40", "lukas", "comment", T("""
                Danke, das bestätigt die Vermutung: Die Mieter überweisen mit RF-Referenz.
                Aktivieren Sie bitte unter Zahlungsverkehr → Zuordnungsregeln die Regel „Creditor
                Reference (RF) auswerten“ und ordnen Sie das Muster der Mieternummer zu. Danach im
                Klärungskonto „Automatisch zuordnen“ für den Import des Tages ausführen.
            """)),
            ("+2d 08:30", "req", "comment",
             "Mit der Regel sind 598 von 612 Buchungen zugeordnet, der Rest sind echte "
             "Klärungsfälle. Danke!"),
            ("+2d 08:45", "lukas", "resolve",
             "Zuordnungsregel „Creditor Reference (RF) auswerten“ aktiviert; 598 von 612 Buchungen "
             "automatisch zugeordnet."),
            ("+10d 09:00", "lukas", "close"),
        ],
    ),
    dict(
        key="heizkosten-import", at="2026-10-13 10:00", by="rneumann",
        subject="Heizkostenabrechnung vom Messdienst importieren – welches Format?",
        text=T("""
            Guten Tag,

            für die WEG Gohliser Straße 12 haben wir die Heizkostenabrechnung 2025 vom Messdienst
            erhalten. Kann PowerHaus die Einzelergebnisse direkt einlesen, oder müssen wir die 18
            Beträge von Hand in die Hausgeldabrechnung übertragen?
        """),
        type="question", product="PowerHaus", topic="Heizkostenabrechnung",
        property="Gohliser Straße 12", tags=["heizkosten", "import"],
        steps=[
            ("+0d 11:30", "lukas", "assign", "lukas"),
            ("+0d 11:45", "lukas", "comment", T("""
                Guten Tag Herr Neumann,

                PowerHaus liest den Datenaustausch im Format „ARGE HeiWaKo“ (Version 3.0) ein:
                Abrechnung → Heizkosten → Import. Bitte fordern Sie beim Messdienst die Datei im
                ARGE-Format an; die PDF reicht dafür nicht. Zugeordnet wird über die Nutzernummer,
                die in den Einheiten unter „Messdienst“ hinterlegt sein muss.
            """)),
            ("+2d 09:20", "req", "comment",
             "Der Messdienst hat die Datei geschickt, der Import lief durch. Bei zwei Einheiten "
             "fehlte die Nutzernummer, die haben wir nachgetragen."),
            ("+2d 10:00", "lukas", "resolve",
             "Import über ARGE HeiWaKo 3.0 erläutert; Import erfolgreich."),
            ("+10d 09:00", "lukas", "close"),
        ],
    ),

    # ------------------------------------------------------------ solved --
    dict(
        key="haustuer-leopold", at="2026-10-14 21:10", by="avogel",
        subject="Haustür fällt nicht mehr ins Schloss",
        text=T("""
            Hallo,

            die Haustür der Leopoldstraße 77 fällt seit ein paar Tagen nicht mehr von selbst ins
            Schloss, man muss sie fest zuziehen. Heute Abend stand sie offen, als ich heimkam.
            Ehrlich gesagt fühle ich mich damit nicht sicher – im Erdgeschoss wurde letztes Jahr
            schon einmal eingebrochen.
        """),
        type="incident", category="Schließanlage", property="Leopoldstraße 77",
        cc=["fmaier"], tags=["haustuer"],
        steps=[
            ("+1d 08:15", "julia", "assign", "julia"),
            ("+1d 08:25", "julia", "comment", T("""
                Guten Morgen Frau Vogel,

                danke für Ihre Nachricht – das ist natürlich nicht in Ordnung. Wir haben die
                Hausverwaltung Schmidt & Partner gebeten, den Türschließer kurzfristig reparieren
                zu lassen.
            """)),
            ("+1d 10:50", "fmaier", "comment",
             "Der Schlüsseldienst Brenner ist für morgen 9 Uhr beauftragt, den Obentürschließer "
             "einzustellen oder zu tauschen."),
            ("+2d 12:30", "fmaier", "comment",
             "Der Türschließer wurde getauscht, die Tür schließt wieder von selbst."),
            ("+2d 13:00", "julia", "resolve",
             "Obentürschließer vom Schlüsseldienst Brenner getauscht; die Tür schließt wieder "
             "zuverlässig."),
            ("+2d 19:45", "req", "rate", "good", "Super schnell erledigt, vielen Dank!"),
        ],
    ),
    dict(
        key="mahnlauf-teilzahlung", at="2026-10-15 08:05", by="kschneider",
        subject="Mahnlauf erzeugt Mahnungen für bereits bezahlte Oktobermieten",
        text=T("""
            Guten Morgen,

            der Probelauf für die Mahnungen zum 15.10. enthält 37 Mahnungen an Mieter, deren
            Oktobermiete nachweislich am 01.10. per Lastschrift eingezogen wurde. Im Mieterkonto
            ist die Zahlung gebucht, der offene Posten aber nicht ausgeglichen. So können wir die
            Mahnungen nicht verschicken.
        """),
        type="incident", product="PowerHaus", topic="Mahnwesen", cc=["skoch"],
        tags=["mahnwesen", "lastschrift"],
        steps=[
            ("+0d 08:40", "lukas", "assign", "lukas"),
            ("+0d 08:55", "lukas", "comment", T("""
                Guten Morgen Frau Schneider,

                bitte versenden Sie die Mahnungen vorerst nicht. Ich vermute, dass die Lastschriften
                ohne Ausgleich der offenen Posten gebucht wurden. Prüfen Sie bitte, ob beim Lauf vom
                01.10. unter Zahlungsverkehr → Lastschrift die Option „OP automatisch ausgleichen“
                gesetzt war.
            """)),
            ("+0d 11:30", "req", "escalate",
             "Die Option war gesetzt; betroffen sind nur Mieter mit Teilzahlungsvereinbarung. Der "
             "reguläre Mahnlauf muss spätestens morgen früh raus, sonst verschiebt sich der ganze "
             "Mahnzyklus um einen Monat. Bitte heute noch um Rückmeldung."),
            ("+0d 12:05", "lukas", "note",
             "Teilzahlungsvereinbarung → OPs werden in Raten gesplittet, die Lastschrift gleicht "
             "nur die Gesamtforderung aus. Fehler PH-3188, Matthias informiert. Workaround: "
             "Hilfsprogramm „OP-Ausgleich nachholen“."),
            ("+0d 13:30", "lukas", "comment", T("""
                Frau Schneider, wir haben die Ursache: Bei Mietern mit Teilzahlungsvereinbarung
                werden die Lastschriften zwar gebucht, aber nicht mit den Raten verknüpft (Fehler
                PH-3188). Bitte führen Sie Extras → Hilfsprogramme → „OP-Ausgleich nachholen“ für
                den Zeitraum 01.10.–15.10. aus; danach ist der Mahnvorschlag korrekt. Die Korrektur
                kommt mit dem nächsten Hotfix.
            """)),
            ("+0d 15:10", "req", "comment",
             "Hilfsprogramm ausgeführt, der Mahnvorschlag enthält jetzt nur noch 4 echte Fälle. "
             "Danke für den schnellen Einsatz!"),
            ("+0d 15:20", "lukas", "resolve",
             "OP-Ausgleich über das Hilfsprogramm nachgeholt; Mahnvorschlag korrekt. Fehler "
             "PH-3188 wird mit dem nächsten Hotfix behoben."),
        ],
    ),
    dict(
        key="terminalserver", at="2026-10-16 09:00", by="jpetersen",
        subject="Terminalserver: Karthago startet nur für Administratoren",
        text=T("""
            Hallo,

            auf unserem neuen Terminalserver (Windows Server 2022, RDS) startet Karthago 12.4 nur
            für Administratoren. Normale Benutzer bekommen beim Start „Zugriff verweigert:
            C:\\Program Files\\Karthago\\config\\user.ini“. Auf dem alten Server lief alles.
        """),
        type="incident", product="Karthago", topic="Installation", tags=["terminalserver"],
        steps=[
            ("+0d 09:40", "sevgi", "assign", "sevgi"),
            ("+0d 09:55", "sevgi", "comment", T("""
                Hallo Herr Petersen,

                Karthago legt benutzerbezogene Einstellungen normalerweise unter %APPDATA% ab – außer
                bei einer Installation im Modus „Einzelplatz“. Bitte schicken Sie mir den Abschnitt
                [Setup] aus C:\\Program Files\\Karthago\\config\\install.ini.
            """)),
            ("+0d 10:00", "sevgi", "status", "pending"),
            ("+3d 08:10", "req", "comment",
             "Unter [Setup] steht Mode=Standalone. Das erklärt es wohl – wir haben bei der "
             "Installation die Standardoption genommen."),
            ("+3d 09:00", "sevgi", "comment", T("""
                Genau. Bitte ändern Sie den Eintrag auf Mode=TerminalServer und führen Sie einmal
                „karthago.exe /migrate-userconfig“ als Administrator aus. Danach können sich die
                Benutzer normal anmelden.
            """)),
            ("+3d 14:25", "req", "comment", "Läuft, alle Benutzer können arbeiten. Danke!"),
            ("+4d 08:30", "sevgi", "resolve",
             "Installationsmodus auf TerminalServer umgestellt, Benutzerkonfiguration migriert."),
        ],
    ),
    dict(
        key="wasserfleck-hafen", at="2026-10-19 18:20", by="moezdemir",
        subject="Wasserfleck an der Badezimmerdecke wird größer",
        text=T("""
            Guten Abend,

            in meinem Bad (Hafenstraße 8, 2. OG Mitte) ist seit letzter Woche ein brauner Fleck an
            der Decke, etwa so groß wie ein Teller. Heute ist er deutlich größer und fühlt sich
            feucht an. Über mir wohnt Familie Kowalski, die ist aber im Urlaub.
        """),
        type="incident", priority="high", category="Wasser", property="Hafenstraße 8",
        cc=["uclaussen", "fjensen"], tags=["wasserschaden"],
        steps=[
            ("+1d 08:05", "julia", "assign", "julia"),
            ("+1d 08:15", "julia", "comment", T("""
                Guten Morgen Herr Özdemir,

                danke für die Meldung. Der Hauswart, Herr Claußen, sieht sich das heute Vormittag
                an. Bitte legen Sie bis dahin ein Handtuch unter die Stelle und schalten Sie die
                Deckenleuchte im Bad nicht ein, wenn sie in der Nähe des Flecks ist.
            """)),
            ("+1d 11:40", "uclaussen", "comment",
             "War vor Ort, auch in der Wohnung darüber (Schlüssel über die Nachbarin). Ursache: "
             "undichte Silikonfuge an der Duschtasse im 3. OG. Die Fuge ist provisorisch "
             "abgedichtet, es läuft kein Wasser mehr nach. Der Fleck muss jetzt 2–3 Wochen "
             "trocknen, danach wird gestrichen."),
            ("+1d 12:00", "julia", "resolve",
             "Undichte Silikonfuge in der Wohnung darüber abgedichtet; Trocknung läuft, "
             "Malerarbeiten folgen."),
            # The requester does not accept the solution: his reply reopens the ticket.
            ("+6d 19:30", "req", "comment",
             "Der Fleck ist immer noch feucht und riecht jetzt muffig. Ich glaube nicht, dass das "
             "nur die Fuge war."),
            ("+7d 08:30", "julia", "comment",
             "Herr Özdemir, danke für die Rückmeldung. Wir haben eine Leckageortung beauftragt "
             "(Termin Freitag, 10 Uhr). Bitte ermöglichen Sie den Zugang zu Ihrer Wohnung."),
            ("+9d 15:00", "julia", "resolve",
             "Leckageortung: Haarriss im Abwasserrohr der Dusche im 3. OG, das Rohrstück ist "
             "ersetzt. Im Bad steht seit heute ein Trocknungsgerät (ca. 10 Tage, die Stromkosten "
             "werden erstattet)."),
        ],
    ),
    dict(
        key="vertragsbeginn", at="2026-10-21 10:40", by="smueller",
        subject="Vertragsbeginn eines Mietvertrags lässt sich nicht rückwirkend ändern",
        text=T("""
            Hallo,

            bei einem Mietvertrag in der Rheinuferstraße 15 wurde der Vertragsbeginn falsch erfasst
            (01.11. statt 15.10.). Wenn ich das Datum ändern will, ist das Feld ausgegraut. Wie
            kann ich das korrigieren?
        """),
        type="question", product="Wodis Yuneo", topic="Vertragsverwaltung",
        property="Rheinuferstraße 15", tags=["mietvertrag"],
        steps=[
            ("+0d 11:30", "julia", "assign", "julia"),
            ("+0d 11:45", "julia", "comment", T("""
                Hallo Frau Müller,

                das Feld ist gesperrt, sobald für den Vertrag Sollstellungen erzeugt wurden. Nehmen
                Sie die Sollstellungen über Vertrag → Sollstellungen → „Stornieren ab …“ zurück;
                danach lässt sich der Vertragsbeginn wieder ändern. Anschließend die Sollstellungen
                neu erzeugen.
            """)),
            ("+0d 14:05", "req", "comment",
             "Danke, hat geklappt – ich markiere die Anfrage selbst als gelöst."),
            # A customer may mark her own ticket solved after a reply from support.
            ("+0d 14:06", "req", "resolve",
             "Sollstellungen storniert, Vertragsbeginn korrigiert, Sollstellungen neu erzeugt."),
        ],
    ),
    dict(
        key="protokoll-etv", at="2026-10-29 07:57", by="hkrause",
        subject="Protokoll der Eigentümerversammlung fehlt im Eigentümerportal",
        text=T("""
            Guten Morgen,

            ich konnte an der Eigentümerversammlung vom 22.10. nicht teilnehmen und wollte mir das
            Protokoll im Eigentümerportal ansehen. Unter „Dokumente“ finde ich aber nur die
            Einladung. Laut Aushang sollte das Protokoll spätestens eine Woche nach der Versammlung
            online sein.
        """),
        type="question", product="Karthago", topic="Eigentümerportal", property="Elbchaussee 140",
        cc=["fjensen"], tags=["eigentuemerportal", "protokoll"],
        steps=[
            ("+0d 08:30", "julia", "assign", "julia"),
            ("+0d 08:40", "julia", "comment",
             "Guten Morgen Herr Dr. Krause, danke für Ihre Nachricht. Wir haben bei Frau Jensen "
             "von Immo Nord nachgefragt, wann das Protokoll veröffentlicht wird."),
            ("+0d 11:15", "fjensen", "comment",
             "Das Protokoll ist unterschrieben und liegt seit heute Vormittag im Portal unter "
             "Dokumente → Eigentümerversammlungen → 2026. Die Verzögerung lag an der zweiten "
             "Unterschrift aus dem Beirat – bitte entschuldigen Sie."),
            ("+0d 12:00", "julia", "resolve",
             "Protokoll von Immo Nord im Eigentümerportal veröffentlicht."),
        ],
    ),
    dict(
        # The same message sent twice: the copy is deleted.
        key="protokoll-etv-doppelt", at="2026-10-29 07:58", by="hkrause",
        subject="Protokoll der Eigentümerversammlung fehlt im Eigentümerportal",
        text=T("""
            Guten Morgen,

            ich konnte an der Eigentümerversammlung vom 22.10. nicht teilnehmen und wollte mir das
            Protokoll im Eigentümerportal ansehen. Unter „Dokumente“ finde ich aber nur die
            Einladung. Laut Aushang sollte das Protokoll spätestens eine Woche nach der Versammlung
            online sein.
        """),
        type="question", product="Karthago", topic="Eigentümerportal", property="Elbchaussee 140",
        cc=["fjensen"], tags=["eigentuemerportal", "protokoll"],
        steps=[
            ("+0d 08:32", "julia", "comment",
             "Diese Anfrage ist versehentlich doppelt angekommen. Wir bearbeiten sie im Ticket "
             "[[protokoll-etv]] weiter; dieses Ticket wird gelöscht."),
            ("+0d 08:33", "julia", "delete"),
        ],
    ),
    dict(
        key="kontenrahmen", at="2026-10-26 09:15", by="mhuber",
        subject="Neuer Mandant: SKR 03 oder SKR 04 – lässt sich das später ändern?",
        text=T("""
            Guten Tag,

            zum 01.01.2027 übernehmen wir die Verwaltung von drei Objekten eines neuen Eigentümers,
            der bisher mit SKR 04 gebucht hat. Unsere übrigen Mandanten laufen mit SKR 03. Können
            wir den neuen Mandanten in HausPerfekt mit SKR 04 anlegen, und lässt sich der
            Kontenrahmen später noch ändern?
        """),
        type="question", product="HausPerfekt", topic="Buchhaltung", tags=["kontenrahmen", "datev"],
        steps=[
            ("+0d 10:05", "lukas", "assign", "lukas"),
            ("+0d 10:30", "lukas", "comment", T("""
                Guten Tag Frau Huber,

                ja, der Kontenrahmen wird je Mandant gewählt. Nach der ersten Buchung ist ein
                Wechsel nur noch über Extras → Kontenrahmen umschlüsseln möglich. Unsere Empfehlung:
                Legen Sie den Mandanten mit SKR 04 an, wenn der Steuerberater des Eigentümers das
                möchte; der DATEV-Export berücksichtigt das automatisch.
            """)),
            ("+1d 08:50", "req", "comment",
             "Danke, der Steuerberater bevorzugt SKR 04. Wir legen den Mandanten so an."),
            ("+1d 09:10", "lukas", "resolve",
             "Kontenrahmen je Mandant wählbar; Umschlüsselung und DATEV-Export erklärt."),
        ],
    ),
    dict(
        key="app-doppelt", at="2026-10-28 07:20", by="pschaefer",
        subject="Hauswart-App zeigt alle Aufträge doppelt an",
        text=T("""
            Moin,

            seit dem App-Update am Wochenende sehe ich in der Wodis-Yuneo-App jeden Auftrag
            zweimal. Wenn ich einen als erledigt markiere, bleibt der zweite offen. Handy: Samsung
            Galaxy A54, App-Version 5.8.0.
        """),
        type="incident", product="Wodis Yuneo", topic="Mobile App", tags=["app", "android"],
        steps=[
            ("+0d 08:30", "sevgi", "assign", "sevgi"),
            ("+0d 08:45", "sevgi", "comment", T("""
                Moin Herr Schäfer,

                das Problem ist bekannt und betrifft Android-Geräte, die beim Update offline waren.
                Bitte melden Sie sich in der App einmal ab (Profil → Abmelden) und wieder an; dabei
                wird der lokale Zwischenspeicher neu aufgebaut. Die Erledigt-Meldungen von heute
                sind auf dem Server angekommen.
            """)),
            ("+0d 12:10", "req", "comment",
             "Ab- und wieder angemeldet, jetzt ist jeder Auftrag nur noch einmal da."),
            ("+0d 12:30", "sevgi", "note",
             "Korrektur der Duplikate im Offline-Cache kommt mit App 5.8.1 (Freigabe im Play Store "
             "am 30.10.)."),
            ("+0d 12:35", "sevgi", "resolve",
             "Lokalen App-Speicher durch Ab- und Anmelden neu aufgebaut; endgültige Korrektur mit "
             "App-Version 5.8.1."),
        ],
    ),
    dict(
        key="treppenlicht-kls50", at="2026-11-03 20:15", by="siwanowa",
        subject="Treppenhausbeleuchtung im Hinterhaus komplett ausgefallen",
        text=T("""
            Guten Abend,

            im Hinterhaus der Karl-Liebknecht-Straße 50 geht seit heute Nachmittag im ganzen
            Treppenhaus kein Licht mehr. Auch die Lichtschalter leuchten nicht. Abends ist es jetzt
            stockdunkel; ältere Nachbarn trauen sich nicht mehr die Treppe hinunter.
        """),
        type="incident", priority="high", category="Elektro", property="Karl-Liebknecht-Straße 50",
        public=True, cc=["crichter"], tags=["beleuchtung", "treppenhaus"],
        steps=[
            ("+1d 07:50", "julia", "assign", "julia"),
            ("+1d 07:55", "julia", "comment",
             "Guten Morgen Frau Iwanowa, danke für die Meldung. Wir haben die Sonnenhof "
             "Immobilienverwaltung informiert; ein Elektriker ist für heute Vormittag angefragt."),
            ("+1d 09:20", "crichter", "comment",
             "Elektro Seidel ist heute zwischen 10 und 12 Uhr vor Ort."),
            ("+1d 12:40", "crichter", "comment",
             "Ursache war ein defektes Treppenlicht-Zeitrelais im Hausanschlussraum. Es wurde "
             "getauscht, das Licht funktioniert wieder."),
            ("+1d 13:00", "julia", "resolve",
             "Treppenlicht-Zeitrelais von Elektro Seidel getauscht, Beleuchtung funktioniert."),
        ],
    ),
    dict(
        key="beschlusssammlung-pdf", at="2026-11-05 14:30", by="fjensen",
        subject="Beschlusssammlung: PDF-Export schneidet lange Beschlusstexte ab",
        text=T("""
            Hallo,

            beim PDF-Export der Beschlusssammlung (WEG Elbchaussee 140) werden Beschlüsse, die
            länger als eine Seite sind, nach der ersten Seite abgeschnitten. Betroffen ist z. B.
            TOP 7 vom 22.10. (Dachsanierung). In der Bildschirmansicht ist der Text vollständig.
            Die Beschlusssammlung muss vollständig einsehbar sein (§ 24 Abs. 7 WEG).
        """),
        type="incident", product="Karthago", topic="WEG-Verwaltung", property="Elbchaussee 140",
        tags=["beschlusssammlung", "pdf"],
        steps=[
            ("+0d 15:00", "matthias", "assign", "matthias"),
            ("+0d 15:20", "matthias", "comment", T("""
                Hallo Frau Jensen,

                danke, wir können das nachstellen: Ein Seitenumbruch innerhalb eines Beschlusses
                wird im PDF-Layout nicht berücksichtigt. Wir korrigieren das mit Hotfix 12.4.2, der
                für nächste Woche geplant ist. Übergangsweise können Sie die Beschlusssammlung über
                „Drucken → Microsoft Print to PDF“ erzeugen; dort wird richtig umbrochen.
            """)),
            ("+0d 15:25", "matthias", "note",
             "KA-7731: Layout-Engine ignoriert keep-together=false bei Textblöcken über einer Seite."),
            ("+4d 16:00", "matthias", "comment",
             "Hotfix 12.4.2 ist seit heute verfügbar (Extras → Programmaktualisierung). Bitte "
             "prüfen Sie den Export nach dem Einspielen."),
            ("+5d 10:15", "req", "comment",
             "Hotfix installiert, TOP 7 ist jetzt vollständig im PDF. Danke!"),
            ("+5d 10:40", "matthias", "resolve", "Fehler im PDF-Layout mit Hotfix 12.4.2 behoben."),
            ("+5d 11:30", "req", "rate", "good", "Schnelle Übergangslösung und zügiger Hotfix."),
        ],
    ),

    # ----------------------------------------------------------- pending --
    dict(
        key="ust-vorsteuer", at="2026-10-20 14:10", by="aschmidt",
        subject="USt-Voranmeldung: Vorsteuer aus optierten Gewerbeeinheiten fehlt",
        text=T("""
            Guten Tag,

            in der Leopoldstraße 77 gibt es zwei Gewerbeeinheiten, für die der Eigentümer zur
            Umsatzsteuer optiert hat. In der USt-Voranmeldung für September erscheint die
            Umsatzsteuer auf die Mieten, die Vorsteuer aus den Nebenkostenrechnungen (Hausmeister,
            Reinigung) fehlt aber komplett. Wir müssen bis zum 10.11. abgeben.
        """),
        type="question", product="HausPerfekt", topic="Buchhaltung", property="Leopoldstraße 77",
        cc=["mhuber"], tags=["umsatzsteuer"],
        steps=[
            ("+0d 15:00", "lukas", "assign", "lukas"),
            ("+0d 15:20", "lukas", "comment", T("""
                Guten Tag Herr Schmidt,

                die Vorsteuer wird für den Anteil der optierten Einheiten nur berücksichtigt, wenn
                die Buchung einen Vorsteuerschlüssel trägt. Können Sie mir für eine betroffene
                Rechnung (z. B. Hausmeister September) den Buchungssatz mit Steuerschlüssel
                schicken, wie er im Journal steht?
            """)),
            ("+1d 09:10", "mhuber", "comment",
             "Ich habe nachgeschaut: Buchung 2026-09-0412, 6020 an 1600, 1.190,00 €, "
             "Steuerschlüssel leer. In den Vormonaten steht dort 9 (19 % Vorsteuer)."),
            ("+1d 10:00", "lukas", "comment", T("""
                Danke, Frau Huber. Dann wurde der Steuerschlüssel beim Rechnungseingang nicht aus
                dem Kreditorenstamm übernommen. Bitte prüfen Sie, ob beim Kreditor „Hausservice
                Obermaier“ im Register Steuer der Schlüssel 9 eingetragen ist, und geben Sie mir
                kurz Bescheid – dann beschreibe ich Ihnen, wie Sie die Septemberbuchungen
                korrigieren.
            """)),
            ("+1d 10:05", "lukas", "status", "pending"),
        ],
    ),
    dict(
        key="muelltonnen-deutz", at="2026-10-27 19:40", by="jlehmann",
        subject="Biotonne und Papiertonne seit zwei Wochen nicht geleert",
        text=T("""
            Guten Abend,

            in der Deutzer Freiheit 30 sind die Biotonnen und die Papiertonnen seit zwei Wochen
            nicht geleert worden. Die Tonnen quellen über, im Hof riecht es, und gestern Abend war
            eine Ratte an den Tonnen. Die Restmülltonnen werden ganz normal geleert.
        """),
        type="incident", category="Müll", property="Deutzer Freiheit 30", public=True,
        cc=["smueller"], tags=["muell", "schaedlinge"],
        steps=[
            ("+1d 08:20", "julia", "assign", "julia"),
            ("+1d 08:30", "julia", "comment", T("""
                Guten Morgen Herr Lehmann,

                danke für die Meldung. Laut Abfallbetrieb wurden die Tonnen an den letzten beiden
                Terminen als „nicht bereitgestellt“ gemeldet. Wissen Sie, ob die Tonnen seit Kurzem
                an einem anderen Platz stehen, z. B. hinter dem neuen Fahrradschuppen? Ein Foto des
                Standplatzes würde uns sehr helfen.
            """)),
            ("+1d 08:40", "julia", "note",
             "Rattensichtung: Frau Müller (Wohnbau Rhein) gebeten, einen Schädlingsbekämpfer zu "
             "beauftragen – Rückmeldung steht aus."),
            ("+1d 08:45", "julia", "status", "pending"),
        ],
    ),
    dict(
        key="sso-entra", at="2026-10-29 09:30", by="hwolff",
        subject="Single Sign-on mit Microsoft Entra ID: Anmeldung scheitert mit AADSTS50011",
        text=T("""
            Hallo,

            wir stellen die Anmeldung an Wodis Yuneo auf Single Sign-on mit Microsoft Entra ID um.
            Die App-Registrierung ist nach Ihrer Anleitung angelegt. Bei der Anmeldung erscheint
            jedoch: „AADSTS50011: The redirect URI specified in the request does not match the
            redirect URIs configured for the application“. Der Umstieg ist für den 09.11.
            angekündigt.
        """),
        type="incident", product="Wodis Yuneo", topic="Schnittstellen", tags=["sso", "entra-id"],
        steps=[
            ("+0d 10:15", "sevgi", "assign", "sevgi"),
            ("+0d 10:30", "sevgi", "comment", T("""
                Hallo Frau Wolff,

                der Fehler bedeutet, dass die Antwort-URL in der App-Registrierung nicht genau der
                entspricht, die Wodis Yuneo sendet. Bitte tragen Sie in Entra ID unter
                „Authentifizierung“ die Adresse https://wohnbau-rhein.wodis-yuneo.example/auth/callback
                ein (ohne abschließenden Schrägstrich).
            """)),
            ("+2d 13:20", "req", "comment",
             "Die Adresse ist genau so eingetragen, der Fehler bleibt. In der Fehlermeldung steht "
             "als Redirect-URI übrigens http:// statt https://."),
            ("+2d 13:25", "req", "escalate",
             "Der Umstieg auf SSO ist allen 140 Mitarbeitenden für den 09.11. angekündigt, an dem "
             "Tag laufen die alten Passwörter ab. Wir brauchen bis Donnerstag eine Lösung."),
            ("+2d 14:30", "sevgi", "note",
             "http statt https: Der Reverse Proxy beim Kunden setzt X-Forwarded-Proto nicht. "
             "Einstellung „Proxy-Header vertrauen“ prüfen lassen. Matthias zur Info."),
            ("+2d 14:45", "sevgi", "comment", T("""
                Danke, das ist der entscheidende Hinweis: Ihr Reverse Proxy gibt das Protokoll
                nicht weiter, deshalb erzeugt Wodis Yuneo eine http-Adresse. Bitte
                (1) im Proxy den Header „X-Forwarded-Proto: https“ setzen und
                (2) in der Administration unter System → Anmeldung „Proxy-Header vertrauen“
                aktivieren. Melden Sie sich bitte, ob die Anmeldung danach klappt.
            """)),
            ("+2d 14:50", "sevgi", "status", "pending"),
        ],
    ),
    dict(
        key="lizenz-arbeitsplatz", at="2026-11-02 10:00", by="crichter",
        subject="Zusätzlicher Arbeitsplatz für neue Objektbetreuerin",
        text=T("""
            Guten Tag,

            zum 1. Dezember fängt bei uns eine neue Objektbetreuerin an. Wir brauchen dafür einen
            weiteren PowerHaus-Arbeitsplatz mit dem Modul WEG-Verwaltung. Was kostet das, und wie
            schnell kann der Zugang eingerichtet werden?
        """),
        type="question", product="PowerHaus", topic="Lizenzen", tags=["lizenz"],
        steps=[
            ("+0d 11:10", "julia", "assign", "julia"),
            ("+0d 11:30", "julia", "comment", T("""
                Guten Tag Frau Richter,

                ein weiterer Arbeitsplatz PowerHaus mit WEG-Modul kostet laut Ihrem Vertrag 39 €
                netto im Monat. Das Bestellformular haben wir Ihnen per E-Mail geschickt. Sobald es
                unterschrieben bei uns ist, schalten wir die Lizenz innerhalb eines Werktags frei.
            """)),
            ("+0d 16:05", "req", "comment",
             "Danke. Unsere Geschäftsführung unterschreibt das Formular Anfang nächster Woche."),
            ("+1d 08:30", "julia", "comment",
             "Gern, Frau Richter. Wir warten auf das unterschriebene Formular und melden uns dann "
             "mit den Zugangsdaten."),
            ("+1d 08:35", "julia", "status", "pending"),
        ],
    ),
    dict(
        key="iban-mandat", at="2026-11-04 09:20", by="bhansen",
        subject="IBAN-Änderung eines Eigentümers: Brauchen wir ein neues SEPA-Mandat?",
        text=T("""
            Hallo,

            ein Eigentümer der WEG Am Stadtpark 5 hat uns seine neue IBAN mitgeteilt (Bankwechsel).
            Reicht es, die IBAN im Personenstamm zu ändern, oder muss in Karthago ein neues
            Lastschriftmandat angelegt werden? Die nächste Hausgeldabbuchung ist am 01.12.
        """),
        type="question", product="Karthago", topic="Stammdaten", property="Am Stadtpark 5",
        tags=["sepa", "mandat"],
        steps=[
            ("+0d 10:00", "lukas", "assign", "lukas"),
            ("+0d 10:20", "lukas", "comment", T("""
                Hallo Frau Hansen,

                bei einem reinen Bankwechsel desselben Kontoinhabers bleibt das Mandat gültig;
                Karthago setzt bei der nächsten Lastschrift automatisch das Kennzeichen für eine
                geänderte Bankverbindung. Wichtig ist: Hat sich auch der Kontoinhaber geändert
                (z. B. neues Gemeinschaftskonto)? Dann braucht es ein neues Mandat.
            """)),
            ("+0d 10:25", "lukas", "status", "pending"),
        ],
    ),
    dict(
        key="nebenkosten-fischer", at="2026-11-09 18:50", by="lfischer",
        subject="Nebenkostenabrechnung 2025: Nachzahlung von 612 € nicht nachvollziehbar",
        text=T("""
            Hallo,

            ich habe heute die Nebenkostenabrechnung für 2025 bekommen und soll 612,40 €
            nachzahlen. Letztes Jahr hatte ich 40 € Guthaben. Vor allem die Position
            „Wasser/Abwasser“ hat sich mehr als verdoppelt, obwohl ich allein wohne und sich nichts
            geändert hat. Ich möchte gern die Belege einsehen.
        """),
        type="question", category="Betriebskosten", property="Musterstraße 1", private=True,
        cc=["kschneider"], tags=["nebenkosten", "belegeinsicht"],
        steps=[
            ("+1d 08:40", "julia", "assign", "julia"),
            ("+1d 09:00", "julia", "comment",
             "Guten Morgen Frau Fischer, danke für Ihre Nachricht. Wir haben Ihre Fragen an die "
             "Buchhaltung der Hausverwaltung Muster weitergegeben."),
            ("+1d 15:30", "kschneider", "comment", T("""
                Sehr geehrte Frau Fischer,

                die höheren Kosten für Wasser/Abwasser gehen auf einen Rohrbruch in der
                Hauptleitung im Mai zurück; die Stadtwerke haben den Verlust auf alle Einheiten
                verteilt. Wir prüfen, ob die Versicherung den Schaden übernimmt. Für die
                Belegeinsicht bieten wir Ihnen Termine in unserem Büro an: Dienstag, 17.11., 10 Uhr,
                oder Donnerstag, 19.11., 15 Uhr. Welcher Termin passt Ihnen?
            """)),
            ("+1d 15:45", "julia", "status", "pending"),
        ],
    ),
    dict(
        key="druck-seitenumbruch", at="2026-11-10 11:00", by="fmaier",
        subject="Betriebskostenabrechnung: Seitenumbruch mitten in der Kostenaufstellung",
        text=T("""
            Hallo,

            beim Druck der Betriebskostenabrechnungen für den Isarring 4 bricht die Seite mitten in
            der Kostenaufstellung um; die Summenzeile steht dann allein auf Seite 2. In der Vorschau
            sieht alles richtig aus. Drucker: Kyocera TASKalfa 3554ci, Treiber KX.
        """),
        type="incident", product="HausPerfekt", topic="Druck", property="Isarring 4",
        tags=["druck", "betriebskosten"],
        steps=[
            ("+0d 13:15", "julia", "assign", "julia"),
            ("+0d 13:30", "julia", "comment", T("""
                Hallo Herr Maier,

                bitte drucken Sie eine betroffene Abrechnung testweise in eine PDF-Datei (Drucker
                „Microsoft Print to PDF“) und prüfen Sie, ob der Umbruch dort auch auftritt. Geben
                Sie uns dann kurz Bescheid – so sehen wir, ob es am Druckertreiber liegt.
            """)),
            ("+0d 13:35", "julia", "status", "pending"),
        ],
    ),
    dict(
        key="umnummerierung", at="2026-11-12 08:45", by="tweber",
        subject="Umnummerierung der Wohnungen in der Lindenallee 12",
        text=T("""
            Guten Morgen,

            nach dem Dachgeschossausbau werden die Wohnungen in der Lindenallee 12 neu nummeriert
            (bisher 1–9, künftig 01.01–04.03 nach Etage). Können wir die Einheitennummern in
            PowerHaus ändern, ohne dass die Historie der Mieterkonten verloren geht?
        """),
        type="question", product="PowerHaus", topic="Stammdaten", property="Lindenallee 12",
        tags=["stammdaten"],
        steps=[
            ("+0d 10:00", "lukas", "assign", "lukas"),
            ("+0d 10:20", "lukas", "comment", T("""
                Guten Morgen Herr Weber,

                ja: Die Einheitennummer ist ein Anzeigefeld, die Mieterkonten hängen an der internen
                Einheiten-ID und behalten ihre Historie. Wichtig ist nur, ob Sie die Nummern auch im
                Zahlungsverkehr nutzen (z. B. im Verwendungszweck der Daueraufträge). Ist das bei
                Ihnen der Fall?
            """)),
            ("+0d 10:25", "lukas", "status", "pending"),
        ],
    ),

    # -------------------------------------------------------------- hold --
    dict(
        key="umlaufbeschluss", at="2026-10-05 13:00", by="fjensen",
        subject="Wunsch: Umlaufbeschlüsse digital im Eigentümerportal abstimmen",
        text=T("""
            Hallo,

            seit der WEG-Reform reicht für Umlaufbeschlüsse die Textform (§ 23 Abs. 3 WEG). Wir
            würden Umlaufbeschlüsse gern direkt im Eigentümerportal zur Abstimmung stellen:
            Beschlussantrag hochladen, Frist setzen, die Eigentümer stimmen mit Ja/Nein/Enthaltung
            ab, und Karthago übernimmt das Ergebnis in die Beschlusssammlung. Bisher machen wir das
            per Post und Excel.
        """),
        type="feature", priority="low", product="Karthago", topic="Eigentümerportal",
        tags=["feature-request", "umlaufbeschluss"],
        steps=[
            ("+1d 10:00", "matthias", "assign", "matthias"),
            ("+1d 10:30", "matthias", "comment", T("""
                Hallo Frau Jensen,

                vielen Dank für den ausführlichen Vorschlag. Digitale Umlaufbeschlüsse stehen auf
                unserer Roadmap; Ihr Anwendungsfall (inklusive Übernahme in die Beschlusssammlung)
                deckt sich mit weiteren Kundenanfragen. Wir haben die Anforderung unter KA-7402
                aufgenommen und melden uns hier, sobald ein Release feststeht.
            """)),
            ("+1d 14:15", "req", "comment",
             "Danke! Gern stehen wir als Pilotkunde zur Verfügung – zwei unserer WEGs würden sofort "
             "mitmachen."),
            ("+2d 09:00", "matthias", "note",
             "KA-7402, inzwischen 14 Kundenanfragen, Vorschlag für Q2/2027. Immo Nord als "
             "Pilotkunde vormerken."),
            ("+2d 09:05", "matthias", "status", "hold"),
        ],
    ),
    dict(
        key="excel-umlaute", at="2026-10-13 14:20", by="kschneider",
        subject="Export der Offene-Posten-Liste nach Excel: Umlaute falsch dargestellt",
        text=T("""
            Hallo,

            wenn wir die Offene-Posten-Liste nach Excel exportieren, stehen statt der Umlaute
            seltsame Zeichen in den Namen, z. B. „MÃ¼ller“ statt „Müller“ und „StraÃŸe“ statt
            „Straße“. Das betrifft nur den Excel-Export, die PDF-Ausgabe ist korrekt. Wir brauchen
            die Liste jeden Monat für die Eigentümerberichte.
        """),
        type="incident", product="PowerHaus", topic="Export", tags=["excel", "export", "umlaute"],
        steps=[
            ("+0d 15:00", "julia", "assign", "julia"),
            ("+0d 15:10", "julia", "comment", T("""
                Hallo Frau Schneider,

                danke für die Meldung. Übergangsweise: Exportieren Sie im Format „CSV (UTF-8)“ und
                öffnen Sie die Datei in Excel über Daten → Aus Text/CSV; dann werden die Umlaute
                richtig angezeigt. Wir geben den Fehler an die Entwicklung weiter.
            """)),
            ("+0d 15:15", "julia", "note",
             "Reproduzierbar mit Excel 365: Der Export schreibt UTF-8 ohne BOM. An Matthias "
             "übergeben."),
            ("+1d 09:30", "matthias", "assign", "matthias"),
            ("+1d 09:45", "matthias", "comment", T("""
                Hallo Frau Schneider,

                wir konnten den Fehler nachstellen: Der Excel-Export schreibt die Datei ohne Angabe
                der Zeichenkodierung. Die Korrektur ist für PowerHaus 2026.4 eingeplant (Anfang
                Dezember). Bis dahin steht das Ticket auf „in Entwicklung“; wir melden uns mit dem
                Release.
            """)),
            ("+1d 09:50", "matthias", "status", "hold"),
        ],
    ),
    dict(
        key="mahngebuehren", at="2026-10-23 10:10", by="mbecker",
        subject="Mahngebühren nach Vertragsart staffeln (Wohnraum/Gewerbe)",
        text=T("""
            Guten Tag,

            wir möchten für gewerbliche Mietverträge andere Mahngebühren berechnen als für Wohnraum
            (Wohnraum 5 €, Gewerbe die Pauschale von 40 € nach § 288 Abs. 5 BGB). In Wodis Yuneo
            lässt sich aber nur eine Gebühr je Mahnstufe hinterlegen. Ist eine Staffelung nach
            Vertragsart geplant?
        """),
        type="feature", priority="low", product="Wodis Yuneo", topic="Mahnwesen",
        tags=["feature-request", "mahnwesen"],
        steps=[
            ("+0d 11:00", "matthias", "assign", "matthias"),
            ("+0d 11:20", "matthias", "comment", T("""
                Guten Tag Herr Becker,

                derzeit geht das nur über getrennte Mahnverfahren: ein Verfahren „Gewerbe“ mit
                eigener Gebührentabelle, das Sie in den Gewerbeverträgen zuordnen. Eine Staffelung
                innerhalb eines Verfahrens nehmen wir als Produktanforderung auf.
            """)),
            ("+0d 13:40", "req", "comment",
             "Danke für den Workaround, der hilft uns vorerst. Die Staffelung wäre trotzdem eine "
             "sinnvolle Erweiterung."),
            ("+0d 14:00", "matthias", "note",
             "WY-5120 angelegt, Priorisierung im Produktboard im Dezember."),
            ("+0d 14:05", "matthias", "status", "hold"),
        ],
    ),
    dict(
        key="jahresabschluss-timeout", at="2026-10-30 08:15", by="jpetersen",
        subject="Jahresabschluss bricht bei großen Mandanten mit Zeitüberschreitung ab",
        text=T("""
            Hallo,

            der Probe-Jahresabschluss für unseren größten Mandanten (5.800 Einheiten, 14 WEGs)
            bricht nach genau 30 Minuten mit „Timeout expired. The timeout period elapsed prior to
            completion of the operation“ ab. Kleinere Mandanten laufen durch. Server: 16 Kerne,
            64 GB RAM, SQL Server 2019. Den echten Abschluss müssen wir im Januar fahren.
        """),
        type="incident", priority="high", product="Karthago", topic="Jahresabschluss",
        tags=["performance", "jahresabschluss"],
        steps=[
            ("+0d 09:00", "sevgi", "assign", "sevgi"),
            ("+0d 09:20", "sevgi", "comment", T("""
                Hallo Herr Petersen,

                als Sofortmaßnahme können Sie in der karthago.ini unter [Database] den Wert
                CommandTimeout=7200 setzen. Dann läuft der Abschluss durch, dauert aber lange. Wir
                sehen uns parallel an, warum die Abfrage so langsam ist.
            """)),
            ("+3d 16:40", "req", "comment",
             "Mit CommandTimeout=7200 lief der Abschluss durch – nach 3 Stunden 40 Minuten. Für den "
             "echten Abschluss im Januar ist das keine Lösung."),
            ("+3d 16:45", "req", "escalate",
             "Der Jahresabschluss ist für den 09.01.2027 geplant; bei knapp vier Stunden Laufzeit "
             "ist unsere Buchhaltung einen ganzen Tag blockiert. Bitte priorisieren."),
            ("+4d 10:15", "sevgi", "note",
             "Ausführungsplan zeigt Table Scan auf dbo.OPAusgleich (38 Mio. Zeilen), Index fehlt. "
             "An die Entwicklung übergeben: KA-7760."),
            ("+4d 10:50", "sevgi", "assign", "matthias"),
            ("+4d 11:00", "matthias", "comment", T("""
                Hallo Herr Petersen,

                die Ursache ist ein fehlender Index auf der Tabelle der OP-Ausgleiche, der sich bei
                großen Mandanten stark auswirkt. Die Korrektur kommt mit Karthago 12.5
                (Auslieferung Mitte Dezember, also vor Ihrem Abschluss). Bis dahin steht das Ticket
                auf „in Entwicklung“.
            """)),
            ("+4d 11:05", "matthias", "status", "hold"),
        ],
    ),
    dict(
        key="paragraph-35a", at="2026-11-06 09:40", by="rneumann",
        subject="Hausgeldabrechnung: haushaltsnahe Dienstleistungen (§ 35a EStG) je Einheit ausweisen",
        text=T("""
            Guten Tag,

            unsere vermietenden Eigentümer werden von ihren Mietern immer öfter um eine
            Bescheinigung nach § 35a EStG gebeten. Die Hausgeldabrechnung weist die Beträge aber nur
            für die Gemeinschaft insgesamt aus. Wir bräuchten je Einheit eine Aufstellung, getrennt
            nach haushaltsnahen Dienstleistungen und Handwerkerleistungen (Lohnanteil), die der
            Eigentümer an den Mieter weitergeben kann.
        """),
        type="feature", product="PowerHaus", topic="Hausgeldabrechnung",
        tags=["feature-request", "35a"],
        steps=[
            ("+0d 10:30", "matthias", "assign", "matthias"),
            ("+0d 10:50", "matthias", "comment", T("""
                Guten Tag Herr Neumann,

                die Bescheinigung je Einheit gibt es bisher nur in der Betriebskostenabrechnung für
                Mieter, nicht in der Hausgeldabrechnung. Wir nehmen das als Anforderung auf
                (PH-3230) und melden uns, sobald es eingeplant ist.
            """)),
            ("+0d 10:55", "matthias", "status", "hold"),
        ],
    ),
    dict(
        key="push-ios", at="2026-11-11 09:10", by="smueller",
        subject="Mieter-App: Push-Benachrichtigungen kommen auf iPhones nicht an",
        text=T("""
            Hallo,

            mehrere Mieter berichten, dass sie auf dem iPhone keine Push-Benachrichtigungen der
            Mieter-App mehr bekommen (z. B. bei neuen Aushängen). Auf Android funktioniert es.
            Betroffen sind offenbar alle Geräte mit iOS 19.
        """),
        type="incident", product="Wodis Yuneo", topic="Mieterportal", cc=["hwolff"],
        tags=["mieterportal", "ios"],
        steps=[
            ("+0d 09:45", "sevgi", "assign", "sevgi"),
            ("+0d 10:00", "sevgi", "comment",
             "Hallo Frau Müller, danke, wir können das bestätigen: Mit iOS 19 hat Apple die "
             "Registrierung für Benachrichtigungen geändert; die App-Version 4.2 meldet sich "
             "dadurch nicht richtig an. Eine korrigierte Version 4.3 ist in Arbeit."),
            ("+0d 10:10", "hwolff", "comment",
             "Danke. Gibt es etwas, das wir den Mietern bis dahin empfehlen können?"),
            ("+0d 11:20", "sevgi", "comment",
             "Die Mieter können in der App unter Einstellungen → Benachrichtigungen zusätzlich "
             "„Per E-Mail benachrichtigen“ einschalten. Wir melden uns hier, sobald Version 4.3 im "
             "App Store ist (voraussichtlich KW 50)."),
            ("+0d 11:25", "sevgi", "status", "hold"),
        ],
    ),
    dict(
        key="e-rechnung", at="2026-11-13 10:20", by="mhuber",
        subject="E-Rechnungen (ZUGFeRD/XRechnung) automatisch in den Rechnungseingang übernehmen",
        text=T("""
            Guten Tag,

            immer mehr Handwerker schicken uns E-Rechnungen im ZUGFeRD- oder XRechnung-Format.
            Derzeit tippen wir die Rechnungen trotzdem ab. Ab 2027 müssen auch unsere kleineren
            Dienstleister E-Rechnungen ausstellen. Kann HausPerfekt die XML-Daten auslesen und
            einen Buchungsvorschlag im Rechnungseingang erzeugen?
        """),
        type="feature", product="HausPerfekt", topic="Rechnungseingang", cc=["aschmidt"],
        tags=["feature-request", "e-rechnung", "zugferd"],
        steps=[
            ("+0d 11:00", "matthias", "assign", "matthias"),
            ("+0d 11:30", "matthias", "comment", T("""
                Guten Tag Frau Huber,

                das Einlesen von ZUGFeRD 2.x und XRechnung (UBL und CII) ist für HausPerfekt 2027.1
                geplant, inklusive Buchungsvorschlag anhand der IBAN des Kreditors. Bis dahin können
                Sie die Rechnungen mit dem kostenlosen Viewer der KoSIT lesbar anzeigen. Wir halten
                Sie hier auf dem Laufenden.
            """)),
            ("+0d 14:15", "aschmidt", "comment",
             "Danke für die Info. Ist schon absehbar, wann 2027.1 erscheint? Wir möchten die "
             "Schulung der Mitarbeiter planen."),
            ("+0d 15:00", "matthias", "comment",
             "Herr Schmidt, die Freigabe ist für Ende März 2027 geplant. Im Februar bieten wir dazu "
             "Webinare an."),
            ("+0d 15:05", "matthias", "status", "hold"),
        ],
    ),

    # -------------------------------------------------------------- open --
    dict(
        key="aufzug-pruefung", at="2026-10-19 07:10", by="dbrandt",
        subject="Aufzug Musterstraße 3: Prüfplakette seit September abgelaufen",
        text=T("""
            Guten Morgen,

            beim Rundgang ist mir aufgefallen, dass die Prüfplakette im Aufzug der Musterstraße 3
            im September abgelaufen ist. Die wiederkehrende Prüfung ist offenbar nicht gemacht
            worden. Der Aufzug läuft normal. Bitte klären, ob schon ein Prüftermin vereinbart ist.
        """),
        type="incident", category="Aufzug", property="Musterstraße 3", cc=["tweber"],
        tags=["aufzug", "pruefung"],
        steps=[
            ("+0d 08:30", "julia", "assign", "julia"),
            ("+0d 08:45", "julia", "comment",
             "Guten Morgen Herr Brandt, danke für den Hinweis! Wir klären mit Herrn Weber, ob der "
             "Termin beauftragt ist."),
            ("+0d 08:50", "julia", "note",
             "Im Wartungsvertrag ist die Hauptprüfung nicht enthalten – sie muss separat bei der "
             "Prüfstelle beauftragt werden. Herr Weber telefonisch nicht erreicht."),
            ("+0d 14:30", "tweber", "comment",
             "Die Prüfstelle hat einen Termin am 24.11. bestätigt. Der Wartungsdienst hat den "
             "Aufzug am 15.10. geprüft und keine Mängel festgestellt; er bleibt bis zur Prüfung in "
             "Betrieb."),
            ("+1d 09:10", "req", "comment", "Danke, ich bin am 24.11. vor Ort und begleite die Prüfung."),
        ],
    ),
    dict(
        key="heizkoerper-gluckert", at="2026-10-26 20:30", by="tbaumann",
        subject="Heizkörper im Wohnzimmer gluckert und wird nur oben warm",
        text=T("""
            Hallo,

            der Heizkörper in meinem Wohnzimmer (Rheinuferstraße 15, 3. OG rechts) gluckert seit
            dem Wochenende laut und wird nur im oberen Drittel warm. Entlüften habe ich schon
            probiert, da kam kurz Luft und dann Wasser.
        """),
        type="incident", category="Heizung", property="Rheinuferstraße 15",
        cc=["pschaefer", "mlange"], tags=["heizung"],
        steps=[
            ("+1d 08:30", "julia", "assign", "julia"),
            ("+1d 08:45", "julia", "comment",
             "Guten Morgen Herr Baumann, danke für die Meldung. Wir haben Herrn Schäfer gebeten, "
             "den Anlagendruck zu prüfen."),
            ("+1d 13:10", "pschaefer", "comment",
             "Der Anlagendruck war zu niedrig (0,8 bar). Habe auf 1,6 bar nachgefüllt und die "
             "Heizkörper im Strang entlüftet."),
            ("+1d 13:20", "julia", "resolve", "Anlagendruck nachgefüllt, Strang entlüftet."),
            # The tenant phoned: the agent reopens the ticket.
            ("+2d 08:50", "julia", "reopen"),
            ("+2d 08:55", "julia", "note",
             "Herr Baumann hat angerufen: Heizkörper wieder nur halb warm, Druck laut Manometer "
             "wieder bei 0,9 bar – vermutlich Leck oder defektes Ausdehnungsgefäß. Heizungsbau "
             "Lange beauftragt."),
            ("+2d 09:00", "julia", "comment",
             "Herr Baumann, wie telefonisch besprochen: Die Firma Heizungsbau Lange prüft das "
             "Ausdehnungsgefäß. Herr Lange meldet sich hier mit einem Termin."),
            ("+10d 11:30", "mlange", "comment",
             "Das Ausdehnungsgefäß ist defekt (Membran gerissen). Ersatz ist bestellt, Lieferzeit "
             "etwa zwei Wochen. Den Anlagendruck haben wir wieder aufgefüllt."),
        ],
    ),
    dict(
        key="serverumzug", at="2026-11-02 08:10", by="aschmidt",
        subject="Umzug von HausPerfekt auf einen neuen Server – Lizenzübertragung",
        text=T("""
            Guten Morgen,

            unser IT-Dienstleister tauscht am Wochenende 21./22.11. den Server aus. Wie übertragen
            wir HausPerfekt mit Datenbank und Lizenz? Muss die Lizenz vorher auf dem alten Server
            deaktiviert werden? Wir möchten am Montag, 23.11., normal weiterarbeiten.
        """),
        type="question", priority="normal", product="HausPerfekt", topic="Installation",
        tags=["server", "migration", "lizenz"],
        steps=[
            ("+0d 09:00", "sevgi", "assign", "sevgi"),
            ("+0d 09:20", "sevgi", "comment", T("""
                Guten Morgen Herr Schmidt,

                gern. Der Ablauf: (1) Datensicherung über Verwaltung → Datensicherung, (2) Lizenz im
                Lizenzportal deaktivieren, (3) auf dem neuen Server installieren und die Sicherung
                zurückspielen, (4) Lizenz mit Ihrer Kundennummer neu aktivieren. Wir können den
                Umzug auch begleiten – sollen wir einen Termin am Samstag, 21.11., reservieren?
            """)),
            ("+0d 11:45", "req", "comment",
             "Ja, bitte einen Termin am Samstag ab 9 Uhr. Ansprechpartner ist Herr Kaya von "
             "NetService München, Tel. 089 1234567."),
            ("+0d 12:10", "sevgi", "note",
             "Wochenendeinsatz 21.11., 9 Uhr, im Bereitschaftsplan eingetragen (Sevgi). "
             "Kostenpflichtig nach Preisliste, Auftragsbestätigung an Herrn Schmidt."),
            ("+0d 12:20", "sevgi", "comment",
             "Der Termin ist eingetragen: Samstag, 21.11., ab 9 Uhr. Ich melde mich vorher bei Herrn "
             "Kaya. Die Auftragsbestätigung für den Wochenendeinsatz bekommen Sie per E-Mail."),
        ],
    ),
    dict(
        key="abgrenzung-heizkosten", at="2026-11-04 13:30", by="kschneider",
        subject="Jahresabschluss 2026: Abgrenzung der Heizkostenvorauszahlungen",
        text=T("""
            Hallo,

            für den Jahresabschluss 2026 möchte unser Steuerberater die Heizkostenvorauszahlungen
            der Mieter periodengerecht abgegrenzt haben (Abrechnungszeitraum Heizung 01.07.–30.06.).
            Gibt es in PowerHaus dafür eine Auswertung oder Buchungsautomatik, oder müssen wir das
            von Hand buchen?
        """),
        type="question", product="PowerHaus", topic="Buchhaltung", tags=["jahresabschluss"],
        steps=[
            ("+0d 14:10", "lukas", "assign", "lukas"),
            ("+0d 14:40", "lukas", "comment", T("""
                Hallo Frau Schneider,

                PowerHaus bietet dafür die Auswertung „Abgrenzung Vorauszahlungen“ (Auswertungen →
                Jahresabschluss). Sie berechnet je Objekt den Anteil, der auf das Geschäftsjahr
                entfällt, und schlägt daraus Abgrenzungsbuchungen vor. Ich schicke Ihnen bis Freitag
                eine kurze Anleitung mit Beispielbuchungen.
            """)),
            ("+0d 14:45", "lukas", "note",
             "Anleitung aus KB-1873 anpassen (SKR 03: Konto 0990 statt 3900 bei Muster-HV)."),
        ],
    ),
    dict(
        key="schimmel-hafen", at="2026-11-06 17:50", by="moezdemir",
        subject="Schimmel im Schlafzimmer hinter dem Kleiderschrank",
        text=T("""
            Hallo,

            beim Umstellen des Kleiderschranks habe ich heute an der Außenwand im Schlafzimmer
            großflächig schwarzen Schimmel entdeckt (etwa 1 × 1,5 m). Ich lüfte dreimal täglich und
            heize normal. Ich habe eine kleine Tochter und mache mir Sorgen um ihre Gesundheit.
            Hängt das mit dem Wasserschaden im Bad zusammen?
        """),
        type="incident", category="Schimmel", property="Hafenstraße 8", cc=["uclaussen"],
        tags=["schimmel"],
        steps=[
            ("+1d 08:30", "julia", "assign", "julia"),
            ("+1d 08:45", "julia", "comment", T("""
                Guten Morgen Herr Özdemir,

                danke für Ihre Nachricht. Bitte rücken Sie den Schrank etwa 10 cm von der Wand ab.
                Wir lassen die Ursache von einem Sachverständigen prüfen. Einen Zusammenhang mit dem
                Wasserschaden halten wir für unwahrscheinlich, weil das Bad auf der anderen Seite
                der Wohnung liegt – der Sachverständige sieht sich das aber mit an.
            """)),
            ("+3d 19:15", "req", "comment",
             "Bisher hat sich niemand wegen eines Termins gemeldet. Der Schimmel breitet sich aus, "
             "und meine Tochter hustet seit Tagen."),
            ("+3d 19:20", "req", "escalate",
             "Kleinkind im Haushalt, der Schimmel breitet sich aus, und seit fünf Tagen gibt es "
             "keinen Termin."),
            ("+4d 08:20", "julia", "note",
             "Eskalation: Frau Jensen (Immo Nord) telefonisch gebeten, den Sachverständigen "
             "kurzfristig zu beauftragen. Zusage für Montag."),
            ("+4d 08:30", "julia", "comment",
             "Herr Özdemir, es tut uns leid, dass es so lange gedauert hat. Der Sachverständige "
             "kommt am Montag, 16.11., um 10 Uhr. Bis dahin bekommen Sie einen Luftentfeuchter; "
             "Herr Claußen bringt ihn heute vorbei."),
            ("+4d 15:40", "uclaussen", "comment", "Der Luftentfeuchter ist aufgestellt und läuft."),
        ],
    ),
    dict(
        key="rolle-azubis", at="2026-11-09 10:30", by="hwolff",
        subject="Rollenkonzept: Auszubildende sollen keine Bankverbindungen sehen",
        text=T("""
            Hallo,

            ab Dezember arbeiten drei Auszubildende in der Vermietung mit Wodis Yuneo. Sie sollen
            Mieter und Verträge sehen und bearbeiten dürfen, aber keine Bankverbindungen und keine
            Zahlungsdaten. Mit der Standardrolle „Vermietung“ sehen sie alles. Wie richten wir eine
            passende Rolle ein?
        """),
        type="question", product="Wodis Yuneo", topic="Berechtigungen",
        tags=["berechtigungen", "datenschutz"],
        steps=[
            ("+0d 11:15", "sevgi", "assign", "sevgi"),
            ("+0d 11:40", "sevgi", "comment", T("""
                Hallo Frau Wolff,

                am einfachsten kopieren Sie die Rolle „Vermietung“ (Administration → Rollen →
                Kopieren) und nehmen der Kopie die Rechte „Bankverbindungen lesen“ und
                „Zahlungsverkehr“. Im Mieterkonto bleibt die Summe der Zahlungen sichtbar, nur die
                Einzelheiten werden ausgeblendet. Ich prüfe noch, ob die IBAN auch im
                Serienbrief-Designer verborgen bleibt, und melde mich.
            """)),
            ("+1d 09:30", "sevgi", "note",
             "Getestet: Der IBAN-Platzhalter im Serienbrief-Designer ignoriert das Feldrecht "
             "(WY-5188). Entwicklung informiert."),
        ],
    ),
    dict(
        key="belegpruefung-beirat", at="2026-11-10 19:20", by="whartmann",
        subject="Belegprüfung durch den Beirat: Zugriff auf Belege im Eigentümerportal",
        text=T("""
            Guten Abend,

            der Verwaltungsbeirat des Isarrings 4 möchte die Belegprüfung für 2026 diesmal digital
            machen. Können die drei Beiratsmitglieder im Eigentümerportal Lesezugriff auf alle
            Buchungsbelege der Gemeinschaft bekommen – nur für den Prüfungszeitraum, z. B. Januar
            bis März 2027?
        """),
        type="question", product="HausPerfekt", topic="Eigentümerportal", property="Isarring 4",
        cc=["fmaier"], tags=["beirat", "belegpruefung"],
        steps=[
            ("+1d 08:50", "julia", "assign", "julia"),
            ("+1d 09:10", "julia", "comment",
             "Guten Morgen Herr Hartmann, technisch ist das möglich: Die Verwaltung kann im "
             "Eigentümerportal eine zeitlich begrenzte Belegfreigabe für die Beiratsmitglieder "
             "einrichten. Die Entscheidung liegt bei der Hausverwaltung Schmidt & Partner; wir "
             "haben Herrn Maier gebeten, sich bei Ihnen zu melden."),
            ("+2d 10:40", "fmaier", "comment",
             "Sehr geehrter Herr Hartmann, wir richten die Belegfreigabe gern ein. Bitte nennen Sie "
             "uns die E-Mail-Adressen der beiden anderen Beiratsmitglieder, damit wir die Zugänge "
             "anlegen können."),
        ],
    ),
    dict(
        key="journal-buchungstexte", at="2026-11-11 08:05", by="crichter",
        subject="Nach Update auf 2026.3 fehlen die Buchungstexte im Journal",
        text=T("""
            Guten Morgen,

            seit dem Update auf PowerHaus 2026.3 gestern Abend sind im Journal bei allen Buchungen
            ab dem 01.11. die Buchungstexte leer. Ältere Buchungen sind in Ordnung. Auch in den
            Kontenblättern fehlen die Texte. So können wir keine Auszüge an die Eigentümer
            schicken.
        """),
        type="incident", priority="high", product="PowerHaus", topic="Buchhaltung",
        cc=["rneumann"], tags=["update", "journal"],
        steps=[
            ("+0d 08:40", "lukas", "assign", "lukas"),
            ("+0d 09:00", "lukas", "comment",
             "Guten Morgen Frau Richter, danke für die schnelle Meldung. Die Buchungstexte sind "
             "nicht verloren – sie stehen in der Datenbank, werden nach dem Update aber nicht "
             "angezeigt. Bitte buchen Sie bis zur Klärung normal weiter."),
            ("+0d 09:05", "lukas", "note",
             "Vermutlich Migration 2026.3: neue Spalte Journal.Text2, Ansicht vw_Journal nicht neu "
             "erzeugt. Matthias ist informiert."),
            ("+0d 11:30", "req", "escalate",
             "Am Freitag gehen die Quartalsauszüge an 420 Eigentümer; ohne Buchungstexte können wir "
             "sie nicht verschicken."),
            ("+0d 14:20", "matthias", "comment",
             "Frau Richter, wir haben die Ursache gefunden: Bei der Aktualisierung wurde eine "
             "Datenbankansicht nicht neu erzeugt. Ein Korrekturskript ist in der Prüfung; wenn Sie "
             "einverstanden sind, spielen wir es morgen früh um 7 Uhr per Fernwartung ein."),
            ("+0d 14:50", "req", "comment",
             "Einverstanden, morgen um 7 Uhr passt. Herr Neumann ist ab 6:45 Uhr im Büro."),
        ],
    ),
    dict(
        key="tiefgarage-licht", at="2026-11-12 16:10", by="uclaussen",
        subject="Tiefgarage Hafenstraße 8: Bewegungsmelder der Beleuchtung defekt",
        text=T("""
            Hallo,

            in der Tiefgarage der Hafenstraße 8 schaltet der Bewegungsmelder an der Zufahrt das
            Licht nicht mehr ein. Ich habe die Beleuchtung vorübergehend auf Dauerlicht gestellt.
            Bitte einen Elektriker beauftragen.
        """),
        type="incident", category="Elektro", property="Hafenstraße 8", public=True,
        tags=["beleuchtung", "tiefgarage"],
        steps=[
            ("+0d 16:40", "julia", "assign", "julia"),
            ("+0d 16:50", "julia", "comment",
             "Danke, Herr Claußen. Wir beauftragen Elektro Carstens und geben Ihnen den Termin "
             "durch."),
            ("+1d 10:00", "julia", "comment",
             "Elektro Carstens kommt am Mittwoch, 18.11., zwischen 8 und 10 Uhr. Bitte ermöglichen "
             "Sie den Zugang zur Unterverteilung."),
        ],
    ),
    dict(
        key="zahlungssperre", at="2026-11-16 09:05", by="bhansen",
        subject="Zahlungsvorschlag enthält gesperrte Kreditoren",
        text=T("""
            Hallo,

            im heutigen Zahlungsvorschlag sind zwei Rechnungen des Kreditors „Dachbau Meyer“
            enthalten, obwohl der Kreditor wegen einer Reklamation für Zahlungen gesperrt ist
            (Haken „Zahlungssperre“ im Kreditorenstamm). Ich habe die Posten von Hand
            herausgenommen. Wirkt die Sperre nicht?
        """),
        type="incident", product="Karthago", topic="Zahlungsverkehr", tags=["zahlungsverkehr"],
        steps=[
            ("+0d 09:45", "lukas", "assign", "lukas"),
            ("+0d 10:05", "lukas", "comment",
             "Hallo Frau Hansen, die Sperre im Kreditorenstamm wirkt auf Rechnungen, die nach dem "
             "Setzen der Sperre erfasst werden; ältere Rechnungen müssen zusätzlich auf "
             "Belegebene gesperrt werden. Wann wurde die Sperre gesetzt, und wann wurden die beiden "
             "Rechnungen erfasst?"),
            ("+0d 11:30", "req", "comment",
             "Die Sperre ist vom 02.11., die Rechnungen vom 28.10. und vom 05.11. – die vom 05.11. "
             "hätte also nicht im Vorschlag sein dürfen."),
            ("+0d 11:45", "lukas", "note",
             "Rechnung vom 05.11. trotz Sperre im Vorschlag → Fehler. Im Testmandanten nachstellen, "
             "ggf. KA-Ticket anlegen."),
        ],
    ),
    dict(
        key="rauchmelder-kls50", at="2026-11-17 07:30", by="siwanowa",
        subject="Rauchwarnmelder im Flur piept alle paar Minuten",
        text=T("""
            Guten Morgen,

            der Rauchwarnmelder im Flur meiner Wohnung (Karl-Liebknecht-Straße 50, Hinterhaus
            1. OG) piept seit heute Nacht etwa jede Minute kurz. Es brennt nichts. An den Melder
            komme ich nicht heran, die Decke ist 3,20 m hoch.
        """),
        type="incident", category="Rauchwarnmelder", property="Karl-Liebknecht-Straße 50",
        cc=["crichter"], tags=["rauchwarnmelder"],
        steps=[
            ("+0d 08:15", "julia", "assign", "julia"),
            ("+0d 08:30", "julia", "comment",
             "Guten Morgen Frau Iwanowa, das kurze Piepen ist die Batteriewarnung. Die "
             "Rauchwarnmelder werden von einem Messdienst gewartet; wir haben dort einen "
             "Batterietausch angefordert. Bitte decken Sie den Melder bis dahin nicht ab."),
            ("+0d 11:00", "crichter", "comment",
             "Der Messdienst hat einen Servicetermin am Donnerstag, 19.11., zwischen 12 und 16 Uhr "
             "bestätigt."),
        ],
    ),

    # --------------------------------------------------------------- new --
    dict(
        key="thermostat-vogel", at="2026-11-16 07:40", by="avogel",
        subject="Thermostatkopf am Heizkörper im Bad abgebrochen",
        text=T("""
            Guten Morgen,

            beim Putzen ist mir der Thermostatkopf am Heizkörper im Bad abgebrochen. Der Heizkörper
            heizt jetzt ununterbrochen auf voller Stufe, abstellen kann ich ihn nicht. Die Wohnung
            ist Leopoldstraße 77, 4. OG links.
        """),
        type="incident", category="Heizung", property="Leopoldstraße 77", tags=["heizung"],
        steps=[
            ("+0d 12:30", "req", "comment",
             "Nachtrag: Auf dem Ventil steht „Heimeier“, falls das für das Ersatzteil wichtig ist. "
             "Ich bin ab 16 Uhr zu Hause."),
        ],
    ),
    dict(
        key="indexmiete-vorlage", at="2026-11-17 10:15", by="tweber",
        subject="Vorlage für Indexmieterhöhung: Verbraucherpreisindex automatisch übernehmen",
        text=T("""
            Guten Tag,

            wir bereiten die Indexmieterhöhungen zum 01.01.2027 vor. Kann die Briefvorlage den
            aktuellen Verbraucherpreisindex (2020 = 100) und die prozentuale Änderung seit der
            letzten Anpassung automatisch übernehmen, oder müssen wir die Werte je Vertrag von
            Hand eintragen?
        """),
        type="question", product="PowerHaus", topic="Serienbriefe", cc=["skoch"],
        tags=["indexmiete", "vorlagen"],
        steps=[
            ("+0d 11:40", "skoch", "comment",
             "Ergänzung: Es geht um 63 Indexmietverträge in fünf Objekten, überwiegend Gewerbe in "
             "der Lindenallee 12."),
        ],
    ),
    dict(
        key="etv-hybrid", at="2026-11-18 11:00", by="fjensen",
        subject="Hybride Eigentümerversammlung: Online-Teilnahme und Abstimmung",
        text=T("""
            Hallo,

            nach § 23 Abs. 1a WEG können Eigentümer online an der Versammlung teilnehmen, wenn die
            Gemeinschaft das beschlossen hat. Drei unserer WEGs haben das beschlossen. Wir wünschen
            uns in Karthago eine Anwesenheitsliste, in der Online-Teilnehmer erfasst werden, und
            eine Abstimmung, die Präsenz- und Online-Stimmen zusammenführt.
        """),
        type="feature", priority="low", product="Karthago", topic="WEG-Verwaltung",
        tags=["feature-request", "eigentuemerversammlung"],
        steps=[
            ("+0d 11:20", "req", "comment",
             "Ergänzung: Die Stimmen müssen je nach Teilungserklärung nach MEA oder nach Köpfen "
             "ausgewertet werden können."),
        ],
    ),
    dict(
        key="kautionszinsen", at="2026-11-19 09:10", by="mbecker",
        subject="Mietkautionskonten: Zinsgutschrift 2026 richtig buchen",
        text=T("""
            Guten Tag,

            für die Mietkautionen (Treuhand-Sammelkonto) schreibt die Bank die Zinsen für 2026 Ende
            Dezember gut. Wie verteilen wir die Zinsen in Wodis Yuneo anteilig auf die einzelnen
            Kautionen, und wie wird die Kapitalertragsteuer berücksichtigt?
        """),
        type="question", product="Wodis Yuneo", topic="Buchhaltung", tags=["kaution"],
        steps=[
            ("+0d 09:40", "req", "comment",
             "Nachtrag: Es geht um rund 1.900 Kautionen auf einem Sammelkonto bei der Sparkasse "
             "KölnBonn."),
        ],
    ),
    dict(
        key="funkzaehler-gohlis", at="2026-11-19 10:30", by="rneumann",
        subject="Funkwasserzähler in der Gohliser Straße 12 senden keine Werte",
        text=T("""
            Guten Tag,

            seit dem Austausch der Wasserzähler im September kommen aus der Gohliser Straße 12 keine
            Funkwerte mehr in PowerHaus an. Im Monatsbericht für Oktober stehen alle 18 Einheiten
            auf „kein Wert“. Die unterjährige Verbrauchsinformation muss aber monatlich an die
            Bewohner gehen.
        """),
        type="incident", product="PowerHaus", topic="Verbrauchserfassung", category="Wasser",
        property="Gohliser Straße 12", cc=["crichter"], tags=["funkzaehler", "uvi"],
        steps=[
            ("+0d 11:05", "crichter", "comment",
             "Die Nummern der neuen Zähler haben wir am 30.09. in den Einheiten eingetragen – "
             "vielleicht fehlt noch die Zuordnung zum Funk-Gateway?"),
        ],
    ),
    dict(
        key="sonderumlage-dach", at="2026-11-19 13:40", by="hkrause",
        subject="Sonderumlage Dachsanierung: Zahlungsaufforderung nicht erhalten",
        text=T("""
            Guten Tag,

            in der Eigentümerversammlung vom 22.10. wurde eine Sonderumlage für die Dachsanierung
            beschlossen, fällig zum 01.12. Ich habe bisher keine Zahlungsaufforderung mit meinem
            Anteil bekommen, weder per Post noch im Portal. Wie hoch ist mein Anteil (Wohnung 7,
            84,12/1000 MEA)?
        """),
        type="question", product="Karthago", topic="WEG-Verwaltung", property="Elbchaussee 140",
        cc=["fjensen"], tags=["sonderumlage", "weg"],
        steps=[
            ("+0d 16:05", "req", "comment",
             "Nachtrag: Bitte senden Sie die Zahlungsaufforderung an meine neue Anschrift: "
             "Parkallee 3, 20144 Hamburg."),
        ],
    ),
    dict(
        # Taken on the phone by an agent for the tenant (--requester).
        key="briefkastenschluessel", at="2026-11-19 15:20", by="julia", requester="kwojcik",
        subject="Telefonnotiz: Briefkastenschlüssel verloren – Ersatz gewünscht",
        text=T("""
            Frau Wójcik (Am Stadtpark 5, 2. OG rechts) hat angerufen: Sie hat ihren
            Briefkastenschlüssel verloren und bittet um einen Ersatzschlüssel bzw. den Austausch des
            Briefkastenschlosses. Die Kosten trägt die Mieterin, das ist ihr bekannt. Rückruf
            erbeten unter 0176 55501234.
        """),
        type="question", category="Schließanlage", property="Am Stadtpark 5",
        tags=["telefon", "schluessel"],
        steps=[
            ("+0d 18:10", "req", "comment",
             "Ich habe noch einen Zweitschlüssel gefunden. Bitte tauschen Sie das Schloss trotzdem "
             "aus, ich weiß nicht, wo der Schlüssel verloren gegangen ist."),
        ],
    ),
    dict(
        key="aufzug-deutz", at="2026-11-19 18:25", by="jlehmann",
        subject="Aufzug macht beim Anfahren laute Schleifgeräusche",
        text=T("""
            Guten Abend,

            der Aufzug in der Deutzer Freiheit 30 macht seit zwei Tagen beim Anfahren und Bremsen
            ein lautes Schleifgeräusch, und die Kabine ruckelt im 5. OG deutlich. Einige Nachbarn
            nehmen schon lieber die Treppe.
        """),
        type="incident", category="Aufzug", property="Deutzer Freiheit 30", public=True,
        tags=["aufzug"],
        steps=[
            ("+0d 21:10", "req", "comment",
             "Nachtrag: Eben ist der Aufzug zwischen EG und 1. OG kurz stehen geblieben und dann "
             "weitergefahren."),
        ],
    ),
]


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

class CommandFailed(RuntimeError):
    pass


def email(key):
    return PEOPLE[key][0]


def signed(who, text):
    """A message as its author writes it: text, closing line, name, function."""
    _, name, closing, function = PEOPLE[who]
    return "\n".join([text, "", closing, name] + ([function] if function else []))


def utc_offset_hours(local):
    """Germany: CEST (+2) from the last Sunday of March, 02:00, to the last
    Sunday of October, 03:00; CET (+1) otherwise."""
    def last_sunday(month):
        d = dt.datetime(local.year, month, 31)
        return d - dt.timedelta(days=(d.weekday() + 1) % 7)
    summer_from = last_sunday(3).replace(hour=2)
    summer_until = last_sunday(10).replace(hour=3)
    return 2 if summer_from <= local < summer_until else 1


def to_utc(local):
    return local - dt.timedelta(hours=utc_offset_hours(local))


def local_time(text):
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


def step_time(base, when):
    """"+Nd HH:MM": N working days after base's day, at HH:MM (local)."""
    m = re.fullmatch(r"\+(\d+)d (\d\d):(\d\d)", when)
    if not m:
        raise ValueError(f"bad step time {when!r} (want '+Nd HH:MM')")
    day = base.date()
    for _ in range(int(m.group(1))):
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(int(m.group(2)), int(m.group(3))))


def plan():
    """All calls in time order: (utc instant, actor key, ticket key, action, args)."""
    calls = []

    def add(local, who, key, action, *args):
        if who not in PEOPLE:
            raise ValueError(f"{key}: unknown person {who!r}")
        calls.append((to_utc(local), len(calls), who, key, action, args))

    def add_steps(key, requester, base, steps):
        last = base
        for step in steps:
            when, who, action, *args = step
            at = step_time(base, when)
            if at < last:
                raise ValueError(f"{key}: step {step[:3]} at {at} is before the previous one")
            last = at
            who = requester if who == "req" else who
            if action == "followup":
                text, follow_up = args
                add(at, who, key, "followup", text, follow_up["key"])
                add_steps(follow_up["key"], requester, at, follow_up["steps"])
            else:
                add(at, who, key, action, *args)

    keys = set()
    for t in TICKETS:
        if t["key"] in keys:
            raise ValueError(f"duplicate ticket key {t['key']}")
        keys.add(t["key"])
        at = local_time(t["at"])
        add(at, t["by"], t["key"], "new", t)
        add_steps(t["key"], t.get("requester", t["by"]), at, t["steps"])

    calls.sort(key=lambda c: (c[0], c[1]))
    # Strictly increasing instants: two steps in the same minute get one second apart.
    out, previous = [], None
    for at, _, who, key, action, args in calls:
        if previous is not None and at <= previous:
            at = previous + dt.timedelta(seconds=1)
        previous = at
        out.append((at, who, key, action, args))
    start, end = to_utc(local_time(START)), to_utc(local_time(END))
    if out[0][0] <= start or out[-1][0] >= end:
        raise ValueError(f"the steps must lie between {START} and {END} (local time)")
    return out


def iso(instant):
    return instant.strftime("%Y-%m-%dT%H:%M:%SZ")


class Tickets:
    """Runs the tickets binary against one store, as someone, at some instant."""

    def __init__(self, binary, store):
        self.binary, self.store = binary, store
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("TICKETS_") or k == "TICKETS_NOW"}
        # Keep the user's own config out of the demo (priorities, user.email ...).
        self.env["XDG_CONFIG_HOME"] = str(Path(store) / ".demo-xdg" / "config")
        self.env["XDG_DATA_HOME"] = str(Path(store) / ".demo-xdg" / "data")
        self.calls = 0

    def __call__(self, instant, who, *args):
        cmd = [self.binary, "-C", self.store, "--as", email(who), *args]
        env = dict(self.env, TICKETS_NOW=iso(instant))
        p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, text=True)
        self.calls += 1
        if p.returncode != 0:
            raise CommandFailed(
                f"command failed (exit code {p.returncode}):\n"
                f"  TICKETS_NOW={env['TICKETS_NOW']} {shlex.join(cmd)}\n"
                f"  stderr: {p.stderr.strip() or '(empty)'}\n"
                f"  stdout: {p.stdout.strip() or '(empty)'}")
        return p.stdout


def short_id(stdout, what):
    ids = re.findall(r"\b[0-9a-f]{7,64}\b", stdout)
    if not ids:
        raise CommandFailed(f"{what}: expected a ticket id on stdout, got {stdout!r}")
    return ids[-1]


def new_args(t, ids):
    args = ["new", t["subject"], "-m", signed(t["by"], t["text"]), "--type", t["type"]]
    for option in ("priority", "product", "topic", "category", "property"):
        if t.get(option):
            args += [f"--{option}", t[option]]
    for cc in t.get("cc", []):
        args += ["--cc", email(cc)]
    for tag in t.get("tags", []):
        args += ["--tag", tag]
    if t.get("requester"):
        args += ["--requester", email(t["requester"])]
    if t.get("public"):
        args.append("--public")
    elif t.get("private"):
        args.append("--private")
    return args


def with_ids(text, ids):
    return re.sub(r"\[\[([\w-]+)\]\]", lambda m: ids[m.group(1)], text)


def run(calls, tickets):
    ids = {}
    for at, who, key, action, args in calls:
        if action == "new":
            ids[key] = short_id(tickets(at, who, *new_args(args[0], ids)), f"new {key}")
            continue
        tid = ids[key]
        if action == "assign":
            tickets(at, who, "assign", tid, email(args[0]))
        elif action == "comment":
            tickets(at, who, "comment", tid, "-m", signed(who, with_ids(args[0], ids)))
        elif action == "note":
            tickets(at, who, "comment", tid, "-m", with_ids(args[0], ids), "--internal")
        elif action == "followup":
            text, follow_up = args
            out = tickets(at, who, "comment", tid, "-m", signed(who, text))
            ids[follow_up] = short_id(out, f"follow-up of {key}")
        elif action == "status":
            tickets(at, who, "status", tid, args[0])
        elif action in ("escalate", "resolve"):
            tickets(at, who, action, tid, "-m", args[0])
        elif action in ("reopen", "close", "delete"):
            tickets(at, who, action, tid)
        elif action == "rate":
            tickets(at, who, "rate", tid, args[0], *(["--reason", args[1]] if len(args) > 1 else []))
        else:
            raise ValueError(f"{key}: unknown action {action!r}")
    return ids


def summarise(jsonl):
    """Per status: tickets, public comments and internal notes (from the events),
    and the CLI's comment_count (which also counts solutions and escalations)."""
    rows = {}
    deleted = follow_ups = rated = escalated = 0
    for line in jsonl.splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        t = record.get("ticket", record)
        events = [e for e in record.get("events", []) if e.get("type") == "comment"]
        notes = sum(1 for e in events if e.get("payload", {}).get("internal"))
        row = rows.setdefault(t.get("status", "?"), [0, 0, 0, 0])
        for i, n in enumerate((1, len(events) - notes, notes, t.get("comment_count", 0))):
            row[i] += n
        deleted += bool(t.get("deleted"))
        follow_ups += bool(t.get("follow_up_of"))
        rated += bool(t.get("satisfaction"))
        escalated += bool(t.get("escalated"))
    lines = [f"  {'status':8} {'tickets':>7} {'comments':>8} {'notes':>5} {'comment_count':>13}"]
    for status in ("new", "open", "pending", "hold", "solved", "closed", "?"):
        if status in rows:
            lines.append(f"  {status:8} " + " ".join(f"{n:{w}}" for n, w in
                                                     zip(rows[status], (7, 8, 5, 13))))
    lines.append(f"  deleted {deleted}, follow-ups {follow_ups}, rated {rated}, "
                 f"escalated {escalated}")
    return "\n".join(lines)


def main(argv):
    if len(argv) == 2 and argv[1] == "--dry-run":
        for at, who, key, action, args in plan():
            print(iso(at), f"{who:10}", f"{action:9}", key)
        return 0
    if len(argv) not in (3, 4):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    binary, store = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    demo = Path(argv[3]) if len(argv) == 4 else Path(__file__).resolve().parent / "demo.jsonl"
    if os.path.exists(os.path.join(store, ".tickets")):
        print(f"{store} already holds a ticket store; give an empty or new directory",
              file=sys.stderr)
        return 2
    calls = plan()
    os.makedirs(store, exist_ok=True)
    tickets = Tickets(binary, store)
    start = to_utc(local_time(START))
    try:
        tickets(start, ADMIN, "init")
        for n, (domain, name) in enumerate(ORGANISATIONS.items(), 1):
            tickets(start + dt.timedelta(minutes=n), ADMIN,
                    "config", "set", f"domains.{domain}", name)
        run(calls, tickets)
        exported = tickets(calls[-1][0] + dt.timedelta(minutes=5), ADMIN,
                           "export", "--format", "jsonl")
    except (CommandFailed, OSError) as e:
        print(f"make_demo: {e}", file=sys.stderr)
        return 1
    demo.write_text(exported, encoding="utf-8")
    print(f"make_demo: {tickets.calls} calls, store in {store}, export in {demo}", file=sys.stderr)
    print(summarise(exported), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
